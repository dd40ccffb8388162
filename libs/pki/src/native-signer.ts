import { constants, privateEncrypt, sign, type KeyObject } from 'crypto';
import * as forge from 'node-forge';

export type SignatureHash = 'sha1' | 'sha256' | 'sha384' | 'sha512';
export const SIGNATURE_HASHES: readonly SignatureHash[] = ['sha1', 'sha256', 'sha384', 'sha512'];

/** DER prefix of DigestInfo { AlgorithmIdentifier(hash, NULL), OCTET STRING(digest) } (RFC 8017 §9.2). */
const DIGEST_INFO_PREFIX: Readonly<Record<SignatureHash, Buffer>> = {
  sha1: Buffer.from('3021300906052b0e03021a05000414', 'hex'),
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/** What forge's cert.sign()/csr.sign() call on the key they are given. */
export interface ForgeCompatibleSigner {
  sign(md: forge.md.MessageDigest): string;
}

/**
 * A signer for node-forge's `cert.sign(signer, md)` and `csr.sign(signer, md)` that signs natively.
 *
 * Why: forge signs in pure JavaScript (~36 ms per RSA-2048 signature); OpenSSL takes ~1 ms. forge hands the
 * signer a message digest it has already fed with the TBS bytes, so we finish the hash, wrap it in a
 * DigestInfo and apply the RSA private-key operation with PKCS #1 v1.5 type-1 padding
 * (`privateEncrypt` + RSA_PKCS1_PADDING): exactly RSASSA-PKCS1-v1_5, so OpenSSL and forge both verify it.
 * Such signatures are deterministic, which the simulator's reproducible event log relies on.
 */
export function createNativeSigner(privateKey: KeyObject): ForgeCompatibleSigner {
  requireRsaPrivateKey(privateKey);
  return {
    sign(md: forge.md.MessageDigest): string {
      const hash = md.algorithm as SignatureHash;
      const prefix = DIGEST_INFO_PREFIX[hash];
      if (!prefix) throw new Error(`native signer: unsupported digest ${md.algorithm} (use ${SIGNATURE_HASHES.join(', ')})`);
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const signature = privateEncrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
        Buffer.concat([prefix, digest]),
      );
      return signature.toString('binary'); // forge's "binary string"
    },
  };
}

/**
 * RSASSA-PKCS1-v1_5 over `data`, hashing natively too: the same bytes the forge-compatible signer gives for
 * the same data, for callers that already hold the DER to sign (certificate.ts) and need no forge digest.
 */
export function signRsaPkcs1(privateKey: KeyObject, hash: SignatureHash, data: Buffer): Buffer {
  requireRsaPrivateKey(privateKey);
  if (!DIGEST_INFO_PREFIX[hash]) throw new Error(`unsupported signature hash ${String(hash)} (use ${SIGNATURE_HASHES.join(', ')})`);
  return sign(hash, data, { key: privateKey, padding: constants.RSA_PKCS1_PADDING });
}

function requireRsaPrivateKey(privateKey: KeyObject): void {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
    throw new TypeError(
      `native signer needs an RSA private key, got ${privateKey.type} ${privateKey.asymmetricKeyType ?? 'secret'} key`,
    );
  }
}

/** A fresh forge message digest for `hash`, to pass as the second argument of cert.sign()/csr.sign(). */
export function forgeDigest(hash: SignatureHash): forge.md.MessageDigest {
  switch (hash) {
    case 'sha1':
      return forge.md.sha1.create();
    case 'sha256':
      return forge.md.sha256.create();
    case 'sha384':
      return forge.md.sha384.create();
    case 'sha512':
      return forge.md.sha512.create();
    default:
      throw new Error(`unsupported signature hash ${String(hash)} (use ${SIGNATURE_HASHES.join(', ')})`);
  }
}
