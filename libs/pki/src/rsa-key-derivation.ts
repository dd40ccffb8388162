import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'crypto';
import { bigIntToBase64Url, bitLength, gcd, modInverse } from './bigint-bytes';
import { HmacDrbg } from './drbg';
import { findPrime } from './prime-search';

export type RsaKeySize = 1024 | 2048 | 3072 | 4096;
/** The sizes CUCM offers (Generate Self-Signed Certificate [chapter Table 6]). */
export const RSA_KEY_SIZES: readonly RsaKeySize[] = [1024, 2048, 3072, 4096];
/**
 * Any modulus length a certificate can carry, within reason: a scenario may describe an 8192-bit root so
 * that the upload rules, not the key derivation, refuse it [chapter]. 16384 bits takes minutes to derive.
 */
export const RSA_KEY_SIZE_RANGE = { min: 512, max: 16_384 } as const;

/** Whether `bits` is an RSA modulus length the derivation makes: a whole number in RSA_KEY_SIZE_RANGE. */
export function isDerivableRsaSize(bits: number): boolean {
  return Number.isInteger(bits) && bits >= RSA_KEY_SIZE_RANGE.min && bits <= RSA_KEY_SIZE_RANGE.max;
}

export interface DerivedKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const PUBLIC_EXPONENT = 65537n;

/**
 * Derives an RSA key pair from seed material: the same (seedMaterial, bits) gives the same key on every
 * machine and Node version.
 *
 * PART OF THE DETERMINISM CONTRACT. The key feeds every certificate the simulator issues, and certificates
 * are recorded in the event log, so any change to this function, to prime-search.ts or to HmacDrbg changes
 * every event log produced from a given seed. The exact steps:
 *   - HmacDrbg(seedMaterial || "|trustsim/rsa/v1/<bits>") (the suffix separates key sizes even if a caller
 *     reuses seed material);
 *   - p = findPrime(ceil(bits/2)), then q = findPrime(floor(bits/2)) from the same stream (equal halves for the
 *     even sizes, so the keys of 1024–4096 bits are what they always were); q is drawn again while q = p or
 *     |p - q| <= 2^(floor(bits/2) - 100) (FIPS 186-5 A.1.3), and the pair again while d <= 2^floor(bits/2);
 *   - the larger prime becomes p; e = 65537; d = e^-1 mod lcm(p-1, q-1); dp, dq, qi as in PKCS #1.
 *     (d has no effect on signatures — any valid exponent signs identically — but it is in the cached PEM.)
 *
 * Costs ~50–150 ms for 2048 bits on one core (native Miller-Rabin dominates); 4096 bits ~0.5–1 s; 8192 bits
 * 5–10 s (derive such keys ahead, in workers: KeyPool.warm).
 * These keys are reproducible by anyone with the seed: simulation only, never real trust.
 */
export function deriveRsaKeyPair(seedMaterial: Buffer, bits: RsaKeySize | number): DerivedKeyPair {
  return importRsaJwk(deriveRsaJwk(seedMaterial, bits));
}

export function deriveRsaJwk(seedMaterial: Buffer, bits: RsaKeySize | number): JsonWebKey {
  if (!isDerivableRsaSize(bits)) {
    throw new RangeError(`RSA key size ${bits} is not supported (RSA keys are ${RSA_KEY_SIZE_RANGE.min} to ${RSA_KEY_SIZE_RANGE.max} bits)`);
  }
  const drbg = new HmacDrbg(Buffer.concat([seedMaterial, Buffer.from(`|trustsim/rsa/v1/${bits}`)]));
  const upper = Math.ceil(bits / 2);
  const half = Math.floor(bits / 2);
  const minDistance = 1n << BigInt(half - 100);
  const minPrivateExponent = 1n << BigInt(half);
  for (;;) {
    let p = findPrime(drbg, upper, PUBLIC_EXPONENT);
    let q = findPrime(drbg, half, PUBLIC_EXPONENT);
    while (absDiff(p, q) <= minDistance) q = findPrime(drbg, half, PUBLIC_EXPONENT);
    if (q > p) [p, q] = [q, p];

    const n = p * q;
    const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
    const d = modInverse(PUBLIC_EXPONENT, lambda);
    if (d <= minPrivateExponent) continue; // astronomically rare; FIPS asks for a large d
    if (bitLength(n) !== bits) throw new Error('deriveRsaJwk: modulus has the wrong length (bug)');

    return {
      kty: 'RSA',
      n: bigIntToBase64Url(n),
      e: bigIntToBase64Url(PUBLIC_EXPONENT),
      d: bigIntToBase64Url(d),
      p: bigIntToBase64Url(p),
      q: bigIntToBase64Url(q),
      dp: bigIntToBase64Url(d % (p - 1n)),
      dq: bigIntToBase64Url(d % (q - 1n)),
      qi: bigIntToBase64Url(modInverse(q, p)),
    };
  }
}

function importRsaJwk(jwk: JsonWebKey): DerivedKeyPair {
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function absDiff(a: bigint, b: bigint): bigint {
  return a > b ? a - b : b - a;
}
