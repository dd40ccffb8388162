import type { Assumptions } from '../assumptions/assumptions';
import type { CertificateFacts } from '../core/refs';
import { decideTrustDelete } from '../trust-store/delete-rules';
import { decideIdentityUpload, type IdentityClusterView } from '../trust-store/identity-upload-rules';
import type { FollowUp } from '../trust-store/refusal';
import type { UploadCandidate } from '../trust-store/upload-rules';
import type { NodeCommand } from './decide-node';
import { storeOf, type NodeState } from './node-state';

/** A command for one node of the cluster. */
export interface NodeDispatch {
  readonly node: string;
  readonly command: NodeCommand;
}

type Certificates = (fingerprint: string) => CertificateFacts;

/** Every node's stores as the cluster-wide rules read them: store → common name → certificate. */
function storesOf(node: NodeState, certificate: Certificates): Map<string, Map<string, CertificateFacts>> {
  return new Map(Object.keys(node.stores).map((store) => [store, new Map(Object.entries(storeOf(node, store)).map(([cn, fp]) => [cn, certificate(fp)]))]));
}

/** The cluster as the identity-upload rules see it: each node's names, keys (current and CSR) and trust stores. */
export function identityClusterView(nodes: readonly NodeState[], certificate: Certificates): IdentityClusterView {
  return {
    publisher: nodes.find((n) => n.publisher)!.name,
    nodes: nodes.map((n) => ({
      name: n.name,
      addresses: [n.name, n.fqdn, n.ip],
      keys: new Map(
        Object.entries(n.identities).map(([purpose, id]) => {
          const spki = certificate(id.fingerprint).publicKeySpki;
          return [purpose, { current: spki, csr: purpose in n.pendingCsrs ? spki : undefined }];
        }),
      ),
      trustStores: storesOf(n, certificate),
    })),
  };
}

export function formatFollowUp(f: FollowUp): string {
  return f.kind === 'update-ctl' ? `utils ctl update CTLFile: ${f.why}` : `${f.kind} ${f.service} on ${f.nodes.join(', ')}: ${f.why}`;
}

/**
 * Upload a CA-signed identity certificate (Certificate Purpose CallManager, tomcat, CAPF, ...) on a node:
 * trust-store/identity-upload-rules.ts decides (the node's CSR key, the chain in the matching trust store,
 * multi-server rules [chapter]); the certificate then becomes the identity of every node it applies to,
 * with the key of the CSR it answers.
 */
export function identityUpload(
  on: string,
  purpose: string,
  candidate: UploadCandidate<CertificateFacts>,
  nodes: readonly NodeState[],
  ctx: { now: number; releaseName: string; mixedMode: boolean; certificate: Certificates },
): NodeDispatch[] {
  const decision = decideIdentityUpload({ purpose, node: on }, candidate, identityClusterView(nodes, ctx.certificate), {
    now: new Date(ctx.now),
    release: ctx.releaseName,
    mixedMode: ctx.mixedMode,
  });
  if (!decision.accepted) return [{ node: on, command: { kind: 'reject-upload', store: purpose, code: decision.code, reason: decision.reason, source: decision.source } }];
  const key = nodes.find((n) => n.name === on)!.identities[decision.purpose].key;
  const accepted = { purpose: decision.purpose, certificate: candidate.certificate!, key, multiServer: decision.multiServer, followUps: decision.followUps.map(formatFollowUp) };
  return decision.nodes.map((node) => ({ node, command: { kind: 'install-identity', accepted, uploadedOn: on } }));
}

/**
 * Delete a trust certificate on a node: trust-store/delete-rules.ts decides which nodes lose it — the
 * whole cluster for the stores the chapter says, or only that node (assumption trustDeleteScope)
 * [chapter] [SREGEN].
 */
export function trustDelete(
  on: string,
  store: string,
  commonName: string,
  nodes: readonly NodeState[],
  ctx: { releaseName: string; assumptions: Pick<Assumptions, 'trustDeleteScope'>; certificate: Certificates },
): NodeDispatch[] {
  const decision = decideTrustDelete(
    { store, commonName, node: on },
    { publisher: nodes.find((n) => n.publisher)!.name, nodes: new Map(nodes.map((n) => [n.name, storesOf(n, ctx.certificate)])) },
    { trustDeleteScope: ctx.assumptions.trustDeleteScope, release: ctx.releaseName },
  );
  if (!decision.accepted) return [{ node: on, command: { kind: 'reject-delete', store, commonName, code: decision.code, reason: decision.reason } }];
  return decision.nodes.map((node) => ({ node, command: { kind: 'delete-trust', store: decision.store, commonName, scope: decision.scope, warnings: decision.warnings } }));
}
