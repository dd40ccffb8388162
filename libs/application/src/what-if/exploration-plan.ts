import { ASSUMPTIONS, type AssumptionDefinition } from '@trustsim/domain';
import type { AssumptionSet, Variant } from './assumption-variants';

const DEFINITIONS = (): AssumptionDefinition[] => Object.values(ASSUMPTIONS) as AssumptionDefinition[];

/** Every assumption at its default. */
export function defaultSet(): AssumptionSet {
  return Object.fromEntries(DEFINITIONS().map((d) => [d.name, d.default]));
}

/** Whether a run stands for a combination: the combination agrees with it on every assumption it consulted. */
export function covers(run: { assumptions: AssumptionSet; consulted: Iterable<string> }, combination: AssumptionSet): boolean {
  for (const name of run.consulted) if (combination[name] !== run.assumptions[name]) return false;
  return true;
}

/** A run the exploration makes, numbered in the order a one-at-a-time exploration makes them. */
export interface PlannedRun {
  index: number;
  assumptions: AssumptionSet;
}

interface Run extends PlannedRun {
  /** The partial set it was queued as (the assumptions not at their default). */
  set: AssumptionSet;
  /** Where it stood in the queue: what was still queued when it ran is what came after it. */
  position: number;
  /** What it has consulted so far (only grows): once it has read one the other combination differs on, it cannot stand for it. */
  consulted: Set<string>;
  started: boolean;
  variant?: Variant;
  /** It failed: the exploration ends with the runs going (exploreAssumptions). */
  abandoned?: boolean;
}

/**
 * The exploration of exploreAssumptions (assumption-variants.ts) as a plan that runs may be taken from
 * while others are still going, and that makes the very same runs in the very same order as running them
 * one at a time: the defaults first; then, from every run in its order, each assumption it consulted and
 * that its set leaves at the default, set to each other value; a queued set is run unless a run made
 * before it agrees with it on all that run consulted.
 *
 * Run one at a time, each queued set is decided with every earlier run finished. Here a set is decided as
 * soon as that is known: when a finished earlier run stands for it (skipped), or when every earlier run has
 * either finished without standing for it or already consulted an assumption the two differ on (it runs).
 * Until then it waits; so does every set after it, and so do the sets a run queues until every run before
 * it has finished and queued its own. Pure: the threads are the caller's (variant-workers.ts).
 */
export class ExplorationPlan {
  private readonly defaults = defaultSet();
  private readonly queue: AssumptionSet[] = [{}];
  private readonly seen = new Set<string>([setKey({})]);
  /** Queued sets before this one are decided. */
  private cursor = 0;
  private readonly runs: Run[] = [];
  /** Runs before this one are finished and their sets queued. */
  private committed = 0;

  constructor(private readonly onVariant?: (variant: Variant, index: number, known: number) => void) {}

  /** The runs decided and not started yet, in order (deciding as far as can be known now). */
  ready(): PlannedRun[] {
    this.decide();
    return this.runs.filter((r) => !r.started).map(({ index, assumptions }) => ({ index, assumptions }));
  }

  start(index: number): void {
    this.run(index).started = true;
  }

  /** What a run still going has consulted so far. */
  consulted(index: number, names: Iterable<string>): void {
    const run = this.run(index);
    for (const name of names) run.consulted.add(name);
  }

  /** A run is over; its own queued sets wait for every run before it. */
  finished(index: number, variant: Variant): void {
    const run = this.run(index);
    run.variant = variant;
    run.consulted = new Set(variant.consulted);
    for (; this.committed < this.runs.length && this.runs[this.committed].variant; this.committed++) this.commit(this.runs[this.committed]);
  }

  /** A run failed: it is no longer going, and nothing is queued from it. */
  abandoned(index: number): void {
    this.run(index).abandoned = true;
  }

  isRunning(index: number): boolean {
    const run = this.run(index);
    return run.started && !run.variant && !run.abandoned;
  }

  /** Every run is decided and finished. */
  get done(): boolean {
    this.decide();
    return this.cursor === this.queue.length && this.committed === this.runs.length;
  }

  /** How many runs are started and not finished. */
  get running(): number {
    return this.runs.filter((r) => this.isRunning(r.index)).length;
  }

  /** The runs' results in their order (once done). */
  variants(): Variant[] {
    return this.runs.map((r) => r.variant!);
  }

  private run(index: number): Run {
    const run = this.runs[index];
    if (!run) throw new RangeError(`no run ${index} in this exploration`);
    return run;
  }

  private decide(): void {
    while (this.cursor < this.queue.length) {
      const set = this.queue[this.cursor];
      const assumptions = { ...this.defaults, ...set };
      // A run already made agrees with these on all it consulted: this one would be the same run.
      if (this.runs.some((r) => r.variant && covers(r, assumptions))) {
        this.cursor++;
        continue;
      }
      // A run still going may yet turn out to stand for it: wait until it has read what tells them apart.
      if (this.runs.some((r) => !r.variant && covers(r, assumptions))) return;
      this.runs.push({ index: this.runs.length, assumptions, set, position: this.cursor, consulted: new Set(), started: false });
      this.cursor++;
    }
  }

  /** Queues the sets a finished run leads to, as the one-at-a-time exploration would have right after it ran. */
  private commit(run: Run): void {
    const variant = run.variant!;
    this.onVariant?.(variant, run.index, run.index + 1 + this.queue.length - run.position - 1);
    for (const name of variant.consulted) {
      if (name in run.set) continue;
      const def = DEFINITIONS().find((d) => d.name === name);
      for (const value of def?.values ?? []) {
        if (value === this.defaults[name]) continue;
        const next = { ...run.set, [name]: value };
        const key = setKey(next);
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        this.queue.push(next);
      }
    }
  }
}

/** A partial set of assumptions as a key, whatever order its names were set in. */
function setKey(set: AssumptionSet): string {
  return JSON.stringify(Object.entries(set).sort(([a], [b]) => a.localeCompare(b)));
}
