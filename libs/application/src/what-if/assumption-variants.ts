import { ASSUMPTIONS, type AssumptionDefinition, type PhoneOutcome } from '@trustsim/domain';
import { covers, defaultSet, ExplorationPlan } from './exploration-plan';

type AssumptionValue = string | boolean;

export type AssumptionSet = Record<string, AssumptionValue>;

const DEFINITIONS = (): AssumptionDefinition[] => Object.values(ASSUMPTIONS) as AssumptionDefinition[];

export { covers, defaultSet } from './exploration-plan';

/** How many combinations of every assumption's values there are (2^n for n yes/no assumptions). */
export function combinationCount(): number {
  return DEFINITIONS().reduce((n, d) => n * d.values.length, 1);
}

/** Every combination of every assumption's values, defaults first. */
export function assumptionCombinations(): AssumptionSet[] {
  let combos: AssumptionSet[] = [{}];
  for (const def of DEFINITIONS()) {
    const values = [def.default, ...def.values.filter((v) => v !== def.default)];
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [def.name]: v })));
  }
  return combos;
}

/** One run of a scenario under one set of assumptions: what came of it, and which assumptions its rules read. */
export interface VariantSummary {
  /** Every assumption's value in this run. */
  assumptions: AssumptionSet;
  /** The assumptions the run's rules read (the others cannot have changed anything in it). */
  consulted: string[];
  /** How many combinations of assumptions this run stands for: those agreeing with it on what it consulted (and not counted for an earlier run). */
  combinations: number;
  /** The assumptions whose value is the same in every combination this run stands for, with that value. */
  fixed: AssumptionSet;
  passed: boolean;
  failedExpectations: string[];
  /** Status counts per group, e.g. { 'hq/lobby': { trusted: 500 } }. */
  groups: Record<string, Record<string, number>>;
  /** The stored run (`trustsim show <run>`). */
  runId?: string;
}

export function summarizeGroups(outcomes: readonly PhoneOutcome[]): Record<string, Record<string, number>> {
  const groups: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    const g = (groups[`${o.cluster}/${o.group}`] ??= {});
    g[o.status] = (g[o.status] ?? 0) + 1;
  }
  return groups;
}

/** What one run under a set of assumptions tells the exploration. */
export type Variant = Omit<VariantSummary, 'combinations' | 'fixed'>;

/**
 * Runs a scenario's variant under these assumptions, telling `progress` what it has consulted so far as it
 * goes (each step, say): that lets the exploration start other runs sooner. Optional to call.
 */
export type VariantRunner = (assumptions: AssumptionSet, progress: (consultedSoFar: readonly string[]) => void) => Promise<Variant>;

/**
 * Runs a scenario under enough combinations of assumptions to know its outcome under every one of them,
 * without running them all. A run's outcome depends only on the assumptions its rules read (the rules are
 * pure, the run deterministic), so the defaults are run first, then each consulted assumption is set to
 * each of its other values in turn — and so on from every run, never setting one that run did not read.
 * Every combination then agrees, on what it consults, with one of the runs: the one it stands for.
 * With n yes/no assumptions of which a scenario consults k, this makes at most 2^k runs instead of 2^n.
 *
 * `concurrency` runs at a time (default one) makes the same runs, in the same order, with the same
 * `onVariant` calls, as one at a time (exploration-plan.ts). When runs fail, the exploration waits for the
 * runs already going to end and rejects with the error of the first failed run in that order.
 */
export async function exploreAssumptions(
  run: VariantRunner,
  onVariant?: (variant: Variant, index: number, known: number) => void,
  options: { concurrency?: number } = {},
): Promise<VariantSummary[]> {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const plan = new ExplorationPlan(onVariant);
  const failures = new Map<number, unknown>();
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      try {
        if (failures.size) {
          if (plan.running === 0) resolve();
          return;
        }
        if (plan.done) return resolve();
        for (const next of plan.ready()) {
          if (plan.running >= concurrency) break;
          plan.start(next.index);
          const progress = (names: readonly string[]) => {
            if (failures.size || !plan.isRunning(next.index)) return;
            plan.consulted(next.index, names);
            pump();
          };
          // From a later turn, so that a runner's progress never re-enters this loop.
          Promise.resolve()
            .then(() => run(next.assumptions, progress))
            .then(
              (variant) => plan.finished(next.index, variant),
              (error) => {
                failures.set(next.index, error);
                plan.abandoned(next.index);
              },
            )
            .then(pump, reject);
        }
      } catch (error) {
        // A bug in the plan (or onVariant throwing): never left hanging.
        reject(error);
      }
    };
    pump();
  });
  if (failures.size) throw failures.get(Math.min(...failures.keys()));
  return attributeCombinations(plan.variants());
}

/**
 * Each combination of assumptions goes to the first run that stands for it; each run learns how many it
 * stands for and which values they all share. Throws if one is left over (the exploration missed a reading).
 */
export function attributeCombinations(variants: readonly Variant[]): VariantSummary[] {
  const counts = variants.map(() => 0);
  const values = variants.map(() => new Map<string, Set<AssumptionValue>>());
  for (const combination of assumptionCombinations()) {
    const i = variants.findIndex((v) => covers(v, combination));
    if (i < 0) throw new Error(`no run stands for ${JSON.stringify(combination)}: the exploration of assumptions missed it`);
    counts[i]++;
    for (const [name, value] of Object.entries(combination)) {
      const seen = values[i].get(name) ?? new Set<AssumptionValue>();
      seen.add(value);
      values[i].set(name, seen);
    }
  }
  return variants.map((v, i) => ({
    ...v,
    combinations: counts[i],
    fixed: Object.fromEntries([...values[i]].filter(([, s]) => s.size === 1).map(([name, s]) => [name, [...s][0]])),
  }));
}

export interface Dependency {
  group: string;
  assumption: string;
  /** The group's outcome under each value of the assumption, the others at their defaults — or, where it makes no difference there, as in `when`. */
  outcomes: { value: AssumptionValue; counts: Record<string, number> }[];
  /** The other readings (not at their default) under which the assumption makes the difference shown; absent: every other at its default. */
  when?: AssumptionSet;
}

const countsKey = (counts: Record<string, number>) => JSON.stringify(Object.entries(counts).sort());

/**
 * Which group outcomes change when one assumption changes and the others stay as they are, over every
 * combination: a rollout plan is safe under every reading only when this list is empty. Only an
 * assumption a run consulted can change its outcome, so only those are flipped.
 */
export function dependencies(variants: readonly VariantSummary[]): Dependency[] {
  const found = new Map<string, Dependency>();
  const defs = DEFINITIONS();
  const defaults = defaultSet();
  const runFor = (combination: AssumptionSet) => variants.find((v) => covers(v, combination));
  for (const v of variants) {
    for (const name of v.consulted) {
      const def = defs.find((d) => d.name === name);
      for (const other of def?.values ?? []) {
        if (other === v.assumptions[name]) continue;
        const flipped = runFor({ ...v.assumptions, [name]: other });
        if (!flipped) continue;
        for (const group of Object.keys(v.groups)) {
          if (countsKey(v.groups[group]) === countsKey(flipped.groups[group] ?? {})) continue;
          const id = `${group}|${name}`;
          if (found.has(id)) continue;
          const under = (context: AssumptionSet) => def!.values.map((value) => ({ value, counts: (runFor({ ...context, [name]: value }) ?? v).groups[group] ?? {} }));
          const atDefaults = under(defaults);
          if (new Set(atDefaults.map((o) => countsKey(o.counts))).size > 1) {
            found.set(id, { group, assumption: name, outcomes: atDefaults });
            continue;
          }
          // The difference shows only beside other readings: say which.
          const when = Object.fromEntries(v.consulted.filter((n) => n !== name && v.assumptions[n] !== defaults[n]).map((n) => [n, v.assumptions[n]]));
          found.set(id, { group, assumption: name, outcomes: under(v.assumptions), when });
        }
      }
    }
  }
  // In the catalogue's order, then by group.
  const order = defs.map((d) => d.name);
  return [...found.values()].sort((a, b) => order.indexOf(a.assumption) - order.indexOf(b.assumption) || a.group.localeCompare(b.group));
}

/** The assumptions any run of the exploration consulted, in the catalogue's order. */
export function consultedByAny(variants: readonly Pick<VariantSummary, 'consulted'>[]): string[] {
  const any = new Set(variants.flatMap((v) => v.consulted));
  return DEFINITIONS()
    .map((d) => d.name)
    .filter((n) => any.has(n));
}
