import { EventStore, RecordedEvent } from '@trustsim/event-store';
import { ExpectationResult } from '../simulation/expectations';
import { PhoneOutcome } from '../simulation/outcomes';
import { TimelineEntry } from '../simulation/simulation';
import { Checkpoint } from '../simulation/checkpoint';

/** A run read back from the event log: what `trustsim show` prints, without re-simulating. */
export interface StoredRun {
  runId: string;
  scenario: { name: string; title?: string; seed: number };
  assumptions: Record<string, unknown>;
  timeline: TimelineEntry[];
  expectations: ExpectationResult[];
  outcomes: PhoneOutcome[];
  completed: boolean;
  passed: boolean;
  events: number;
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
}

type Data = Record<string, unknown>;

export class UnknownRunError extends RangeError {}

/** Runs live in the event log: one `run-<id>` stream each, and each phone's settled outcome in its own stream. */
export class StoredRuns {
  constructor(private readonly store: EventStore) {}

  async list(): Promise<RunListing[]> {
    const runs = new Map<string, RunListing>();
    for await (const e of this.store.readAll({ streamPrefix: 'run-' })) {
      const runId = e.stream.slice('run-'.length);
      const d = e.data as Data;
      if (e.type === 'RunStarted') {
        const fork = d.forkedFrom as RunListing['forkedFrom'];
        runs.set(runId, { runId, scenario: String(d.scenario), seed: Number(d.seed), steps: 0, completed: false, ...(fork ? { forkedFrom: fork } : {}) });
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

  /** The state a run checkpointed after a step (1-based; 0 = installed), for `run --fork <run>@<step>`. */
  async checkpoint(prefix: string, afterStep: number): Promise<{ runId: string; checkpoint: Checkpoint }> {
    const runId = await this.resolve(prefix);
    const steps: number[] = [];
    for (const e of await this.store.readStream(`checkpoint-${runId}`)) {
      const checkpoint = e.data as Checkpoint;
      if (checkpoint.afterStep === afterStep) return { runId, checkpoint };
      steps.push(checkpoint.afterStep);
    }
    const have = steps.length ? `it has checkpoints after steps ${steps.join(', ')} (0 = installed)` : 'it has no checkpoints (it was run with checkpoints off or by an older trustsim)';
    throw new UnknownRunError(`run ${runId} has no checkpoint after step ${afterStep}: ${have}`);
  }

  async load(prefix: string): Promise<StoredRun> {
    const runId = await this.resolve(prefix);
    const run: StoredRun = { runId, scenario: { name: '', seed: 0 }, assumptions: {}, timeline: [], expectations: [], outcomes: [], completed: false, passed: false, events: 0 };
    for (const e of await this.store.readStream(`run-${runId}`)) {
      const d = e.data as Data;
      if (e.type === 'RunStarted') {
        run.scenario = { name: String(d.scenario), title: (d.title as string | null) ?? undefined, seed: Number(d.seed) };
        run.assumptions = d.assumptions as Record<string, unknown>;
      } else if (e.type === 'StepCompleted') run.timeline.push(d as unknown as TimelineEntry);
      else if (e.type === 'ExpectationChecked') run.expectations.push(d as unknown as ExpectationResult);
      else if (e.type === 'RunCompleted') {
        run.completed = true;
        run.passed = Boolean(d.passed);
      }
    }
    run.outcomes = await this.settledPhones(runId);
    run.events = run.timeline.reduce((n, t) => n + t.events, 0);
    return run;
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

export type { RecordedEvent };
