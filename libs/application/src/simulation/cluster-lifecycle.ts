import { ctlKindAfterUpgrade, parseRelease, rollbackParameterResetsPhones, upgradeEffects } from '@trustsim/domain';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { DrsBackups } from './drs-backups';
import { NodeIdentities } from './node-identities';
import { PhoneFleet } from './phone-fleet';
import { RunContext } from './run-context';
import { StepNotSimulatedError } from './simulation-errors';
import { TrustListSigning } from './trust-list-signing';

/** What the cluster lifecycle needs from the running simulation. */
export interface ClusterLifecycleContext extends Pick<RunContext, 'time' | 'record' | 'changed'> {
  readonly identities: Pick<NodeIdentities, 'issue'>;
  readonly trustLists: Pick<TrustListSigning, 'rebuildItl' | 'updateCtl'>;
  readonly fleet: Pick<PhoneFleet, 'scheduleResetWave'>;
}

/**
 * What happens to a cluster besides certificate work, and what it does to the trust files its TFTP nodes
 * serve: enterprise parameters (Prepare Cluster for Rollback to pre-8.0), upgrades, DRS backups and
 * restores, nodes switched off and on.
 */
export class ClusterLifecycle {
  /** The run's DRS backups (cluster-side state, in checkpoints, never events). */
  readonly backups = new DrsBackups();

  constructor(private readonly ctx: ClusterLifecycleContext) {}

  /** The cluster's TFTP nodes become a proxy TFTP for a remote cluster's phones [SPROXY]. */
  proxyTftp(cluster: ClusterRuntime, remote: string): void {
    cluster.proxyFor.add(remote);
    this.ctx.record('cluster', cluster.name, 'ProxyTftpConfigured', { remote });
    this.ctx.changed(cluster);
  }

  setParameter(cluster: ClusterRuntime, name: string, value: string | number | boolean): void {
    cluster.parameters[name] = value;
    this.ctx.record('cluster', cluster.name, 'ParameterChanged', { name, value });
    if (name === 'prepareClusterForRollbackToPre80') this.onRollbackParameter(cluster);
  }

  /**
   * `upgrade`: the cluster switches to the new release and every node reboots, so each TFTP node builds
   * its ITL with the new release's rules and phones reset as their CallManager comes back. A refresh
   * upgrade into 12.5(1)–12.5(1)SU2 regenerates ITLRecovery (FN70613); from 12.5(1)SU6 / 14SU2 expired
   * trust certificates are not carried over [SFN] [S14] (upgrade.ts).
   */
  upgrade(cluster: ClusterRuntime, to: string, method: 'refresh' | 'l2'): void {
    const from = cluster.releaseName;
    const effects = upgradeEffects(cluster.release, parseRelease(to), method);
    cluster.release = parseRelease(to);
    cluster.releaseName = to;
    this.ctx.record('cluster', cluster.name, 'ClusterUpgraded', { from, to, method, effects: effects.why });
    const ctlKind = ctlKindAfterUpgrade(cluster.ctlKind, cluster.release);
    if (ctlKind !== cluster.ctlKind) {
      this.ctx.record('cluster', cluster.name, 'CtlKindChanged', { from: cluster.ctlKind, to: ctlKind, command: `upgrade to ${to}: no CTL client from 14 [S14]` });
      cluster.ctlKind = ctlKind;
    }
    const recovery = cluster.itlRecovery;
    if (effects.regeneratesItlRecovery && recovery) {
      this.ctx.identities.issue(cluster, cluster.publisher, 'ITLRecovery', recovery.generation + 1, 'CertRegenerated', recovery.certificate.keyBits);
    }
    if (effects.dropsExpiredTrustCertificates) {
      const now = this.ctx.time();
      for (const node of cluster.nodes.values()) {
        for (const [store, entries] of node.stores) {
          for (const [cn, cert] of entries) {
            if (cert.notAfter.getTime() >= now) continue;
            entries.delete(cn);
            this.ctx.record('node', `${cluster.name}.${node.name}`, 'ExpiredTrustCertificateDropped', { store, commonName: cn, notAfter: cert.notAfter.toISOString() });
          }
        }
      }
    }
    this.ctx.changed(cluster);
    for (const node of cluster.tftpNodes) {
      node.itlMode = 'normal';
      node.tftpTomcatOn('tftp-restarted'); // rebooted
      this.ctx.trustLists.rebuildItl(cluster, node, `upgrade to ${to}`);
    }
    this.ctx.fleet.scheduleResetWave(cluster, `upgrade to ${to}: nodes rebooted`);
  }

  /** DRS backup (§12) [chapter]. */
  backup(cluster: ClusterRuntime, name: string): void {
    this.ctx.record('cluster', cluster.name, 'BackupTaken', { name, certificates: this.backups.take(cluster, name) });
  }

  /**
   * DRS restore: the backup's certificates, keys and trust stores come back; TFTP rebuilds its ITL (and
   * the CTL in mixed mode) from them. Restoring the backup that holds what phones trust undoes a
   * lock-out; restoring one older than a regeneration phones have taken locks them [chapter] [SITL10] (§12).
   */
  restore(cluster: ClusterRuntime, name: string): void {
    if (!this.backups.has(cluster.name, name)) throw new StepNotSimulatedError(`no backup "${name}" of cluster ${cluster.name} was taken before this restore`);
    this.backups.restore(cluster, name);
    this.ctx.record('cluster', cluster.name, 'BackupRestored', { name });
    this.ctx.changed(cluster);
    for (const node of cluster.tftpNodes) this.ctx.trustLists.rebuildItl(cluster, node, `restore of backup ${name}`);
    if (cluster.ctl) {
      cluster.ctlMode = 'normal';
      this.ctx.trustLists.updateCtl(cluster, `restore of backup ${name}`);
    }
  }

  /** Nodes switched off or on: what the cluster can serve and who answers its phones changes with them. */
  power(cluster: ClusterRuntime, nodes: readonly NodeRuntime[], state: 'on' | 'off'): void {
    for (const node of nodes) {
      node.powered = state === 'on';
      if (state === 'on') node.tftpTomcatOn('tftp-restarted'); // booted
      this.ctx.record('node', `${cluster.name}.${node.name}`, state === 'on' ? 'NodePoweredOn' : 'NodePoweredOff', {});
    }
    this.ctx.changed(cluster);
  }

  /**
   * "Prepare Cluster for Rollback to pre-8.0": every TFTP node serves the empty ITL while it is True, the
   * full one again when it is set back; from 10.5 the change resets phones by itself [S125DEF].
   */
  private onRollbackParameter(cluster: ClusterRuntime): void {
    this.ctx.changed(cluster);
    for (const node of cluster.tftpNodes) this.ctx.trustLists.rebuildItl(cluster, node, `Prepare Cluster for Rollback to pre-8.0 = ${String(cluster.parameters.prepareClusterForRollbackToPre80)}`);
    if (rollbackParameterResetsPhones(cluster.release)) this.ctx.fleet.scheduleResetWave(cluster, 'Prepare Cluster for Rollback to pre-8.0 changed');
  }
}
