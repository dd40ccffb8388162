import { allowedHashes, allowedKeyLengths, allowedKeyTypes, checkCertificateChoice, type CertificateChoice } from './certificate-choices';
import { CERTIFICATE_PURPOSES } from './purpose-profiles';

function reason(choice: CertificateChoice): string {
  const result = checkCertificateChoice(choice);
  if (result.ok) throw new Error(`expected ${JSON.stringify(choice)} to be refused`);
  return result.reason;
}

describe('checkCertificateChoice (chapter Tables 5 and 6)', () => {
  it('refuses EC 256 with SHA1, naming the hashes it allows', () => {
    expect(reason({ purpose: 'CallManager-ECDSA', keyType: 'EC', keyLength: 256, hash: 'sha1' })).toBe(
      'An EC 256-bit key allows SHA256, SHA384 or SHA512 — a hash at least as strong as the key length [chapter Tables 5, 6] — not SHA1.',
    );
  });

  it('refuses EC 384 with SHA256 and accepts SHA384 and SHA512', () => {
    expect(reason({ purpose: 'tomcat-ECDSA', keyType: 'EC', keyLength: 384, hash: 'sha256' })).toMatch(/EC 384-bit key allows SHA384 or SHA512 .* not SHA256/);
    expect(checkCertificateChoice({ purpose: 'tomcat-ECDSA', keyType: 'EC', keyLength: 384, hash: 'SHA384' })).toEqual({ ok: true });
    expect(checkCertificateChoice({ purpose: 'tomcat-ECDSA', keyType: 'EC', keyLength: 384, hash: 'SHA-512' })).toEqual({ ok: true });
  });

  it('refuses EC 3072: 3072 and 4096 are for RSA only', () => {
    expect(reason({ purpose: 'CallManager-ECDSA', keyType: 'EC', keyLength: 3072, hash: 'sha256' })).toBe(
      'Key length 3072 is for RSA certificates only; it is not offered for ECDSA certificates [chapter Tables 5, 6]. EC key lengths are 256 or 384.',
    );
  });

  it('refuses SHA384 in FIPS mode, and explains why EC 384 cannot be had in FIPS mode at all', () => {
    expect(reason({ purpose: 'tomcat', keyType: 'RSA', keyLength: 2048, hash: 'sha384', fips: true })).toBe(
      'In FIPS mode the hash must be SHA256, not SHA384 [chapter Tables 5, 6].',
    );
    expect(checkCertificateChoice({ purpose: 'tomcat', keyType: 'RSA', keyLength: 2048, hash: 'sha256', fips: true })).toEqual({ ok: true });
    expect(reason({ purpose: 'tomcat-ECDSA', keyType: 'EC', keyLength: 384, hash: 'sha256', fips: true })).toMatch(
      /FIPS mode the hash must be SHA256 .* needs SHA384 or SHA512 .* no hash satisfies both\. Use EC 256 or an RSA key\./,
    );
    expect(allowedHashes({ purpose: 'tomcat-ECDSA', keyType: 'EC', keyLength: 384, fips: true })).toEqual([]);
  });

  it('accepts RSA 4096 with SHA256 (and warns about phones for CallManager)', () => {
    expect(checkCertificateChoice({ purpose: 'tomcat', keyType: 'RSA', keyLength: 4096, hash: 'sha256' })).toEqual({ ok: true });
    const callManager = checkCertificateChoice({ purpose: 'CallManager', keyType: 'RSA', keyLength: 4096, hash: 'sha256' });
    expect(callManager.ok).toBe(true);
    expect(callManager.ok && callManager.warnings?.[0]).toMatch(/Some phone models may fail to register .* "3072\/4096 RSA key size support"/);
  });

  it('refuses tomcat-ECDSA with an RSA key (the purpose fixes the key type), and the reverse', () => {
    expect(reason({ purpose: 'tomcat-ECDSA', keyType: 'RSA', keyLength: 2048, hash: 'sha256' })).toBe(
      'The tomcat-ECDSA certificate always has an EC key, not RSA: the Key Type follows the certificate purpose [chapter Table 6]. For an RSA key use tomcat.',
    );
    expect(reason({ purpose: 'CallManager', keyType: 'EC', keyLength: 256, hash: 'sha256' })).toMatch(/For an EC key use CallManager-ECDSA\./);
    expect(reason({ purpose: 'CAPF', keyType: 'EC', keyLength: 256, hash: 'sha256' })).toMatch(/Only CallManager-ECDSA and tomcat-ECDSA have EC keys\./);
  });

  it('refuses SHA1 for generated RSA certificates (no table offers it)', () => {
    expect(reason({ purpose: 'ipsec', keyType: 'RSA', keyLength: 2048, hash: 'sha1' })).toBe(
      'SHA1 is not offered for new certificates or CSRs: an RSA 2048-bit key takes SHA256, SHA384 or SHA512 (no SHA1 choice in chapter Tables 5, 6).',
    );
  });

  it('keeps EC 521 for phone LSCs through CAPF', () => {
    expect(reason({ purpose: 'CallManager-ECDSA', keyType: 'EC', keyLength: 521, hash: 'sha512' })).toMatch(/EC 521 is not offered for CallManager-ECDSA.*phone LSCs/);
    expect(checkCertificateChoice({ purpose: 'LSC', keyType: 'EC', keyLength: 521, hash: 'sha256' })).toEqual({ ok: true });
    expect(checkCertificateChoice({ purpose: 'LSC', keyType: 'RSA', keyLength: 512, hash: 'sha256' })).toEqual({ ok: true });
    expect(reason({ purpose: 'LSC', keyType: 'EC', keyLength: 521, hash: 'sha512' })).toMatch(/CAPF signs LSCs with SHA256/);
  });

  it('names the allowed lengths for an odd key length, and the maximum for a long one', () => {
    expect(reason({ purpose: 'tomcat', keyType: 'RSA', keyLength: 512, hash: 'sha256' })).toBe(
      'Key length 512 is not offered: RSA key lengths are 1024, 2048, 3072 or 4096 [chapter Table 6].',
    );
    expect(reason({ purpose: 'tomcat', keyType: 'RSA', keyLength: 8192, hash: 'sha256' })).toMatch(/at most 4096 bits \[chapter\]/);
  });

  it('refuses unknown purposes, key types and hashes with the known ones', () => {
    expect(reason({ purpose: 'cup' as never, keyType: 'RSA', keyLength: 2048, hash: 'sha256' })).toMatch(/Unknown certificate purpose "cup": choose one of CallManager/);
    expect(reason({ purpose: 'tomcat', keyType: 'DSA' as never, keyLength: 2048, hash: 'sha256' })).toMatch(/RSA or EC keys/);
    expect(reason({ purpose: 'tomcat', keyType: 'RSA', keyLength: 2048, hash: 'md5' })).toMatch(/"md5" is not known: the choices are SHA256, SHA384 or SHA512/);
  });

  it('lists what each purpose allows, as the drop-downs would', () => {
    for (const purpose of CERTIFICATE_PURPOSES) {
      const [keyType] = allowedKeyTypes(purpose);
      expect(keyType).toBe(purpose.endsWith('-ECDSA') ? 'EC' : 'RSA');
      expect(allowedKeyLengths(purpose, keyType)).toEqual(keyType === 'EC' ? [256, 384] : [1024, 2048, 3072, 4096]);
    }
    expect(allowedKeyLengths('tomcat', 'EC')).toEqual([]);
    expect(allowedHashes({ purpose: 'CallManager-ECDSA', keyType: 'EC', keyLength: 256 })).toEqual(['sha256', 'sha384', 'sha512']);
    expect(allowedHashes({ purpose: 'CallManager', keyType: 'RSA', keyLength: 1024 })).toEqual(['sha256', 'sha384', 'sha512']);
    expect(allowedKeyLengths('LSC', 'EC')).toEqual([256, 384, 521]);
  });
});
