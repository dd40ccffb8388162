/**
 * Issue 20 item 5: a refused key choice names the rule that refuses it, with its source — and no rule the
 * sources do not give. trustsim has no "CAPF-issued phones can't handle RSA 3072/4096" rule: neither the
 * chapter nor the domain reference says so (they say only that *some phone models* may fail to register
 * with a CallManager key over 2048 bits, a warning, and that CAPF's LSC key sizes run 512–4096 [S125PSP]).
 */
import { checkCertificateChoice, type CertificateChoice } from './certificate-choices';
import { CERTIFICATE_PURPOSES } from './purpose-profiles';

const reason = (choice: CertificateChoice) => {
  const result = checkCertificateChoice(choice);
  return result.ok ? undefined : result.reason;
};

describe('key-choice refusals cite the rule that applies', () => {
  it('[chapter Table 6] CallManager-ECDSA with 4096 is refused because 3072/4096 are RSA lengths, not for CAPF\'s sake', () => {
    const why = reason({ purpose: 'CallManager-ECDSA', keyType: 'EC', keyLength: 4096, hash: 'sha256' })!;
    expect(why).toMatch(/^Key length 4096 is for RSA certificates only; it is not offered for ECDSA certificates \[chapter Tables 5, 6\]/);
    expect(why).not.toMatch(/CAPF|phones/i);
  });

  it('[chapter Table 6] RSA 3072 and 4096 are offered for every RSA purpose, CAPF included, with no CAPF rule', () => {
    for (const purpose of ['CAPF', 'CallManager', 'tomcat', 'ipsec', 'TVS', 'ITLRecovery'] as const) {
      for (const keyLength of [3072, 4096]) {
        const result = checkCertificateChoice({ purpose, keyType: 'RSA', keyLength, hash: 'sha256' });
        expect({ purpose, keyLength, ok: result.ok }).toEqual({ purpose, keyLength, ok: true });
        // The chapter's only note on long RSA keys is about phones registering with CallManager's [chapter Tables 5, 6].
        const warnings = result.ok ? (result.warnings ?? []) : [];
        expect({ purpose, warned: warnings.length > 0 }).toEqual({ purpose, warned: purpose === 'CallManager' });
      }
    }
  });

  it('[chapter Table 6] every refusal over the choices the pages could be asked for names its source, and none invokes CAPF-issued phones', () => {
    let refusals = 0;
    for (const purpose of [...CERTIFICATE_PURPOSES, 'LSC' as const]) {
      for (const keyType of ['RSA', 'EC'] as const) {
        for (const keyLength of [256, 384, 521, 512, 1024, 2048, 3072, 4096, 8192]) {
          for (const hash of ['sha1', 'sha256', 'sha384', 'sha512']) {
            for (const fips of [false, true]) {
              const why = reason({ purpose, keyType, keyLength, hash, fips });
              if (why === undefined) continue;
              refusals++;
              expect({ purpose, keyType, keyLength, hash, fips, cites: /\[(chapter|doc [A-Z0-9]+)[^\]]*\]|no SHA1 choice in chapter Tables 5, 6/.test(why) }).toEqual({ purpose, keyType, keyLength, hash, fips, cites: true });
              expect(why).not.toMatch(/CAPF-issued|can't handle|cannot handle/i);
            }
          }
        }
      }
    }
    expect(refusals).toBeGreaterThan(100);
  });
});
