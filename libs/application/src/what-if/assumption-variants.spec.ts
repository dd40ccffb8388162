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
