import type { PkiPort, TrustFilePort } from '../core/ports';
import { given } from '../test-support/given';
import { node, world } from '../test-support/world';
import type { ClusterEvent } from './cluster-events';
import { evolveCluster, NO_CLUSTER } from './cluster-state';
import { decideCluster, type ClusterContext } from './decide-cluster';

const files: TrustFilePort = { sign: (f) => ({ id: `${f.fileName} by ${f.signer.fingerprint}: ${f.records.map((r) => `${r.role}=${r.fingerprint ?? `stub:${r.dnsName}`}`).join(' ')}`, bytes: 'AAAA' }) };
const pki = {} as PkiPort;
const pub = node('hq', 'pub', ['callmanager', 'tftp', 'tvs', 'capf'], { publisher: true });
const sub1 = node('hq', 'sub1', ['callmanager', 'tftp', 'tvs']);

const installed = (release: string, security: 'mixed' | 'non-secure' = 'mixed'): ClusterEvent[] => [
  { type: 'ClusterInstalled', data: { cluster: 'hq', version: release, security, ctlKind: 'tokenless', parameters: {}, nodes: [] } },
];

function context(release: string, security: 'mixed' | 'non-secure' = 'mixed'): ClusterContext {
  return { world: world({ nodes: [pub, sub1], cluster: { release, security, nodes: ['pub', 'sub1'] } }), pki, trustFiles: files };
}

const ctlOf = (events: ClusterEvent[]) => (events[0] as Extract<ClusterEvent, { type: 'CtlUpdated' }>).data;

describe('the cluster decider', () => {
  it('[S125CTL] [STOKENLESS] up to 11.5 the publisher\'s CallManager signs the tokenless CTL; from 10.5(2) ITLRecovery is a second SAST; then server by server, CAPF after its node', () => {
    const ctl = ctlOf(decideCluster(given(evolveCluster, NO_CLUSTER, installed('11.5(1)SU9')).state, { kind: 'update-ctl', cause: 'utils ctl update CTLFile', mode: 'normal' }, context('11.5(1)SU9')));
    expect(ctl.signer).toMatchObject({ node: 'pub', purpose: 'CallManager' });
    expect(ctl.file).toBe('CTLFile.tlv by pub/CallManager/1: SAST=pub/CallManager/1 SAST=pub/ITLRecovery/1 CCM+TFTP=pub/CallManager/1 CAPF=pub/CAPF/1 CCM+TFTP=sub1/CallManager/1');
  });

  it('[SREGEN] from 12.0 ITLRecovery signs it; `utils ctl reset localkey` signs with the CallManager key until the next update [S125DEF]', () => {
    const c = given(evolveCluster, NO_CLUSTER, installed('12.5(1)SU3')).state;
    expect(ctlOf(decideCluster(c, { kind: 'update-ctl', cause: 'update', mode: 'normal' }, context('12.5(1)SU3'))).signer).toMatchObject({ purpose: 'ITLRecovery' });
    expect(ctlOf(decideCluster(c, { kind: 'update-ctl', cause: 'reset', mode: 'reset-localkey' }, context('12.5(1)SU3'))).signer).toMatchObject({ purpose: 'CallManager' });
  });

  it('[SNONSECURE] after set-cluster non-secure-mode the CTL keeps every SAST and the CAPF; each server entry is a stub without certificate', () => {
    const ctl = ctlOf(decideCluster(given(evolveCluster, NO_CLUSTER, installed('14SU2', 'non-secure')).state, { kind: 'update-ctl', cause: 'non-secure', mode: 'normal' }, context('14SU2', 'non-secure')));
    expect(ctl.file).toBe('CTLFile.tlv by pub/ITLRecovery/1: SAST=pub/CallManager/1 SAST=pub/ITLRecovery/1 CCM+TFTP=stub:pub CAPF=pub/CAPF/1 CCM+TFTP=stub:sub1');
  });

  it('[SREL14] changes at the same instant share one automatic reset wave: it is scheduled once until it starts', () => {
    const wave = { kind: 'schedule-reset-wave' as const, cause: 'automatic reset after TVS certificate update' };
    const first = given(evolveCluster, NO_CLUSTER, installed('14SU2')).when((s) => decideCluster(s, wave, context('14SU2')));
    first.thenMatch([{ type: 'AutomaticResetsScheduled', data: { cause: wave.cause, at: 60_000, batchSize: 1000, intervalMs: 60_000 } }]);
    given(evolveCluster, NO_CLUSTER, [...installed('14SU2'), ...first.result]).when((s) => decideCluster(s, wave, context('14SU2'))).thenNothing();
    const started: ClusterEvent = { type: 'AutomaticResetWaveStarted', data: { cause: wave.cause } };
    given(evolveCluster, NO_CLUSTER, [...installed('14SU2'), ...first.result, started])
      .when((s) => decideCluster(s, wave, context('14SU2')))
      .thenMatch([{ type: 'AutomaticResetsScheduled' }]);
  });

  it('[SFN] a refresh upgrade from 12.0 into 12.5(1)SU2 says it regenerates ITLRecovery; [S14] a token cluster upgraded to 14 loses its CTL client', () => {
    given(evolveCluster, NO_CLUSTER, installed('12.0(1)'))
      .when((s) => decideCluster(s, { kind: 'upgrade', to: '12.5(1)SU2', method: 'refresh' }, context('12.0(1)')))
      .thenMatch([{ type: 'ClusterUpgraded', data: { from: '12.0(1)', to: '12.5(1)SU2', regeneratesItlRecovery: true, dropsExpiredTrustCertificates: false } }]);
    const token: ClusterEvent[] = [{ type: 'ClusterInstalled', data: { cluster: 'hq', version: '12.5(1)SU3', security: 'mixed', ctlKind: 'token', parameters: {}, nodes: [] } }];
    given(evolveCluster, NO_CLUSTER, token)
      .when((s) => decideCluster(s, { kind: 'upgrade', to: '14SU2', method: 'refresh' }, context('12.5(1)SU3')))
      .thenMatch([{ type: 'ClusterUpgraded', data: { dropsExpiredTrustCertificates: true } }, { type: 'CtlKindChanged', data: { from: 'token', to: 'tokenless' } }]);
  });

  it('[chapter] a DRS backup keeps every node\'s identities (with their keys, by name) and trust stores', () => {
    const backup = decideCluster(given(evolveCluster, NO_CLUSTER, installed('14SU2')).state, { kind: 'backup', name: 'before' }, context('14SU2'))[0];
    expect(backup).toMatchObject({ type: 'BackupTaken', data: { name: 'before', nodes: { pub: { identities: pub.identities }, sub1: { identities: sub1.identities } } } });
    expect(JSON.stringify(backup)).not.toMatch(/PRIVATE KEY/);
  });
});
