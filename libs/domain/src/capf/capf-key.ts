/** CAPF's key order for an LSC [S125PSP] (§8). */
export const CAPF_KEY_ORDERS = ['RSA Only', 'EC Only', 'EC Preferred, RSA Backup'] as const;
export type CapfKeyOrder = (typeof CAPF_KEY_ORDERS)[number];

const RSA_SIZES = [512, 1024, 2048, 3072, 4096];
const EC_SIZES = [256, 384, 521];

export type CapfKeyChoice =
  | { ok: true; keyType: 'RSA' | 'EC'; keySize: number; note?: string }
  | { ok: false; reason: 'key-size-invalid' | 'ec-unsupported' | 'ec-support-unknown'; detail: string };

/**
 * The key an LSC gets from CAPF's key order and size (domain-reference §8) [S125PSP]: RSA 512–4096, EC
 * 256/384/521; RSA 2048 by default [S125DEF]. "EC Only" needs a phone that supports EC keys; where no
 * source says whether the model does, the simulator does not guess — the phone group can say
 * (`ecdsa: yes | no`). "EC Preferred, RSA Backup" falls back to RSA on a phone without EC.
 */
export function capfKeyChoice(order: CapfKeyOrder, keySize: number | undefined, phoneEcdsa: 'yes' | 'no' | 'unknown', model: string): CapfKeyChoice {
  const rsa = (asked: number | undefined): CapfKeyChoice => {
    if (asked !== undefined && !RSA_SIZES.includes(asked)) return { ok: false, reason: 'key-size-invalid', detail: `RSA keys are ${RSA_SIZES.join('/')} bits, not ${asked} [S125PSP]` };
    return { ok: true, keyType: 'RSA', keySize: asked ?? 2048 };
  };
  const ec = (): CapfKeyChoice => {
    if (keySize !== undefined && !EC_SIZES.includes(keySize)) return { ok: false, reason: 'key-size-invalid', detail: `EC keys are ${EC_SIZES.join('/')} bits, not ${keySize} [S125PSP]` };
    return { ok: true, keyType: 'EC', keySize: keySize ?? 256 };
  };
  if (order === 'RSA Only') return rsa(keySize);
  if (phoneEcdsa === 'yes') return ec();
  if (order === 'EC Only') {
    return phoneEcdsa === 'no'
      ? { ok: false, reason: 'ec-unsupported', detail: `${model} does not support EC keys: "EC Only" cannot issue its LSC [S125PSP]` }
      : { ok: false, reason: 'ec-support-unknown', detail: `no source says whether ${model} supports EC keys; say so on the phone group (ecdsa: yes | no)` };
  }
  // The backup is RSA at its default size when the size asked for was an EC one.
  const backup = rsa(keySize !== undefined && EC_SIZES.includes(keySize) ? undefined : keySize);
  return backup.ok && phoneEcdsa === 'unknown' ? { ...backup, note: `no source says whether ${model} supports EC keys: RSA backup assumed` } : backup;
}
