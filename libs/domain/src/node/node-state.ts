import { EventMeta, unreachable } from '../core/event';
import type { IdentityRef } from '../core/refs';
import type { IdentityIssued, NodeEvent } from './node-events';

/**
 * A node as the rules see it: its identity certificates (by purpose), its trust stores (store → common
 * name → fingerprint: one certificate per subject per store [chapter]), its pending CSRs, its services,
 * whether it is powered, and the name and address phones and CTLs know it by. Plain data: JSON as is.
 */
export interface NodeState {
  readonly cluster: string;
  readonly name: string;
  readonly publisher: boolean;
  readonly services: readonly string[];
  readonly fqdn: string;
  readonly ip: string;
  readonly powered: boolean;
  readonly identities: Readonly<Record<string, IdentityRef>>;
  readonly stores: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The last CSR generated per purpose (PEM): a new one overwrites it, a CA-signed upload answers it [chapter]. */
  readonly pendingCsrs: Readonly<Record<string, string>>;
}

/** Before `NodeInstalled`: a node the cluster does not have yet. */
export const NO_NODE: NodeState = Object.freeze({
  cluster: '',
  name: '',
  publisher: false,
  services: [],
  fqdn: '',
  ip: '',
  powered: false,
  identities: {},
  stores: {},
  pendingCsrs: {},
});

export function evolveNode(state: NodeState, event: NodeEvent, _meta: EventMeta): NodeState {
  switch (event.type) {
    case 'NodeInstalled': {
      const d = event.data;
      return { ...NO_NODE, cluster: d.cluster, name: d.node, publisher: d.role === 'publisher', services: d.services, fqdn: d.fqdn, ip: d.ip, powered: true };
    }
    case 'CertificateInstalled':
    case 'CertRegenerated':
      return withIdentity(state, event.data.purpose, identityOf(event.data));
    case 'IdentityCertificateUploaded': {
      const d = event.data;
      const { [d.purpose]: _answered, ...pendingCsrs } = state.pendingCsrs;
      return { ...withIdentity(state, d.purpose, { fingerprint: d.fingerprint, generation: d.generation, key: d.key }), pendingCsrs };
    }
    case 'CsrGenerated':
      return { ...state, pendingCsrs: { ...state.pendingCsrs, [event.data.purpose]: event.data.csr } };
    case 'CertificateUploaded':
    case 'TrustReplicated':
    case 'TrustCertificateInstalled':
      return withTrust(state, event.data.store, event.data.commonName, event.data.fingerprint);
    case 'MicRootsInstalled':
      return event.data.stores.reduce((s, store) => withTrust(s, store, event.data.commonName, event.data.fingerprint), state);
    case 'TrustCertificateDeleted':
    case 'ExpiredTrustCertificateDropped':
      return withoutTrust(state, event.data.store, event.data.commonName);
    case 'NodeRestoredFromBackup':
      return { ...state, identities: event.data.identities, stores: event.data.stores };
    case 'HostnameChanged':
      return { ...state, fqdn: event.data.fqdn };
    case 'IpAddressChanged':
      return { ...state, ip: event.data.to };
    case 'NodePoweredOff':
      return { ...state, powered: false };
    case 'NodePoweredOn':
      return { ...state, powered: true };
    case 'CertRegenerationRefused':
    case 'RegenerationFollowUpsRequired':
    case 'CertificateUploadRejected':
    case 'CertificateDeleteRejected':
    case 'ServiceRestarted':
    case 'PlatformCommandRun':
    case 'PlatformCommandFailed':
    case 'AuthzSigningKeyRegenerated':
    case 'TlsConnectionAccepted':
    case 'TlsConnectionRefused':
      return state; // recorded for people and expectations; nothing a rule reads changes
    default:
      return unreachable(event, 'node event');
  }
}

/** Whether the node runs a service now: powered and configured with it. */
export function runs(node: NodeState, service: string): boolean {
  return node.powered && node.services.includes(service);
}

/** The certificates of one of its stores: common name → fingerprint (empty when it has none). */
export function storeOf(node: NodeState, store: string): Readonly<Record<string, string>> {
  return node.stores[store] ?? EMPTY;
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

export function identityOf(d: Pick<IdentityIssued, 'fingerprint' | 'generation' | 'key'>): IdentityRef {
  return { fingerprint: d.fingerprint, generation: d.generation, key: d.key };
}

function withIdentity(state: NodeState, purpose: string, identity: IdentityRef): NodeState {
  return { ...state, identities: { ...state.identities, [purpose]: identity } };
}

function withTrust(state: NodeState, store: string, commonName: string, fingerprint: string): NodeState {
  return { ...state, stores: { ...state.stores, [store]: { ...storeOf(state, store), [commonName]: fingerprint } } };
}

function withoutTrust(state: NodeState, store: string, commonName: string): NodeState {
  const { [commonName]: _gone, ...rest } = storeOf(state, store);
  return { ...state, stores: { ...state.stores, [store]: rest } };
}
