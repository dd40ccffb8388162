import { later, toCluster, toNode, toTftp, type Dispatch } from '../core/dispatch';
import type { CertificateFacts } from '../core/refs';
import { MIC_ROOT_STORES } from '../capf/mic-validation';
import { EXPIRY_MONITOR } from '../monitoring/expiry-monitor';
import type { CtlKind } from '../tftp/ctl-plan';

/** A cluster as a scenario describes it before the first step. */
export interface ClusterInstallSpec {
  readonly name: string;
  /** Position among the scenario's clusters: it numbers the nodes' addresses. */
  readonly index: number;
  readonly version: string;
  readonly security: 'non-secure' | 'mixed';
  readonly ctlKind: CtlKind;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly nodes: readonly { readonly name: string; readonly role: 'publisher' | 'subscriber'; readonly services: readonly string[] }[];
}

/** The name and address a node is installed with: `<node>.<cluster>.example.com`, 10.<10+cluster>.0.<10+node>. */
export function nodeAddressing(cluster: ClusterInstallSpec, nodeIndex: number): { fqdn: string; ip: string } {
  return { fqdn: `${cluster.nodes[nodeIndex].name}.${cluster.name}.example.com`, ip: `10.${10 + cluster.index}.0.${10 + nodeIndex}` };
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
    dispatches.push(toNode(spec.name, n.name, { kind: 'install', cluster: spec.name, node: n.name, role: n.role, services: n.services, ...nodeAddressing(spec, i), micRoot, micRootStores: MIC_ROOT_STORES }));
  });
  for (const n of spec.nodes.filter((node) => node.services.includes('tftp'))) dispatches.push(toTftp(spec.name, n.name, { kind: 'build-itl', cause: 'tftp-started', mode: 'normal' }));
  if (spec.security === 'mixed') {
    if (spec.ctlKind === 'token') dispatches.push(toCluster(spec.name, { kind: 'register-tokens' }));
    dispatches.push(
      toCluster(spec.name, { kind: 'update-ctl', mode: 'normal', cause: spec.ctlKind === 'token' ? 'cluster installed in mixed mode (CTL client, USB eTokens)' : 'cluster installed in mixed mode' }),
    );
  }
  dispatches.push(later(EXPIRY_MONITOR.intervalMs, { kind: 'expiry-monitor', cluster: spec.name }));
  return dispatches;
}
