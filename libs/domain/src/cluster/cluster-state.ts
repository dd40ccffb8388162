import { EventMeta, unreachable } from '../core/event';
import type { IdentityRef, ServedFile } from '../core/refs';
import type { NodeBackupContents } from '../node/node-events';
import type { CtlKind } from '../tftp/ctl-plan';
import type { ClusterEvent, CtlMode, TokenRef } from './cluster-events';

/**
 * A cluster as the rules see it: its release (as written: "12.5(1)SU3"), security mode, the CTL it serves
 * in mixed mode and how it is made, enterprise parameters, the clusters its TFTP proxies, the exported
 * ITLRecovery pair, the eTokens, its DRS backups and whether a reset wave is waiting to start.
 */
export interface ClusterState {
  readonly name: string;
  readonly release: string;
  readonly security: 'non-secure' | 'mixed';
  readonly ctlKind: CtlKind;
  readonly ctlMode: CtlMode;
  readonly ctl?: ServedFile<CtlMode>;
  /** The CTL served is a twin's as imported (served-ctl.ts), not one built from the certificates, until the next CTL update. */
  readonly ctlImported?: boolean;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  /** Node names, in the scenario's order. */
  readonly nodes: readonly string[];
  readonly proxyFor: readonly string[];
  /** The ITLRecovery pair exported with `file get tftp ITLRecovery.p12` (for `utils itl reset remotekey`), and the node it came from. */
  readonly exportedItlRecovery?: IdentityRef & { readonly node: string };
  /** The CTL client's two USB eTokens, once a token-based CTL was made (Token1 signs). */
  readonly tokens?: readonly TokenRef[];
  /** DRS backups by name: each node's identities (with their keys) and trust stores. */
  readonly backups: Readonly<Record<string, Readonly<Record<string, NodeBackupContents>>>>;
  readonly resetWavePending: boolean;
}

export const NO_CLUSTER: ClusterState = Object.freeze({
  name: '',
  release: '',
  security: 'non-secure',
  ctlKind: 'tokenless',
  ctlMode: 'normal',
  parameters: {},
  nodes: [],
  proxyFor: [],
  backups: {},
  resetWavePending: false,
});

export function evolveCluster(state: ClusterState, event: ClusterEvent, meta: EventMeta): ClusterState {
  switch (event.type) {
    case 'ClusterInstalled': {
      const d = event.data;
      return { ...NO_CLUSTER, name: d.cluster, release: d.version, security: d.security, ctlKind: d.ctlKind, parameters: d.parameters, nodes: d.nodes.map((n) => n.name) };
    }
    case 'ParameterChanged':
      return { ...state, parameters: { ...state.parameters, [event.data.name]: event.data.value } };
    case 'ClusterUpgraded':
      return { ...state, release: event.data.to };
    case 'CtlKindChanged':
      return { ...state, ctlKind: event.data.to };
    case 'ClusterSecurityModeChanged':
      return { ...state, security: event.data.security };
    case 'CtlUpdated': {
      const d = event.data;
      const { ctlImported: _before, ...rest } = state;
      return { ...rest, ctlMode: d.mode, ctl: { file: d.file, signer: d.signer, mode: d.mode, builtAt: meta.at }, ...(d.imported && { ctlImported: true }) };
    }
    case 'ProxyTftpConfigured':
      return state.proxyFor.includes(event.data.remote) ? state : { ...state, proxyFor: [...state.proxyFor, event.data.remote] };
    case 'ItlRecoveryExported': {
      const d = event.data;
      return { ...state, exportedItlRecovery: { node: d.node, fingerprint: d.fingerprint, generation: d.generation, key: d.key } };
    }
    case 'EtokenRegistered': {
      const d = event.data;
      const token: TokenRef = { token: d.token, commonName: d.commonName, fingerprint: d.fingerprint, generation: 1, key: d.key };
      return { ...state, tokens: [...(state.tokens ?? []), token] };
    }
    case 'BackupTaken':
      return { ...state, backups: { ...state.backups, [event.data.name]: event.data.nodes } };
    case 'AutomaticResetsScheduled':
      return { ...state, resetWavePending: true };
    case 'AutomaticResetWaveStarted':
      return { ...state, resetWavePending: false };
    case 'CtlClientFailed':
    case 'BackupRestored':
    case 'CertificateExpiryWarning':
    case 'BulkCertificatesImported':
    case 'BulkCertificatesImportFailed':
      return state;
    default:
      return unreachable(event, 'cluster event');
  }
}
