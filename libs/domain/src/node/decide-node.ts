import { unreachable } from '../core/event';
import type { CertificateFacts } from '../core/refs';
import type { OcspStatus } from '../monitoring/ocsp';
import type { TrustStoreName } from '../trust-store/store-catalogue';
import type { UploadCandidate } from '../trust-store/upload-rules';
import { generateCsr, installIdentities, installUploadedIdentity, regenerate, reissue, type AcceptedIdentity } from './identities';
import type { NodeContext } from './node-context';
import type { NodeBackupContents, NodeEvent } from './node-events';
import type { NodeState } from './node-state';
import { changeHostname, changeIp, connectTlsPeer, deleteTrust, restoreFromBackup } from './platform';
import { dropExpiredTrust, installMicRoots, installTwinTrust, replicateTrust, uploadTrust } from './trust-stores';
import type { TwinNodeInstall } from '../twin/twin-certificates';

/** What can be asked of one node. Requests that span nodes are split by node-operations.ts first. */
export type NodeCommand =
  | {
      kind: 'install';
      cluster: string;
      node: string;
      role: 'publisher' | 'subscriber';
      services: readonly string[];
      fqdn: string;
      ip: string;
      micRoot: CertificateFacts;
      micRootStores: readonly string[];
      /** A twin's node: its real certificates and trust certificates (operations/install.ts). */
      twin?: TwinNodeInstall;
    }
  | { kind: 'regenerate'; purpose: string; keyLength?: number; hash?: string }
  | { kind: 'reissue'; purposes: readonly string[]; during: 'hostname-change' | 'upgrade' }
  | { kind: 'generate-csr'; purpose: string; distribution: 'single-server' | 'multi-server'; clusterFqdns: readonly string[] }
  | { kind: 'upload-trust'; store: string; candidate: UploadCandidate<CertificateFacts> }
  | { kind: 'replicate-trust'; store: TrustStoreName; certificate: CertificateFacts; from: string }
  | { kind: 'install-identity'; accepted: AcceptedIdentity; uploadedOn: string }
  | { kind: 'reject-upload'; store: string; code: string; reason: string; source: string }
  | { kind: 'delete-trust'; store: string; commonName: string; scope: string; warnings: readonly string[] }
  | { kind: 'reject-delete'; store: string; commonName: string; code: string; reason: string }
  | { kind: 'drop-expired-trust' }
  | { kind: 'restore'; backup: string; contents: NodeBackupContents }
  | { kind: 'restart-service'; service: string }
  | { kind: 'record-command'; command: string }
  | { kind: 'refuse-command'; command: string; reason: string }
  | { kind: 'regenerate-authz-key' }
  | { kind: 'change-hostname'; hostname: string }
  | { kind: 'change-ip'; address: string }
  | { kind: 'power'; on: boolean }
  | { kind: 'tls-connect'; peer: string; ocsp: OcspStatus };

/**
 * The node decider: what one node records for a command, from its state and its cluster's context.
 * Each rule lives in the file named after its concern (identities, trust-stores, platform).
 */
export function decideNode(node: NodeState, command: NodeCommand, ctx: NodeContext): NodeEvent[] {
  switch (command.kind) {
    case 'install': {
      const { cluster, node: name, role, services, fqdn, ip } = command;
      const installed: NodeState = { ...node, cluster, name, publisher: role === 'publisher', services, fqdn, ip, powered: true };
      return [
        { type: 'NodeInstalled', data: { cluster, node: name, role, services, fqdn, ip } },
        ...installIdentities(installed, ctx, command.twin?.identities),
        ...installMicRoots(command.micRoot, command.micRootStores),
        ...installTwinTrust(command.twin?.trust ?? [], ctx, { ...command.micRoot, stores: command.micRootStores }),
      ];
    }
    case 'regenerate':
      return regenerate(node, ctx, command.purpose, command.keyLength, command.hash);
    case 'reissue':
      return reissue(node, ctx, command.purposes, command.during);
    case 'generate-csr':
      return generateCsr(node, ctx, command.purpose, command.distribution, command.clusterFqdns);
    case 'upload-trust':
      return uploadTrust(node, ctx, command.store, command.candidate);
    case 'replicate-trust':
      return replicateTrust(node, command.store, command.certificate, command.from);
    case 'install-identity':
      return installUploadedIdentity(node, command.accepted, command.uploadedOn);
    case 'reject-upload':
      return [{ type: 'CertificateUploadRejected', data: { store: command.store, code: command.code, reason: command.reason, source: command.source } }];
    case 'delete-trust':
      return deleteTrust(node, command.store, command.commonName, command.scope, command.warnings);
    case 'reject-delete':
      return [{ type: 'CertificateDeleteRejected', data: { store: command.store, commonName: command.commonName, code: command.code, reason: command.reason } }];
    case 'drop-expired-trust':
      return dropExpiredTrust(node, ctx);
    case 'restore':
      return restoreFromBackup(command.backup, command.contents);
    case 'restart-service':
      return [{ type: 'ServiceRestarted', data: { service: command.service } }];
    case 'record-command':
      return [{ type: 'PlatformCommandRun', data: { command: command.command } }];
    case 'refuse-command':
      return [{ type: 'PlatformCommandFailed', data: { command: command.command, reason: command.reason } }];
    case 'regenerate-authz-key':
      // SIP OAuth tokens signed with the old key stop working; phones' trust lists are not involved [chapter].
      return [{ type: 'AuthzSigningKeyRegenerated', data: { effect: 'OAuth access and refresh tokens issued before are invalid; clients sign in again' } }];
    case 'change-hostname':
      return changeHostname(node, command.hostname);
    case 'change-ip':
      return changeIp(node, command.address);
    case 'power':
      return [{ type: command.on ? 'NodePoweredOn' : 'NodePoweredOff', data: {} }];
    case 'tls-connect':
      return connectTlsPeer(node, ctx, command.peer, command.ocsp);
    default:
      return unreachable(command, 'node command');
  }
}
