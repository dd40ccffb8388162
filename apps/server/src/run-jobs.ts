import { BeforeApplicationShutdown, HttpException, HttpStatus, Inject, Injectable, MessageEvent, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, EventBus, ofType, QueryBus } from '@nestjs/cqrs';
import { randomBytes } from 'node:crypto';
import { defer, filter, map, merge, Observable, of, Subject, takeWhile } from 'rxjs';
import { ListRunsQuery, RehearsalStepStored, RunListing, RunPhoneOrderQuery, RunResult, RunScenarioCommand } from '@trustsim/application';
import { ScenarioError } from '@trustsim/scenarios';
import type { PreparedScenario, ScenarioSource } from './scenario-sources';
import { LIMITS, STUDIO_OPTIONS, type StudioOptions } from './studio-options';

export type JobState = { status: 'running' } | { status: 'completed'; passed: boolean } | { status: 'failed'; error: string; issues?: unknown[] };

interface Job {
  runId: string;
  scenario: string;
  source: ScenarioSource;
  state: JobState;
  done: Promise<RunResult>;
  /** Settles when the run has stored its first step (so it is readable) or has failed before that. */
  started: Promise<void>;
}

/** What a browser is told about a run, as server-sent events. */
export type ProgressEvent = { type: 'step'; data: { run_id: string; entry: RehearsalStepStored['entry'] } } | { type: 'completed'; data: { run_id: string; passed: boolean } } | { type: 'failed'; data: { run_id: string; error: string } };

/**
 * Runs started from the studio: each is a RunScenarioCommand on the CommandBus with a run id chosen
 * here, so the browser can follow it before it ends. Progress comes from the EventBus
 * (RehearsalStepStored, one per stored step) and the end from the command's result.
 */
@Injectable()
export class RunJobs implements BeforeApplicationShutdown, OnApplicationBootstrap {
  private readonly jobs = new Map<string, Job>();
  private readonly ended = new Subject<ProgressEvent>();

  constructor(
    private readonly commands: CommandBus,
    private readonly events: EventBus,
    private readonly queries: QueryBus,
    @Inject(STUDIO_OPTIONS) private readonly options: StudioOptions,
  ) {}

  /**
   * The run a user opens first is most often the latest: its frames are folded at start, in the
   * background, so its page does not wait for a fold of 40,000 phones (about a second) when opened.
   */
  onApplicationBootstrap(): void {
    if (this.options.warmLatestRun === false) return;
    setImmediate(() => {
      void (async () => {
        const runs: RunListing[] = await this.queries.execute(new ListRunsQuery());
        const latest = runs.filter((r) => r.completed && !r.legacy).pop();
        if (latest) await this.queries.execute(new RunPhoneOrderQuery(latest.runId));
      })().catch(() => undefined);
    });
  }

  start(prepared: PreparedScenario, options: { seed?: number; assumptions?: Record<string, string | boolean>; fork?: { run: string; afterStep: number }; beyondCucmLimits?: boolean }): Job {
    if ([...this.jobs.values()].filter((j) => j.state.status === 'running').length >= LIMITS.concurrentRuns) {
      prepared.dispose();
      throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: `${LIMITS.concurrentRuns} runs are already running; start this one when one has ended` }, HttpStatus.TOO_MANY_REQUESTS);
    }
    const runId = randomBytes(6).toString('hex');
    const { scenario } = prepared;
    const command = new RunScenarioCommand(scenario.file, { seed: options.seed, assumptions: options.assumptions, fork: options.fork, runId, beyondCucmLimits: options.beyondCucmLimits }, scenario);
    const job: Job = { runId, scenario: scenario.name, source: prepared.source, state: { status: 'running' }, done: undefined as never, started: undefined as never };
    let firstStep!: () => void;
    job.started = new Promise<void>((resolve) => (firstStep = resolve));
    const watching = this.events.pipe(ofType(RehearsalStepStored), filter((e) => e.runId === runId)).subscribe(() => {
      watching.unsubscribe();
      firstStep();
    });
    job.done = this.commands.execute<RunScenarioCommand, RunResult>(command).then(
      (result) => {
        job.state = { status: 'completed', passed: result.passed };
        this.ended.next({ type: 'completed', data: { run_id: runId, passed: result.passed } });
        // Fold its frames now, while nobody waits: the run page opens on them.
        void this.queries.execute(new RunPhoneOrderQuery(runId)).catch(() => undefined);
        return result;
      },
      (error: unknown) => {
        job.state = { status: 'failed', error: (error as Error).message, ...(error instanceof ScenarioError ? { issues: error.issues } : {}) };
        this.ended.next({ type: 'failed', data: { run_id: runId, error: (error as Error).message } });
        throw error;
      },
    );
    job.done
      .catch(() => undefined)
      .finally(() => {
        watching.unsubscribe();
        firstStep();
        prepared.dispose();
      });
    this.jobs.set(runId, job);
    return job;
  }

  job(runId: string): Job | undefined {
    return this.jobs.get(runId);
  }

  /** Where a run of this server came from; undefined for a run stored by another process. */
  source(runId: string): ScenarioSource | undefined {
    return this.jobs.get(runId)?.source;
  }

  /**
   * A run's progress: each step as it is stored, then its end. For a run that already ended (or was stored
   * by another process), `settled` says how it stands and the stream ends there.
   */
  progress(runId: string, settled: () => Promise<ProgressEvent | undefined>): Observable<MessageEvent> {
    const steps = this.events.pipe(
      ofType(RehearsalStepStored),
      filter((e) => e.runId === runId),
      map((e): ProgressEvent => ({ type: 'step', data: { run_id: runId, entry: e.entry } })),
    );
    const ends = this.ended.pipe(filter((e) => e.data.run_id === runId));
    // Decided when the browser subscribes, not when the route answers: a run may end in between.
    const source = defer((): Observable<ProgressEvent> => {
      const job = this.jobs.get(runId);
      if (job?.state.status === 'running') return merge(steps, ends);
      if (job?.state.status === 'completed') return of<ProgressEvent>({ type: 'completed', data: { run_id: runId, passed: job.state.passed } });
      if (job?.state.status === 'failed') return of<ProgressEvent>({ type: 'failed', data: { run_id: runId, error: job.state.error } });
      return new Observable<ProgressEvent>((subscriber) => {
        // A training run has no job: follow its steps; any other stored run: say how it stands.
        const sub = merge(steps, ends).subscribe(subscriber);
        settled().then(
          (e) => {
            if (e) {
              subscriber.next(e);
              subscriber.complete();
            }
          },
          (error: unknown) => subscriber.error(error),
        );
        return () => sub.unsubscribe();
      });
    });
    return source.pipe(
      takeWhile((e) => e.type === 'step', true),
      map((e): MessageEvent => ({ type: e.type, data: e.data })),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Runs in progress end (each step is one transaction) before the store closes.
    await Promise.allSettled([...this.jobs.values()].map((j) => j.done));
  }
}
