import { createECDH, createPrivateKey, createPublicKey, type JsonWebKey } from 'crypto';
import { bigIntFromBytes, bigIntToBase64Url, bigIntToBytes } from './bigint-bytes';
import { HmacDrbg } from './drbg';
import type { DerivedKeyPair } from './rsa-key-derivation';

export type EcCurve = 'P-256' | 'P-384' | 'P-521';
export const EC_CURVES: readonly EcCurve[] = ['P-256', 'P-384', 'P-521'];

interface CurveParameters {
  /** OpenSSL's name, which createECDH expects. */
  opensslName: string;
  bits: number;
  /** Byte width of a scalar and of each JWK coordinate. */
  bytes: number;
  /** Group order n (from `openssl ecparam -param_enc explicit`). */
  order: bigint;
}

export const EC_CURVE_PARAMETERS: Readonly<Record<EcCurve, CurveParameters>> = {
  'P-256': {
    opensslName: 'prime256v1',
    bits: 256,
    bytes: 32,
    order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  },
  'P-384': {
    opensslName: 'secp384r1',
    bits: 384,
    bytes: 48,
    order: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  },
  'P-521': {
    opensslName: 'secp521r1',
    bits: 521,
    bytes: 66,
    order:
      0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
  },
};

/**
 * Derives an EC key pair from seed material (same input → same key everywhere).
 *
 * PART OF THE DETERMINISM CONTRACT, like deriveRsaKeyPair: HmacDrbg(seedMaterial || "|trustsim/ec/v1/<curve>"),
 * draw `bytes` bytes, keep the low `bits` bits as c, retry while c > n - 2, private scalar d = c + 1
 * (FIPS 186-5 A.2.2, rejection sampling: uniform in [1, n-1]). The public point comes from OpenSSL.
 */
export function deriveEcKeyPair(seedMaterial: Buffer, curve: EcCurve): DerivedKeyPair {
  const privateKey = createPrivateKey({ key: deriveEcJwk(seedMaterial, curve), format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export function deriveEcJwk(seedMaterial: Buffer, curve: EcCurve): JsonWebKey {
  const params = EC_CURVE_PARAMETERS[curve];
  if (!params) throw new RangeError(`EC curve ${String(curve)} is not supported (use ${EC_CURVES.join(', ')})`);
  const drbg = new HmacDrbg(Buffer.concat([seedMaterial, Buffer.from(`|trustsim/ec/v1/${curve}`)]));
  const mask = (1n << BigInt(params.bits)) - 1n;
  let candidate: bigint;
  do {
    candidate = bigIntFromBytes(drbg.generate(params.bytes)) & mask;
  } while (candidate > params.order - 2n);
  const scalar = candidate + 1n;

  const ecdh = createECDH(params.opensslName);
  ecdh.setPrivateKey(bigIntToBytes(scalar, params.bytes));
  const point = ecdh.getPublicKey(); // uncompressed: 0x04 || X || Y
  return {
    kty: 'EC',
    crv: curve,
    x: point.subarray(1, 1 + params.bytes).toString('base64url'),
    y: point.subarray(1 + params.bytes).toString('base64url'),
    d: bigIntToBase64Url(scalar, params.bytes),
  };
}
