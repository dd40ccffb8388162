import { Inject, Injectable } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { PhoneStatus } from '@trustsim/domain';
import type { EventStore, RecordedEvent } from '@trustsim/event-store';
import { streamName } from '../engine/streams';
import type { RunStarted } from '../projections/fold-run';
import { readRunFrames, segmentCounts, STATUS_CODES, type PhoneSegment, type RunFrames } from '../projections/run-frames';
import { RunReader } from '../projections/run-reader';
import type { ExpectationResult } from '../run/expectation-result';
import type { TimelineEntry } from '../run/run-events';
import type { RunSetup } from '../run/run-setup';
import { EVENT_STORE } from '../tokens';

/*
 * The studio's reads of a stored run, sized for a browser and 40,000 phones: the run's outline (what it
 * rehearsed and its timeline, from its own stream alone), its phone order (given once), and every
 * phone's status after a step as one character per phone (folded from the log, once per run).
 */

/** What a run rehearsed and how far it got: its own stream only, no fold. */
export class RunOutlineQuery {
  constructor(readonly run: string) {}
}

/** Every phone's status and every group's counts after a step (1-based; 0 = installed; none: as the run ended or stands). */
export class RunStateQuery {
  constructor(
    readonly run: string,
    readonly at?: number,
  ) {}
}

/** The run's phones in the order `RunStateQuery` gives their statuses, and its groups as ranges of that order. */
export class RunPhoneOrderQuery {
  constructor(readonly run: string) {}
}

/** A step asked for that the run has not stored (it stopped earlier, or is still running). */
export class StepOutOfRangeError extends RangeError {}

export interface RunOutline {
  run_id: string;
  scenario: string;
  title: string | null;
  file: string;
  seed: number;
  start: string;
  assumptions: Record<string, string | boolean>;
  setup: RunSetup;
  steps: { kind: string; text: string }[];
  forked_from: { run: string; after_step: number } | null;
  /** Install, each step stored so far, the settling at the end; a fork's starts with its source's up to the fork point. */
  timeline: TimelineEntry[];
  expectations: ExpectationResult[];
  completed: boolean;
  /** Null while the run has not completed. */
  passed: boolean | null;
  /** The last step stored (1-based; 0 = installed). */
  reached: number;
}

export interface CompactRunState {
  run_id: string;
  /** The step asked for (1-based; 0 = installed), or null for the state as the run ended (or stands). */
  at: number | null;
  /** The timeline entry the state stands after. */
  entry: TimelineEntry;
  /** Index of that entry in the run's timeline (the scrubber's position). */
  frame: number;
  frames: number;
  /** What each character of `statuses` means. */
  codes: Record<string, PhoneStatus>;
  /** One character per phone, in the order of RunPhoneOrderQuery. */
  statuses: string;
  groups: (PhoneSegment & { counts: Record<PhoneStatus, number> })[];
}

export interface RunPhoneOrder {
  run_id: string;
  phones: readonly string[];
  groups: readonly PhoneSegment[];
}

/**
 * The frames of the runs read lately. A stored run's frames never change once it has completed; one
 * still running (a training session, a run in progress) is folded again when its own stream has grown.
 */
@Injectable()
export class RunFramesCache {
  private readonly entries = new Map<string, { length: number; frames: Promise<RunFrames> }>();
  private static readonly KEPT = 4;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async get(runId: string): Promise<RunFrames> {
    const length = (await this.store.readStream(streamName('run', runId))).length;
    const cached = this.entries.get(runId);
    if (cached && cached.length === length) {
      // Most recently used last.
      this.entries.delete(runId);
      this.entries.set(runId, cached);
      return cached.frames;
    }
    const frames = readRunFrames(this.store, runId, (base) => this.get(base));
    this.entries.set(runId, { length, frames });
    frames.catch(() => this.entries.delete(runId));
    while (this.entries.size > RunFramesCache.KEPT) this.entries.delete(this.entries.keys().next().value!);
    return frames;
  }
}

/**
 * A run id as given: a whole id is looked up by its own stream (one indexed read), a prefix through the
 * list of runs (a pass over the log), so the studio's frequent reads of one run stay cheap on a big store.
 */
async function resolveRun(reader: RunReader, store: EventStore, id: string): Promise<string> {
  if (/^[0-9a-z_-]{8,64}$/i.test(id) && (await store.readStream(streamName('run', id))).length > 0) return id;
  return reader.runs.resolve(id);
}

@QueryHandler(RunOutlineQuery)
export class RunOutlineHandler implements IQueryHandler<RunOutlineQuery, RunOutline> {
  constructor(
    private readonly reader: RunReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(query: RunOutlineQuery): Promise<RunOutline> {
    return this.outline(await resolveRun(this.reader, this.store, query.run));
  }

  private async outline(runId: string): Promise<RunOutline> {
    const own: RecordedEvent[] = await this.store.readStream(streamName('run', runId));
    const started = own[0].data as RunStarted;
    const fork = started.forkedFrom;
    const base = fork ? await this.outline(fork.run) : undefined;
    const timeline = [...(base?.timeline.slice(0, fork!.afterStep + 1) ?? []), ...own.filter((e) => e.type === 'StepCompleted').map((e) => e.data as TimelineEntry)];
    const expectations = [...(base?.expectations.filter((e) => e.step !== undefined && e.step < fork!.afterStep) ?? []), ...own.filter((e) => e.type === 'ExpectationChecked').map((e) => e.data as ExpectationResult)];
    const done = own.find((e) => e.type === 'RunCompleted');
    return {
      run_id: runId,
      scenario: started.scenario,
      title: started.title,
      file: started.file,
      seed: started.seed,
      start: started.start,
      assumptions: started.assumptions,
      setup: started.setup,
      steps: started.steps.map(({ kind, text }) => ({ kind, text })),
      forked_from: fork ? { run: fork.run, after_step: fork.afterStep } : null,
      timeline,
      expectations,
      completed: done !== undefined,
      passed: done ? Boolean((done.data as { passed: boolean }).passed) : null,
      reached: timeline.filter((t) => typeof t.step === 'number').length,
    };
  }
}

@QueryHandler(RunStateQuery)
export class RunStateHandler implements IQueryHandler<RunStateQuery, CompactRunState> {
  constructor(
    private readonly reader: RunReader,
    private readonly cache: RunFramesCache,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(query: RunStateQuery): Promise<CompactRunState> {
    const runId = await resolveRun(this.reader, this.store, query.run);
    const { frames, segments } = await this.cache.get(runId);
    const index = query.at === undefined ? frames.length - 1 : frames.findIndex((f) => f.entry.step === (query.at === 0 ? 'install' : query.at! - 1));
    if (index < 0) {
      const reached = frames.filter((f) => typeof f.entry.step === 'number').length;
      throw new StepOutOfRangeError(`run ${runId} has no step ${query.at}: it stored steps 0 (installed) to ${reached}`);
    }
    const frame = frames[index];
    const counts = segmentCounts(frame.statuses, segments);
    return {
      run_id: runId,
      at: query.at ?? null,
      entry: frame.entry,
      frame: index,
      frames: frames.length,
      codes: Object.fromEntries(Object.entries(STATUS_CODES).map(([status, code]) => [code, status as PhoneStatus])),
      statuses: frame.statuses,
      groups: segments.map((s, i) => ({ ...s, counts: counts[i] })),
    };
  }
}

@QueryHandler(RunPhoneOrderQuery)
export class RunPhoneOrderHandler implements IQueryHandler<RunPhoneOrderQuery, RunPhoneOrder> {
  constructor(
    private readonly reader: RunReader,
    private readonly cache: RunFramesCache,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(query: RunPhoneOrderQuery): Promise<RunPhoneOrder> {
    const runId = await resolveRun(this.reader, this.store, query.run);
    const { phones, segments } = await this.cache.get(runId);
    return { run_id: runId, phones, groups: segments };
  }
}

export const RUN_STATE_HANDLERS = [RunFramesCache, RunOutlineHandler, RunStateHandler, RunPhoneOrderHandler];
