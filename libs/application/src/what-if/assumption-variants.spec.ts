import fc from 'fast-check';
import { ASSUMPTIONS } from '@trustsim/domain';
import { assumptionCombinations, AssumptionSet, combinationCount, covers, defaultSet, dependencies, exploreAssumptions, Variant } from './assumption-variants';

/**
 * A stand-in for a scenario run: a pure function of the assumptions that, like the rules, reads some of
 * them — and which ones depends on what it read before (configSignatureFailure only once the replication
 * delay is not immediate).
 */
function fakeRun(assumptions: AssumptionSet): Variant {
  const consulted: string[] = [];
  const read = (name: string) => {
    if (!consulted.includes(name)) consulted.push(name);
    return assumptions[name];
  };
  let status = read('tvsVouchesForOwnItlRecovery') ? 'trusted' : 'locked';
  if (read('trustReplicationDelay') !== 'immediate' && read('configSignatureFailure') === 'unregistered') status = 'unregistered';
  return { assumptions, consulted, passed: status === 'locked', failedExpectations: [], groups: { 'hq/lobby': { [status]: 10 } } };
}

describe('running a scenario under every reading of the assumptions without running every combination', () => {
  it('[§16] every combination is attributed to a run that read what decides it, and gets that run\'s outcome', async () => {
    const variants = await exploreAssumptions(async (a) => fakeRun(a));
    // 2 values of the ITLRecovery reading × (immediate | 2 other delays × 2 config readings) = 2 × 5 distinct executions
    expect(variants).toHaveLength(10);
    expect(variants.reduce((n, v) => n + v.combinations, 0)).toBe(combinationCount());
    for (const combination of assumptionCombinations()) {
      const run = variants.find((v) => covers(v, combination))!;
      expect(run.groups).toEqual(fakeRun(combination).groups);
    }
  });

  it('[§16] runs the defaults first, and a scenario that consults nothing once', async () => {
    const variants = await exploreAssumptions(async (assumptions) => ({ assumptions, consulted: [], passed: true, failedExpectations: [], groups: {} }));
    expect(variants).toHaveLength(1);
    expect(variants[0]).toMatchObject({ assumptions: defaultSet(), combinations: combinationCount(), fixed: {} });
  });

  it('[§16] names the assumptions that change a group, with the outcome under each value, and no other', async () => {
    const deps = dependencies(await exploreAssumptions(async (a) => fakeRun(a)));
    expect(deps.map((d) => d.assumption)).toEqual(['tvsVouchesForOwnItlRecovery', 'configSignatureFailure', 'trustReplicationDelay']);
    expect(deps[0].outcomes).toEqual([
      { value: false, counts: { locked: 10 } },
      { value: true, counts: { trusted: 10 } },
    ]);
    expect(deps[0].when).toBeUndefined();
    // configSignatureFailure makes a difference only beside a replication delay: the dependency says so.
    expect(deps[1].when).toEqual({ trustReplicationDelay: '1m' });
    expect(deps[1].outcomes).toEqual([
      { value: 'degraded', counts: { locked: 10 } },
      { value: 'unregistered', counts: { unregistered: 10 } },
    ]);
  });

  it('counts every value of every assumption in the catalogue', () => {
    expect(combinationCount()).toBe(Object.values(ASSUMPTIONS).reduce((n, d) => n * d.values.length, 1));
    expect(assumptionCombinations()).toHaveLength(combinationCount());
  });
});

/**
 * A stand-in scenario made of reads: each reads one assumption, unless its condition (an assumption having
 * a value) does not hold; the outcome is what was read. A condition is a read too, or a peek (the value
 * seen without counting as consulted, as a TVS loading what it will vouch for): then a run under another
 * value may not consult what its parent run did, and stand for combinations a later run would otherwise
 * make. As a run it reports what it has consulted after every read and yields a varying number of turns
 * in between, so that runs going at the same time finish in every order.
 */
interface Read {
  name: string;
  when?: { name: string; value: string | boolean; peek: boolean };
}

function program(reads: readonly Read[], assumptions: AssumptionSet): { consulted: string[]; outcome: string } {
  const consulted: string[] = [];
  const read = (name: string) => {
    if (!consulted.includes(name)) consulted.push(name);
    return assumptions[name];
  };
  const seen: string[] = [];
  for (const r of reads) {
    if (r.when && (r.when.peek ? assumptions[r.when.name] : read(r.when.name)) !== r.when.value) continue;
    seen.push(`${r.name}=${String(read(r.name))}`);
  }
  return { consulted, outcome: seen.join(' ') };
}

function runner(reads: readonly Read[], seed: number, live = { now: 0, most: 0 }) {
  let state = seed >>> 0 || 1;
  const turns = () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 16) % 7;
  return async (assumptions: AssumptionSet, progress: (names: readonly string[]) => void): Promise<Variant> => {
    live.most = Math.max(live.most, ++live.now);
    const { consulted, outcome } = program(reads, assumptions);
    for (let i = 1; i <= consulted.length; i++) {
      for (let t = turns(); t > 0; t--) await Promise.resolve();
      progress(consulted.slice(0, i));
    }
    for (let t = turns(); t > 0; t--) await Promise.resolve();
    live.now--;
    return { assumptions, consulted, passed: !outcome.includes('true'), failedExpectations: [], groups: { 'hq/lobby': { [outcome]: 1 } } };
  };
}

/** The exploration as it was written one run at a time: the reference the concurrent one must equal. */
async function oneAtATime(run: (a: AssumptionSet) => Promise<Variant>): Promise<Variant[]> {
  const defs = Object.values(ASSUMPTIONS);
  const defaults = defaultSet();
  const key = (set: AssumptionSet) => JSON.stringify(Object.entries(set).sort(([a], [b]) => a.localeCompare(b)));
  const queue: AssumptionSet[] = [{}];
  const seen = new Set([key({})]);
  const variants: Variant[] = [];
  while (queue.length) {
    const set = queue.shift()!;
    const assumptions = { ...defaults, ...set };
    if (variants.some((v) => covers(v, assumptions))) continue;
    const variant = await run(assumptions);
    variants.push(variant);
    for (const name of variant.consulted) {
      if (name in set) continue;
      for (const value of defs.find((d) => d.name === name)!.values) {
        const next = { ...set, [name]: value };
        if (value === defaults[name] || seen.has(key(next))) continue;
        seen.add(key(next));
        queue.push(next);
      }
    }
  }
  return variants;
}

const readArb = (() => {
  // A few assumptions, so that reads meet: one with three values among them.
  const defs = Object.values(ASSUMPTIONS).filter((d) => ['tvsVouchesForOwnItlRecovery', 'trustDeleteScope', 'configSignatureFailure', 'automaticResetTiming'].includes(d.name));
  const name = fc.constantFrom(...defs.map((d) => d.name));
  const when = fc
    .constantFrom(...defs)
    .chain((d) => fc.record({ name: fc.constant(d.name), value: fc.constantFrom<string | boolean>(...d.values), peek: fc.boolean() }));
  return fc.record({ name, when: fc.option(when, { nil: undefined }) }, { requiredKeys: ['name'] });
})();

describe('running the variants of an exploration several at a time', () => {
  const tell = (calls: unknown[]) => (v: Variant, index: number, known: number) => calls.push([v.assumptions, index, known]);

  it('makes the same runs in the same order, with the same progress, as one at a time — whatever order they finish in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(readArb, { maxLength: 7 }), fc.integer({ min: 2, max: 5 }), fc.nat(), async (reads, concurrency, seed) => {
        const expected = await oneAtATime((a) => runner(reads, seed)(a, () => undefined));
        const sequentialCalls: unknown[] = [];
        const sequential = await exploreAssumptions(runner(reads, seed), tell(sequentialCalls));
        const concurrentCalls: unknown[] = [];
        const concurrent = await exploreAssumptions(runner(reads, seed + 1), tell(concurrentCalls), { concurrency });
        expect(sequential.map((v) => v.assumptions)).toEqual(expected.map((v) => v.assumptions));
        expect(concurrent).toEqual(sequential);
        expect(concurrentCalls).toEqual(sequentialCalls);
      }),
      { numRuns: 60 },
    );
  });

  it('has several going at once when what they consulted early tells them apart', async () => {
    const reads: Read[] = [{ name: 'tvsVouchesForOwnItlRecovery' }, { name: 'automaticResetTiming' }, { name: 'trustDeleteScope' }];
    const one = { now: 0, most: 0 };
    const many = { now: 0, most: 0 };
    const sequential = await exploreAssumptions(runner(reads, 1, one));
    const concurrent = await exploreAssumptions(runner(reads, 1, many), undefined, { concurrency: 3 });
    expect(concurrent).toEqual(sequential);
    expect(sequential).toHaveLength(2 * 3 * 2);
    expect(one.most).toBe(1);
    expect(many.most).toBe(3);
  });

  it('fails with the first failed run in the order of a one-at-a-time exploration, after the runs going have ended', async () => {
    const live = { now: 0, most: 0 };
    const run = runner([{ name: 'automaticResetTiming' }, { name: 'trustDeleteScope' }], 3, live);
    const failing = async (a: AssumptionSet, progress: (names: readonly string[]) => void) => {
      const variant = await run(a, progress);
      if (a.automaticResetTiming === 'slow' || a.trustDeleteScope === 'node') throw new Error(`failed under ${a.automaticResetTiming} ${a.trustDeleteScope}`);
      return variant;
    };
    // Run 1 is immediate/cluster, 2 slow/cluster, 3 prompt/node: the first failure in order is run 2's.
    await expect(exploreAssumptions(failing, undefined, { concurrency: 3 })).rejects.toThrow('failed under slow cluster');
    expect(live.now).toBe(0);
  });
});

