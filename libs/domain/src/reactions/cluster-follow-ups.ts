import type { ClusterEvent } from '../cluster/cluster-events';
import { later, toCluster, toNode, toTftp, type Dispatch } from '../core/dispatch';
import { rollbackParameterResetsPhones } from '../tftp/itl-plan';
import { itlRecoveryOf, tftpNodesOf } from '../world/cluster-view';
import type { World } from '../world/world';
import { tftpRestarts } from './node-follow-ups';
import { reloadTvs } from './tvs-follows-trust';

export function afterClusterEvent(cluster: string, event: ClusterEvent, world: World): Dispatch[] {
  switch (event.type) {
    case 'AutomaticResetsScheduled': {
      // The wave's pacing was decided with it (assumption automaticResetTiming) and travels with the work.
      const { at, batchSize, intervalMs, cause } = event.data;
      return [later(Math.max(0, at - world.elapsed), { kind: 'automatic-resets', cluster, cause, batchSize, intervalMs })];
    }
    case 'ParameterChanged':
      return event.data.name === 'prepareClusterForRollbackToPre80' ? rollbackParameterFollowUps(cluster, event.data.value, world) : [];
    case 'ClusterUpgraded':
      return [...upgradeFollowUps(cluster, event, world), ...reloadTvs(cluster, event)];
    case 'BackupRestored':
      return restoreFollowUps(cluster, event.data.name, world);
    default:
      return reloadTvs(cluster, event);
  }
}

/**
 * "Prepare Cluster for Rollback to pre-8.0": every TFTP node serves the empty ITL while it is True, the full
 * one again when it is set back; from 10.5 the change resets phones by itself [S125DEF].
 */
function rollbackParameterFollowUps(cluster: string, value: unknown, world: World): Dispatch[] {
  return [
    ...tftpNodesOf(world, cluster).map((n) => toTftp(cluster, n.name, { kind: 'build-itl', cause: `Prepare Cluster for Rollback to pre-8.0 = ${String(value)}` })),
    ...(rollbackParameterResetsPhones(world.release(cluster)) ? [toCluster(cluster, { kind: 'schedule-reset-wave', cause: 'Prepare Cluster for Rollback to pre-8.0 changed' })] : []),
  ];
}

/**
 * An upgrade reboots every node (release/upgrade.ts for what else it does): a refresh upgrade hit by FN70613
 * regenerates ITLRecovery [SFN]; from 12.5(1)SU6 / 14SU2 expired trust certificates are not carried over
 * [S14]; each TFTP node comes back with the new release's signer, and phones reset as their CallManager
 * comes back.
 */
function upgradeFollowUps(cluster: string, event: Extract<ClusterEvent, { type: 'ClusterUpgraded' }>, world: World): Dispatch[] {
  const d = event.data;
  const recovery = itlRecoveryOf(world, cluster);
  const cause = `upgrade to ${d.to}`;
  return [
    ...(d.regeneratesItlRecovery && recovery ? [toNode(cluster, recovery.node.name, { kind: 'reissue', purposes: ['ITLRecovery'], during: 'upgrade' })] : []),
    ...(d.dropsExpiredTrustCertificates ? world.nodes(cluster).map((n) => toNode(cluster, n.name, { kind: 'drop-expired-trust' })) : []),
    ...tftpNodesOf(world, cluster).flatMap((n) => tftpRestarts(cluster, n.name, cause, world)),
    toCluster(cluster, { kind: 'schedule-reset-wave', cause: `${cause}: nodes rebooted` }),
  ];
}

/**
 * A DRS restore: services restart, so each TFTP node reloads its tomcat certificate and rebuilds its ITL
 * from the restored certificates, and the CTL is rebuilt in mixed mode (§12) [chapter] [SITL10].
 */
function restoreFollowUps(cluster: string, name: string, world: World): Dispatch[] {
  const cause = `restore of backup ${name}`;
  return [
    ...tftpNodesOf(world, cluster).flatMap((n) => tftpRestarts(cluster, n.name, cause, world)),
    ...(world.cluster(cluster).ctl ? [toCluster(cluster, { kind: 'update-ctl', mode: 'normal', cause })] : []),
    { to: 'tvs', cluster, cause: 'BackupRestored' },
  ];
}
