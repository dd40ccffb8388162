import { cluster, context } from '../test-support/snapshots';
import { trustCertificatesExpiring } from './trust-certificates-expiring';

describe('trust-certificate-expiring [S14] [chapter]', () => {
  it('[S14] an expired trust certificate is medium, one due in the window low, a valid one nothing', () => {
    const snapshot = cluster({
      trustCertificates: [
        { store: 'tomcat-trust', subject: 'CN=Old CA', notAfter: '2026-01-01T00:00:00Z' },
        { store: 'CallManager-trust', nodes: ['sub1'], subject: 'CN=Trunk peer', notAfter: '2026-04-01T00:00:00Z' },
        { store: 'tomcat-trust', subject: 'CN=Current CA', notAfter: '2030-01-01T00:00:00Z' },
      ],
    });
    expect(trustCertificatesExpiring.check(snapshot, context()).map((f) => [f.severity, f.title])).toEqual([
      ['medium', 'hq tomcat-trust: CN=Old CA expired 2026-01-01'],
      ['low', 'hq CallManager-trust on sub1: CN=Trunk peer expires 2026-04-01 (in 30 days)'],
    ]);
  });
});
