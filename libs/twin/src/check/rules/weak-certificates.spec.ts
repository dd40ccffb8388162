import { certificate, cluster, context, replacing } from '../test-support/snapshots';
import { weakCertificates } from './weak-certificates';

describe('weak-certificate [chapter] [SREGEN] [uncertain]', () => {
  const base = cluster();

  it('[SREGEN] a 1024-bit ITLRecovery beside 2048-bit servers is high (the ITL recovery command fails); and medium as a weak key', () => {
    const findings = weakCertificates.check(cluster({ identities: replacing(base, certificate('pub', 'ITLRecovery', { keyLength: 1024 })) }), context());
    expect(findings.map((f) => [f.severity, f.title])).toEqual([
      ['high', 'hq: ITLRecovery is 1024-bit while server certificates are 2048-bit or more'],
      ['medium', 'hq/pub ITLRecovery: RSA 1024-bit'],
    ]);
    expect(findings[0].detail).toMatch(/the ITL recovery command fails.*\[SREGEN\]/);
  });

  it('[chapter] a SHA-1 identity is medium and asks to verify [uncertain]; SHA-1 or 1024-bit trust certificates are low, together', () => {
    const snapshot = cluster({
      identities: replacing(base, certificate('sub1', 'tomcat', { hash: 'SHA1' })),
      trustCertificates: [
        { store: 'tomcat-trust', subject: 'CN=Old Root', hash: 'SHA1', keyType: 'RSA', keyLength: 2048 },
        { store: 'CallManager-trust', subject: 'CN=Gateway', hash: 'SHA256', keyType: 'RSA', keyLength: 1024 },
      ],
    });
    const findings = weakCertificates.check(snapshot, context());
    expect(findings.map((f) => [f.severity, f.title])).toEqual([
      ['medium', 'hq/sub1 tomcat: SHA-1 signed'],
      ['low', 'hq: 2 trust certificates SHA-1 signed or under 2048 bits'],
    ]);
    expect(findings[0].sources).toEqual(['chapter', 'uncertain']);
  });

  it('finds nothing in 2048-bit SHA-256 certificates, nor in EC 256 ones', () => {
    expect(weakCertificates.check(cluster({ identities: [...base.identities, certificate('pub', 'CallManager-ECDSA')] }), context())).toEqual([]);
  });
});
