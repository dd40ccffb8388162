/**
 * Checks a parsed file's signature the way the format defines it: the signer is the SAST record whose
 * serial and issuer equal the header's SIGNER_INFO, and its key must verify the RSA PKCS#1 v1.5
 * signature over the file minus the SIGNATURE element. Whether the phone *trusts* that signer is a
 * separate question (phone rules), not answered here.
 */
import { KeyObject, createHash, createPublicKey, verify } from 'node:crypto';
import { readCertificatePublicKey } from './certificate-fields';
import { TrustRole, trustRoleName } from './roles';
import type { ParsedTrustFile, ParsedTrustRecord } from './types';

export type TrustFileVerificationFailure = 'no-signer-record' | 'signer-not-sast' | 'bad-signature' | 'unsupported-key';

export type TrustFileVerification =
  | { ok: true; signerRecord: ParsedTrustRecord }
  | { ok: false; reason: TrustFileVerificationFailure; detail: string };

export function verifyTrustFile(parsed: ParsedTrustFile): TrustFileVerification {
  const { signer } = parsed;
  const sameCertificate = parsed.records.filter((record) => record.serialHex === signer.serialHex && record.issuer === signer.issuer);
  const who = `serial ${signer.serialHex}, issuer "${signer.issuer}"`;
  if (sameCertificate.length === 0) {
    return { ok: false, reason: 'no-signer-record', detail: `no record carries the header's signer (${who})` };
  }
  const candidates = sameCertificate.filter((record) => record.role === TrustRole.SAST);
  if (candidates.length === 0) {
    const offsets = sameCertificate.map((record) => `${trustRoleName(record.role)} at offset ${record.offset}`).join(', ');
    return { ok: false, reason: 'signer-not-sast', detail: `the signer (${who}) is present only without the SAST role (${offsets})` };
  }

  // Normally one candidate; a file may list the same certificate twice as SAST, and any of them may sign.
  const failures: { reason: 'bad-signature' | 'unsupported-key'; detail: string }[] = [];
  for (const record of candidates) {
    const key = signerKey(record);
    if ('problem' in key) {
      failures.push({ reason: 'unsupported-key', detail: `SAST record at offset ${record.offset}: ${key.problem}` });
      continue;
    }
    if (verifySignature(parsed, key.key)) return { ok: true, signerRecord: record };
    failures.push({
      reason: 'bad-signature',
      detail: `the signature does not verify with the key of the SAST record at offset ${record.offset} (${parsed.digest}, ${parsed.signature.length}-byte signature)`,
    });
  }
  const failure = failures.find((f) => f.reason === 'bad-signature') ?? failures[0];
  return { ok: false, ...failure };
}

/** The file's identity: SHA-256 of all its bytes, lower-case hex. */
export function trustFileDigest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The certificate's key when the record has a certificate, else the PUBLIC_KEY element. Both reach
 * OpenSSL as PKCS#1: taking the key out of the certificate ourselves avoids OpenSSL 3's slow
 * SubjectPublicKeyInfo decoding (~160 us against ~15 us), which would otherwise dominate verification.
 */
function signerKey(record: ParsedTrustRecord): { key: KeyObject } | { problem: string } {
  const source = record.certificateDer ? 'its CERTIFICATE' : 'its PUBLIC_KEY (no CERTIFICATE element)';
  try {
    const { keyType, publicKey } = record.certificateDer
      ? readCertificatePublicKey(record.certificateDer)
      : { keyType: 'rsa', publicKey: record.publicKey };
    if (keyType !== 'rsa') return { problem: `its key is ${keyType}; trust-file signatures are RSA PKCS#1 v1.5` };
    return { key: createPublicKey({ key: publicKey, format: 'der', type: 'pkcs1' }) };
  } catch (error) {
    return { problem: `cannot read an RSA public key from ${source}: ${(error as Error).message}` };
  }
}

function verifySignature(parsed: ParsedTrustFile, key: KeyObject): boolean {
  try {
    return verify(parsed.digest, parsed.signedContent, key, parsed.signature);
  } catch {
    // OpenSSL rejects some malformed signatures (e.g. longer than the modulus) by throwing.
    return false;
  }
}
