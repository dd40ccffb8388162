import type { IdentityRequest, ImportedIdentity, SignatureHash, TwinCertificateRequest, TwinKey } from '../core/ports';

/**
 * A twin (the scenario language's twin fields, written by `trustsim import`) describes the real cluster's
 * certificates field by field: subject, issuer, serial, validity, key, hash, SANs. The simulator issues
 * its own certificates with exactly those fields and keys it mints itself — private keys stay on the
 * cluster [twin]. These are the pure rules that turn the description into what to issue.
 */

/** What a twin says about one real certificate (scenario-language CertificateIdentity); every field optional. */
export interface TwinIdentityFields {
  readonly subject?: string;
  readonly issuer?: string;
  readonly serial?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly sans?: readonly string[];
}

/** A twin's `certificates[]` entry: a node's identity certificate for a purpose. */
export interface TwinIdentityEntry extends TwinIdentityFields {
  readonly node: string;
  readonly purpose: string;
  readonly keyType?: 'RSA' | 'EC';
  readonly keyLength?: number;
  readonly hash?: string;
}

/** A twin's `trustCertificates[]` entry: a certificate in a trust store, on `nodes` (every node when absent). */
export interface TwinTrustEntry extends TwinIdentityFields {
  readonly store: string;
  readonly nodes?: readonly string[];
  readonly subject: string;
  readonly keyType?: 'RSA' | 'EC';
  readonly keyLength?: number;
  readonly hash?: string;
}

/** A twin's `servedCtl`: the CTL its TFTP servers serve, record by record, and the SAST record that signs it. */
export interface TwinServedCtl {
  readonly signer: { readonly subject: string; readonly serial: string };
  readonly records: readonly { readonly role: string; readonly subject: string; readonly issuer?: string; readonly serial: string; readonly node?: string; readonly purpose?: string }[];
}

/** How long a twin trust certificate without dates is valid from the install: five years, as a described upload [twin]. */
export const TWIN_DEFAULT_VALIDITY_MS = 5 * 365 * 86_400_000;

/**
 * A distinguished name written the same way however the file spaced or cased it (`cn=Root ,O=Corp` →
 * `CN=Root, O=Corp`): what issuer and subject names are matched by, and what names a twin CA's key.
 */
export function canonicalDn(text: string): string {
  return splitDn(text)
    .map(({ type, value }) => `${type.toUpperCase()}=${value}`)
    .join(', ');
}

/** Whether two names are the same name (canonicalDn). */
export function sameDn(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && canonicalDn(a) === canonicalDn(b);
}

function splitDn(text: string): { type: string; value: string }[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (c === ',' || c === ';') {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? { type: 'CN', value: p } : { type: p.slice(0, eq).trim(), value: p.slice(eq + 1).trim() };
    });
}

/** Whether a twin certificate is signed by its own key: no issuer, or the issuer is the subject [chapter]. */
export function isSelfSigned(c: TwinIdentityFields): boolean {
  return c.issuer === undefined || c.subject === undefined || sameDn(c.issuer, c.subject);
}

/**
 * The key of the twin CA named `dn` [twin]: one per distinct name, so every twin certificate that names it
 * as issuer is signed by the same key, and a trust-store copy of that CA (same subject) holds that key and
 * verifies them. Its size is that trust certificate's, RSA 2048 when the twin has none (the chain is not in
 * the twin).
 */
export function twinCaKey(trust: readonly TwinTrustEntry[], dn: string): TwinKey {
  const held = trust.find((t) => sameDn(t.subject, dn));
  const keyType = held?.keyType ?? 'RSA';
  return { name: `twin-ca/${canonicalDn(dn)}`, keyType, keyLength: held?.keyLength ?? (keyType === 'EC' ? 256 : 2048) };
}

/**
 * The real certificate a node holds for a purpose at install, as the twin describes it, or undefined when
 * the twin does not describe it (the simulator then issues its own, as for any scenario). Entries of several
 * nodes with the same purpose, serial and subject are one multi-server certificate: issued once, the same
 * on each node [chapter Tables 3, 5] [S125CTL].
 */
export function importedIdentity(
  certificates: readonly TwinIdentityEntry[],
  trust: readonly TwinTrustEntry[],
  node: string,
  purpose: string,
): ImportedIdentity | undefined {
  const entry = certificates.find((c) => c.node === node && c.purpose === purpose);
  if (!entry || !describesIdentity(entry)) return undefined;
  const sharers = entry.serial === undefined || entry.subject === undefined ? [] : certificates.filter((c) => c.purpose === purpose && c.serial === entry.serial && sameDn(c.subject, entry.subject));
  // The first entry of a multi-server certificate speaks for all of them, so every node asks for the same bytes.
  const canonical = sharers.length > 1 ? sharers[0] : entry;
  return {
    ...(canonical.subject !== undefined && { subject: canonical.subject }),
    ...(canonical.issuer !== undefined && { issuer: canonical.issuer }),
    ...(!isSelfSigned(canonical) && { issuerKey: twinCaKey(trust, canonical.issuer!) }),
    ...(canonical.serial !== undefined && { serial: canonical.serial }),
    ...(canonical.notBefore !== undefined && { notBefore: canonical.notBefore }),
    ...(canonical.notAfter !== undefined && { notAfter: canonical.notAfter }),
    ...(canonical.sans !== undefined && { sans: [...canonical.sans] }),
    ...(sharers.length > 1 && { shared: true }),
  };
}

function describesIdentity(c: TwinIdentityFields): boolean {
  return c.subject !== undefined || c.issuer !== undefined || c.serial !== undefined || c.notBefore !== undefined || c.notAfter !== undefined || c.sans !== undefined;
}

/** The twin trust certificates one node holds: those naming it, and those naming no node (every node) [twin]. */
export function trustEntriesOn(trust: readonly TwinTrustEntry[], node: string): TwinTrustEntry[] {
  return trust.filter((t) => !t.nodes || t.nodes.includes(node));
}

/**
 * The twin identity certificate a trust entry is a copy of (same subject and serial): a cluster's trust
 * stores hold its own nodes' certificates too, and those are the very certificates the nodes present [twin].
 */
export function identityCopied(certificates: readonly TwinIdentityEntry[], t: TwinTrustEntry): TwinIdentityEntry | undefined {
  if (t.serial === undefined) return undefined;
  return certificates.find((c) => c.serial === t.serial && sameDn(c.subject, t.subject));
}

/** A twin certificate to mint whose dates may still be open: the decider fills them from the install time. */
export type UndatedTwinRequest = Omit<TwinCertificateRequest, 'notBefore' | 'notAfter'> & { readonly notBefore?: string; readonly notAfter?: string };

/**
 * What to mint for a trust certificate that is no identity of the cluster [twin]: its fields as given, its
 * own key named after its subject (so it is the twin CA of that name), signed by the twin CA of its issuer
 * otherwise. It is a certificate authority when self-signed or when another twin certificate names it as
 * issuer.
 */
export function twinTrustRequest(t: TwinTrustEntry, context: { certificates: readonly TwinIdentityEntry[]; trust: readonly TwinTrustEntry[] }): UndatedTwinRequest {
  const selfSigned = isSelfSigned(t);
  const issuerOfAnother = [...context.certificates, ...context.trust].some((c) => c !== t && !isSelfSigned(c) && sameDn(c.issuer, t.subject));
  return {
    subject: t.subject,
    ...(t.issuer !== undefined && !selfSigned && { issuer: t.issuer }),
    ...(t.serial !== undefined && { serial: t.serial }),
    ...(t.notBefore !== undefined && { notBefore: t.notBefore }),
    ...(t.notAfter !== undefined && { notAfter: t.notAfter }),
    ...(t.sans !== undefined && { sans: [...t.sans] }),
    hash: signatureHash(t.hash),
    key: { ...twinCaKey(context.trust, t.subject), ...(t.keyType && { keyType: t.keyType }), ...(t.keyLength && { keyLength: t.keyLength }) },
    ...(!selfSigned && { issuerKey: twinCaKey(context.trust, t.issuer!) }),
    ca: selfSigned || issuerOfAnother,
  };
}

/** Dates a twin leaves out: from the install (`now`, epoch ms) for five years [twin]. */
export function datedTwinRequest(request: UndatedTwinRequest, now: number): TwinCertificateRequest {
  const notBefore = request.notBefore ?? new Date(now).toISOString();
  const notAfter = request.notAfter ?? new Date(Date.parse(notBefore) + TWIN_DEFAULT_VALIDITY_MS).toISOString();
  return { ...request, notBefore, notAfter };
}

/** A scenario's hash (`SHA256`) as the ports name it (`sha256`); SHA-256 when not given. */
export function signatureHash(hash: string | undefined): SignatureHash {
  return (hash ?? 'SHA256').toLowerCase() as SignatureHash;
}

/** What a node of a twin installs besides what any node installs: its real certificates and trust certificates. */
export interface TwinNodeInstall {
  /** Purpose → the real certificate to issue as generation 1. */
  readonly identities: Readonly<Record<string, ImportedIdentity>>;
  readonly trust: readonly TwinTrustInstall[];
}

/** A trust certificate of the twin on this node: a certificate of its own, or a copy of a node's identity (issued again: same request, same bytes). */
export interface TwinTrustInstall {
  readonly store: string;
  readonly subject: string;
  readonly serial?: string;
  readonly certificate: { readonly mint: UndatedTwinRequest } | { readonly identity: Omit<IdentityRequest, 'notBefore'> };
}

/**
 * Whether a twin trust certificate is the one CUCM ships in that store (the manufacturing root of phone
 * MICs [chapter]): same name and serial is the same certificate, so the shipped one stays — it is the key
 * that signed the phones' MICs [twin].
 */
export function isShippedCertificate(t: Pick<TwinTrustInstall, 'store' | 'subject' | 'serial'>, shipped: { readonly commonName: string; readonly serialHex: string; readonly stores: readonly string[] }): boolean {
  if (!shipped.stores.includes(t.store) || t.serial === undefined) return false;
  const cn = splitDn(t.subject).find((p) => p.type.toUpperCase() === 'CN')?.value;
  return cn === shipped.commonName && stripZeros(t.serial) === stripZeros(shipped.serialHex);
}

function stripZeros(hex: string): string {
  return hex.replace(/[:\s]/g, '').toLowerCase().replace(/^0+(?=.)/, '');
}
