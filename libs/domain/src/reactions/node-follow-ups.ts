import { toCluster, toNode, toTftp, later, type Dispatch } from '../core/dispatch';
import { hostnameChangeEffects, ipChangeEffects } from '../cluster/network-change';
import { isExpiryMonitorService } from '../monitoring/expiry-monitor';
import type { NodeEvent } from '../node/node-events';
import { restartExpiryMonitor } from '../operations/cluster-lifecycle';
import { isTrustStoreName, uploadScopeOf } from '../trust-store/store-catalogue';
import { changeRebuildsItl } from '../tftp/itl-plan';
import { tftpNodesOf } from '../world/cluster-view';
import type { World } from '../world/world';
import { trustReplicationDelay } from './replication';
import { reloadTvs } from './tvs-follows-trust';

/** The service name that is Cisco Tftp, however the step or the CLI spelled it. */
function isTftpService(service: string): boolean {
  return service.trim().replace(/\s+/g, ' ').toLowerCase() === 'cisco tftp';
}

export function afterNodeEvent(cluster: string, node: string, event: NodeEvent, world: World): Dispatch[] {
  switch (event.type) {
    case 'CertRegenerated':
    case 'IdentityCertificateUploaded': {
      const during = event.type === 'CertRegenerated' ? event.data.during : undefined;
      return [...itlFollowsCertificate(cluster, node, event.data.purpose, world, during), ...tftpTomcatFollows(cluster, node, event, world), ...reloadTvs(cluster, event)];
    }
    case 'CertificateUploaded':
      return [...replicate(cluster, node, event.data.store, event.data.fingerprint, world), ...reloadTvs(cluster, event), ...itlFollowsPhoneSastTrust(cluster, node, event.data.store, world)];
    case 'TrustReplicated':
    case 'TrustCertificateDeleted':
      return [...reloadTvs(cluster, event), ...itlFollowsPhoneSastTrust(cluster, node, event.data.store, world)];
    case 'HostnameChanged':
      return hostnameChangeFollowUps(cluster, node, world);
    case 'IpAddressChanged':
      return ipChangeFollowUps(cluster, node, world);
    case 'ServiceRestarted':
      // Restarting Cisco Tftp reloads its tomcat certificate and rebuilds the ITL with the release's signer,
      // ending a reset ITL (§4.4) [chapter] [S125DEF].
      if (isTftpService(event.data.service)) return world.node(cluster, node)?.services.includes('tftp') ? tftpRestarts(cluster, node, 'Cisco Tftp restarted', world) : [];
      // The Certificate Expiry Monitor starts its schedule afresh: next run 24 hours later [chapter].
      if (isExpiryMonitorService(event.data.service)) return restartExpiryMonitor(cluster, node, world.elapsed);
      return [];
    case 'NodePoweredOn':
      // A node that boots starts Cisco Tftp, which loads the current tomcat certificate [chapter].
      return world.node(cluster, node)?.services.includes('tftp') ? [tomcatReloaded(cluster, node, 'node powered on', world)] : [];
    default:
      return reloadTvs(cluster, event);
  }
}

/**
 * After a certificate change the TFTP nodes that carry it rebuild and re-sign their ITL (§4.4) [S125DEF]:
 * a node's own CallManager certificate is only in its own ITL (and in every reset ITL, which carries the
 * publisher's); TVS, CAPF and ITLRecovery are in every one. With assumption itlRecoveryRegenerationResigns
 * = at-tftp-restart a new ITLRecovery waits for the TFTP restart [chapter] (§4.4). During an upgrade the
 * nodes reboot and rebuild anyway (cluster-follow-ups.ts).
 */
export function itlFollowsCertificate(cluster: string, node: string, purpose: string, world: World, during?: 'hostname-change' | 'upgrade'): Dispatch[] {
  if (!changeRebuildsItl(purpose) || during === 'upgrade') return [];
  if (purpose === 'ITLRecovery' && world.assumptions.itlRecoveryRegenerationResigns === 'at-tftp-restart') return [];
  const changed = world.node(cluster, node)!;
  const affected =
    purpose === 'CallManager'
      ? tftpNodesOf(world, cluster).filter((n) => n.name === node || (changed.publisher && world.tftp(cluster, n.name)?.mode === 'reset-localkey'))
      : tftpNodesOf(world, cluster);
  return affected.map((n) => toTftp(cluster, n.name, { kind: 'build-itl', cause: `${purpose} certificate regenerated on ${node}`, certificateUpdate: purpose }));
}

/**
 * Where the ITL lists the node's Phone-SAST-trust (assumption itlCarriesPhoneSastTrust, itl-plan.ts), a
 * change to that store is a change of the ITL's content, which the TFTP rebuilds [S125DEF] (§4.4). Not a
 * certificate update of TVS, CAPF or TFTP: no automatic reset follows [SREL14].
 */
function itlFollowsPhoneSastTrust(cluster: string, node: string, store: string, world: World): Dispatch[] {
  if (store !== 'Phone-SAST-trust' || !world.node(cluster, node)?.services.includes('tftp') || world.assumptions.itlCarriesPhoneSastTrust !== true) return [];
  return [toTftp(cluster, node, { kind: 'build-itl', cause: `Phone-SAST-trust of ${node} changed` })];
}

/**
 * The tomcat certificate a node's TFTP offers (tftp-tomcat.ts): a CA-signed upload leaves TFTP offering its
 * cached copy until Cisco Tftp restarts [chapter]; a regeneration is taken as reloading it [uncertain].
 */
function tftpTomcatFollows(cluster: string, node: string, event: Extract<NodeEvent, { type: 'CertRegenerated' | 'IdentityCertificateUploaded' }>, world: World): Dispatch[] {
  if (event.data.purpose !== 'tomcat' || !world.node(cluster, node)?.services.includes('tftp')) return [];
  if (event.type === 'IdentityCertificateUploaded') return [toTftp(cluster, node, { kind: 'tomcat-uploaded', previous: event.data.replaces, current: event.data.fingerprint })];
  return [toTftp(cluster, node, { kind: 'tomcat-reloaded', current: event.data.fingerprint, cause: 'tomcat certificate regenerated' })];
}

export function tomcatReloaded(cluster: string, node: string, cause: string, world: World): Dispatch {
  return toTftp(cluster, node, { kind: 'tomcat-reloaded', current: world.node(cluster, node)!.identities.tomcat.fingerprint, cause });
}

/** Cisco Tftp (re)starts: its tomcat certificate reloaded, its ITL rebuilt with the release's signer. */
export function tftpRestarts(cluster: string, node: string, cause: string, world: World): Dispatch[] {
  return [tomcatReloaded(cluster, node, cause, world), toTftp(cluster, node, { kind: 'build-itl', mode: 'normal', cause })];
}

/** An upload into a cluster-wide store reaches the other nodes through Certificate Change Notification [SCN] (replication.ts). */
function replicate(cluster: string, node: string, store: string, fingerprint: string, world: World): Dispatch[] {
  if (!isTrustStoreName(store) || uploadScopeOf(store) !== 'cluster') return [];
  return [later(trustReplicationDelay(world.assumptions), { kind: 'trust-replication', cluster, node, store, certificate: fingerprint })];
}

/**
 * `set network hostname` regenerates the node's self-signed certificates under the new name (each as a
 * regeneration, so TFTP and the phones follow) and resets all devices [SHOST] (network-change.ts).
 */
function hostnameChangeFollowUps(cluster: string, node: string, world: World): Dispatch[] {
  const changed = world.node(cluster, node)!;
  const effects = hostnameChangeEffects(Object.entries(changed.identities).map(([purpose, id]) => ({ purpose, selfSigned: world.certificate(id.fingerprint).selfSigned })));
  return [
    ...effects.regenerate.map((purpose) => toNode(cluster, node, { kind: 'reissue', purposes: [purpose], during: 'hostname-change' })),
    ...(effects.rebuildItls ? tftpNodesOf(world, cluster).map((n) => toTftp(cluster, n.name, { kind: 'build-itl', cause: `hostname change of ${node}` })) : []),
    ...(effects.resetDevices ? [toCluster(cluster, { kind: 'schedule-reset-wave', cause: `hostname change of ${node}` })] : []),
  ];
}

/**
 * `set network ip`: every TFTP node rebuilds its ITL and devices reset [SHOST]; the CTL keeps the old address
 * until `utils ctl update CTLFile` (network-change.ts).
 */
function ipChangeFollowUps(cluster: string, node: string, world: World): Dispatch[] {
  const effects = ipChangeEffects();
  return [
    ...(effects.rebuildItls ? tftpNodesOf(world, cluster).map((n) => toTftp(cluster, n.name, { kind: 'build-itl', cause: `IP address of ${node} changed` })) : []),
    ...(effects.resetDevices ? [toCluster(cluster, { kind: 'schedule-reset-wave', cause: `IP address change of ${node}` })] : []),
  ];
}
