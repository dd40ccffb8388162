import type { Assumptions } from '../assumptions/assumptions';

/** The RSA key lengths CUCM offers for a certificate ("Generate Self-Signed Certificate") [chapter]. */
export const RSA_KEY_SIZES = [1024, 2048, 3072, 4096] as const;

/** A CallManager certificate's key, as the phone meets it in the TLS handshake. */
export interface CertificateKey {
  readonly type: 'RSA' | 'EC';
  readonly bits: number;
}

/** What says which key sizes a phone handles: the phone group, the model catalogue, or the assumption for unknown models. */
export interface KeySizeKnowledge {
  /** The phone group's `keySizes` (scenario language): what the engineer knows of these phones (CURT). */
  readonly group?: readonly number[];
  /** The model catalogue's `rsaKeySizes` (phone-models.ts). */
  readonly model: readonly number[] | 'unknown';
  readonly modelName: string;
  /** Read only when neither says (assumption unknownModelKeySizes). */
  readonly assumptions: Pick<Assumptions, 'unknownModelKeySizes'>;
}

export type KeySizeDecision = { supported: true } | { supported: false; basis: 'group' | 'catalogue' | 'assumption'; detail: string };

/**
 * Whether a phone handles the key of the CallManager certificate it meets. "Some phone models may fail to
 * register if the RSA key length selected for the CallManager Certificate Purpose is greater than 2048";
 * the supported models are those CURT's Unified CM Phone Feature List gives the feature "3072/4096 RSA
 * key size support" [chapter]. So:
 * - an RSA key of 2048 bits or fewer, or an EC key, is handled (the chapter's warning starts above 2048);
 * - above 2048, the phone group's `keySizes` decides, else the model catalogue, else assumption
 *   unknownModelKeySizes (by default "2048-only": nobody checked, so the rehearsal does not promise it).
 */
export function decideCallManagerKeySize(key: CertificateKey, phone: KeySizeKnowledge): KeySizeDecision {
  const known = knownKeySizeSupport(key, phone);
  if (known.answer === 'yes') return { supported: true };
  const refused = (basis: 'group' | 'catalogue' | 'assumption', why: string): KeySizeDecision => ({
    supported: false,
    basis,
    detail: `this CallManager presents an RSA ${key.bits}-bit certificate and ${why}: "some phone models may fail to register" above 2048 bits [chapter]`,
  });
  if (known.answer === 'no') {
    return known.basis === 'group'
      ? refused('group', `the phone group says its phones handle ${phone.group!.join('/')} bits (keySizes)`)
      : refused('catalogue', `the ${phone.modelName} handles ${(phone.model as readonly number[]).join('/')} bits`);
  }
  if (phone.assumptions.unknownModelKeySizes === 'up-to-4096' && key.bits <= 4096) return { supported: true };
  return refused(
    'assumption',
    `no source says whether the ${phone.modelName} handles it (CURT's "3072/4096 RSA key size support"; say so with keySizes on the phone group), taken as not: assumption unknownModelKeySizes = ${phone.assumptions.unknownModelKeySizes}`,
  );
}

/**
 * What is known, without the assumption, of whether a phone handles a CallManager key: yes up to 2048
 * bits and for EC keys; above, what the phone group or the model catalogue says, else unknown
 * (`trustsim check` reports an unknown as something to verify).
 */
export function knownKeySizeSupport(key: CertificateKey, phone: Omit<KeySizeKnowledge, 'assumptions'>): { answer: 'yes' | 'no' | 'unknown'; basis?: 'group' | 'catalogue' } {
  if (key.type !== 'RSA' || key.bits <= 2048) return { answer: 'yes' };
  if (phone.group) return { answer: phone.group.includes(key.bits) ? 'yes' : 'no', basis: 'group' };
  if (phone.model !== 'unknown') return { answer: phone.model.includes(key.bits) ? 'yes' : 'no', basis: 'catalogue' };
  return { answer: 'unknown' };
}
