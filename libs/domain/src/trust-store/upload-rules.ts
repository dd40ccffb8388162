import { isAtLeast, parseRelease } from '../release/release';
import { describeUnsupportedFile, detectCertificateFormat } from './certificate-format';
import { describeCertificate, formatInstant, formatSerial, normalizeSerial, refuse, type Refusal } from './refusal';
import {
  canonicalStoreName,
  isIdentityStoreName,
  isPublisherOnly,
  storeExistsIn,
  storeInfo,
  type StoreName,
  type TrustStoreName,
} from './store-catalogue';

/**
 * Upload Certificate/Certificate Chain into a trust store (domain-reference §3): one exported function per
 * rule, each with its source tag, and `decideTrustUpload` applying them in the order CUCM is described
 * to (format, certificate, validity, then the same-name search [chapter]).
 */

/** The fields of a certificate the upload rules look at; @trustsim/pki's CertificateInfo has them all. */
export interface UploadCertificate {
  /** Subject CN ('' when none): CUCM files trust certificates under it [SCN]. */
  readonly commonName: string;
  readonly serialHex: string;
  readonly fingerprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyType: 'RSA' | 'EC';
  /** RSA modulus length, or the curve size. */
  readonly keyBits: number;
  /** DNS names and IP addresses. */
  readonly subjectAltNames: readonly string[];
  /** Key-usage bit names (digitalSignature, keyCertSign, ...). */
  readonly keyUsage: readonly string[];
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLen?: number };
  /** `sha1WithRSAEncryption`, `sha256WithRSAEncryption`, ...: named in a refusal, never a reason for one. */
  readonly signatureAlgorithm?: string;
}

/**
 * What is being uploaded. `file` is what the administrator chose, byte for byte; it is absent when the
 * certificate comes from elsewhere (a scenario's `{ from: {cluster, node, purpose} }`). `certificate` is
 * what reading it gave (@trustsim/pki `parseCertificate`), absent when it could not be read, and then
 * `readError` says why.
 */
export interface UploadCandidate<C extends UploadCertificate = UploadCertificate> {
  readonly file?: Uint8Array | string;
  readonly certificate?: C;
  readonly readError?: string;
}

/** One certificate of a trust store, found under its common name. */
export interface TrustStoreEntry {
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly fingerprint: string;
  readonly signatureAlgorithm?: string;
}

/** One node's copy of one store: common name → certificate. */
export interface TrustStoreView<E extends TrustStoreEntry = TrustStoreEntry> {
  /** Any casing (see `canonicalStoreName`). */
  readonly name: string;
  readonly entries: ReadonlyMap<string, E>;
}

/**
 * Which certificates the CAPF extension rule checks [S15CAPF] (see `capfExtensionsApply`):
 * `capf-certificates` — CAPF certificates only (the CAPF identity, and a CAPF certificate of another
 * cluster in CAPF-trust, known by CUCM's `CAPF-<hex>` common name); `every-ca-certificate` — also every
 * CA certificate uploaded into CAPF-trust.
 */
export type CapfCaRule = 'capf-certificates' | 'every-ca-certificate';

export interface TrustUploadContext {
  /** The simulated time of the upload. */
  readonly now: Date;
  /** CUCM release of the cluster ("12.5(1)SU3", "14SU2"); without it the newest behaviour applies. */
  readonly release?: string;
  /** Whether the upload is made on the publisher; only checked for publisher-only stores (default true). */
  readonly onPublisher?: boolean;
  /** Default `capf-certificates`. */
  readonly capfCaRule?: CapfCaRule;
}

export type TrustUploadDecision =
  | {
      readonly accepted: true;
      readonly store: TrustStoreName;
      /** The certificate of the same name the upload takes the place of. */
      readonly replaces?: { readonly commonName: string; readonly serialHex: string };
    }
  | Refusal;

/** Largest key CUCM takes in an uploaded certificate [chapter]. */
export const MAX_CERTIFICATE_KEY_BITS = 4096;

/**
 * The store must be a trust store CUCM has: an unknown name, an identity certificate's name (those take
 * CA-signed identity certificates, see `decideIdentityUpload`) and a store newer than the release are
 * refused; Phone-Edge-trust takes uploads only on the publisher [chapter] (§2.3).
 */
export function checkTrustStore(storeName: string, ctx: Pick<TrustUploadContext, 'release' | 'onPublisher'>): TrustStoreName | Refusal {
  const name = canonicalStoreName(storeName);
  if (!name) {
    return refuse(
      'unknown-store',
      `there is no trust store "${storeName}": choose one of the Certificate Purpose values (tomcat-trust, CallManager-trust, CAPF-trust, Phone-SAST-trust, ...)`,
      '[chapter] (§2)',
    );
  }
  if (isIdentityStoreName(name)) {
    return refuse(
      'not-a-trust-store',
      `"${name}" is an identity certificate, not a trust store: upload the CA-signed ${name} certificate as an identity certificate, or choose ${name}-trust for a certificate to trust`,
      '[chapter] "Third-Party CA-Signed Certificates"',
    );
  }
  const unavailable = storeUnavailable(name, 'upload', ctx);
  return unavailable ?? name;
}

/** Shared by upload and delete: release and publisher restrictions. */
export function storeUnavailable(name: StoreName, action: 'upload' | 'delete', ctx: { release?: string; onPublisher?: boolean }): Refusal | undefined {
  if (!storeExistsIn(name, ctx.release)) {
    const since = storeInfo(name).introducedIn!;
    return refuse('store-not-in-release', `${name} does not exist before ${since.value} (this cluster runs ${ctx.release})`, since.source);
  }
  if (ctx.onPublisher === false && isPublisherOnly(name, ctx.release)) {
    return refuse(
      'publisher-only',
      `${action === 'upload' ? 'uploads to' : 'deletes from'} ${name} are made on the publisher: ${action} it there`,
      storeInfo(name).publisherOnly!.source,
    );
  }
  return undefined;
}

/**
 * The file must be PEM or DER [chapter]. A certificate that comes without a file (copied from another
 * node or cluster) has nothing to check.
 */
export function checkCertificateFormat(candidate: Pick<UploadCandidate, 'file'>): Refusal | undefined {
  if (candidate.file === undefined) return undefined;
  if (detectCertificateFormat(candidate.file) !== 'unknown') return undefined;
  return refuse(
    'unsupported-format',
    `the uploaded file is not a certificate CUCM can take: ${describeUnsupportedFile(candidate.file)}. Upload the certificate as PEM (.pem) or DER (.der)`,
    '[chapter]',
  );
}

/**
 * A PEM or DER file must hold a certificate that can be read: "supports only PEM (.pem) and DER (.der)
 * formatted certificates" [chapter].
 */
export function readUploadedCertificate<C extends UploadCertificate>(candidate: UploadCandidate<C>): C | Refusal {
  if (candidate.certificate) return candidate.certificate;
  const why = candidate.readError ? ` (${candidate.readError})` : '';
  return refuse(
    'unreadable-certificate',
    `the uploaded file holds no readable X.509 certificate${why}: export the certificate again as PEM or DER`,
    '[chapter]',
  );
}

/** Keys up to 4096 bits: "The maximum size of certificate supported for DER or PEM is 4096 bits" [chapter]. */
export function checkKeySize(certificate: UploadCertificate): Refusal | undefined {
  if (certificate.keyBits <= MAX_CERTIFICATE_KEY_BITS) return undefined;
  return refuse(
    'key-too-large',
    `${describeCertificate(certificate)} has a ${certificate.keyBits}-bit ${certificate.keyType} key; CUCM takes keys up to ${MAX_CERTIFICATE_KEY_BITS} bits: have it issued with a key of ${MAX_CERTIFICATE_KEY_BITS} bits or less`,
    '[chapter]',
  );
}

/** No wildcard in the subject CN or the SANs: "does not support certificates with wildcard entry", e.g. "*.cisco.com" [chapter]. */
export function checkNoWildcard(certificate: UploadCertificate): Refusal | undefined {
  const wild = [certificate.commonName, ...certificate.subjectAltNames].filter((n) => n.includes('*'));
  if (wild.length === 0) return undefined;
  const where = certificate.commonName.includes('*') ? 'its common name' : 'its subject alternative names';
  return refuse(
    'wildcard-not-supported',
    `${describeCertificate(certificate)} has a wildcard in ${where} (${wild.join(', ')}); CUCM does not support wildcard certificates: have it issued for the host names themselves`,
    '[chapter]',
  );
}

/**
 * An expired certificate is refused. The chapter says only that certificate management "verifies the
 * incoming certificate validity" [chapter]; reading that as "refuses one outside its validity" is
 * [uncertain].
 */
export function checkNotExpired(certificate: UploadCertificate, now: Date): Refusal | undefined {
  if (certificate.notAfter.getTime() >= now.getTime()) return undefined;
  return refuse(
    'certificate-expired',
    `${describeCertificate(certificate)} expired on ${formatInstant(certificate.notAfter)}: upload a certificate that is valid now`,
    '[uncertain] ([chapter]: "Verifies the incoming certificate validity")',
  );
}

/** A certificate whose validity has not started yet is refused likewise [uncertain] (see `checkNotExpired`). */
export function checkAlreadyValid(certificate: UploadCertificate, now: Date): Refusal | undefined {
  if (certificate.notBefore.getTime() <= now.getTime()) return undefined;
  return refuse(
    'certificate-not-yet-valid',
    `${describeCertificate(certificate)} is not valid before ${formatInstant(certificate.notBefore)}: upload it once its validity has started (or check the clocks)`,
    '[uncertain] ([chapter]: "Verifies the incoming certificate validity")',
  );
}

/**
 * CAPF certificates "should include" Basic Constraints CA:TRUE, pathlen:0 and Key Usage Digital Signature
 * and Certificate Sign, "otherwise there will be TLS connection failure" (note applicable from 14SU2)
 * [S15CAPF] (§3). Refusing the upload, rather than failing TLS later, is [uncertain].
 */
export function checkCapfCertificateExtensions(certificate: UploadCertificate): Refusal | undefined {
  const missing: string[] = [];
  if (certificate.basicConstraints?.ca !== true) missing.push('Basic Constraints CA:TRUE');
  if (certificate.basicConstraints?.pathLen !== 0) missing.push('pathlen:0');
  if (!certificate.keyUsage.includes('digitalSignature')) missing.push('Key Usage Digital Signature');
  if (!certificate.keyUsage.includes('keyCertSign')) missing.push('Key Usage Certificate Sign');
  if (missing.length === 0) return undefined;
  return refuse(
    'capf-extensions-missing',
    `${describeCertificate(certificate)} lacks ${missing.join(', ')}; a CAPF certificate needs Basic Constraints CA:TRUE, pathlen:0 and Key Usage Digital Signature, Certificate Sign, or TLS with CAPF fails: have the CA issue it with these extensions`,
    '[S15CAPF]',
  );
}

/** CUCM names its CAPF certificate `CAPF-<hex>` (a CSR keeps the name). */
const CAPF_COMMON_NAME = /^CAPF-[0-9a-f]+$/i;

/**
 * Whether `checkCapfCertificateExtensions` applies to an upload [S15CAPF]: not before 14SU2 (the note's
 * release); always to the CAPF identity; in CAPF-trust, to CAPF certificates of other clusters, or to
 * every CA certificate under `capfCaRule: 'every-ca-certificate'`. Cisco's MIC roots, which the chapter
 * keeps in CAPF-trust, have no pathlen:0, hence the narrower default [uncertain].
 */
export function capfExtensionsApply(
  store: StoreName,
  certificate: UploadCertificate,
  ctx: { release?: string; capfCaRule?: CapfCaRule },
): boolean {
  if (ctx.release && !isAtLeast(parseRelease(ctx.release), '14SU2')) return false;
  if (store === 'CAPF') return true;
  if (store !== 'CAPF-trust') return false;
  if (CAPF_COMMON_NAME.test(certificate.commonName)) return true;
  return (ctx.capfCaRule ?? 'capf-certificates') === 'every-ca-certificate' && certificate.basicConstraints?.ca === true;
}

/**
 * One certificate per common name per trust folder, "irrespective of the signature algorithm" [chapter]:
 * - no certificate of that name: a new entry;
 * - a different serial: the one whose validity starts later stays — the upload replaces the stored one
 *   if it starts later, else "it's not uploaded" [chapter] (an equal start is not later);
 * - the same serial: not documented (§16.5); refused as a duplicate, the recommended model [uncertain].
 */
export function applySameNameRule(
  store: TrustStoreView,
  storeName: TrustStoreName,
  certificate: UploadCertificate,
): { replaces?: { commonName: string; serialHex: string } } | Refusal {
  const existing = store.entries.get(certificate.commonName);
  if (!existing) return {};
  const held = describeCertificate({ commonName: certificate.commonName, serialHex: existing.serialHex });
  if (normalizeSerial(existing.serialHex) === normalizeSerial(certificate.serialHex)) {
    const same = existing.fingerprint === certificate.fingerprint;
    return refuse(
      'duplicate-certificate',
      same
        ? `${describeCertificate(certificate)} is already in ${storeName}: nothing to upload`
        : `${storeName} already holds a different certificate named "${certificate.commonName}" with the same serial ${formatSerial(certificate.serialHex)}: delete it first if this one must take its place`,
      '[uncertain] (§16.5; recommended model: a duplicate is refused)',
    );
  }
  if (certificate.notBefore.getTime() > existing.notBefore.getTime()) {
    return { replaces: { commonName: certificate.commonName, serialHex: existing.serialHex } };
  }
  return refuse(
    'not-newer-than-existing',
    `${describeCertificate(certificate)}${signedWith(certificate)}, valid from ${formatInstant(certificate.notBefore)}, was not uploaded: ` +
      `${storeName} already holds ${held}${signedWith(existing)}, valid from ${formatInstant(existing.notBefore)}, and keeps one certificate ` +
      'per common name whatever its signature algorithm, replacing it only with one whose validity starts later. ' +
      'Delete the stored certificate first to put this one in its place',
    '[chapter]',
  );
}

/**
 * The hash a certificate is signed with, as a refusal names it (`, signed SHA-1`): the same-name rule holds
 * whatever the signature algorithm — SHA-1 and SHA-256 copies of a root are one entity [chapter] — and
 * saying which is which shows it. Nothing when the algorithm is not known.
 */
export function signedWith(certificate: { readonly signatureAlgorithm?: string }): string {
  const m = /sha-?(1|224|256|384|512)(?!\d)/i.exec(certificate.signatureAlgorithm ?? '');
  return m ? `, signed SHA-${m[1]}` : '';
}

/**
 * Whether a certificate may be uploaded into a trust store of one node, and what it replaces
 * (domain-reference §3). Rules in order: the store [chapter]; PEM or DER [chapter]; a readable
 * certificate [chapter]; key ≤ 4096 bits [chapter]; no wildcard [chapter]; currently valid [uncertain];
 * CAPF extensions [S15CAPF]; one certificate per common name [chapter] / duplicates [uncertain].
 * Where the accepted upload then goes (this node or every node) is `uploadScopeOf(store)`.
 */
export function decideTrustUpload(store: TrustStoreView, candidate: UploadCandidate, ctx: TrustUploadContext): TrustUploadDecision {
  const name = checkTrustStore(store.name, ctx);
  if (typeof name !== 'string') return name;
  const formatRefusal = checkCertificateFormat(candidate);
  if (formatRefusal) return formatRefusal;
  const certificate = readUploadedCertificate(candidate);
  if ('accepted' in certificate) return certificate;
  const refusal =
    checkKeySize(certificate) ??
    checkNoWildcard(certificate) ??
    checkNotExpired(certificate, ctx.now) ??
    checkAlreadyValid(certificate, ctx.now) ??
    (capfExtensionsApply(name, certificate, ctx) ? checkCapfCertificateExtensions(certificate) : undefined);
  if (refusal) return refusal;
  const sameName = applySameNameRule(store, name, certificate);
  if ('accepted' in sameName) return sameName;
  return sameName.replaces ? { accepted: true, store: name, replaces: sameName.replaces } : { accepted: true, store: name };
}
