import { canonicalStoreName, isTrustStoreName, type TrustStoreName } from '../trust-store/store-catalogue';
import { decideTrustUpload, type UploadCandidate } from '../trust-store/upload-rules';
import type { CertificateFacts } from '../core/refs';
import type { NodeContext } from './node-context';
import type { NodeEvent, TrustEntry } from './node-events';
import { storeOf, type NodeState } from './node-state';
import { datedTwinRequest, isShippedCertificate, type TwinTrustInstall } from '../twin/twin-certificates';

/** A trust store of the node as the upload rules read it: common name → the certificate's serial, start and fingerprint. */
export function trustStoreView(node: NodeState, ctx: Pick<NodeContext, 'certificate'>, store: string): Map<string, CertificateFacts> {
  return new Map(Object.entries(storeOf(node, store)).map(([cn, fp]) => [cn, ctx.certificate(fp)]));
}

export function trustEntry(store: string, certificate: CertificateFacts): TrustEntry {
  return { store, commonName: certificate.commonName, serial: certificate.serialHex, fingerprint: certificate.fingerprint, der: Buffer.from(certificate.der).toString('base64') };
}

/**
 * Upload Certificate/Certificate Chain into a trust store on this node: the rules are trust-store/*
 * (format, key size, validity, the same-name rule [chapter]); a refusal is recorded with its reason. The
 * replication of a cluster-wide store is the cluster's reaction (reactions/replicate-trust.ts).
 */
export function uploadTrust(node: NodeState, ctx: NodeContext, storeName: string, candidate: UploadCandidate<CertificateFacts>): NodeEvent[] {
  const canonical = canonicalStoreName(storeName);
  const store = canonical && isTrustStoreName(canonical) ? canonical : undefined;
  const entries = store ? trustStoreView(node, ctx, store) : new Map<string, CertificateFacts>();
  const decision = decideTrustUpload({ name: storeName, entries }, candidate, { now: new Date(ctx.now), release: ctx.releaseName, onPublisher: node.publisher });
  if (!decision.accepted) return [{ type: 'CertificateUploadRejected', data: { store: storeName, code: decision.code, reason: decision.reason, source: decision.source } }];
  const certificate = candidate.certificate!;
  return [{ type: 'CertificateUploaded', data: { ...trustEntry(decision.store, certificate), ...(decision.replaces ? { replaces: decision.replaces.serialHex } : {}) } }];
}

/** The Certificate Change Notification service writes a replicated certificate to this node's file system [SCN]. */
export function replicateTrust(node: NodeState, store: TrustStoreName, certificate: CertificateFacts, from: string): NodeEvent[] {
  return node.powered ? [{ type: 'TrustReplicated', data: { ...trustEntry(store, certificate), from } }] : [];
}

/** The simulated Cisco manufacturing root that signs phone MICs, in the stores CUCM ships it in [chapter] (capf/mic-validation.ts). */
export function installMicRoots(root: CertificateFacts, stores: readonly string[]): NodeEvent[] {
  return [{ type: 'MicRootsInstalled', data: { commonName: root.commonName, fingerprint: root.fingerprint, stores, der: Buffer.from(root.der).toString('base64') } }];
}

/**
 * A twin's trust certificates, in their stores at install [twin]: minted with the real ones' fields, or the
 * node identity they copy. The one CUCM ships (the MIC root, same name and serial) stays as shipped. Only
 * later uploads replicate: this is the state the cluster was imported in.
 */
export function installTwinTrust(installs: readonly TwinTrustInstall[], ctx: Pick<NodeContext, 'pki' | 'now'>, shipped: { readonly commonName: string; readonly serialHex: string; readonly stores: readonly string[] }): NodeEvent[] {
  return installs
    .filter((t) => !isShippedCertificate(t, shipped))
    .map((t) => {
      const c = t.certificate;
      const issued = 'mint' in c ? ctx.pki.mintTwinCertificate(datedTwinRequest(c.mint, ctx.now)) : ctx.pki.issueIdentity({ ...c.identity, notBefore: ctx.now });
      return { type: 'TrustCertificateInstalled', data: trustEntry(t.store, issued.certificate) };
    });
}

/** Expired trust certificates are not carried over by an upgrade to 12.5(1)SU6 / 14SU2 or later [S14] (release/upgrade.ts). */
export function dropExpiredTrust(node: NodeState, ctx: Pick<NodeContext, 'certificate' | 'now'>): NodeEvent[] {
  const events: NodeEvent[] = [];
  for (const [store, entries] of Object.entries(node.stores)) {
    for (const [commonName, fp] of Object.entries(entries)) {
      const notAfter = ctx.certificate(fp).notAfter;
      if (notAfter.getTime() < ctx.now) events.push({ type: 'ExpiredTrustCertificateDropped', data: { store, commonName, notAfter: notAfter.toISOString() } });
    }
  }
  return events;
}
