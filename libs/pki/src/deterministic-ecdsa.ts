import { createECDH, createHash, createHmac, type KeyObject } from 'crypto';
import { bigIntFromBytes, bigIntToBytes, modInverse } from './bigint-bytes';
import { DER_TAG, encodeDer } from './der';
import { encodeDerUnsignedInteger } from './der-write';
import { EC_CURVE_PARAMETERS, EC_CURVES, type EcCurve } from './ec-key-derivation';
import { SIGNATURE_HASHES, type SignatureHash } from './native-signer';

/**
 * Deterministic ECDSA (RFC 6979): the nonce k is derived from the private key and the message hash with
 * HMAC-DRBG instead of drawn at random, so the same key and data always give the same signature bytes —
 * which the reproducible event log needs for ECDSA certificates and CSRs.
 *
 * Why this route: OpenSSL 3.0 (Node 20's) has no deterministic-nonce option (it arrived in OpenSSL 3.2 and
 * Node does not expose it), WebCrypto is randomised too, and no ECDSA library is a dependency. Only the
 * nonce needs new code: k·G is computed natively by loading k into an ECDH object as if it were a private
 * key (its public point is k·G), and the rest is three BigInt operations modulo the group order:
 *   r = x(k·G) mod n,  s = k⁻¹ · (z + r·d) mod n.
 * Checked against the RFC 6979 A.2.5–A.2.7 vectors (P-256, P-384, P-521) and Node's crypto.verify.
 * Not constant-time — fine here: these keys are derived from a public scenario seed and protect nothing.
 */

const HASH_BYTES: Readonly<Record<SignatureHash, number>> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

export interface EcdsaSignature {
  r: bigint;
  s: bigint;
}

/** The curve of an EC key, or a readable error for other keys and curves CUCM does not use. */
export function ecCurveOf(key: KeyObject): EcCurve {
  if (key.asymmetricKeyType !== 'ec') throw new TypeError(`expected an EC key, got ${key.asymmetricKeyType ?? key.type}`);
  const name = key.asymmetricKeyDetails?.namedCurve;
  const curve = EC_CURVES.find((candidate) => EC_CURVE_PARAMETERS[candidate].opensslName === name);
  if (!curve) throw new RangeError(`EC curve ${name ?? '(unnamed)'} is not supported (use ${EC_CURVES.join(', ')})`);
  return curve;
}

/** ECDSA signature over `data` (hashed with `hash`), DER-encoded as X.509 and PKCS #10 carry it. */
export function signEcdsaDeterministic(privateKey: KeyObject, hash: SignatureHash, data: Buffer): Buffer {
  if (privateKey.type !== 'private') throw new TypeError(`ECDSA signing needs a private key, got a ${privateKey.type} key`);
  const curve = ecCurveOf(privateKey);
  requireHash(hash);
  const d = bigIntFromBytes(Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url'));
  return encodeEcdsaSignature(signEcdsaDigest(curve, d, createHash(hash).update(data).digest(), hash));
}

/** Signs an already computed hash h1 with private scalar d; `hash` names the HMAC used for the nonce. */
export function signEcdsaDigest(curve: EcCurve, d: bigint, h1: Buffer, hash: SignatureHash): EcdsaSignature {
  const { order: n, bits: qlen, opensslName, bytes } = EC_CURVE_PARAMETERS[curve];
  if (d < 1n || d >= n) throw new RangeError('ECDSA private scalar is out of range');
  const z = bits2int(h1, qlen);
  for (const k of rfc6979Nonces(curve, d, h1, hash)) {
    const ecdh = createECDH(opensslName);
    ecdh.setPrivateKey(bigIntToBytes(k, bytes));
    const x = bigIntFromBytes(ecdh.getPublicKey().subarray(1, 1 + bytes)); // uncompressed point 04 || X || Y
    const r = x % n;
    if (r === 0n) continue; // RFC 6979 §3.4: an unsuitable k; take the next one from the same stream
    const s = (modInverse(k, n) * (z + r * d)) % n;
    if (s === 0n) continue;
    return { r, s };
  }
  throw new Error('unreachable: the nonce stream is infinite');
}

/** The first nonce RFC 6979 gives for (d, h1): what the published test vectors list as k. */
export function rfc6979Nonce(curve: EcCurve, d: bigint, h1: Buffer, hash: SignatureHash): bigint {
  return rfc6979Nonces(curve, d, h1, hash).next().value as bigint;
}

/** RFC 6979 §3.2 steps b–h: HMAC-DRBG seeded with int2octets(d) || bits2octets(h1); candidates in [1, n-1]. */
function* rfc6979Nonces(curve: EcCurve, d: bigint, h1: Buffer, hash: SignatureHash): Generator<bigint, never> {
  requireHash(hash);
  const { order: q, bits: qlen } = EC_CURVE_PARAMETERS[curve];
  const rlen = Math.ceil(qlen / 8);
  const hmac = (key: Buffer, ...parts: Buffer[]) => createHmac(hash, key).update(Buffer.concat(parts)).digest();
  const seed = Buffer.concat([bigIntToBytes(d, rlen), bits2octets(h1, q, qlen, rlen)]);

  let V = Buffer.alloc(HASH_BYTES[hash], 0x01);
  let K = Buffer.alloc(HASH_BYTES[hash], 0x00);
  K = hmac(K, V, Buffer.from([0x00]), seed);
  V = hmac(K, V);
  K = hmac(K, V, Buffer.from([0x01]), seed);
  V = hmac(K, V);
  for (;;) {
    const chunks: Buffer[] = [];
    let tlen = 0;
    while (tlen < qlen) {
      V = hmac(K, V);
      chunks.push(V);
      tlen += V.length * 8;
    }
    const k = bits2int(Buffer.concat(chunks), qlen);
    if (k >= 1n && k < q) yield k;
    K = hmac(K, V, Buffer.from([0x00]));
    V = hmac(K, V);
  }
}

/** RFC 6979 §2.3.2: the leftmost qlen bits as an integer (also how ECDSA turns a hash into z). */
function bits2int(bytes: Buffer, qlen: number): bigint {
  const value = bigIntFromBytes(bytes);
  const blen = bytes.length * 8;
  return blen > qlen ? value >> BigInt(blen - qlen) : value;
}

/** RFC 6979 §2.3.4: bits2int reduced mod q, as rlen octets. */
function bits2octets(bytes: Buffer, q: bigint, qlen: number, rlen: number): Buffer {
  const z1 = bits2int(bytes, qlen);
  return bigIntToBytes(z1 >= q ? z1 - q : z1, rlen);
}

/** Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3). */
export function encodeEcdsaSignature({ r, s }: EcdsaSignature): Buffer {
  return encodeDer(DER_TAG.SEQUENCE, Buffer.concat([encodeDerUnsignedInteger(r), encodeDerUnsignedInteger(s)]));
}

function requireHash(hash: SignatureHash): void {
  if (!SIGNATURE_HASHES.includes(hash)) throw new Error(`unsupported signature hash ${String(hash)} (use ${SIGNATURE_HASHES.join(', ')})`);
}
