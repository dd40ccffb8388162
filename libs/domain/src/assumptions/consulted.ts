import { ASSUMPTIONS, type AssumptionName, type Assumptions } from './assumptions';

const RAW = Symbol('assumptions as set');
const CONSULTED = Symbol('assumptions consulted so far');

/** A run's assumptions, and the ones its rules have consulted so far. */
export interface ConsultedAssumptions {
  /** Hand these to the rules: every read of an assumption is noted. */
  readonly assumptions: Assumptions;
  /** The assumptions read so far, in the catalogue's order. */
  consulted(): AssumptionName[];
}

/**
 * Notes which assumptions a run's rules read. An outcome can depend only on the assumptions that were
 * read on the way to it (the rules are pure and the run deterministic), so `--all-assumptions` varies
 * those and no others: a scenario that never meets a reading is not run again under each of its values.
 */
export function consultation(assumptions: Assumptions): ConsultedAssumptions {
  const read = new Set<string>();
  const names = new Set<string>(Object.keys(ASSUMPTIONS));
  const proxy = new Proxy(assumptions, {
    get(target, key, receiver) {
      if (key === RAW) return target;
      if (key === CONSULTED) return consulted;
      if (typeof key === 'string' && names.has(key)) read.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
  const consulted = () => (Object.keys(ASSUMPTIONS) as AssumptionName[]).filter((n) => read.has(n));
  return { assumptions: proxy, consulted };
}

/**
 * What a run has consulted so far, asked of the assumptions its rules are handed (undefined when they are
 * not a consultation's). Only grows while the run goes on: `--all-assumptions` run on several threads
 * learns after each step that a run still going can no longer stand for some other combination.
 */
export function consultedSoFar(assumptions: Assumptions): AssumptionName[] | undefined {
  const consulted = Reflect.get(assumptions, CONSULTED) as (() => AssumptionName[]) | undefined;
  return consulted?.();
}

/**
 * An assumption's value read without counting as consulted: for a rule that prepares something the
 * reading changes (what a TVS loads), where the outcome only depends on it once a phone asks about the
 * one certificate concerned — the rule that answers the phone consults it then (`consult`).
 */
export function peek<K extends AssumptionName>(assumptions: Assumptions, name: K): Assumptions[K] {
  const raw = (Reflect.get(assumptions, RAW) ?? assumptions) as Assumptions;
  return raw[name];
}

/** Counts an assumption as consulted: the answer a phone is about to get depends on it. */
export function consult(assumptions: Assumptions, name: AssumptionName): void {
  void assumptions[name];
}
