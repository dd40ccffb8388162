import { buildTrustFile } from './build-trust-file';
import { checkPhoneLimits } from './limits';
import { parseTrustFile } from './parse-trust-file';
import { TrustRole } from './roles';
import { makeCertificate, rsaKey } from './test-support/certificates';
import { typicalItl } from './test-support/typical-itl';
import type { TrustRecordInput } from './types';

describe('checkPhoneLimits: what a phone makes of the file (trust-file-format.md, "Rules phones apply")', () => {
  const { input } = typicalItl('sha256', 1024);
  const key = rsaKey(1024, 1);
  const tvs = (n: number, ou = 'VTG'): TrustRecordInput => ({
    certificateDer: makeCertificate({ subject: [['OU', ou], ['CN', `tvs-${n}`]], serialHex: (0x1000 + n).toString(16), publicKey: key.publicKey, signingKey: key.privateKey }),
    role: TrustRole.TVS,
  });
  const check = (records: TrustRecordInput[]) => checkPhoneLimits(parseTrustFile(buildTrustFile({ ...input, records })));

  it('finds nothing to say about a typical ITL (2 SAST records, 6 certificates)', () => {
    expect(check([...input.records])).toEqual([]);
  });

  it('warns, but does not refuse, a file with 3 SAST records', () => {
    const findings = check([...input.records, { ...input.records[3], role: TrustRole.SAST }]);
    expect(findings).toEqual([{ level: 'warning', code: 'too-many-sast', message: expect.stringContaining('3 SAST records') }]);
  });

  it('says phones cannot load a file with 40 certificates', () => {
    const records = [...input.records, ...Array.from({ length: 34 }, (_, n) => tvs(n))];
    expect(records).toHaveLength(40);
    expect(check(records)).toEqual([
      { level: 'error', code: 'too-many-certificates', message: 'ITLSEP001122334455.tlv has 40 certificates, more than 39: phones cannot load it' },
    ]);
    expect(check(records.slice(0, 39))).toEqual([]);
  });

  it('says phones cannot load a file over 64 KB, even with fewer than 40 certificates', () => {
    // Certificates with a 1,500-character OU: 20 records pass 65,536 bytes.
    const records = [...input.records, ...Array.from({ length: 14 }, (_, n) => tvs(n, 'x'.repeat(1500)))];
    const parsed = parseTrustFile(buildTrustFile({ ...input, records }));
    expect(parsed.size).toBeGreaterThan(65_536);
    expect(checkPhoneLimits(parsed)).toEqual([
      { level: 'error', code: 'file-too-large', message: `ITLSEP001122334455.tlv is ${parsed.size} bytes, more than 64 KB (65536 bytes): phones cannot load it` },
    ]);
  });

  it('puts the limit at exactly 65,536 bytes', () => {
    const base = { records: [], fileName: 'ITLFile.tlv' };
    expect(checkPhoneLimits({ ...base, size: 65_536 })).toEqual([]);
    expect(checkPhoneLimits({ ...base, size: 65_537 }).map((finding) => finding.code)).toEqual(['file-too-large']);
  });
});
