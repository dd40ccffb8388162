import { later, toCluster, toNode, toTftp, type Dispatch } from '../core/dispatch';
import type { CertificateFacts } from '../core/refs';
import { MIC_ROOT_STORES } from '../capf/mic-validation';
import { EXPIRY_MONITOR } from '../monitoring/expiry-monitor';
import type { CtlKind } from '../tftp/ctl-plan';
import { isEcPurpose } from '../node/identities';
import { parseRelease } from '../release/release';
import {
  identityCopied,
  importedIdentity,
  signatureHash,
  trustEntriesOn,
  twinTrustRequest,
  type TwinIdentityEntry,
  type TwinNodeInstall,
  type TwinServedCtl,
  type TwinTrustEntry,
} from '../twin/twin-certificates';
import type { IdentityRequest, ImportedIdentity } from '../core/ports';

/** A cluster as a scenario describes it before the first step. */
export interface ClusterInstallSpec {
  readonly name: string;
  /** Position among the scenario's clusters: it numbers the nodes' addresses. */
  readonly index: number;
  readonly version: string;
  readonly security: 'non-secure' | 'mixed';
  readonly ctlKind: CtlKind;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  /** `fqdn` and `address`: a twin's real node names them (otherwise nodeAddressing chooses). */
  readonly nodes: readonly { readonly name: string; readonly role: 'publisher' | 'subscriber'; readonly services: readonly string[]; readonly fqdn?: string; readonly address?: string }[];
  /** The scenario's `certificates:` (a twin's carry the real certificates' fields). */
  readonly certificates?: readonly TwinIdentityEntry[];
  /** A twin's trust-store certificates. */
  readonly trustCertificates?: readonly TwinTrustEntry[];
  /** A twin's CTL as its TFTP servers serve it (mixed mode). */
  readonly servedCtl?: TwinServedCtl;
}

/**
 * The name and address a node is installed with: a twin's real FQDN and address, otherwise
 * `<node>.<cluster>.example.com` and 10.<10+cluster>.0.<10+node>. They name the node in ITL/CTL records,
 * its certificates' SANs and common names, and multi-server names.
 */
export function nodeAddressing(cluster: ClusterInstallSpec, nodeIndex: number): { fqdn: string; ip: string } {
  const node = cluster.nodes[nodeIndex];
  return { fqdn: node.fqdn ?? `${node.name}.${cluster.name}.example.com`, ip: node.address ?? `10.${10 + cluster.index}.0.${10 + nodeIndex}` };
}

/**
 * What a node of a twin installs from the twin's fields (twin/twin-certificates.ts): its real certificates
 * by purpose, and the trust certificates on it — a copy of a node's identity issued again as that node
 * issues it, any other minted with its own fields. Undefined for a node the scenario describes no such
 * certificate of.
 */
export function twinInstallOf(spec: ClusterInstallSpec, nodeIndex: number): TwinNodeInstall | undefined {
  const certificates = spec.certificates ?? [];
  const trust = spec.trustCertificates ?? [];
  const node = spec.nodes[nodeIndex].name;
  const identities: Record<string, ImportedIdentity> = {};
  for (const c of certificates.filter((x) => x.node === node)) {
    const imported = importedIdentity(certificates, trust, node, c.purpose);
    if (imported) identities[c.purpose] = imported;
  }
  const installs = trustEntriesOn(trust, node).map((t) => {
    const copied = identityCopied(certificates, t);
    const owner = copied && spec.nodes.findIndex((n) => n.name === copied.node);
    return {
      store: t.store,
      subject: t.subject,
      ...(t.serial !== undefined && { serial: t.serial }),
      certificate: copied && owner !== undefined && owner >= 0 ? { identity: identityRequestOf(spec, owner, copied) } : { mint: twinTrustRequest(t, { certificates, trust }) },
    };
  });
  if (Object.keys(identities).length === 0 && installs.length === 0) return undefined;
  return { identities, trust: installs };
}

/** The request a node issues its generation-1 certificate of a twin entry with (node/identities.ts `issue`), but for the time. */
function identityRequestOf(spec: ClusterInstallSpec, nodeIndex: number, entry: TwinIdentityEntry): Omit<IdentityRequest, 'notBefore'> {
  const imported = importedIdentity(spec.certificates ?? [], spec.trustCertificates ?? [], entry.node, entry.purpose);
  return {
    cluster: spec.name,
    node: entry.node,
    fqdn: nodeAddressing(spec, nodeIndex).fqdn,
    purpose: entry.purpose,
    generation: 1,
    release: parseRelease(spec.version),
    keyLength: entry.keyLength ?? (isEcPurpose(entry.purpose) ? 256 : 2048),
    hash: signatureHash(entry.hash),
    ...(imported && { imported }),
  };
}

/**
 * Installing a cluster at its release: the cluster, each node with its identity certificates (node
 * identities.ts) and the Cisco manufacturing roots CUCM ships [chapter], each TFTP node's first ITL, and a
 * cluster installed in mixed mode its CTL (with the CTL client's eTokens when it is token-based). Its
 * Certificate Expiry Monitor first runs 24 hours later [chapter].
 */
export function installCluster(spec: ClusterInstallSpec, micRoot: CertificateFacts): Dispatch[] {
  const dispatches: Dispatch[] = [toCluster(spec.name, { kind: 'install', name: spec.name, version: spec.version, security: spec.security, ctlKind: spec.ctlKind, parameters: spec.parameters, nodes: spec.nodes })];
  spec.nodes.forEach((n, i) => {
    const twin = twinInstallOf(spec, i);
    dispatches.push(toNode(spec.name, n.name, { kind: 'install', cluster: spec.name, node: n.name, role: n.role, services: n.services, ...nodeAddressing(spec, i), micRoot, micRootStores: MIC_ROOT_STORES, ...(twin && { twin }) }));
  });
  for (const n of spec.nodes.filter((node) => node.services.includes('tftp'))) dispatches.push(toTftp(spec.name, n.name, { kind: 'build-itl', cause: 'tftp-started', mode: 'normal' }));
  if (spec.security === 'mixed') {
    if (spec.ctlKind === 'token') dispatches.push(toCluster(spec.name, { kind: 'register-tokens' }));
    // A twin's CTL is the one its TFTP servers serve, which may predate its certificates (never updated by itself [S125CTL]).
    if (spec.servedCtl) dispatches.push(toCluster(spec.name, { kind: 'serve-imported-ctl', ctl: spec.servedCtl, trust: spec.trustCertificates ?? [] }));
    else {
      dispatches.push(
        toCluster(spec.name, { kind: 'update-ctl', mode: 'normal', cause: spec.ctlKind === 'token' ? 'cluster installed in mixed mode (CTL client, USB eTokens)' : 'cluster installed in mixed mode' }),
      );
    }
  }
  dispatches.push(later(EXPIRY_MONITOR.intervalMs, { kind: 'expiry-monitor', cluster: spec.name }));
  return dispatches;
}
