import { CertificateInfo } from '@trustsim/pki';
import { PhoneRuntime } from './phone-runtime';

/** Background work a step starts and the simulated clock runs later (see Scheduler). */
export type BackgroundJob =
  /** One batch of a reset: the phones that are powered reboot. */
  | { kind: 'phone-resets'; phones: PhoneRuntime[]; cause: string }
  /** The start of an automatic reset wave over the phones a cluster serves (Phone Interaction on Certificate Update). */
  | { kind: 'automatic-resets'; cluster: string; cause: string }
  /** A phone that regained power boots. */
  | { kind: 'phone-power-on'; phone: PhoneRuntime }
  /** The Certificate Change Notification service copies an uploaded trust certificate to the other nodes [SCN]. */
  | { kind: 'trust-replication'; cluster: string; node: string; store: string; certificate: CertificateInfo }
  /** A run of a cluster's Cisco Certificate Expiry Monitor: periodic, so `waitFor settled` does not wait for it. */
  | { kind: 'expiry-monitor'; cluster: string };

/** Periodic work reschedules itself forever: settling the clock must not wait for it. */
export function isPeriodic(job: BackgroundJob): boolean {
  return job.kind === 'expiry-monitor';
}
