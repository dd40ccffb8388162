import { later, restartLater, toCluster, toNode, type Dispatch } from '../core/dispatch';
import { expiryMonitorRunAfterRestart } from '../monitoring/expiry-monitor';
import { StepNotSimulatedError } from '../core/errors';
import { bulkExport, bulkImportStores } from '../bulk/bulk-certificates';
import type { SftpState } from '../bulk/sftp-state';
import { publisherOf, type World } from '../world/world';

/** DRS restore: each node the backup covers gets its certificates, keys and trust stores back; reactions rebuild what TFTP serves [chapter] (§12). */
export function restoreBackup(world: World, cluster: string, name: string): Dispatch[] {
  const backup = world.cluster(cluster).backups[name];
  if (!backup) throw new StepNotSimulatedError(`no backup "${name}" of cluster ${cluster} was taken before this restore`);
  return [
    ...Object.entries(backup).map(([node, contents]) => toNode(cluster, node, { kind: 'restore', backup: name, contents })),
    toCluster(cluster, { kind: 'restored', name }),
  ];
}

/** Nodes switched off or on. */
export function powerNodes(cluster: string, nodes: readonly string[], on: boolean): Dispatch[] {
  return nodes.map((node) => toNode(cluster, node, { kind: 'power', on }));
}

/**
 * Bulk Certificate Management through the shared SFTP area [chapter] [SBULK]: export, consolidate, then
 * import on the source (and the destination for the return path), each certificate through the same
 * upload rules as a manual upload, into the stores of `bulkImportStores`, on the publisher.
 */
export function bulkCertificates(world: World, sftp: SftpState, cluster: string, action: 'export' | 'consolidate' | 'import', type: 'TFTP' | 'All'): Dispatch[] {
  if (action === 'export') {
    const certificates = bulkExport(cluster, world.release(cluster), world.nodes(cluster), type, (fp) => world.certificate(fp));
    return [{ to: 'sftp', command: { kind: 'export', cluster, type, certificates } }];
  }
  if (action === 'consolidate') return [{ to: 'sftp', command: { kind: 'consolidate', on: cluster } }];
  if (!sftp.consolidated) {
    return [toCluster(cluster, { kind: 'bulk-import-failed', reason: 'nothing consolidated in the SFTP area: export from every cluster, then consolidate, then import [chapter]' })];
  }
  const publisher = publisherOf(world, cluster).name;
  const foreign = sftp.consolidated.filter((e) => e.cluster !== cluster);
  return [
    ...foreign.flatMap((entry) =>
      bulkImportStores(entry.purpose).map((store) => toNode(cluster, publisher, { kind: 'upload-trust', store, candidate: { certificate: world.certificate(entry.fingerprint) } })),
    ),
    toCluster(cluster, { kind: 'bulk-import', certificates: foreign }),
  ];
}

/** The Cisco Certificate Expiry Monitor runs, and schedules its next run (monitoring/expiry-monitor.ts). */
export function runExpiryMonitor(cluster: string, delay: number): Dispatch[] {
  return [toCluster(cluster, { kind: 'monitor-expiry' }), later(delay, { kind: 'expiry-monitor', cluster })];
}

/**
 * The Cisco Certificate Expiry Monitor service restarted on a node at `now` (ms since the run's start):
 * its next run is 24 hours later, the one it had scheduled is dropped [chapter] (expiry-monitor.ts). The
 * simulator runs one monitor per cluster (it checks every node's certificates), so a restart on any node
 * moves that cluster's schedule.
 */
export function restartExpiryMonitor(cluster: string, node: string, now: number): Dispatch[] {
  return [restartLater(expiryMonitorRunAfterRestart(now) - now, { kind: 'expiry-monitor', cluster }, `Cisco Certificate Expiry Monitor restarted on ${node}`)];
}
