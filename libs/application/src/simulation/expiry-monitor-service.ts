import { expiryWarnings, EXPIRY_MONITOR, MonitoredCertificate, nextExpiryMonitorRun } from '@trustsim/domain';
import { BackgroundJob } from './background-job';
import { ClusterRuntime } from './cluster-runtime';
import { RunContext } from './run-context';
import { Scheduler } from './scheduler';

/** What the expiry monitor needs from the running simulation. */
export interface ExpiryMonitorContext extends Pick<RunContext, 'time' | 'record' | 'cluster'> {
  readonly scheduler: Scheduler<BackgroundJob>;
}

/**
 * The Cisco Certificate Expiry Monitor of each cluster on the simulated clock (monitoring/expiry-monitor.ts):
 * first run 24 hours after install, then every 24 hours, hourly while a certificate is expired or expires
 * within a day [chapter]. A run records a warning per certificate inside the notification window
 * (`certificateMonitorNotifyDays`, 30 days unless set [uncertain: the Certificate Monitor page's default]).
 * Its runs are periodic work: `waitFor settled` does not wait for them, `wait` lets them happen.
 */
export class ExpiryMonitorService {
  constructor(private readonly ctx: ExpiryMonitorContext) {}

  start(cluster: ClusterRuntime): void {
    this.ctx.scheduler.schedule(this.ctx.scheduler.now + EXPIRY_MONITOR.intervalMs, { kind: 'expiry-monitor', cluster: cluster.name });
  }

  run(clusterName: string): void {
    const cluster = this.ctx.cluster(clusterName);
    const now = this.ctx.time();
    const monitored = this.certificates(cluster);
    const notify = Number(cluster.parameters.certificateMonitorNotifyDays ?? 30);
    for (const w of expiryWarnings(now, monitored, notify)) {
      this.ctx.record('cluster', cluster.name, 'CertificateExpiryWarning', w);
    }
    this.ctx.scheduler.schedule(this.ctx.scheduler.now + (nextExpiryMonitorRun(now, monitored) - now), { kind: 'expiry-monitor', cluster: cluster.name });
  }

  private certificates(cluster: ClusterRuntime): MonitoredCertificate[] {
    const out: MonitoredCertificate[] = [];
    for (const node of cluster.nodes.values()) {
      for (const id of node.identities.values()) out.push({ commonName: id.certificate.commonName, where: `${node.name} ${id.purpose}`, notAfter: id.certificate.notAfter });
      for (const [store, entries] of node.stores) for (const c of entries.values()) out.push({ commonName: c.commonName, where: `${node.name} ${store}`, notAfter: c.notAfter });
    }
    return out;
  }
}
