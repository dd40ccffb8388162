/**
 * Every file buildTrustFile writes reads back to the same fields and verifies, for each digest and for
 * 1024 and 2048-bit signers.
 */
import { TrustFileDigest } from './algorithms';
import { buildTrustFile } from './build-trust-file';
import { parseTrustFile } from './parse-trust-file';
import { TrustRole } from './roles';
import { typicalItl } from './test-support/typical-itl';
import { verifyTrustFile } from './verify-trust-file';

const CISCO_DN = (cn: string) => `CN=${cn};OU=VTG;O=Cisco;L=RTP;ST=NC;C=US`;

describe.each([
  ['sha1', 1024, 1],
  ['sha256', 1024, 1],
  ['sha512', 1024, 1],
  ['sha1', 2048, 2],
  ['sha256', 2048, 2],
  ['sha512', 2048, 2],
] as const)('round trip, %s digest, %i-bit signer (SIGNATURE_MODULUS %i)', (digest: TrustFileDigest, bits, modulusCode) => {
  const { input, signerKey } = typicalItl(digest, bits);
  const bytes = buildTrustFile(input);
  const parsed = parseTrustFile(bytes);

  it('reads the header back', () => {
    expect(parsed).toMatchObject({
      version: [1, 2],
      signer: { name: CISCO_DN('ITLRECOVERY_cucm-pub'), serialHex: '6e1f0a33c2', issuer: CISCO_DN('ITLRECOVERY_cucm-pub') },
      digest,
      signatureAlgorithm: 0,
      signatureModulus: modulusCode,
      fileName: 'ITLSEP001122334455.tlv',
      timestamp: 1_767_225_600,
      size: bytes.length,
      unknownHeaderTags: [],
    });
    expect(parsed.signerVersion).toBeUndefined();
    expect(parsed.signature).toHaveLength(bits / 8);
    expect(parsed.headerLength % 4).toBe(0);
    expect(parsed.signedContent).toHaveLength(bytes.length - 3 - bits / 8);
  });

  it('reads every record back as written', () => {
    const subjects = ['ITLRECOVERY_cucm-pub', 'cucm-pub', 'cucm-pub', 'cucm-pub-tvs', 'cucm-sub1-tvs', 'CAPF-1f2e3d4c'];
    const serials = ['6e1f0a33c2', '8a7b6c5d4e3f', '8a7b6c5d4e3f', '11', '12', 'c0ffee'];
    expect(parsed.records).toHaveLength(6);
    parsed.records.forEach((record, i) => {
      const wanted = input.records[i];
      expect(record).toMatchObject({
        subject: CISCO_DN(subjects[i]),
        issuer: CISCO_DN(subjects[i]),
        role: wanted.role,
        serialHex: serials[i],
        unknownTags: [],
      });
      expect(record.dnsName).toBe(wanted.dnsName);
      expect(record.ipAddress).toBe(wanted.ipAddress);
      expect(record.certificateDer!.equals(wanted.certificateDer!)).toBe(true);
      expect(record.signature.equals(wanted.certificateDer!.subarray(wanted.certificateDer!.length - record.signature.length))).toBe(true);
      expect(record.certificateHash).toBeUndefined();
    });
    expect(parsed.records[0].publicKey.equals(signerKey.publicKey.export({ type: 'pkcs1', format: 'der' }))).toBe(true);
    // Records follow one another exactly, from the end of the header to the end of the file.
    let offset = parsed.headerLength;
    for (const record of parsed.records) {
      expect(record.offset).toBe(offset);
      offset += record.length;
    }
    expect(offset).toBe(bytes.length);
  });

  it('verifies, naming the SAST record that signed', () => {
    const verification = verifyTrustFile(parsed);
    expect(verification).toMatchObject({ ok: true, signerRecord: { role: TrustRole.SAST, serialHex: '6e1f0a33c2', offset: parsed.headerLength } });
  });
});
