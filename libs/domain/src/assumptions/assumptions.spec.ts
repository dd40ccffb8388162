import { defaultAssumptions, resolveAssumptions, UnknownAssumptionError } from './assumptions';

describe('assumptions where the sources disagree [§16]', () => {
  it('default to the chapter\'s reading', () => {
    expect(defaultAssumptions()).toMatchObject({ tvsVouchesForOwnItlRecovery: false, trustDeleteScope: 'cluster', configSignatureFailure: 'degraded' });
  });

  it('can be set by a scenario', () => {
    expect(resolveAssumptions({ tvsVouchesForOwnItlRecovery: true }).tvsVouchesForOwnItlRecovery).toBe(true);
  });

  it('refuse unknown names and values, listing what is known', () => {
    expect(() => resolveAssumptions({ tvsVouches: true })).toThrow(/known: tvsVouchesForOwnItlRecovery/);
    expect(() => resolveAssumptions({ trustDeleteScope: 'everywhere' })).toThrow(UnknownAssumptionError);
  });
});
