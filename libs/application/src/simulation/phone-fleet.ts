import { AUTOMATIC_RESET_WAVE, certificateUpdateResetsPhones, phoneModel } from '@trustsim/domain';
import { PhoneSelector, Step } from '@trustsim/scenarios';
import { BackgroundJob } from './background-job';
import { ClusterRuntime } from './cluster-runtime';
import { selectPhones } from './expectations';
import { bootPhone, BootContext } from './phone-boot';
import { PhoneRuntime } from './phone-runtime';
import { RunContext } from './run-context';
import { Scheduler } from './scheduler';
import { StepNotSimulatedError } from './simulation-errors';

/** What the phone fleet needs from the running simulation. */
export interface PhoneFleetContext extends Pick<RunContext, 'cluster' | 'record' | 'recordPhone' | 'recordRun'> {
  readonly scheduler: Scheduler<BackgroundJob>;
  readonly clusters: ReadonlyMap<string, ClusterRuntime>;
  /** What a booting phone is given (its clusters, the shared decision memo, recording). */
  readonly boot: BootContext;
  /** The event stream of a phone, by name. */
  phoneStream(name: string): string;
}

/**
 * The phones of a run and what makes them boot: resets asked for by a step (in batches), the automatic
 * reset waves a cluster starts after a certificate update, an upgrade or a hostname change, power, and
 * what an administrator changes on them between boots (DHCP option 150, a CAPF operation). Every boot
 * goes through here, on the simulated clock, so the run can count them.
 */
export class PhoneFleet {
  readonly phones: PhoneRuntime[] = [];
  private readonly byName = new Map<string, PhoneRuntime>();
  /** Clusters whose automatic reset wave is scheduled and has not started yet. */
  readonly autoWavePending = new Set<string>();
  /** Phone boots so far (a figure of the run). */
  boots = 0;

  constructor(private readonly ctx: PhoneFleetContext) {}

  /** The phones of every group, as the scenario names them (their state comes from install or a checkpoint). */
  createPhones(): PhoneRuntime[] {
    for (const cluster of this.ctx.clusters.values()) {
      for (const group of cluster.spec.phones) {
        const model = phoneModel(group.model);
        if (!model) throw new Error(`${group.loc.file}:${group.loc.line}: unknown phone model ${group.model}`);
        const where = `${group.loc.file}:${group.loc.line}:${group.loc.column}`;
        if (group.lsc && !this.ctx.clusters.get(group.lsc.issuer)?.spec.nodes.some((n) => n.services.includes('capf'))) {
          throw new StepNotSimulatedError(`${where}: lsc issuer ${group.lsc.issuer} is not a cluster running CAPF`);
        }
        for (const name of group.names) {
          const phone = new PhoneRuntime(name, group, model);
          phone.stream = this.ctx.phoneStream(name);
          this.phones.push(phone);
          this.byName.set(name, phone);
        }
      }
    }
    return this.phones;
  }

  phone(name: string): PhoneRuntime | undefined {
    return this.byName.get(name);
  }

  select(selector: PhoneSelector): PhoneRuntime[] {
    return selectPhones(this.phones.map((p) => p.key), selector).map((k) => this.byName.get(k.name)!);
  }

  resetPhones(selector: PhoneSelector, clusterName: string | undefined, batchSize: number | undefined, interval: number, cause: string): void {
    let phones = this.select(selector);
    // A cluster resets the phones registered to it (or provisioned there, when they are not registered).
    if (clusterName) phones = phones.filter((p) => (p.registration?.registered ? p.registration.cluster : p.tftp[0]?.cluster ?? p.group.cluster) === clusterName || (!p.registration?.registered && p.group.cluster === clusterName));
    this.ctx.recordRun('PhonesResetRequested', { count: phones.length, batchSize: batchSize ?? phones.length, intervalMs: interval });
    this.scheduleBatches(phones, batchSize ?? phones.length, interval, cause);
  }

  /**
   * "Phone Interaction on Certificate Update" set to automatic: one reset wave over the cluster's phones
   * (several changes at the same instant share it) [SREL14] (§10.1). Called by the CertificateChangeSagas.
   */
  scheduleAutomaticResets(clusterName: string, purpose: string): void {
    const cluster = this.ctx.cluster(clusterName);
    if (!certificateUpdateResetsPhones(purpose, String(cluster.parameters.phoneInteractionOnCertificateUpdate))) return;
    this.scheduleResetWave(cluster, `automatic reset after ${purpose} certificate update`);
  }

  /** One reset wave over the phones the cluster serves; changes at the same instant share it. */
  scheduleResetWave(cluster: ClusterRuntime, cause: string): void {
    if (this.autoWavePending.has(cluster.name)) return;
    this.autoWavePending.add(cluster.name);
    const start = this.ctx.scheduler.now + AUTOMATIC_RESET_WAVE.delayMs;
    this.ctx.record('cluster', cluster.name, 'AutomaticResetsScheduled', { cause, at: start, batchSize: AUTOMATIC_RESET_WAVE.batchSize, intervalMs: AUTOMATIC_RESET_WAVE.intervalMs });
    this.ctx.scheduler.schedule(start, { kind: 'automatic-resets', cluster: cluster.name, cause });
  }

  /** An automatic wave's time has come: its phones reset in batches. */
  startAutomaticWave(clusterName: string, cause: string): void {
    this.autoWavePending.delete(clusterName);
    const phones = this.phones.filter((p) => p.tftp[0]?.cluster === clusterName);
    this.scheduleBatches(phones, AUTOMATIC_RESET_WAVE.batchSize, AUTOMATIC_RESET_WAVE.intervalMs, cause);
  }

  /** A batch's time has come: the phones of it that are powered reboot. */
  resetBatch(phones: readonly PhoneRuntime[], cause: string): void {
    for (const phone of phones) if (phone.powered) this.boot(phone, cause);
  }

  boot(phone: PhoneRuntime, cause: string): void {
    this.boots++;
    bootPhone(phone, cause, this.ctx.boot);
  }

  /** Phones switched off lose their registration at once; switched on, they boot. */
  power(selector: PhoneSelector, state: 'on' | 'off'): void {
    for (const phone of this.select(selector)) {
      if (state === 'off') {
        phone.powered = false;
        phone.registration = undefined;
        this.ctx.recordPhone(phone, 'PhonePoweredOff', {});
      } else if (!phone.powered) {
        phone.powered = true;
        this.ctx.scheduler.schedule(this.ctx.scheduler.now, { kind: 'phone-power-on', phone });
      }
    }
  }

  /** DHCP option 150 now points elsewhere; phones notice at their next boot [SBULK]. */
  changeDhcp(step: Extract<Step, { kind: 'dhcp' }>): void {
    const tftp = step.tftp.map((t) => ({ cluster: t.cluster, node: t.node }));
    for (const phone of this.select(step.phones)) {
      phone.tftp = tftp;
      this.ctx.recordPhone(phone, 'DhcpOption150Changed', { tftp: phone.tftp });
    }
  }

  /** A CAPF operation set on the phones' pages; it is carried out at their next boot (CapfService). */
  setCapfOperation(step: Extract<Step, { kind: 'capf' }>): void {
    const operation = {
      cluster: step.cluster,
      operation: step.operation,
      authMode: step.authMode,
      ...(step.keyOrder ? { keyOrder: step.keyOrder } : {}),
      ...(step.keySize ? { keySize: step.keySize } : {}),
      ...(step.onboarding ? { onboarding: true as const } : {}),
    };
    for (const phone of this.select(step.phones)) {
      phone.capf = operation;
      this.ctx.recordPhone(phone, 'CapfOperationSet', operation);
    }
  }

  /**
   * Extension Mobility Cross Cluster: a user of the `home` cluster logs in on a phone of a visiting
   * cluster; the phone restarts and takes its files from the home cluster's TFTP (its ITL, a configuration
   * naming home CallManagers), trusting them through the visiting cluster's TVS — hence bulk provisioning
   * with ITLRecovery on both clusters, repeated after a TFTP or tomcat regeneration [chapter] (§11).
   * Logout brings it back to the visiting cluster's TFTP, vouched for by the home TVS (the return path).
   */
  emcc(step: Extract<Step, { kind: 'emcc' }>): void {
    const home = this.ctx.cluster(step.home);
    const homeTftp = home.tftpNodes.map((n) => ({ cluster: home.name, node: n.name }));
    for (const phone of this.select(step.phones)) {
      if (step.action === 'login') {
        if (phone.emccVisitingTftp) continue;
        phone.emccVisitingTftp = phone.tftp;
        phone.tftp = homeTftp;
        this.ctx.recordPhone(phone, 'EmccLoggedIn', { home: home.name });
      } else {
        if (!phone.emccVisitingTftp) continue;
        phone.tftp = phone.emccVisitingTftp;
        phone.emccVisitingTftp = undefined;
        this.ctx.recordPhone(phone, 'EmccLoggedOut', { home: home.name });
      }
      if (phone.powered) this.ctx.scheduler.schedule(this.ctx.scheduler.now, { kind: 'phone-resets', phones: [phone], cause: `EMCC ${step.action}` });
    }
  }

  private scheduleBatches(phones: PhoneRuntime[], batchSize: number, interval: number, cause: string): void {
    const size = Math.max(1, batchSize);
    for (let i = 0, b = 0; i < phones.length; i += size, b++) {
      const batch = phones.slice(i, i + size);
      this.ctx.scheduler.schedule(this.ctx.scheduler.now + b * interval, { kind: 'phone-resets', phones: batch, cause });
    }
  }
}
