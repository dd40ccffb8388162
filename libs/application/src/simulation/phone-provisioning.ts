import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { BootContext, reachServices, registerAs, servicesFact, tftpFor } from './phone-boot';
import { Lsc, PhoneRuntime } from './phone-runtime';
import { RunContext } from './run-context';

/** What phone provisioning needs from the running simulation. */
export interface PhoneProvisioningContext extends Pick<RunContext, 'cluster' | 'recordPhone' | 'recordRun'> {
  readonly phones: readonly PhoneRuntime[];
  /** Which TFTP node serves a phone (the same answer a boot would get). */
  readonly boot: BootContext;
  /** The LSC a cluster's CAPF issues now (CapfService). */
  lscFrom(cluster: ClusterRuntime): Lsc;
}

/**
 * What a phone holds before its first boot in the run: at install, what its group's `trust` says (what its
 * TFTP serves now, or nothing), an LSC, and the registration it starts with; and what phones take from a
 * named snapshot, as spare stock last booted at that moment and switched off since.
 */
export class PhoneProvisioning {
  /** Snapshot names taken so far (phones whose `trust` names one take their state at that step). */
  readonly snapshots = new Set<string>();

  constructor(private readonly ctx: PhoneProvisioningContext) {}

  /** A phone of the installed cluster gets its starting state, recorded as PhoneProvisioned. */
  provision(phone: PhoneRuntime, cluster: ClusterRuntime): void {
    const group = phone.group;
    this.provisionTrust(phone, cluster);
    // A phone in service already uses its services, so it starts with their TVS answer cached [SSECMIG logs].
    const services = phone.registration?.registered ? reachServices(phone, this.ctx.boot, this.ctx.boot.now()) : undefined;
    this.ctx.recordPhone(phone, 'PhoneProvisioned', {
      group: group.group,
      model: group.model,
      cluster: cluster.name,
      tftp: group.tftp,
      callManagerGroup: group.callManagerGroup,
      power: group.power,
      trust: group.trust,
      ...servicesFact(services),
    });
  }

  /**
   * Record every phone's trust state under a name (what it holds, by file), and give the phones whose
   * `trust` names this snapshot what their TFTP serves now — as phones last booted at this moment and
   * switched off since (a spare stock, a closed branch).
   */
  snapshot(name: string): void {
    this.snapshots.add(name);
    const held = new Map<string, number>();
    for (const phone of this.ctx.phones) {
      const group = phone.group.trust;
      if (typeof group === 'object' && group.snapshot === name) {
        const served = tftpFor(phone, this.ctx.boot);
        if (served) this.holdServedFiles(phone, served.cluster, served.node);
        this.ctx.recordPhone(phone, 'TrustTakenFromSnapshot', { snapshot: name, itl: phone.itl?.id ?? null, ctl: phone.ctl?.id ?? null });
      }
      const key = `${phone.group.cluster}/${phone.group.group}|${phone.itl?.id ?? 'none'}|${phone.ctl?.id ?? 'none'}`;
      held.set(key, (held.get(key) ?? 0) + 1);
    }
    const groups = [...held].map(([key, phones]) => {
      const [group, itl, ctl] = key.split('|');
      return { group, itl, ctl, phones };
    });
    this.ctx.recordRun('SnapshotTaken', { name, groups });
  }

  /**
   * What the phone holds at the start: `current` is what its TFTP serves now (ITL, and the CTL in mixed
   * mode); `none` is factory new; a snapshot name is taken at that snapshot step. `lsc` gives it an LSC
   * from that cluster's CAPF.
   */
  private provisionTrust(phone: PhoneRuntime, cluster: ClusterRuntime): void {
    const tftpNode = phone.tftp.map((t) => cluster.nodes.get(t.node)).find((n) => n?.itl);
    if (phone.group.lsc) phone.lsc = this.ctx.lscFrom(this.ctx.cluster(phone.group.lsc.issuer));
    if (phone.group.trust === 'current' && tftpNode) this.holdServedFiles(phone, cluster, tftpNode);
    else if (tftpNode) phone.config = cluster.heldConfig(phone.group, cluster.configFile(tftpNode, phone.group));
    if (phone.powered) {
      const target = phone.group.callManagerGroup.map((n) => cluster.callManagerTarget(n)).find((t) => t.available);
      if (!target) {
        phone.registration = { registered: false, reason: 'no-callmanager-reachable' };
        return;
      }
      phone.registration = registerAs(phone, cluster, target.node);
    }
  }

  /** The phone holds what the TFTP node serves now: its ITL (Security by Default), the cluster's CTL, the configuration. */
  private holdServedFiles(phone: PhoneRuntime, cluster: ClusterRuntime, tftpNode: NodeRuntime): void {
    if (phone.model.securityByDefault) phone.itl = tftpNode.itl!.view;
    if (cluster.ctl) phone.ctl = cluster.ctl.view;
    phone.config = cluster.heldConfig(phone.group, cluster.configFile(tftpNode, phone.group));
  }
}
