import { ASSUMPTIONS } from '@trustsim/domain';

type AssumptionValue = string | boolean;
import type { PhoneOutcome } from '@trustsim/domain';

export type AssumptionSet = Record<string, AssumptionValue>;

/** Every combination of every assumption's values (2^n for n yes/no assumptions), defaults first. */
export function assumptionCombinations(): AssumptionSet[] {
  let combos: AssumptionSet[] = [{}];
  for (const def of Object.values(ASSUMPTIONS)) {
    const values = [def.default, ...def.values.filter((v) => v !== def.default)];
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [def.name]: v })));
  }
  return combos;
}

export interface VariantSummary {
  assumptions: AssumptionSet;
  passed: boolean;
  failedExpectations: string[];
  /** Status counts per group, e.g. { 'hq/lobby': { trusted: 500 } }. */
  groups: Record<string, Record<string, number>>;
}

export function summarizeGroups(outcomes: readonly PhoneOutcome[]): Record<string, Record<string, number>> {
  const groups: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    const g = (groups[`${o.cluster}/${o.group}`] ??= {});
    g[o.status] = (g[o.status] ?? 0) + 1;
  }
  return groups;
}

export interface Dependency {
  group: string;
  assumption: string;
  /** The group's outcome under each value of the assumption (others at their defaults). */
  outcomes: { value: AssumptionValue; counts: Record<string, number> }[];
}

const key = (counts: Record<string, number>) => JSON.stringify(Object.entries(counts).sort());

/**
 * Which group outcomes change when one assumption changes and the others stay as they are, over every
 * combination: a rollout plan is safe under every reading only when this list is empty.
 */
export function dependencies(variants: readonly VariantSummary[]): Dependency[] {
  const found = new Map<string, Dependency>();
  const byAssumptions = new Map(variants.map((v) => [JSON.stringify(v.assumptions), v]));
  for (const v of variants) {
    for (const def of Object.values(ASSUMPTIONS)) {
      for (const other of def.values) {
        if (other === v.assumptions[def.name]) continue;
        const flipped = byAssumptions.get(JSON.stringify({ ...v.assumptions, [def.name]: other }));
        if (!flipped) continue;
        for (const group of Object.keys(v.groups)) {
          if (key(v.groups[group]) === key(flipped.groups[group] ?? {})) continue;
          const id = `${group}|${def.name}`;
          if (found.has(id)) continue;
          const defaults = variants[0].assumptions;
          const outcomes = def.values.map((value) => ({
            value,
            counts: (byAssumptions.get(JSON.stringify({ ...defaults, [def.name]: value })) ?? v).groups[group] ?? {},
          }));
          found.set(id, { group, assumption: def.name, outcomes });
        }
      }
    }
  }
  return [...found.values()];
}
