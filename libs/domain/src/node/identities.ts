import { StepNotSimulatedError } from '../core/errors';
import type { ImportedIdentity, IssuedIdentity, SignatureHash } from '../core/ports';
import type { CertificateFacts, KeyRef } from '../core/refs';
import { regenerationFollowUps } from '../cluster/regeneration-follow-ups';
import { hasEcdsaIdentities, hasItlRecovery } from '../release/release-profile';
import type { Release } from '../release/release';
import { csrUnavailable } from './csr-purposes';
import type { NodeContext } from './node-context';
import type { IdentityIssued, NodeEvent } from './node-events';
import type { NodeState } from './node-state';

/** Purposes whose certificate has an EC key (the -ECDSA pair) [chapter Table 6]. */
export function isEcPurpose(purpose: string): boolean {
  return purpose.endsWith('-ECDSA');
}

/**
 * The identity certificates a node has at install (domain-reference §1): CallManager, TVS, tomcat and
 * ipsec on every node, the ECDSA pair from 11.0 [SREGEN], ITLRecovery (from 10.0 [SITL10]) and CAPF on
 * the publisher [chapter] table 3.
 */
export function installedPurposes(release: Release, publisher: boolean, services: readonly string[]): string[] {
  const purposes = ['CallManager', 'TVS', 'tomcat', 'ipsec'];
  if (hasEcdsaIdentities(release)) purposes.push('CallManager-ECDSA', 'tomcat-ECDSA');
  if (publisher && hasItlRecovery(release)) purposes.push('ITLRecovery');
  if (publisher && services.includes('capf')) purposes.push('CAPF');
  return purposes;
}

/** The key length a node's certificate is issued with: the one asked, the scenario's, or CUCM's default (RSA 2048, EC 256). */
export function keyLengthFor(ctx: NodeContext, purpose: string, asked?: number): number {
  return asked ?? ctx.certificateSpec(purpose)?.keyLength ?? (isEcPurpose(purpose) ? 256 : 2048);
}

/** The signature hash: the one asked, the scenario's, or SHA-256. */
export function hashFor(ctx: NodeContext, purpose: string, asked?: string): SignatureHash {
  return (asked ?? ctx.certificateSpec(purpose)?.hash ?? 'SHA256').toLowerCase() as SignatureHash;
}

/** The event data of a certificate a node now holds. */
export function identityIssued(node: NodeState, purpose: string, generation: number, issued: IssuedIdentity): IdentityIssued {
  const c = issued.certificate;
  return {
    cluster: node.cluster,
    node: node.name,
    purpose,
    generation,
    commonName: c.commonName,
    serial: c.serialHex,
    fingerprint: c.fingerprint,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    keyType: c.keyType,
    keyBits: c.keyBits,
    key: issued.key,
    der: Buffer.from(c.der).toString('base64'),
  };
}

/**
 * Issues an identity of the node (install, regeneration, hostname change): self-signed with a new key, or,
 * for a twin's certificate at install, with the real one's fields (`imported`) [twin].
 */
export function issue(
  node: NodeState,
  ctx: NodeContext,
  purpose: string,
  generation: number,
  keyLength?: number,
  hash?: string,
  imported?: ImportedIdentity,
  keepSubject?: Readonly<Record<string, unknown>>,
): IdentityIssued {
  const issued = ctx.pki.issueIdentity({
    cluster: node.cluster,
    node: node.name,
    fqdn: node.fqdn,
    purpose,
    generation,
    release: ctx.release,
    keyLength: keyLengthFor(ctx, purpose, keyLength),
    hash: hashFor(ctx, purpose, hash),
    notBefore: ctx.now,
    ...(imported && { imported }),
    ...(keepSubject && { keepSubject }),
  });
  return identityIssued(node, purpose, generation, issued);
}

/**
 * The identities of a newly installed node, generation 1; a twin's are its real certificates' fields with
 * minted keys (`imported`, by purpose) — SHA-1 and 1024-bit ones too: the key and hash rules are for
 * regenerations [chapter Table 6], a twin describes what the cluster already holds [twin].
 */
export function installIdentities(node: NodeState, ctx: NodeContext, imported: Readonly<Record<string, ImportedIdentity>> = {}): NodeEvent[] {
  return installedPurposes(ctx.release, node.publisher, node.services).map((purpose) => ({ type: 'CertificateInstalled', data: issue(node, ctx, purpose, 1, undefined, undefined, imported[purpose]) }));
}

/**
 * Regenerate (or `set cert regen`): a new key and self-signed certificate, generation + 1 [chapter].
 * "Regenerate" keeps the key length; "Generate Self-Signed Certificate" may choose another within the
 * chapter's rules (key length ↔ hash, 3072/4096 RSA only, FIPS → SHA256) [chapter Table 6]; a refused
 * choice is recorded with its reason. What the administrator still has to do (Table 7, the CTL update)
 * is recorded for them, not done for them.
 */
export function regenerate(node: NodeState, ctx: NodeContext, purpose: string, keyLength?: number, hash?: string): NodeEvent[] {
  const current = node.identities[purpose];
  if (!current) throw new StepNotSimulatedError(`${node.cluster}/${node.name} has no ${purpose} certificate (release ${ctx.releaseName})`);
  const certificate = ctx.certificate(current.fingerprint);
  const length = keyLength ?? certificate.keyBits;
  // The page's default hash is SHA256 [chapter Table 6]: what is checked is what is issued (a twin's SHA-1 certificate is regenerated SHA256).
  const chosen = hash ?? 'SHA256';
  const choice = ctx.pki.checkChoice({ purpose, keyType: certificate.keyType, keyLength: length, hash: chosen, fips: ctx.parameters.fipsMode === true });
  if (!choice.ok) return [{ type: 'CertRegenerationRefused', data: { purpose, keyLength: length, hash: chosen, reason: choice.reason } }];
  // Same name, new key and serial, self-signed, validity by the release's rules [chapter] — a twin's real name included.
  const events: NodeEvent[] = [{ type: 'CertRegenerated', data: issue(node, ctx, purpose, current.generation + 1, length, chosen, undefined, certificate.subject) }];
  const followUps = regenerationFollowUps(purpose, ctx.release, { mixedMode: ctx.mixedMode, sipOAuth: ctx.parameters.sipOAuth === true });
  if (followUps.length) events.push({ type: 'RegenerationFollowUpsRequired', data: { purpose, followUps } });
  return events;
}

/**
 * Certificates the platform regenerates by itself, keeping their key length: after a hostname change
 * [SHOST], and ITLRecovery in a refresh upgrade hit by FN70613 [SFN]. `during` says which.
 */
export function reissue(node: NodeState, ctx: NodeContext, purposes: readonly string[], during: 'hostname-change' | 'upgrade'): NodeEvent[] {
  return purposes.map((purpose) => {
    const current = node.identities[purpose];
    if (!current) throw new StepNotSimulatedError(`${node.cluster}/${node.name} has no ${purpose} certificate to regenerate`);
    const certificate = ctx.certificate(current.fingerprint);
    // The name is kept, with the common name of the (new) host [SHOST].
    return { type: 'CertRegenerated', data: { ...issue(node, ctx, purpose, current.generation + 1, certificate.keyBits, undefined, undefined, certificate.subject), during } };
  });
}

/**
 * Generate CSR: a new request from the node's current key; it overwrites any earlier CSR [chapter]. Only
 * for the purposes the chapter makes CSRs for (csr-purposes.ts); the request carries Table 3's extensions.
 * Multi-server (SAN): CN `<host>-ms.<domain>` and every node's name, for the purposes Table 3 marks
 * multi-server [chapter Tables 3, 5]; `clusterFqdns` are the cluster's nodes.
 */
export function generateCsr(
  node: NodeState,
  ctx: NodeContext,
  purpose: string,
  distribution: 'single-server' | 'multi-server',
  clusterFqdns: readonly string[],
): NodeEvent[] {
  const unavailable = csrUnavailable(purpose);
  if (unavailable) throw new StepNotSimulatedError(unavailable);
  const identity = node.identities[purpose];
  if (!identity) throw new StepNotSimulatedError(`${node.cluster}/${node.name} has no ${purpose} certificate in this version of trustsim`);
  const current = ctx.certificate(identity.fingerprint);
  let subject = current.subject;
  let subjectAltNames: readonly string[] = current.subjectAltNames;
  if (distribution === 'multi-server') {
    const [host, ...domain] = node.fqdn.split('.');
    const names = ctx.pki.multiServerNames(purpose, { host, domain: domain.join('.'), nodes: clusterFqdns });
    subject = { ...subject, CN: names.commonName };
    subjectAltNames = names.subjectAltNames;
  }
  const csr = ctx.pki.csr({ purpose, key: identity.key, subject, subjectAltNames });
  return [{ type: 'CsrGenerated', data: { purpose, distribution, commonName: String(subject.CN ?? ''), subjectAltNames: [...subjectAltNames], csr } }];
}

/** A CA-signed identity certificate the upload rules accepted for this node (node-operations.ts decides which nodes). */
export interface AcceptedIdentity {
  readonly purpose: string;
  readonly certificate: CertificateFacts;
  /** The key of the CSR it answers: the uploading node's, carried to every node a multi-server certificate names [chapter]. */
  readonly key: KeyRef;
  readonly multiServer: boolean;
  readonly followUps: readonly string[];
}

export function installUploadedIdentity(node: NodeState, accepted: AcceptedIdentity, uploadedOn: string): NodeEvent[] {
  const current = node.identities[accepted.purpose];
  if (!current) throw new StepNotSimulatedError(`${node.cluster}/${node.name} has no ${accepted.purpose} certificate`);
  const c = accepted.certificate;
  return [
    {
      type: 'IdentityCertificateUploaded',
      data: {
        purpose: accepted.purpose,
        generation: current.generation + 1,
        commonName: c.commonName,
        issuer: (c.issuer.CN as string | undefined) ?? null,
        serial: c.serialHex,
        fingerprint: c.fingerprint,
        replaces: current.fingerprint,
        multiServer: accepted.multiServer,
        followUps: accepted.followUps,
        key: accepted.key,
        der: Buffer.from(c.der).toString('base64'),
        uploadedOn,
      },
    },
  ];
}
