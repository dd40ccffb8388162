import type { ScheduledWork } from '../clock/clock-state';
import { decideTrustList } from '../phone/trust-list-decision';
import { itl, tvs } from '../test-support/views';
import { awaitingReplication } from './awaiting-replication';
import { askTvs } from './tvs-query';

const imported = (node: string, store = 'Phone-SAST-trust'): ScheduledWork => ({ at: 60_000, seq: 3, work: { kind: 'trust-replication', cluster: 'old', node, store, certificate: 'rec-new' } });

describe('a TVS that does not know a certificate yet because it has not replicated [SCN] (assumption trustReplicationDelay)', () => {
  it('[SCN] is awaiting replication when the certificate was uploaded on another node of its cluster into a store TVS answers from', () => {
    expect(awaitingReplication([imported('pub')], 'old', 'sub1', 'rec-new')).toBe(true);
    expect(awaitingReplication([imported('pub')], 'old', 'pub', 'rec-new')).toBe(false); // the node it was uploaded on has it
    expect(awaitingReplication([imported('pub')], 'new', 'sub1', 'rec-new')).toBe(false);
    expect(awaitingReplication([imported('pub', 'CallManager-trust')], 'old', 'sub1', 'rec-new')).toBe(false); // TVS gives that store no role anyway
    expect(awaitingReplication([], 'old', 'sub1', 'rec-new')).toBe(false);
  });

  it('[chapter Bulk Certificate Export] given the import not yet on sub1, when a phone asks sub1 about the new signer, then the refusal says timing decided it', () => {
    const sub1 = { ...tvs('sub1', 'tvs1'), cluster: 'old', awaitingReplication: (fp: string) => awaitingReplication([imported('pub')], 'old', 'sub1', fp) };
    const held = itl('held', 'cm1', { cm1: ['SAST', 'TFTP'], tvs1: ['TVS'] });
    const decision = decideTrustList(held, itl('new', 'rec-new', { 'rec-new': ['SAST'] }), [sub1]);
    expect(decision).toEqual({ accepted: false, reason: 'signer-not-trusted', tvs: [{ cluster: 'old', node: 'sub1', outcome: 'refused', roles: [], awaitingReplication: true }] });
  });

  it('[SCN] a refusal for a certificate no node holds is not put down to replication', () => {
    const sub1 = { ...tvs('sub1', 'tvs1'), awaitingReplication: () => false };
    expect(askTvs(itl('held', 'cm1', { tvs1: ['TVS'] }), [sub1], 'x', ['SAST'])).toEqual([{ cluster: 'hq', node: 'sub1', outcome: 'refused', roles: [] }]);
  });
});
