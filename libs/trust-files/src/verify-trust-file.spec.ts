import { createHash } from 'node:crypto';
import { buildTrustFile } from './build-trust-file';
import { parseTrustFile } from './parse-trust-file';
import { TrustRole } from './roles';
import { cucmName, ecKey, makeCertificate, rsaKey } from './test-support/certificates';
import { typicalItl } from './test-support/typical-itl';
import type { TrustFileInput } from './types';
import { trustFileDigest, verifyTrustFile } from './verify-trust-file';

describe('verifyTrustFile: the signer is the SAST record matching SIGNER_INFO, and its key verifies', () => {
  const { input } = typicalItl('sha256', 1024);
  const [itlRecovery, ...others] = input.records;
  const verifyBuilt = (changes: Partial<TrustFileInput>) => verifyTrustFile(parseTrustFile(buildTrustFile({ ...input, ...changes })));

  it('accepts a file signed by one of its SAST records', () => {
    expect(verifyBuilt({})).toMatchObject({ ok: true, signerRecord: { serialHex: '6e1f0a33c2' } });
  });

  it('fails when the signing certificate is not among the records (no-signer-record)', () => {
    const verification = verifyBuilt({ records: others });
    expect(verification).toMatchObject({ ok: false, reason: 'no-signer-record' });
    expect(!verification.ok && verification.detail).toContain('serial 6e1f0a33c2');
  });

  it('fails when the signer is present only with a non-SAST role (signer-not-sast)', () => {
    expect(verifyBuilt({ records: [{ ...itlRecovery, role: TrustRole.TFTP }, ...others] })).toMatchObject({ ok: false, reason: 'signer-not-sast' });
  });

  it('matches on issuer as well as serial: same serial from another issuer is not the signer', () => {
    const key = rsaKey(1024, 1);
    const otherIssuer = makeCertificate({ subject: cucmName('x'), issuer: cucmName('another-ca'), serialHex: '6e1f0a33c2', publicKey: key.publicKey, signingKey: key.privateKey });
    expect(verifyBuilt({ records: [{ certificateDer: otherIssuer, role: TrustRole.SAST }, ...others] })).toMatchObject({ ok: false, reason: 'no-signer-record' });
  });

  it('fails when the SAST record with the signer serial holds another key (bad-signature)', () => {
    const impostor = makeCertificate({ subject: cucmName('ITLRECOVERY_cucm-pub'), serialHex: '6e1f0a33c2', publicKey: rsaKey(1024, 1).publicKey, signingKey: rsaKey(1024, 1).privateKey });
    expect(verifyBuilt({ records: [{ certificateDer: impostor, role: TrustRole.SAST }, ...others] })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('tries every matching SAST record: one listed twice, first with a wrong key, still verifies', () => {
    const impostor = makeCertificate({ subject: cucmName('ITLRECOVERY_cucm-pub'), serialHex: '6e1f0a33c2', publicKey: rsaKey(1024, 1).publicKey, signingKey: rsaKey(1024, 1).privateKey });
    expect(verifyBuilt({ records: [{ certificateDer: impostor, role: TrustRole.SAST }, itlRecovery, ...others] })).toMatchObject({ ok: true, signerRecord: { offset: expect.any(Number) } });
  });

  it('fails when the signer record holds an EC key (unsupported-key)', () => {
    const ec = ecKey();
    const ecTwin = makeCertificate({ subject: cucmName('ITLRECOVERY_cucm-pub'), serialHex: '6e1f0a33c2', publicKey: ec.publicKey, signingKey: ec.privateKey });
    const verification = verifyBuilt({ records: [{ certificateDer: ecTwin, role: TrustRole.SAST }, ...others] });
    expect(verification).toMatchObject({ ok: false, reason: 'unsupported-key' });
    expect(!verification.ok && verification.detail).toMatch(/its key is ec/);
  });

  it("reports a bad signature when the file's bytes were changed after signing", () => {
    const bytes = buildTrustFile(input);
    bytes[bytes.length - 200] ^= 0x01;
    expect(verifyTrustFile(parseTrustFile(bytes))).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it("trustFileDigest is the SHA-256 of the file's bytes, the file's identity", () => {
    const bytes = buildTrustFile(input);
    expect(trustFileDigest(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(trustFileDigest(bytes)).toMatch(/^[0-9a-f]{64}$/);
    expect(trustFileDigest(buildTrustFile({ ...input, timestamp: input.timestamp + 1 }))).not.toBe(trustFileDigest(bytes));
  });
});
