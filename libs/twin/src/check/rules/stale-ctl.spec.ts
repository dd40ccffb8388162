import { certificate, cluster, context, group, replacing } from '../test-support/snapshots';
import type { SnapshotTrustFile } from '../snapshot';
import { staleCtl } from './stale-ctl';

describe('ctl-not-updated [S125CTL] [chapter]', () => {
  const base = cluster({ security: 'mixed' });
  const serial = (node: string, purpose: string) => base.identities.find((c) => c.node === node && c.purpose === purpose)!.serial!;
  const ctl = (...records: [string, string][]): SnapshotTrustFile => ({ kind: 'CTL', file: 'CTLFile.tlv', signer: { subject: 'CN=ITLRECOVERY_pub', serial: serial('pub', 'ITLRecovery') }, records: records.map(([role, s]) => ({ role, subject: 'CN=x', serial: s })) });
  const current = ctl(['SAST', serial('pub', 'CallManager')], ['SAST', serial('pub', 'ITLRecovery')], ['CCM+TFTP', serial('pub', 'CallManager')], ['CCM+TFTP', serial('sub1', 'CallManager')], ['CAPF', serial('pub', 'CAPF')]);
  const secure = group({ group: 'secure', securityProfile: 'encrypted', lsc: true });

  it('[S125CTL] a CTL matching every current certificate: nothing', () => {
    expect(staleCtl.check(cluster({ security: 'mixed', trustFiles: [current] }), context())).toEqual([]);
  });

  it('[S125CTL] sub1\'s CallManager renewed since the CTL was made: high, naming the older record and the secure phones', () => {
    const snapshot = cluster({ security: 'mixed', trustFiles: [current], identities: replacing(base, certificate('sub1', 'CallManager', { serial: 'b1' })), phoneGroups: [group(), secure] });
    const [finding] = staleCtl.check(snapshot, context());
    expect(finding).toMatchObject({ severity: 'high', title: 'hq: the CTL (CTLFile.tlv) lacks the current CallManager of sub1', phones: { groups: ['hq/secure'], count: 200 } });
    expect(finding.detail).toMatch(/still lists CCM\+TFTP CN=x \(serial [0-9a-f]+\).*utils ctl update CTLFile/);
  });

  it('[S125CTL] from 10.5(2) a tokenless CTL without the current ITLRecovery: medium', () => {
    const withoutItlRecovery = ctl(['SAST', serial('pub', 'CallManager')], ['CCM+TFTP', serial('pub', 'CallManager')], ['CCM+TFTP', serial('sub1', 'CallManager')], ['CAPF', serial('pub', 'CAPF')]);
    expect(staleCtl.check(cluster({ security: 'mixed', trustFiles: [withoutItlRecovery] }), context()).map((f) => [f.severity, f.title])).toEqual([['medium', 'hq: the CTL lacks the current ITLRecovery']]);
  });

  it('[S125CTL] a non-secure cluster, or no CTL to compare: nothing', () => {
    expect(staleCtl.check(cluster({ trustFiles: [ctl()] }), context())).toEqual([]);
    expect(staleCtl.check(base, context())).toEqual([]);
  });
});
