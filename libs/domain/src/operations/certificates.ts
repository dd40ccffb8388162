import { toNode, type Dispatch } from '../core/dispatch';
import type { CertificateFacts } from '../core/refs';
import { identityUpload, trustDelete } from '../node/node-operations';
import { canonicalStoreName, isIdentityStoreName } from '../trust-store/store-catalogue';
import type { UploadCandidate } from '../trust-store/upload-rules';
import { publisherOf, type World } from '../world/world';

/**
 * Regenerate / Generate Self-Signed Certificate on a node [chapter]; ITLRecovery is one certificate for
 * the cluster, generated on the publisher (12.5+) [SREGEN].
 */
export function regenerateCertificate(world: World, cluster: string, node: string, purpose: string, keyLength?: number, hash?: string): Dispatch[] {
  const owner = purpose === 'ITLRecovery' ? publisherOf(world, cluster).name : node;
  return [toNode(cluster, owner, { kind: 'regenerate', purpose, keyLength, hash })];
}

/** Generate CSR on a node [chapter]; a multi-server one names every node of the cluster. */
export function requestCsr(world: World, cluster: string, node: string, purpose: string, distribution: 'single-server' | 'multi-server'): Dispatch[] {
  return [toNode(cluster, node, { kind: 'generate-csr', purpose, distribution, clusterFqdns: world.nodes(cluster).map((n) => n.fqdn) })];
}

/** What the administrator chose to upload: a certificate in hand, or a reason it cannot be (no pending CSR to sign). */
export type UploadSource = { readonly candidate: UploadCandidate<CertificateFacts> } | { readonly refused: { code: string; reason: string; source: string } };

/**
 * Upload Certificate/Certificate Chain on a node: into a trust store (node trust-stores.ts), or a CA-signed
 * identity certificate (node-operations.ts: which nodes it becomes the identity of) [chapter].
 */
export function uploadCertificate(world: World, cluster: string, node: string, storeName: string, source: UploadSource): Dispatch[] {
  const canonical = canonicalStoreName(storeName);
  const identity = canonical !== undefined && isIdentityStoreName(canonical);
  if ('refused' in source) return [toNode(cluster, node, { kind: 'reject-upload', store: identity ? canonical : storeName, ...source.refused })];
  if (!identity) return [toNode(cluster, node, { kind: 'upload-trust', store: storeName, candidate: source.candidate })];
  const state = world.cluster(cluster);
  return identityUpload(node, canonical, source.candidate, world.nodes(cluster), {
    now: world.now,
    releaseName: state.release,
    mixedMode: state.security === 'mixed',
    certificate: (fp) => world.certificate(fp),
  }).map((d) => toNode(cluster, d.node, d.command));
}

/** Delete a trust certificate on a node; which nodes lose it is node-operations.ts's rule [chapter] [SREGEN]. */
export function deleteCertificate(world: World, cluster: string, node: string, store: string, commonName: string): Dispatch[] {
  return trustDelete(node, store, commonName, world.nodes(cluster), {
    releaseName: world.cluster(cluster).release,
    assumptions: world.assumptions,
    certificate: (fp) => world.certificate(fp),
  }).map((d) => toNode(cluster, d.node, d.command));
}
