import type { ChapterNote, PhoneOutcome } from '@trustsim/domain';
import type { EventStore, RecordedEvent } from '@trustsim/event-store';
import type { ExpectationResult } from '../run/expectation-result';
import { refusalsOfTimeline, reportRefusals, type ReportedRefusal } from '../run/refusals';
import type { TimelineEntry } from '../run/run-events';
import type { TwinSetup } from '../run/run-setup';
import { RUN_FORMAT } from '../run/run-events';
import { foldRun, RunStarted, UnknownRunError, type FoldedRun } from './fold-run';
import { RunView } from './run-view';

/** A run read back from the event log: what `trustsim show` prints, without re-simulating. */
export interface StoredRun {
  runId: string;
  /** `twin`: the run rehearsed a twin of a real cluster (its keys minted by trustsim). */
  scenario: { name: string; title?: string; seed: number; twin?: TwinSetup };
  assumptions: Record<string, unknown>;
  timeline: TimelineEntry[];
  expectations: ExpectationResult[];
  outcomes: PhoneOutcome[];
  completed: boolean;
  passed: boolean;
  /** Events the run itself stored (a fork's own, not those of the run it started from). */
  events: number;
  forkedFrom?: { run: string; afterStep: number };
  /** What CUCM refused, step by step, and whether an expectation covered it. */
  refusals: ReportedRefusal[];
  /** `show --at`: the step the tables stand after (1-based; 0 = installed). */
  at?: number;
  /** A run that stopped before its end: the last step it completed (1-based; 0 = installed) and the one it was in. */
  incomplete?: { reached: number; during?: string };
  /** Where the chapter's blanket statement and the simulation disagree for this run (recorded when it settled). */
  chapterNotes?: ChapterNote[];
}

export interface RunListing {
  runId: string;
  scenario: string;
  seed: number;
  steps: number;
  completed: boolean;
  passed?: boolean;
  /** A fork: the run and step it started from. */
  forkedFrom?: { run: string; afterStep: number };
  /** Recorded by an older trustsim: listed, but its state cannot be folded. */
  legacy?: boolean;
}

type Data = Record<string, unknown>;

/** Runs live in the event log: one `run-<id>` stream each, and every aggregate's stream of the run beside it. */
export class StoredRuns {
  constructor(private readonly store: EventStore) {}

  async list(): Promise<RunListing[]> {
    const runs = new Map<string, RunListing>();
    for await (const e of this.store.readAll({ streamPrefix: 'run-' })) {
      const runId = e.stream.slice('run-'.length);
      const d = e.data as Data;
      if (e.type === 'RunStarted') {
        const fork = d.forkedFrom as RunListing['forkedFrom'];
        runs.set(runId, { runId, scenario: String(d.scenario), seed: Number(d.seed), steps: 0, completed: false, ...(fork ? { forkedFrom: fork } : {}), ...(d.format !== RUN_FORMAT ? { legacy: true } : {}) });
      }
      const run = runs.get(runId);
      if (!run) continue;
      if (e.type === 'StepCompleted' && typeof d.step === 'number') run.steps++;
      if (e.type === 'RunCompleted') {
        run.completed = true;
        run.passed = Boolean(d.passed);
      }
    }
    return [...runs.values()];
  }

  /** Accepts a unique prefix of a run id, as git does with commits. */
  async resolve(prefix: string): Promise<string> {
    const ids = (await this.list()).map((r) => r.runId).filter((id) => id.startsWith(prefix));
    if (ids.length === 1) return ids[0];
    throw new UnknownRunError(ids.length ? `run "${prefix}" is ambiguous: ${ids.join(', ')}` : `no run "${prefix}" in this store (see \`trustsim runs\`)`);
  }

  /**
   * A run's tables: after a step (`at`, folded from the log up to there), or as it ended. A completed
   * run's outcomes are the PhoneSettled events it stored; a run that stopped early is folded as far as it
   * got and says so.
   */
  async load(prefix: string, at?: number): Promise<StoredRun> {
    const runId = await this.resolve(prefix);
    const own = await this.store.readStream(`run-${runId}`);
    const started = own[0]?.data as RunStarted | undefined;
    const completed = own.some((e) => e.type === 'RunCompleted');
    if (started && started.format !== RUN_FORMAT) return this.legacy(runId, own, at);
    if (at === undefined && completed) return this.settled(runId, own);
    const folded = await foldRun(this.store, runId, at === undefined ? {} : { afterStep: at });
    return this.fromFold(folded, own, at);
  }

  /** A completed run as it ended: its own stream and its phones' PhoneSettled events. */
  private async settled(runId: string, own: RecordedEvent[]): Promise<StoredRun> {
    const started = own[0].data as RunStarted;
    const timeline = own.filter((e) => e.type === 'StepCompleted').map((e) => e.data as TimelineEntry);
    const expectations = own.filter((e) => e.type === 'ExpectationChecked').map((e) => e.data as ExpectationResult);
    const base = started.forkedFrom ? await this.baseTimeline(started.forkedFrom) : { timeline: [], expectations: [] };
    const passed = Boolean((own.find((e) => e.type === 'RunCompleted')!.data as Data).passed);
    const all = { timeline: [...base.timeline, ...timeline], expectations: [...base.expectations, ...expectations] };
    return {
      ...this.header(runId, started),
      ...all,
      refusals: refusalsOf(all),
      outcomes: await this.settledPhones(runId),
      completed: true,
      passed,
      events: ownEvents(started, timeline),
      chapterNotes: own.filter((e) => e.type === 'ChapterSaysOtherwise').map((e) => e.data as ChapterNote),
    };
  }

  /** A fork's timeline starts with the steps of the run it was forked from, up to the fork point. */
  private async baseTimeline(fork: { run: string; afterStep: number }): Promise<{ timeline: TimelineEntry[]; expectations: ExpectationResult[] }> {
    const folded = await foldRun(this.store, fork.run, { afterStep: fork.afterStep });
    return { timeline: folded.progress.timeline, expectations: folded.progress.expectations };
  }

  private fromFold(folded: FoldedRun, own: RecordedEvent[], at: number | undefined): StoredRun {
    const started = own[0].data as RunStarted;
    const view = new RunView({ states: folded.states, artefacts: folded.artefacts, phones: folded.phones, assumptions: folded.assumptions, epoch: Date.parse(started.start), seed: started.seed });
    const progress = folded.progress;
    const reached = progress.lastStep;
    const ownTimeline = progress.timeline.filter((t) => !started.forkedFrom || (typeof t.step === 'number' ? t.step >= started.forkedFrom.afterStep : t.step === 'settle'));
    const completed = progress.completed !== undefined;
    return {
      ...this.header(folded.runId, started),
      timeline: progress.timeline,
      expectations: progress.expectations,
      refusals: refusalsOf(progress),
      outcomes: view.outcomes(),
      // (a fold stops at the step asked: its timeline and expectations are those up to there)
      completed,
      passed: completed ? progress.completed!.passed : progress.expectations.every((e) => e.passed),
      events: ownEvents(started, ownTimeline),
      ...(at !== undefined ? { at } : {}),
      ...(progress.chapterNotes.length ? { chapterNotes: progress.chapterNotes } : {}),
      ...(!completed && at === undefined ? { incomplete: { reached, ...(started.steps[reached] ? { during: `step ${reached + 1} (${started.steps[reached].text})` } : {}) } } : {}),
    };
  }

  /** A run recorded before event format 2: its timeline and settled outcomes read as they were; no state to fold. */
  private async legacy(runId: string, own: RecordedEvent[], at: number | undefined): Promise<StoredRun> {
    if (at !== undefined) throw new UnknownRunError(`run ${runId} was recorded by an older trustsim (before event format ${RUN_FORMAT}): show --at needs its state, which this release cannot rebuild; re-run its scenario`);
    const d = own[0].data as Data;
    const timeline = own.filter((e) => e.type === 'StepCompleted').map((e) => e.data as TimelineEntry);
    const done = own.find((e) => e.type === 'RunCompleted');
    return {
      runId,
      scenario: { name: String(d.scenario), title: (d.title as string | null) ?? undefined, seed: Number(d.seed) },
      assumptions: (d.assumptions as Record<string, unknown>) ?? {},
      timeline,
      expectations: own.filter((e) => e.type === 'ExpectationChecked').map((e) => e.data as ExpectationResult),
      refusals: [],
      outcomes: await this.settledPhones(runId),
      completed: !!done,
      passed: Boolean((done?.data as Data | undefined)?.passed),
      events: timeline.reduce((n, t) => n + t.events, 0),
    };
  }

  private header(runId: string, started: RunStarted) {
    return {
      runId,
      scenario: { name: started.scenario, ...(started.title ? { title: started.title } : {}), seed: started.seed, ...(started.setup?.twin ? { twin: started.setup.twin } : {}) },
      assumptions: started.assumptions,
      ...(started.forkedFrom ? { forkedFrom: started.forkedFrom } : {}),
    };
  }

  private async settledPhones(runId: string): Promise<PhoneOutcome[]> {
    const prefix = `phone-${runId}.`;
    const outcomes: PhoneOutcome[] = [];
    for await (const e of this.store.readAll({ streamPrefix: prefix })) {
      if (e.type === 'PhoneSettled') outcomes.push({ name: e.stream.slice(prefix.length), ...(e.data as Omit<PhoneOutcome, 'name'>) });
    }
    return outcomes;
  }
}

/** What a run stored itself: each step counts its own batch; a fork's RunStarted is stored before its first step. */
function ownEvents(started: RunStarted, timeline: readonly TimelineEntry[]): number {
  return timeline.reduce((n, t) => n + t.events, 0) + (started.forkedFrom ? 1 : 0);
}

export interface RunDiff {
  a: string;
  b: string;
  /** Phones per change, most frequent first: "floor1: trusted → locked". */
  changes: { group: string; from: string; to: string; phones: string[] }[];
  unchanged: number;
  onlyInA: string[];
  onlyInB: string[];
}

const factsOf = (o: PhoneOutcome) =>
  `${o.status}${o.itl ? ` itl ${o.itl}` : ''}${o.itlSigner ? ` signer ${o.itlSigner.purpose} ${o.itlSigner.cluster}/${o.itlSigner.node} gen ${o.itlSigner.generation}` : ''}`;

/** The phones whose outcome differs between two runs, grouped and counted. */
export function diffRuns(a: StoredRun, b: StoredRun): RunDiff {
  const inB = new Map(b.outcomes.map((o) => [o.name, o]));
  const inA = new Set(a.outcomes.map((o) => o.name));
  const changes = new Map<string, RunDiff['changes'][number]>();
  let unchanged = 0;
  for (const oa of a.outcomes) {
    const ob = inB.get(oa.name);
    if (!ob) continue;
    const from = factsOf(oa);
    const to = factsOf(ob);
    if (from === to) {
      unchanged++;
      continue;
    }
    const key = `${oa.cluster}/${oa.group}|${from}|${to}`;
    let change = changes.get(key);
    if (!change) changes.set(key, (change = { group: `${oa.cluster}/${oa.group}`, from, to, phones: [] }));
    change.phones.push(oa.name);
  }
  return {
    a: a.runId,
    b: b.runId,
    changes: [...changes.values()].sort((x, y) => y.phones.length - x.phones.length),
    unchanged,
    onlyInA: a.outcomes.filter((o) => !inB.has(o.name)).map((o) => o.name),
    onlyInB: b.outcomes.filter((o) => !inA.has(o.name)).map((o) => o.name),
  };
}

function refusalsOf(run: { timeline: readonly TimelineEntry[]; expectations: readonly ExpectationResult[] }): ReportedRefusal[] {
  return reportRefusals(refusalsOfTimeline(run.timeline), run.expectations, run.timeline);
}
