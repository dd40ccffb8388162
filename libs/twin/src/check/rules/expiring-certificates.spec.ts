import { certificate, cluster, context, group, replacing } from '../test-support/snapshots';
import { expiringCertificates } from './expiring-certificates';

describe('certificate-expiring [chapter] [SREGEN]', () => {
  const base = cluster();

  it('finds nothing when every certificate outlives the window', () => {
    expect(expiringCertificates.check(base, context())).toEqual([]);
  });

  it('[SREGEN] a CallManager due within 30 days is high, and names the phones of its CallManager group and TFTP', () => {
    const snapshot = cluster({
      identities: replacing(base, certificate('sub1', 'CallManager', { notAfter: '2026-03-21T09:00:00Z' })),
      phoneGroups: [group(), group({ group: 'elsewhere', count: 5, callManagerGroup: ['pub'], tftp: ['pub'] })],
    });
    const [finding] = expiringCertificates.check(snapshot, context());
    expect(finding).toMatchObject({ rule: 'certificate-expiring', severity: 'high', cluster: 'hq', title: 'hq/sub1 CallManager expires 2026-03-21 (in 20 days)', phones: { groups: ['hq/desks'], count: 200 } });
    expect(finding.detail).toMatch(/authenticated and encrypted phones stop registering.*\[SREGEN\]/);
  });

  it('[chapter] within the window but beyond 30 days is medium; beyond the window nothing; expired is high', () => {
    const snapshot = cluster({
      identities: replacing(
        base,
        certificate('pub', 'tomcat', { notAfter: '2026-05-01T00:00:00Z' }),
        certificate('sub1', 'TVS', { notAfter: '2026-07-01T00:00:00Z' }),
        certificate('pub', 'ipsec', { notAfter: '2026-02-01T00:00:00Z' }),
      ),
    });
    expect(expiringCertificates.check(snapshot, context(90)).map((f) => [f.title, f.severity])).toEqual([
      ['hq/pub tomcat expires 2026-05-01 (in 60 days)', 'medium'],
      ['hq/pub ipsec expired 2026-02-01 (29 days ago)', 'high'],
    ]);
    expect(expiringCertificates.check(snapshot, context(180)).map((f) => f.title)).toContain('hq/sub1 TVS expires 2026-07-01 (in 121 days)');
  });

  it('[SREGEN] ipsec reaches no phone; ITLRecovery from 12.0 reaches every Security-by-Default phone, not the 7960s', () => {
    const snapshot = cluster({
      identities: replacing(base, certificate('pub', 'ipsec', { notAfter: '2026-03-10T00:00:00Z' }), certificate('pub', 'ITLRecovery', { notAfter: '2026-03-10T00:00:00Z' })),
      phoneGroups: [group(), group({ group: 'lobby', model: 'CP-7960', count: 20 })],
    });
    const findings = expiringCertificates.check(snapshot, context());
    expect(findings.find((f) => f.title.includes('ipsec'))!.phones).toBeUndefined();
    expect(findings.find((f) => f.title.includes('ITLRecovery'))!.phones).toEqual({ groups: ['hq/desks'], count: 200 });
  });
});
