import type { KeyObject } from 'crypto';
import { signEcdsaDeterministic } from './deterministic-ecdsa';
import { signRsaPkcs1, SIGNATURE_HASHES, type SignatureHash } from './native-signer';

/** The two key algorithms CUCM certificates use (chapter Table 6: "EC and RSA key types"). */
export type KeyAlgorithm = 'RSA' | 'EC';

interface AlgorithmIdentifier {
  readonly oid: string;
  /** The complete AlgorithmIdentifier SEQUENCE as it appears in a certificate or CSR. */
  readonly der: Buffer;
}

/** RSA PKCS #1 v1.5: parameters NULL (RFC 4055 §5). */
export const RSA_SIGNATURE_ALGORITHMS: Readonly<Record<SignatureHash, AlgorithmIdentifier>> = {
  sha1: { oid: '1.2.840.113549.1.1.5', der: Buffer.from('300d06092a864886f70d0101050500', 'hex') },
  sha256: { oid: '1.2.840.113549.1.1.11', der: Buffer.from('300d06092a864886f70d01010b0500', 'hex') },
  sha384: { oid: '1.2.840.113549.1.1.12', der: Buffer.from('300d06092a864886f70d01010c0500', 'hex') },
  sha512: { oid: '1.2.840.113549.1.1.13', der: Buffer.from('300d06092a864886f70d01010d0500', 'hex') },
};

/** ECDSA: parameters absent (RFC 5758 §3.2, RFC 3279 §2.2.3). */
export const ECDSA_SIGNATURE_ALGORITHMS: Readonly<Record<SignatureHash, AlgorithmIdentifier>> = {
  sha1: { oid: '1.2.840.10045.4.1', der: Buffer.from('300906072a8648ce3d0401', 'hex') },
  sha256: { oid: '1.2.840.10045.4.3.2', der: Buffer.from('300a06082a8648ce3d040302', 'hex') },
  sha384: { oid: '1.2.840.10045.4.3.3', der: Buffer.from('300a06082a8648ce3d040303', 'hex') },
  sha512: { oid: '1.2.840.10045.4.3.4', der: Buffer.from('300a06082a8648ce3d040304', 'hex') },
};

export function signatureAlgorithm(keyAlgorithm: KeyAlgorithm, hash: SignatureHash): AlgorithmIdentifier {
  const algorithm = (keyAlgorithm === 'EC' ? ECDSA_SIGNATURE_ALGORITHMS : RSA_SIGNATURE_ALGORITHMS)[hash];
  if (!algorithm) throw new Error(`unsupported signature hash ${String(hash)} (use ${SIGNATURE_HASHES.join(', ')})`);
  return algorithm;
}

/** Which key algorithm and hash a signature algorithm OID stands for; undefined for others (RSA-PSS, EdDSA). */
export function signatureAlgorithmFromOid(oid: string): { keyAlgorithm: KeyAlgorithm; hash: SignatureHash } | undefined {
  for (const hash of SIGNATURE_HASHES) {
    if (RSA_SIGNATURE_ALGORITHMS[hash].oid === oid) return { keyAlgorithm: 'RSA', hash };
    if (ECDSA_SIGNATURE_ALGORITHMS[hash].oid === oid) return { keyAlgorithm: 'EC', hash };
  }
  return undefined;
}

/** 'RSA' or 'EC' for a key, or a readable error naming `what` for any other kind. */
export function keyAlgorithmOf(key: KeyObject, what: string): KeyAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'RSA';
  if (key.asymmetricKeyType === 'ec') return 'EC';
  throw new TypeError(`the ${what} must be an RSA or EC key, got ${key.asymmetricKeyType ?? key.type}`);
}

/** Signs with either key type, deterministically: PKCS #1 v1.5 for RSA, RFC 6979 ECDSA for EC. */
export function signDeterministically(privateKey: KeyObject, hash: SignatureHash, data: Buffer): Buffer {
  return keyAlgorithmOf(privateKey, 'signing key') === 'EC' ? signEcdsaDeterministic(privateKey, hash, data) : signRsaPkcs1(privateKey, hash, data);
}
