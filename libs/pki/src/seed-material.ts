import type { EcCurve } from './ec-key-derivation';
import type { RsaKeySize } from './rsa-key-derivation';

/**
 * Version of the whole key-derivation algorithm (seed encoding, DRBG, prime search, EC scalar draw).
 * Bumping it gives every label a new key and changes every event log: do so only deliberately.
 */
export const KEY_DERIVATION_VERSION = 1;

export type KeyKind = 'rsa' | 'ec';
export type KeySize = RsaKeySize | EcCurve;

/** One key a scenario needs: its label (e.g. "cucmpub/CallManager"), kind and size. */
export interface KeyRequest {
  label: string;
  kind: KeyKind;
  size: KeySize;
}

/**
 * The bytes a key is derived from: "seed|label|kind|size" in an unambiguous form. A JSON array of strings is
 * used rather than a '|'-joined string so that a label containing '|' cannot collide with another
 * (seed, label) pair. The seed is taken as a string: seed 1 and seed "1" name the same keys, so a seed typed
 * on the command line and one read from YAML agree.
 */
export function keySeedMaterial(seed: number | string, request: KeyRequest): Buffer {
  if (typeof seed === 'number' && !Number.isFinite(seed)) throw new RangeError(`key seed must be finite, got ${seed}`);
  if (typeof request.label !== 'string' || request.label.length === 0) {
    throw new TypeError('key label must be a non-empty string');
  }
  return Buffer.from(
    JSON.stringify(['trustsim-key', KEY_DERIVATION_VERSION, String(seed), request.label, request.kind, String(request.size)]),
    'utf8',
  );
}
