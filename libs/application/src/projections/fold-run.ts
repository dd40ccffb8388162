import { evolvePhone, NO_PHONE, resolveAssumptions, type Assumptions, type DomainEvent, type PhoneEvent, type PhoneState } from '@trustsim/domain';
import { readAllInPages, type EventStore, type RecordedEvent } from '@trustsim/event-store';
import { AggregateStates } from '../engine/aggregate-states';
import { Artefacts } from '../engine/artefacts';
import type { PhoneEntry } from '../engine/phone-fleet';
import { phoneFacts } from '../engine/phone-entries';
import { onePhoneStreams, ParsedStream, parseStream, runStreams, streamName } from '../engine/streams';
import { RUN_FORMAT, type RunEvent } from '../run/run-events';
import { RunProgress } from '../run/run-progress';
import type { RunSetup } from '../run/run-setup';

export class UnknownRunError extends RangeError {}

/** A run recorded by an older trustsim, whose events this release cannot fold into state. */
export class RunTooOldError extends RangeError {}

export type RunStarted = Extract<RunEvent, { type: 'RunStarted' }>['data'];

/**
 * A stored run folded back into state, up to a step or to where it stopped: every aggregate's state,
 * the artefacts its events carried, its phones, its own progress (timeline, expectations) and its event
 * counts. What every read — show, explain, diff, trust files, certificates, a fork — starts from.
 */
export interface FoldedRun {
  runId: string;
  started: RunStarted;
  setup: RunSetup;
  assumptions: Assumptions;
  progress: RunProgress;
  states: AggregateStates;
  artefacts: Artefacts;
  phones: PhoneEntry[];
  /** Events by type, up to where the fold stopped. */
  counts: Map<string, number>;
  /** Events folded, its own and (for a fork) those of the run it started from. */
  events: number;
}

export interface FoldOptions {
  /** Stop after this step (1-based; 0 = installed); the whole run without it. */
  afterStep?: number;
  /** Told the state after each step as the fold passes it (the fold-equals-live check). */
  onStep?: (entry: { step: number | 'install' | 'settle' }, folded: FoldedRun) => void;
  /** Fold only this phone of the run's phones (and every cluster-side stream): what `explain` needs. */
  phone?: string;
  /** Told every event folded, with its stream (what `explain` narrates). */
  onEvent?: (event: RecordedEvent, stream: ParsedStream) => void;
}

/**
 * Folds a stored run: its own stream first (what it is, where its steps end), then every event of its
 * streams in commit order through the aggregates' `evolve` — the same functions the live run used. A fork
 * starts from the fold of the run it forked, up to its fork point.
 */
export async function foldRun(store: EventStore, runId: string, options: FoldOptions = {}): Promise<FoldedRun> {
  const own = await store.readStream(streamName('run', runId));
  if (own.length === 0 || own[0].type !== 'RunStarted') throw new UnknownRunError(`no run "${runId}" in this store (see \`trustsim runs\`)`);
  const started = own[0].data as RunStarted;
  if ((started as { format?: number }).format !== RUN_FORMAT) {
    throw new RunTooOldError(`run ${runId} was recorded by an older trustsim (event format ${(started as { format?: number }).format ?? 1}); this release reads format ${RUN_FORMAT}: re-run its scenario to inspect its state`);
  }
  const fork = started.forkedFrom;
  if (fork && options.afterStep !== undefined && options.afterStep <= fork.afterStep) {
    return { ...(await foldRun(store, fork.run, { ...options, afterStep: options.afterStep })), runId };
  }
  // (after the fork case: a fork's own stream has no StepCompleted up to its fork point)
  const until = cutPosition(runId, own, options.afterStep) ?? endOfCompleteRun(own);
  const folded: FoldedRun = fork
    ? { ...(await foldRun(store, fork.run, { ...options, afterStep: fork.afterStep, onStep: undefined })), runId, started }
    : {
        runId,
        started,
        setup: started.setup,
        assumptions: resolveAssumptions(started.assumptions),
        progress: new RunProgress(),
        states: new AggregateStates(),
        artefacts: new Artefacts(),
        phones: [],
        counts: new Map(),
        events: 0,
      };
  folded.started = started;
  const fold = new Folder(folded, options.onEvent);
  fold.event(own[0]);
  const streams = options.phone ? onePhoneStreams(runId, options.phone) : runStreams(runId);
  for await (const page of readAllInPages(store, { after: own[0].position, to: until, streams })) {
    for (const e of page) {
      fold.event(e);
      if (e.type === 'StepCompleted' && options.onStep) options.onStep(e.data as { step: number | 'install' | 'settle' }, folded);
    }
  }
  return folded;
}

/** The position of the StepCompleted that ends step `afterStep` (0 = install), or undefined for the whole run. */
function cutPosition(runId: string, own: readonly RecordedEvent[], afterStep: number | undefined): string | undefined {
  if (afterStep === undefined) return undefined;
  const wanted = afterStep === 0 ? 'install' : afterStep - 1;
  const end = own.find((e) => e.type === 'StepCompleted' && (e.data as { step: unknown }).step === wanted);
  if (!end) {
    const reached = own.filter((e) => e.type === 'StepCompleted' && typeof (e.data as { step: unknown }).step === 'number').length;
    throw new UnknownRunError(`run ${runId} (${(own[0].data as RunStarted).scenario}) has no step ${afterStep}: it stored steps 0 (installed) to ${reached}`);
  }
  return end.position;
}

/**
 * Where a complete run's events end: its own stream goes last in every batch, so the last event of that
 * stream is the run's last. The fold stops there instead of scanning the later runs of the store. An
 * incomplete run has no such end: a step that failed may have stored parts after its own last event.
 */
function endOfCompleteRun(own: readonly RecordedEvent[]): string | undefined {
  return own.some((e) => e.type === 'RunCompleted') ? own[own.length - 1].position : undefined;
}

/** One pass over a run's events into a FoldedRun. */
class Folder {
  private readonly byName = new Map<string, number>();
  private readonly groups = new Map<string, PhoneEntry['facts']>();
  /**
   * Phones folded from the same state with the same event (the store hands out one value per distinct
   * payload) reach the same state: evolve once, share the result — as the live run shares them.
   */
  private readonly evolved = new Map<PhoneState, Map<string, Map<unknown, Map<number, PhoneState>>>>();
  private lastAt = { text: '', ms: 0 };
  /** The last stream name read, parsed, and its phone's position once looked up (parse, phoneIndex). */
  private last: { name: string; stream: ParsedStream | undefined; phone: number | undefined } = { name: '', stream: undefined, phone: undefined };

  constructor(
    private readonly run: FoldedRun,
    private readonly onEvent?: (event: RecordedEvent, stream: ParsedStream) => void,
  ) {
    run.phones.forEach((p, i) => this.byName.set(p.name, i));
    for (const c of run.setup.clusters) for (const g of c.phones) this.groups.set(`${c.name}/${g.group}`, phoneFacts(c.name, g));
  }

  event(e: RecordedEvent): void {
    const stream = this.parse(e.stream);
    if (!stream) return;
    const event: DomainEvent = { type: e.type, data: e.data };
    const meta = { at: this.time(e.metadata.at) };
    const run = this.run;
    this.onEvent?.(e, stream);
    run.counts.set(e.type, (run.counts.get(e.type) ?? 0) + 1);
    run.events++;
    switch (stream.category) {
      case 'run':
        run.progress.observe(event);
        return;
      case 'frames':
        return; // the run's own record of what its phones showed after each step: a cache of this fold
      case 'phone':
        this.phone(this.phoneIndex(stream, event), e, meta);
        return;
      case 'node':
        run.progress.observe(event, stream.id);
        break;
    }
    run.artefacts.observe(stream.category, stream.id, event);
    run.states.apply(stream.category, stream.id, event, meta);
  }

  private phone(index: number, e: RecordedEvent, meta: { at: number }): void {
    const states = this.run.states;
    const before = states.phones[index] ?? NO_PHONE;
    let byType = this.evolved.get(before);
    if (!byType) this.evolved.set(before, (byType = new Map()));
    // Payloads are shared per distinct text, so two event types can carry the same object ({}).
    let byData = byType.get(e.type);
    if (!byData) byType.set(e.type, (byData = new Map()));
    let byTime = byData.get(e.data);
    if (!byTime) byData.set(e.data, (byTime = new Map()));
    let after = byTime.get(meta.at);
    if (!after) byTime.set(meta.at, (after = evolvePhone(before, { type: e.type, data: e.data } as PhoneEvent, meta)));
    states.setPhone(index, after);
  }

  /** Event times repeat (an instant's events share one): parse each once. */
  private time(text: unknown): number {
    if (text !== this.lastAt.text) this.lastAt = { text: String(text), ms: Date.parse(String(text)) };
    return this.lastAt.ms;
  }

  /**
   * The stream's name read back. A phone's events of a step lie side by side in the log (its reset, its trust
   * list, its configuration, its registration), so the last name read is kept: the next event is most often
   * on the same stream, and one comparison then replaces the parsing and the lookup of its phone.
   */
  private parse(name: string): ParsedStream | undefined {
    if (name !== this.last.name) this.last = { name, stream: parseStream(name), phone: undefined };
    return this.last.stream;
  }

  /** A phone's position: the order phones were provisioned in, which is the scenario's. */
  private phoneIndex(stream: ParsedStream, event: DomainEvent): number {
    if (this.last.stream === stream && this.last.phone !== undefined) return this.last.phone;
    const index = this.lookUpPhone(stream.id, event);
    if (this.last.stream === stream) this.last.phone = index;
    return index;
  }

  private lookUpPhone(name: string, event: DomainEvent): number {
    let index = this.byName.get(name);
    if (index !== undefined) return index;
    if (event.type !== 'PhoneProvisioned') throw new Error(`phone ${name}: its stream does not start with PhoneProvisioned`);
    const d = event.data as { cluster: string; group: string; model: string };
    const facts = this.groups.get(`${d.cluster}/${d.group}`);
    if (!facts) throw new Error(`phone ${name}: group ${d.cluster}/${d.group} is not in the run's set-up`);
    index = this.run.phones.length;
    this.run.phones.push({ name, facts, key: { name, group: d.group, model: d.model, cluster: d.cluster }, stream: streamName('phone', this.run.runId, name) });
    this.byName.set(name, index);
    return index;
  }
}
