import { compareReleases, isAtLeast, parseRelease } from '../release/release';
import { describeCertificate, refuse, type FollowUp, type Refusal, type ServiceId } from './refusal';
import { canonicalStoreName, isTrustStoreName, storeInfo, type IdentityStoreName, type TrustStoreName } from './store-catalogue';
import {
  capfExtensionsApply,
  checkAlreadyValid,
  checkCapfCertificateExtensions,
  checkCertificateFormat,
  checkKeySize,
  checkNoWildcard,
  checkNotExpired,
  readUploadedCertificate,
  storeUnavailable,
  type CapfCaRule,
  type TrustStoreEntry,
  type UploadCandidate,
  type UploadCertificate,
} from './upload-rules';

/**
 * Uploading a CA-signed identity certificate (Certificate Purpose CallManager, tomcat, CAPF, ...): the
 * chapter's "Third-Party CA-Signed Certificates", "Support for Certificates from External CAs" and
 * "Install Intermediate Certificates" (domain-reference §1, §3).
 */

/** What the identity rules read beyond the upload rules; @trustsim/pki's CertificateInfo has it all. */
export interface IdentityCertificate extends UploadCertificate {
  /** SubjectPublicKeyInfo DER. */
  readonly publicKeySpki: Uint8Array;
  readonly issuer: { readonly CN?: string };
  readonly selfSigned: boolean;
  readonly authorityKeyIdentifier?: string;
}

/** A trust-store certificate as a chain link. Without `issuer`/`selfSigned` it ends the walk: trusted as found. */
export interface ChainEntry extends TrustStoreEntry {
  readonly issuer?: { readonly CN?: string };
  readonly selfSigned?: boolean;
  readonly subjectKeyIdentifier?: string;
  readonly authorityKeyIdentifier?: string;
}

/** A node's key pair for one purpose, as public keys (SPKI DER). */
export interface NodeKey {
  /** The key of the node's current certificate. */
  readonly current: Uint8Array;
  /** The key of the CSR generated last and not yet answered, if any. */
  readonly csr?: Uint8Array;
}

export interface IdentityNodeView {
  readonly name: string;
  /** Host names, FQDNs and IP addresses a SAN or CN may name the node by. */
  readonly addresses: readonly string[];
  /** By purpose (canonical name). */
  readonly keys: ReadonlyMap<string, NodeKey>;
  /** The node's trust stores: canonical name → common name → certificate. */
  readonly trustStores: ReadonlyMap<string, ReadonlyMap<string, ChainEntry>>;
}

export interface IdentityClusterView {
  readonly publisher: string;
  readonly nodes: readonly IdentityNodeView[];
}

export interface IdentityUploadRequest {
  /** Certificate Purpose, any casing. */
  readonly purpose: string;
  /** The node whose OS Administration the upload is made on. */
  readonly node: string;
  /** Default `gui`. */
  readonly via?: 'gui' | 'cli';
}

export interface IdentityUploadContext {
  readonly now: Date;
  /** Without a release the newest behaviour applies. */
  readonly release?: string;
  /** The cluster runs in mixed mode (has a CTL file). */
  readonly mixedMode?: boolean;
  /** SIP OAuth is enabled: CallManager uses the tomcat certificate. */
  readonly sipOAuth?: boolean;
  readonly capfCaRule?: CapfCaRule;
}

export type IdentityUploadDecision =
  | {
      readonly accepted: true;
      readonly purpose: IdentityStoreName;
      /** Nodes whose identity certificate it becomes: the uploading node, or every node a multi-server certificate names. */
      readonly nodes: readonly string[];
      readonly multiServer: boolean;
      /** Follow-up work, in order. */
      readonly followUps: readonly FollowUp[];
      readonly warnings: readonly string[];
    }
  | Refusal;

/** Only purposes a CSR can be made for take a CA-signed certificate; ITLRecovery is not one [chapter]. */
export function checkCaSignable(purpose: IdentityStoreName): Refusal | undefined {
  const info = storeInfo(purpose);
  if (info.caSignable.value) return undefined;
  return refuse(
    'not-ca-signable',
    `${purpose} cannot be replaced by a CA-signed certificate: CUCM makes CSRs for CallManager, CAPF, ipsec, tomcat and TVS only. Regenerate ${purpose} instead`,
    info.caSignable.source,
  );
}

/** The cluster nodes a certificate names in its SANs or CN (host names compare ignoring case). */
export function nodesNamedBy(certificate: Pick<UploadCertificate, 'commonName' | 'subjectAltNames'>, cluster: IdentityClusterView): string[] {
  const names = new Set([certificate.commonName, ...certificate.subjectAltNames].map((n) => n.toLowerCase()));
  return cluster.nodes.filter((n) => n.addresses.some((a) => names.has(a.toLowerCase()))).map((n) => n.name);
}

/**
 * A multi-server (SAN) certificate — one naming several nodes, or a 14SU1+ `<host>-ms.<domain>` CN [chapter]
 * table 5 — exists only for CallManager(-ECDSA) and tomcat(-ECDSA) [chapter] table 3; it is uploaded to
 * the publisher and applies to the nodes it lists [chapter]; not through the CLI from 14SU2 [S14].
 */
export function checkMultiServer(
  purpose: IdentityStoreName,
  certificate: IdentityCertificate,
  named: readonly string[],
  request: IdentityUploadRequest,
  cluster: IdentityClusterView,
  release: string | undefined,
): Refusal | undefined {
  const what = describeCertificate(certificate);
  const info = storeInfo(purpose);
  if (!info.multiServer.value) {
    return refuse(
      'multi-server-not-supported',
      `${what} names several nodes (${named.join(', ')}), but ${purpose} has no multi-server certificate: upload one certificate per node`,
      info.multiServer.source,
    );
  }
  if (request.node !== cluster.publisher) {
    return refuse(
      'multi-server-publisher-only',
      `${what} is a multi-server certificate: upload it on the publisher (${cluster.publisher}), which applies it to the nodes it names`,
      '[chapter] "Support for Certificates from External CAs"',
    );
  }
  if (request.via === 'cli' && (!release || isAtLeast(parseRelease(release), '14SU2'))) {
    return refuse(
      'multi-server-cli-unsupported',
      `${what} is a multi-server certificate: from 14SU2 those are uploaded through OS Administration, not the CLI`,
      '[S14] (§2.3)',
    );
  }
  return undefined;
}

/** Whether a certificate counts as multi-server: it names more than one node, or has a `-ms.` CN (14SU1+) [chapter]. */
export function isMultiServerCertificate(certificate: Pick<UploadCertificate, 'commonName'>, named: readonly string[]): boolean {
  return named.length > 1 || /-ms\./i.test(certificate.commonName);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/**
 * The certificate must carry the node's own public key: the key of the CSR it generated, or, with no
 * CSR pending, of its current certificate [chapter] "Third-Party CA-Signed Certificates" (accepting the
 * current key when no CSR is pending is [uncertain]). A multi-server certificate answers the publisher's
 * multi-server CSR.
 */
export function checkPublicKey(certificate: IdentityCertificate, purpose: IdentityStoreName, keyNode: IdentityNodeView): Refusal | undefined {
  const key = keyNode.keys.get(purpose);
  const expected = key?.csr ?? key?.current;
  if (expected && sameBytes(certificate.publicKeySpki, expected)) return undefined;
  const of = key?.csr ? `the CSR ${keyNode.name} generated for ${purpose}` : `${keyNode.name}'s current ${purpose} certificate (no CSR is pending)`;
  return refuse(
    'public-key-mismatch',
    `${describeCertificate(certificate)} does not carry the public key of ${of}: it was issued for another request. Generate a CSR for ${purpose} on ${keyNode.name} and have the CA sign that one`,
    '[chapter] "Third-Party CA-Signed Certificates"',
  );
}

const MAX_CHAIN_LENGTH = 10;

/**
 * The common name of the first issuer missing from `store` on the way from the certificate to a root,
 * or undefined when the chain is complete. Links are found by the issuer's CN (CUCM's file name) and,
 * where both sides carry them, must agree on the key identifier. An entry that does not say who issued
 * it ends the walk as trusted; so does a self-signed one.
 */
export function missingChainLink(
  certificate: Pick<IdentityCertificate, 'issuer' | 'selfSigned' | 'authorityKeyIdentifier'>,
  store: ReadonlyMap<string, ChainEntry>,
): string | undefined {
  let link: { issuer?: { CN?: string }; selfSigned?: boolean; authorityKeyIdentifier?: string } = certificate;
  for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth++) {
    if (link.selfSigned || !link.issuer) return undefined;
    const issuerName = link.issuer.CN ?? '';
    const parent = store.get(issuerName);
    const keysDisagree =
      parent?.subjectKeyIdentifier !== undefined && link.authorityKeyIdentifier !== undefined && parent.subjectKeyIdentifier !== link.authorityKeyIdentifier;
    if (!parent || keysDisagree) return issuerName;
    if (parent.selfSigned === undefined && parent.issuer === undefined) return undefined;
    link = parent;
  }
  return undefined;
}

/**
 * "Upload the root certificate chain of the CA" before the CA-signed certificate; "you must install a root
 * certificate first and then upload the signed certificate" [chapter]. The chain must be in the trust
 * store(s) of the purpose (CallManager → CallManager-trust, tomcat → tomcat-trust, CAPF → CAPF-trust and
 * CallManager-trust, ...; see the catalogue's `chainStores`).
 */
export function checkChainPresent(
  certificate: IdentityCertificate,
  purpose: IdentityStoreName,
  node: IdentityNodeView,
): Refusal | undefined {
  const info = storeInfo(purpose);
  for (const store of info.chainStores.value) {
    const missing = missingChainLink(certificate, trustStoreOn(node, store));
    if (missing !== undefined) {
      return refuse(
        'chain-incomplete',
        `${describeCertificate(certificate)} is issued by "${missing}", which is not in ${store} on ${node.name}: upload the CA's root (then any intermediate) certificate to ${store} first`,
        `[chapter] "Install Intermediate Certificates" ${info.chainStores.source}`,
      );
    }
  }
  return undefined;
}

function trustStoreOn(node: IdentityNodeView, store: TrustStoreName): ReadonlyMap<string, ChainEntry> {
  const exact = node.trustStores.get(store);
  if (exact) return exact;
  for (const [name, entries] of node.trustStores) if (canonicalStoreName(name) === store) return entries;
  return new Map();
}

/**
 * What to do after the upload, in order:
 * - CallManager: in mixed mode update the CTL first, then restart TFTP and CallManager [chapter];
 *   CallManager-ECDSA: CTL in mixed mode, restart CallManager [chapter] table 7, step 5 of "Regenerate";
 * - CAPF: CTL in mixed mode, restart CAPF [chapter];
 * - tomcat(-ECDSA): restart Tomcat [chapter] table 7, and TFTP, "else, the TFTP continues to offer the old
 *   cached self-signed tomcat certificate" [chapter]; CallManager too when SIP OAuth is on [chapter];
 *   DRF after tomcat-ECDSA in 14SU2 [chapter];
 * - ipsec: DRF Master and Local [SREGEN] (for regeneration; for an upload [uncertain]);
 * - TVS: TVS [uncertain] (it restarts by itself on regeneration [chapter]).
 * Phones may reset to fetch the new ITL afterwards: that is `certificateUpdateResetsPhones`.
 */
export function identityUploadFollowUps(
  purpose: IdentityStoreName,
  nodes: readonly string[],
  publisher: string,
  ctx: Pick<IdentityUploadContext, 'mixedMode' | 'sipOAuth' | 'release'>,
): FollowUp[] {
  const restart = (service: ServiceId, on: readonly string[], why: string, source: string): FollowUp => ({ kind: 'restart', service, nodes: on, why, source });
  const ctl: FollowUp[] = ctx.mixedMode
    ? [{ kind: 'update-ctl', why: `the CTL file lists the ${purpose.replace('-ECDSA', '')} certificate`, source: '[chapter] "Support for Certificates from External CAs"' }]
    : [];
  switch (purpose) {
    case 'CallManager':
      return [
        ...ctl,
        restart('tftp', nodes, 'TFTP signs configuration files and builds the ITL with the CallManager certificate', '[chapter]'),
        restart('callmanager', nodes, 'CallManager serves TLS with it', '[chapter]'),
      ];
    case 'CallManager-ECDSA':
      return [...ctl, restart('callmanager', nodes, 'CallManager serves ECDSA TLS with it', '[chapter] table 7')];
    case 'CAPF':
      return [...ctl, restart('capf', [publisher], 'CAPF issues LSCs and serves TLS with it', '[chapter]')];
    case 'tomcat':
    case 'tomcat-ECDSA': {
      const steps = [
        restart('tomcat', nodes, 'Tomcat serves HTTPS with it', '[chapter] table 7'),
        restart('tftp', nodes, 'else TFTP keeps offering the old cached self-signed tomcat certificate', '[chapter] "Install Intermediate Certificates"'),
      ];
      if (ctx.sipOAuth) steps.push(restart('callmanager', nodes, 'SIP OAuth is on: CallManager uses the tomcat certificate', '[chapter]'));
      if (purpose === 'tomcat-ECDSA' && ctx.release && compareReleases(parseRelease(ctx.release), parseRelease('14SU2')) === 0) {
        steps.push(restart('drf-master', [publisher], '14SU2 only: DRF needs a restart after a tomcat-ECDSA upload', '[chapter]'));
        steps.push(restart('drf-local', nodes, '14SU2 only: DRF needs a restart after a tomcat-ECDSA upload', '[chapter]'));
      }
      return steps;
    }
    case 'ipsec':
      return [
        restart('drf-master', [publisher], 'DRS agents authenticate each other with the ipsec certificates', '[SREGEN] [uncertain]'),
        restart('drf-local', nodes, 'DRS agents authenticate each other with the ipsec certificates', '[SREGEN] [uncertain]'),
      ];
    case 'TVS':
      return [restart('tvs', nodes, 'TVS serves phones with it', '[uncertain]')];
    case 'ITLRecovery':
      return [];
  }
}

/**
 * Whether a CA-signed identity certificate may be uploaded, to which nodes it applies, and what to do
 * afterwards. Rules in order: an identity purpose the release has, on the publisher where it must be
 * [chapter] [SREGEN]; CA-signable [chapter]; the file and certificate rules of a trust upload (format,
 * key size, wildcard, validity) [chapter] [uncertain]; CAPF extensions [S15CAPF]; multi-server rules
 * [chapter] [S14]; the node's own key [chapter]; the chain in the matching trust store(s) [chapter].
 */
export function decideIdentityUpload(
  request: IdentityUploadRequest,
  candidate: UploadCandidate<IdentityCertificate>,
  cluster: IdentityClusterView,
  ctx: IdentityUploadContext,
): IdentityUploadDecision {
  const purpose = canonicalStoreName(request.purpose);
  if (!purpose) {
    return refuse(
      'unknown-store',
      `there is no certificate purpose "${request.purpose}" (CallManager, CallManager-ECDSA, tomcat, tomcat-ECDSA, ipsec, CAPF, TVS)`,
      '[chapter] table 6',
    );
  }
  if (isTrustStoreName(purpose)) {
    return refuse(
      'not-an-identity-store',
      `${purpose} is a trust store: a certificate to trust is uploaded there as a trust certificate, not as an identity certificate`,
      '[chapter]',
    );
  }
  const node = cluster.nodes.find((n) => n.name === request.node);
  if (!node) {
    return refuse('unknown-node', `there is no node "${request.node}" in this cluster (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})`, '—');
  }
  const early =
    storeUnavailable(purpose, 'upload', { release: ctx.release, onPublisher: request.node === cluster.publisher }) ??
    checkCaSignable(purpose) ??
    checkCertificateFormat(candidate);
  if (early) return early;
  const certificate = readUploadedCertificate(candidate);
  if ('accepted' in certificate) return certificate;
  const invalid =
    checkKeySize(certificate) ??
    checkNoWildcard(certificate) ??
    checkNotExpired(certificate, ctx.now) ??
    checkAlreadyValid(certificate, ctx.now) ??
    (capfExtensionsApply(purpose, certificate, ctx) ? checkCapfCertificateExtensions(certificate) : undefined);
  if (invalid) return invalid;

  const named = nodesNamedBy(certificate, cluster);
  const multiServer = isMultiServerCertificate(certificate, named);
  if (multiServer) {
    const refusal = checkMultiServer(purpose, certificate, named, request, cluster, ctx.release);
    if (refusal) return refusal;
  }
  const keyNode = multiServer ? cluster.nodes.find((n) => n.name === cluster.publisher) ?? node : node;
  const refusal = checkPublicKey(certificate, purpose, keyNode) ?? checkChainPresent(certificate, purpose, node);
  if (refusal) return refusal;

  const nodes = multiServer && named.length > 0 ? named : [request.node];
  const warnings: string[] = [];
  if (multiServer) {
    const left = cluster.nodes.map((n) => n.name).filter((n) => !nodes.includes(n));
    if (left.length > 0) {
      const [is, keeps, its] = left.length === 1 ? ['is', 'keeps', 'its'] : ['are', 'keep', 'their'];
      warnings.push(
        `${left.join(', ')} ${is} not named by the multi-server certificate and ${keeps} ${its} own: ` +
          'generate a new multi-server certificate whenever a node is added [chapter]',
      );
    }
  }
  return {
    accepted: true,
    purpose,
    nodes,
    multiServer,
    followUps: identityUploadFollowUps(purpose, nodes, cluster.publisher, ctx),
    warnings,
  };
}
