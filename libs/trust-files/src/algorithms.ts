/**
 * Wire codes of the header's SIGNATURE_INFO (trust-file-format.md, tags 8, 10, 11).
 */
export type TrustFileDigest = 'sha1' | 'sha256' | 'sha512';

const DIGEST_CODES: Readonly<Record<TrustFileDigest, number>> = { sha1: 1, sha256: 2, sha512: 3 };

export function digestCode(digest: TrustFileDigest): number {
  return DIGEST_CODES[digest];
}

export function digestFromCode(code: number): TrustFileDigest | undefined {
  return (Object.keys(DIGEST_CODES) as TrustFileDigest[]).find((name) => DIGEST_CODES[name] === code);
}

export function isTrustFileDigest(value: unknown): value is TrustFileDigest {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DIGEST_CODES, value);
}

/** SIGNATURE_ALGORITHM: the only value the format documents is 0, an RSA key. */
export const SIGNATURE_ALGORITHM_RSA = 0;

/** SIGNATURE_MODULUS codes 0..3 stand for 64, 128, 256 and 512-byte signatures (512..4096-bit RSA). */
const SIGNATURE_SIZES = [64, 128, 256, 512] as const;

export function modulusCodeForSignatureSize(bytes: number): number | undefined {
  const code = SIGNATURE_SIZES.indexOf(bytes as (typeof SIGNATURE_SIZES)[number]);
  return code < 0 ? undefined : code;
}

export function signatureSizeForModulusCode(code: number): number | undefined {
  return SIGNATURE_SIZES[code];
}
