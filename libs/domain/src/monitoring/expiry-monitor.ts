/**
 * The Cisco Certificate Expiry Monitor network service (domain-reference §13) [chapter "Certificate
 * Monitoring Configuration"]: it runs once every 24 hours, the next run 24 hours after a (re)start; the
 * interval stays 24 hours even within seven days of an expiry; it runs every hour once a certificate has
 * expired or expires within one day.
 */
export const EXPIRY_MONITOR = {
  intervalMs: 24 * 3600_000,
  urgentIntervalMs: 3600_000,
  /** Within this much of its expiry (or past it) a certificate makes the monitor run hourly. */
  urgentWithinMs: 24 * 3600_000,
} as const;

const DAY = 24 * 3600_000;

export interface MonitoredCertificate {
  commonName: string;
  /** Where it is: an identity purpose ("tomcat") or a trust store ("tomcat-trust"). */
  where: string;
  notAfter: Date;
}

export interface ExpiryWarning {
  commonName: string;
  where: string;
  state: 'expired' | 'expiring';
  /** Whole days left (negative once expired). */
  daysLeft: number;
}

/**
 * When the monitor runs next after its service (re)started at `restartedAt`: "When you restart the
 * certificate monitor service, it starts the service and then calculates the next schedule to run only
 * after 24 hours" [chapter "Certificate Monitoring Configuration"] — the run scheduled before is dropped,
 * and the next is 24 hours on even when a certificate is (nearly) expired.
 */
export function expiryMonitorRunAfterRestart(restartedAt: number): number {
  return restartedAt + EXPIRY_MONITOR.intervalMs;
}

/** The Serviceability name of the service, as a restart names it. */
export const EXPIRY_MONITOR_SERVICE = 'Cisco Certificate Expiry Monitor';

/** Whether a restarted service (any spelling of its Serviceability name) is the Certificate Expiry Monitor. */
export function isExpiryMonitorService(service: string): boolean {
  return service.trim().replace(/\s+/g, ' ').toLowerCase() === EXPIRY_MONITOR_SERVICE.toLowerCase();
}

/** When the monitor runs next after a run at `now`: in 24 hours, or in one hour when something is (nearly) expired. */
export function nextExpiryMonitorRun(now: number, certificates: readonly MonitoredCertificate[]): number {
  const urgent = certificates.some((c) => c.notAfter.getTime() - now <= EXPIRY_MONITOR.urgentWithinMs);
  return now + (urgent ? EXPIRY_MONITOR.urgentIntervalMs : EXPIRY_MONITOR.intervalMs);
}

/**
 * What one run reports (e-mail and RTMT alert [chapter]): certificates already expired, and those that
 * expire within the notification window the Certificate Monitor page sets (`notifyWithinDays`).
 */
export function expiryWarnings(now: number, certificates: readonly MonitoredCertificate[], notifyWithinDays: number): ExpiryWarning[] {
  const warnings: ExpiryWarning[] = [];
  for (const c of certificates) {
    const left = c.notAfter.getTime() - now;
    if (left > notifyWithinDays * DAY) continue;
    warnings.push({ commonName: c.commonName, where: c.where, state: left <= 0 ? 'expired' : 'expiring', daysLeft: Math.floor(left / DAY) });
  }
  return warnings;
}
