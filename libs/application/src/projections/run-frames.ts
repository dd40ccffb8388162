import type { PhoneStatus } from '@trustsim/domain';
import type { EventStore } from '@trustsim/event-store';
import { STATUS_CODES, STATUSES } from '../engine/phone-fleet';
import { framesStream, streamName } from '../engine/streams';
import type { StepFrameData } from '../run/run-events';
import type { TimelineEntry } from '../run/run-events';
import { foldRun, type FoldedRun } from './fold-run';
import { RunView } from './run-view';

export { STATUS_CODES };

/** A run of consecutive phones of one group, in the run's phone order. */
export interface PhoneSegment {
  cluster: string;
  group: string;
  model: string;
  /** Position of the segment's first phone in the run's phone order. */
  first: number;
  count: number;
}

/** The state of every phone after one entry of the timeline (install, a step, the settling at the end). */
export interface RunFrame {
  entry: TimelineEntry;
  /** `STATUS_CODES` of every phone, in the run's phone order. */
  statuses: string;
}

/** Every state a run passed through, folded once from its log: what the studio's scrubber moves over. */
export interface RunFrames {
  runId: string;
  /** Phone names in the run's order (the order they were provisioned in, which is the scenario's). */
  phones: readonly string[];
  segments: readonly PhoneSegment[];
  frames: readonly RunFrame[];
}

/**
 * Folds a stored run once and keeps, after each StepCompleted, every phone's status as one character:
 * the state after step N for every N, from the same fold `show --at` uses (foldRun's `onStep`), at a
 * size a browser can take for 40,000 phones. A fork's frames before its fork point are those of the run
 * it was forked from (its fold starts from that run's state there, so they are the same states).
 */
export async function foldRunFrames(store: EventStore, runId: string, base?: (run: string) => Promise<RunFrames>): Promise<RunFrames> {
  const own: RunFrame[] = [];
  const folded = await foldRun(store, runId, {
    onStep: (entry, run) => own.push({ entry: entry as TimelineEntry, statuses: statusString(run) }),
  });
  const fork = folded.started.forkedFrom;
  const inherited = fork ? (await (base ?? ((r: string) => foldRunFrames(store, r)))(fork.run)).frames.slice(0, fork.afterStep + 1) : [];
  return { runId, phones: folded.phones.map((p) => p.name), segments: segmentsOf(folded), frames: [...inherited, ...own] };
}

/**
 * The run's frames as the run recorded them beside its steps (a `StepFrame` on its frames stream per
 * StepCompleted): two indexed stream reads instead of a fold of the whole log. They are a cache of the
 * fold — the rehearsal records what its live state, which equals the fold, shows after each step, and a
 * test holds them equal to `foldRunFrames` for the whole library — so a run without them (stored before
 * they were recorded, or stopped before a step's frame) is folded.
 */
export async function readRunFrames(store: EventStore, runId: string, base?: (run: string) => Promise<RunFrames>): Promise<RunFrames> {
  const own = await store.readStream(streamName('run', runId));
  const steps = own.filter((e) => e.type === 'StepCompleted').map((e) => e.data as TimelineEntry);
  const recorded = (await store.readStream(framesStream(runId))).map((e) => e.data as StepFrameData);
  const started = own[0]?.data as { forkedFrom?: { run: string; afterStep: number } } | undefined;
  const fork = started?.forkedFrom;
  const inherited = fork ? await (base ?? ((r: string) => readRunFrames(store, r)))(fork.run) : undefined;
  const listing = inherited ?? recorded[0];
  const complete = recorded.length === steps.length && recorded.every((f, i) => f.step === steps[i].step) && listing?.phones !== undefined && listing.segments !== undefined;
  if (!complete) return foldRunFrames(store, runId, base);
  const frames = recorded.map((f, i) => ({ entry: steps[i], statuses: f.statuses }));
  return {
    runId,
    phones: listing.phones!,
    segments: listing.segments!,
    frames: [...(inherited ? inherited.frames.slice(0, fork!.afterStep + 1) : []), ...frames],
  };
}

/** Every phone's status now, one character each. */
export function statusString(run: FoldedRun): string {
  const view = new RunView({ states: run.states, artefacts: run.artefacts, phones: run.phones, assumptions: run.assumptions, epoch: Date.parse(run.started.start), seed: run.started.seed });
  const codes = view.outcomes().map((o) => STATUS_CODES[o.status]);
  return codes.join('');
}

/** The phone order cut into runs of one group (a scenario's groups are contiguous: one segment each). */
export function segmentsOf(run: { readonly phones: readonly Pick<FoldedRun['phones'][number], 'key'>[] }): PhoneSegment[] {
  const segments: PhoneSegment[] = [];
  run.phones.forEach((p, i) => {
    const last = segments[segments.length - 1];
    if (last && last.cluster === p.key.cluster && last.group === p.key.group) last.count++;
    else segments.push({ cluster: p.key.cluster, group: p.key.group, model: p.key.model, first: i, count: 1 });
  });
  return segments;
}

/** Phones per status in each segment of a frame. */
export function segmentCounts(statuses: string, segments: readonly PhoneSegment[]): Record<PhoneStatus, number>[] {
  const byCode = new Map(STATUSES.map((s) => [STATUS_CODES[s], s]));
  return segments.map((s) => {
    const counts = Object.fromEntries(STATUSES.map((st) => [st, 0])) as Record<PhoneStatus, number>;
    for (let i = s.first; i < s.first + s.count; i++) counts[byCode.get(statuses[i])!]++;
    return counts;
  });
}
