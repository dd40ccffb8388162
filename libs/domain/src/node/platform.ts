import type { OcspStatus } from '../monitoring/ocsp';
import { decideTlsPeer, TLS_PEER_TRUST_STORES } from '../trust-store/tls-peer';
import type { NodeContext } from './node-context';
import type { NodeBackupContents, NodeEvent } from './node-events';
import { storeOf, type NodeState } from './node-state';

/** `set network hostname`: the node's name changes; what follows is reactions/network-change.ts [SHOST]. */
export function changeHostname(node: NodeState, hostname: string): NodeEvent[] {
  const domain = node.fqdn.split('.').slice(1).join('.');
  return [{ type: 'HostnameChanged', data: { hostname, fqdn: `${hostname}.${domain}` } }];
}

/** `set network ip`: the node's address changes; certificates stay [SHOST]. */
export function changeIp(node: NodeState, address: string): NodeEvent[] {
  return [{ type: 'IpAddressChanged', data: { from: node.ip, to: address } }];
}

/** DRS restore: the backup's certificates, keys and trust stores come back on the node [chapter] (§12). */
export function restoreFromBackup(backup: string, contents: NodeBackupContents): NodeEvent[] {
  return [{ type: 'NodeRestoredFromBackup', data: { backup, identities: contents.identities, stores: contents.stores } }];
}

/**
 * A server or trunk TLS-connects to the node (SIP trunk, CUBE, syslog, ILS, ...): trust-store/tls-peer.ts
 * decides from the stores that hold its certificate and the OCSP answer [chapter] (§2.1, §13).
 */
export function connectTlsPeer(node: NodeState, ctx: Pick<NodeContext, 'parameters' | 'assumptions'>, peer: string, ocsp: OcspStatus): NodeEvent[] {
  const holding = TLS_PEER_TRUST_STORES.filter((store) => peer in storeOf(node, store));
  const decision = decideTlsPeer(
    { peer, node: node.name, storesHoldingPeer: holding, ocspEnabled: ctx.parameters.ocspEnabled === true, ocsp, commonCriteria: ctx.parameters.commonCriteria === true },
    ctx.assumptions,
  );
  if (decision.accepted) return [{ type: 'TlsConnectionAccepted', data: { peer, ocsp: decision.ocsp } }];
  return [{ type: 'TlsConnectionRefused', data: decision.ocsp === undefined ? { peer, reason: decision.reason } : { peer, ocsp: decision.ocsp, reason: decision.reason } }];
}

/** A trust certificate deleted from this node, as the cluster's delete decision says (node-operations.ts). */
export function deleteTrust(node: NodeState, store: string, commonName: string, scope: string, warnings: readonly string[]): NodeEvent[] {
  if (!(commonName in storeOf(node, store))) return [];
  return [{ type: 'TrustCertificateDeleted', data: { store, commonName, scope, ...(warnings.length ? { warnings } : {}) } }];
}
