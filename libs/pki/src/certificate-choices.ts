import { SIGNATURE_HASHES, type SignatureHash } from './native-signer';
import { CERTIFICATE_PURPOSES, isCertificatePurpose, PURPOSE_PROFILES, type CertificatePurpose } from './purpose-profiles';
import type { KeyAlgorithm } from './signature-algorithm';

/**
 * Which key type, key length and hash a CUCM certificate may be generated with: the choices the "Generate
 * CSR" and "Generate Self-Signed Certificate" pages offer (chapter Tables 5 and 6). Pure functions; every
 * rule names its source (the tags: docs/trust-model.md §0.1).
 *
 * Decisions where the chapter is silent (also in the README):
 *  - "A hash at least as strong as the key length" is read as an EC rule (curve size vs hash output size),
 *    which is what the chapter's two examples spell out (256 → SHA256/384/512, 384 → SHA384/512). It is
 *    not applied to RSA: by NIST strength tables RSA 4096 would then exclude SHA256, yet FIPS mode makes
 *    SHA256 mandatory for every certificate, 4096-bit RSA included. RSA keys take SHA256, SHA384 or SHA512.
 *  - SHA1 is never offered for a generated certificate or CSR: no table lists it. The chapter mentions
 *    SHA-1 only for a third-party root already uploaded to a trust store, which these rules do not govern
 *    (uploads are checked when parsed, not here).
 *  - EC 521 exists only for phone LSCs issued through CAPF (the phone security profile's key sizes
 *    [doc S125PSP]); server certificates offer EC 256 and 384 only. An LSC is signed by CAPF with SHA256
 *    (from 11.5(1)SU1 [doc SREGEN]), whatever the phone's key.
 */

/** A phone's Locally Significant Certificate, issued through CAPF. */
export type ChoicePurpose = CertificatePurpose | 'LSC';

export interface CertificateChoice {
  purpose: ChoicePurpose;
  keyType: KeyAlgorithm;
  /** RSA modulus bits, or the EC key length as CUCM shows it (256, 384, 521). */
  keyLength: number;
  /** 'sha256'; 'SHA256' and 'SHA-256' are read the same. */
  hash: SignatureHash | string;
  /** The cluster runs in FIPS mode. */
  fips?: boolean;
}

export type ChoiceResult = { ok: true; warnings?: readonly string[] } | { ok: false; reason: string };

/** Key Length choices of the server-certificate pages [chapter Table 6]; "3072 or 4096 ... only for RSA" [chapter Tables 5, 6]. */
export const SERVER_KEY_LENGTHS: Readonly<Record<KeyAlgorithm, readonly number[]>> = Object.freeze({
  RSA: Object.freeze([1024, 2048, 3072, 4096]),
  EC: Object.freeze([256, 384]),
});

/** Key sizes a phone security profile lets CAPF request: RSA 512–4096, EC 256/384/521 [doc S125PSP]. */
export const LSC_KEY_LENGTHS: Readonly<Record<KeyAlgorithm, readonly number[]>> = Object.freeze({
  RSA: Object.freeze([512, 1024, 2048, 3072, 4096]),
  EC: Object.freeze([256, 384, 521]),
});

const HASH_BITS: Readonly<Record<SignatureHash, number>> = { sha1: 160, sha256: 256, sha384: 384, sha512: 512 };
const SHA2: readonly SignatureHash[] = ['sha256', 'sha384', 'sha512'];

/** Key types a purpose can have: fixed for server certificates [chapter Table 6], either for an LSC [doc S125PSP]. */
export function allowedKeyTypes(purpose: ChoicePurpose): readonly KeyAlgorithm[] {
  return purpose === 'LSC' ? ['RSA', 'EC'] : [PURPOSE_PROFILES[purpose].keyType];
}

export function allowedKeyLengths(purpose: ChoicePurpose, keyType: KeyAlgorithm): readonly number[] {
  if (!allowedKeyTypes(purpose).includes(keyType)) return [];
  return (purpose === 'LSC' ? LSC_KEY_LENGTHS : SERVER_KEY_LENGTHS)[keyType];
}

/** The hashes offered for this key, as the Hash Algorithm drop-down would list them. */
export function allowedHashes(choice: Omit<CertificateChoice, 'hash'>): readonly SignatureHash[] {
  if (!allowedKeyLengths(choice.purpose, choice.keyType).includes(choice.keyLength)) return [];
  let hashes: readonly SignatureHash[];
  if (choice.purpose === 'LSC') hashes = ['sha256']; // CAPF's signature [doc SREGEN]
  else if (choice.keyType === 'EC') hashes = SHA2.filter((hash) => HASH_BITS[hash] >= choice.keyLength); // [chapter Tables 5, 6]
  else hashes = SHA2;
  return choice.fips ? hashes.filter((hash) => hash === 'sha256') : hashes; // FIPS: SHA256 mandatory [chapter Tables 5, 6]
}

/** Is this combination one CUCM would generate? If not, `reason` says why and what is allowed. */
export function checkCertificateChoice(choice: CertificateChoice): ChoiceResult {
  const { purpose, keyType, keyLength, fips = false } = choice;
  if (purpose !== 'LSC' && !isCertificatePurpose(purpose)) {
    return refuse(`Unknown certificate purpose ${JSON.stringify(purpose)}: choose one of ${CERTIFICATE_PURPOSES.join(', ')} (or LSC for a phone).`);
  }
  if (keyType !== 'RSA' && keyType !== 'EC') {
    return refuse(`Key type ${JSON.stringify(keyType)} is not supported: CUCM certificates have RSA or EC keys [chapter Table 6].`);
  }
  const types = allowedKeyTypes(purpose);
  if (!types.includes(keyType)) return refuse(wrongKeyType(purpose as CertificatePurpose, keyType));

  const lengths = allowedKeyLengths(purpose, keyType);
  if (!lengths.includes(keyLength)) return refuse(wrongKeyLength(purpose, keyType, keyLength, lengths));

  const hash = normaliseHash(choice.hash);
  if (!hash) return refuse(`Hash ${JSON.stringify(choice.hash)} is not known: the choices are ${list(SHA2)}.`);
  const allowed = allowedHashes({ purpose, keyType, keyLength, fips });
  if (!allowed.includes(hash)) return refuse(wrongHash(purpose, keyType, keyLength, hash, fips));

  const warnings: string[] = [];
  if (purpose === 'CallManager' && keyLength > 2048) {
    warnings.push(
      `Some phone models may fail to register when the CallManager RSA key is longer than 2048 bits; check the ` +
        `"3072/4096 RSA key size support" feature in the CURT Unified CM Phone Feature List [chapter Tables 5, 6].`,
    );
  }
  return warnings.length > 0 ? { ok: true, warnings } : { ok: true };
}

function wrongKeyType(purpose: CertificatePurpose, keyType: KeyAlgorithm): string {
  const twin = keyType === 'RSA' ? purpose.replace(/-ECDSA$/, '') : `${purpose}-ECDSA`;
  const ecPurposes = CERTIFICATE_PURPOSES.filter((candidate) => PURPOSE_PROFILES[candidate].keyType === 'EC');
  const suggestion = isCertificatePurpose(twin)
    ? ` For an ${keyType} key use ${twin}.`
    : ` Only ${ecPurposes.join(' and ')} have EC keys.`;
  return (
    `The ${purpose} certificate always has an ${PURPOSE_PROFILES[purpose].keyType} key, not ${keyType}: ` +
    `the Key Type follows the certificate purpose [chapter Table 6].${suggestion}`
  );
}

function wrongKeyLength(purpose: ChoicePurpose, keyType: KeyAlgorithm, keyLength: number, lengths: readonly number[]): string {
  const choices = `${keyType} key lengths${purpose === 'LSC' ? ' for a phone LSC' : ''} are ${list(lengths.map(String))}`;
  if (keyType === 'EC' && SERVER_KEY_LENGTHS.RSA.includes(keyLength) && keyLength > 2048) {
    return (
      `Key length ${keyLength} is for RSA certificates only; it is not offered for ECDSA certificates ` +
      `[chapter Tables 5, 6]. ${cap(choices)}.`
    );
  }
  if (keyType === 'EC' && keyLength === 521 && purpose !== 'LSC') {
    return (
      `EC 521 is not offered for ${purpose}: server certificates use EC 256 or 384 [chapter Tables 5, 6]; ` +
      `521-bit EC keys are only for phone LSCs issued through CAPF [doc S125PSP].`
    );
  }
  if (keyLength > 4096) return `Key length ${keyLength} is too long: CUCM supports keys of at most 4096 bits [chapter]. ${cap(choices)}.`;
  return `Key length ${keyLength} is not offered: ${choices} [${purpose === 'LSC' ? 'doc S125PSP' : 'chapter Table 6'}].`;
}

function wrongHash(purpose: ChoicePurpose, keyType: KeyAlgorithm, keyLength: number, hash: SignatureHash, fips: boolean): string {
  const name = hash.toUpperCase();
  if (purpose === 'LSC') return `CAPF signs LSCs with SHA256 (from 11.5(1)SU1 [doc SREGEN]), not ${name}.`;
  const byStrength = allowedHashes({ purpose, keyType, keyLength, fips: false });
  const key = `an ${keyType} ${keyLength}-bit key`;
  if (fips && !byStrength.includes('sha256')) {
    return (
      `In FIPS mode the hash must be SHA256 [chapter Tables 5, 6], but ${key} needs ${list(byStrength)} (a hash at least ` +
      `as strong as the key length [chapter]): no hash satisfies both. Use EC 256 or an RSA key.`
    );
  }
  if (fips) return `In FIPS mode the hash must be SHA256, not ${name} [chapter Tables 5, 6].`;
  if (keyType === 'EC') {
    return `${cap(key)} allows ${list(byStrength)} — a hash at least as strong as the key length [chapter Tables 5, 6] — not ${name}.`;
  }
  return `${name} is not offered for new certificates or CSRs: ${key} takes ${list(byStrength)} (no SHA1 choice in chapter Tables 5, 6).`;
}

function normaliseHash(hash: string): SignatureHash | undefined {
  const name = String(hash).toLowerCase().replace(/-/g, '');
  return (SIGNATURE_HASHES as readonly string[]).includes(name) ? (name as SignatureHash) : undefined;
}

/** "SHA256, SHA384 or SHA512" */
function list(items: readonly string[]): string {
  const names = items.map((item) => (item.startsWith('sha') ? item.toUpperCase() : item));
  return names.length <= 1 ? (names[0] ?? 'nothing') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function refuse(reason: string): ChoiceResult {
  return { ok: false, reason };
}
