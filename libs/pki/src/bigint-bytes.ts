/**
 * Conversions between unsigned big-endian byte strings and BigInt, plus the two pieces of number theory RSA
 * needs. Plain BigInt keeps the derivation identical on every platform (no native big-number library whose
 * behaviour could differ between Node builds).
 */

export function bigIntFromBytes(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + bytes.toString('hex'));
}

/** Unsigned big-endian bytes; `length` left-pads with zeros (JWK EC coordinates need a fixed width). */
export function bigIntToBytes(value: bigint, length?: number): Buffer {
  if (value < 0n) throw new RangeError('bigIntToBytes: negative value');
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const bytes = Buffer.from(hex, 'hex');
  if (length === undefined || bytes.length === length) return bytes;
  if (bytes.length > length) throw new RangeError(`bigIntToBytes: value needs ${bytes.length} bytes, ${length} allowed`);
  return Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
}

export function bigIntToBase64Url(value: bigint, length?: number): string {
  return bigIntToBytes(value, length).toString('base64url');
}

export function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** a^-1 mod m by the extended Euclidean algorithm; throws when no inverse exists. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw new RangeError('modInverse: value is not invertible');
  return ((oldS % m) + m) % m;
}
