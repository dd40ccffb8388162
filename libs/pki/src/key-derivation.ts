import { createPrivateKey, type KeyObject } from 'crypto';
import { deriveEcJwk, EC_CURVES, type EcCurve } from './ec-key-derivation';
import { deriveRsaJwk, isDerivableRsaSize, RSA_KEY_SIZE_RANGE, type RsaKeySize } from './rsa-key-derivation';
import type { KeyKind, KeySize } from './seed-material';

/**
 * One entry point for "derive this key", shared by the main thread and the key workers so both run exactly
 * the same code. Returns the private key only: the public half is cheap to recompute.
 */
export function derivePrivateKey(seedMaterial: Buffer, kind: KeyKind, size: KeySize): KeyObject {
  assertKeySize(kind, size);
  const jwk = kind === 'rsa' ? deriveRsaJwk(seedMaterial, size as RsaKeySize) : deriveEcJwk(seedMaterial, size as EcCurve);
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

export function assertKeySize(kind: KeyKind, size: KeySize): void {
  if (kind === 'rsa') {
    if (typeof size !== 'number' || !isDerivableRsaSize(size)) {
      throw new RangeError(`RSA key size ${String(size)} is not supported (RSA keys are ${RSA_KEY_SIZE_RANGE.min} to ${RSA_KEY_SIZE_RANGE.max} bits)`);
    }
  } else if (kind === 'ec') {
    if (!EC_CURVES.includes(size as EcCurve)) {
      throw new RangeError(`EC curve ${String(size)} is not supported (use ${EC_CURVES.join(', ')})`);
    }
  } else {
    throw new RangeError(`key kind ${String(kind)} is not supported (use rsa or ec)`);
  }
}
