import { checkPrimeSync } from 'crypto';
import { bigIntFromBytes, bitLength } from './bigint-bytes';
import type { HmacDrbg } from './drbg';

/**
 * Deterministic search for an RSA prime factor. PART OF THE DETERMINISM CONTRACT: every step below decides
 * which prime a seed yields, so changing any of it (window size, sieve bound, draw order, the e-condition)
 * changes every derived key, hence every certificate and every recorded event log. Bump
 * KEY_DERIVATION_VERSION (seed-material.ts) if you must change it.
 *
 * Algorithm, for a prime of `bits` bits and public exponent e (prime):
 *   1. draw ceil(bits/8) bytes from the DRBG, drop excess high bits, set the top two bits (so p*q has
 *      exactly 2*bits bits) and the low bit: this is the window base b;
 *   2. consider b, b+2, ..., b+2*(WINDOW-1) in order; skip a candidate divisible by an odd prime below
 *      SIEVE_LIMIT, or one with candidate mod e = 1 (then gcd(e, p-1) = e), or one that overflows `bits`;
 *   3. the first survivor that passes crypto.checkPrimeSync (OpenSSL Miller-Rabin, at least 64 rounds) is
 *      the prime; if the window holds none, go back to 1.
 * Miller-Rabin picks random bases, but with >= 64 rounds a composite passing is < 2^-128 likely, so the
 * outcome (and therefore the key) is the same on every machine.
 */
const WINDOW = 4096;
const SIEVE_LIMIT = 8192;

const SMALL_PRIMES: readonly number[] = (() => {
  const composite = new Uint8Array(SIEVE_LIMIT);
  const primes: number[] = [];
  for (let i = 3; i < SIEVE_LIMIT; i += 2) {
    if (composite[i]) continue;
    primes.push(i);
    for (let j = i * i; j < SIEVE_LIMIT; j += 2 * i) composite[j] = 1;
  }
  return primes;
})();
const SMALL_PRIMES_BIG = SMALL_PRIMES.map(BigInt);

export function findPrime(drbg: HmacDrbg, bits: number, publicExponent: bigint): bigint {
  if (!Number.isInteger(bits) || bits < 64) throw new RangeError(`findPrime: ${bits} bits is too small`);
  const byteLength = Math.ceil(bits / 8);
  const excessBits = BigInt(byteLength * 8 - bits);
  const topTwo = 3n << BigInt(bits - 2);
  for (;;) {
    const base = ((bigIntFromBytes(drbg.generate(byteLength)) >> excessBits) | topTwo) | 1n;
    const found = searchWindow(base, bits, publicExponent);
    if (found !== undefined) return found;
  }
}

function searchWindow(base: bigint, bits: number, e: bigint): bigint | undefined {
  // rejected[k] marks base + 2k. For an odd prime s, base + 2k ≡ 0 (mod s) ⇔ k ≡ -r·2⁻¹ (mod s),
  // with r = base mod s and 2⁻¹ = (s+1)/2; the same trick with target 1 handles the e-condition.
  const rejected = new Uint8Array(WINDOW);
  for (let i = 0; i < SMALL_PRIMES.length; i++) {
    markResidue(rejected, SMALL_PRIMES[i], Number(base % SMALL_PRIMES_BIG[i]), 0);
  }
  if (e < 1n << 17n) {
    markResidue(rejected, Number(e), Number(base % e), 1);
  }
  for (let k = 0; k < WINDOW; k++) {
    if (rejected[k]) continue;
    const candidate = base + 2n * BigInt(k);
    if (bitLength(candidate) !== bits) return undefined;
    if (candidate % e === 1n) continue; // only reached for an e too large to sieve
    if (checkPrimeSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Marks every k in the window with base + 2k ≡ target (mod modulus), given residue = base mod modulus.
 * The modulus must be odd (so 2 is invertible) and below 2^17 (exact double arithmetic).
 */
function markResidue(rejected: Uint8Array, modulus: number, residue: number, target: number): void {
  const halfInverse = (modulus + 1) / 2;
  // Both factors are below 2^17, so the product stays exact in a double.
  let k = ((((target - residue) % modulus) + modulus) % modulus) * halfInverse % modulus;
  for (; k < rejected.length; k += modulus) rejected[k] = 1;
}
