import { defaultAssumptions } from './assumptions';
import { consult, consultation, consultedSoFar, peek } from './consulted';

describe('which assumptions a run consulted (what --all-assumptions varies)', () => {
  it('notes every assumption a rule reads, in the catalogue\'s order, and nothing else', () => {
    const run = consultation(defaultAssumptions());
    expect(run.consulted()).toEqual([]);
    void run.assumptions.configSignatureFailure;
    void run.assumptions.tvsVouchesForOwnItlRecovery;
    expect(run.consulted()).toEqual(['tvsVouchesForOwnItlRecovery', 'configSignatureFailure']);
  });

  it('a peek reads the value without counting; consult counts without a value', () => {
    const run = consultation({ ...defaultAssumptions(), tvsVouchesForCtlSigners: true });
    expect(peek(run.assumptions, 'tvsVouchesForCtlSigners')).toBe(true);
    expect(run.consulted()).toEqual([]);
    consult(run.assumptions, 'tvsVouchesForCtlSigners');
    expect(run.consulted()).toEqual(['tvsVouchesForCtlSigners']);
    expect(peek(defaultAssumptions(), 'trustReplicationDelay')).toBe('immediate');
  });

  it('tells what has been consulted so far from the assumptions the rules are handed, and nothing of plain ones', () => {
    const run = consultation(defaultAssumptions());
    expect(consultedSoFar(run.assumptions)).toEqual([]);
    void run.assumptions.automaticResetTiming;
    expect(consultedSoFar(run.assumptions)).toEqual(['automaticResetTiming']);
    expect(consultedSoFar(defaultAssumptions())).toBeUndefined();
  });
});
