import { CapfAuthMode, decideCapfOperation } from '@trustsim/domain';
import { ClusterRuntime } from './cluster-runtime';
import { Lsc, PhoneRuntime } from './phone-runtime';

/**
 * The Certificate Authority Proxy Function as phones meet it (§8): an operation set on the phone's page
 * is carried out at the phone's next boot, when its configuration names it; the domain decides whether
 * the phone trusts the CAPF and can authenticate, this applies the result.
 */
export class CapfService {
  /** One LSC value per issuing CAPF certificate: phones it issued share it. */
  private readonly lscs = new Map<string, Lsc>();

  constructor(private readonly record: (phone: PhoneRuntime, type: string, data: unknown) => void) {}

  /** The LSC a CAPF issues now (also what `lsc: { issuer }` gives a phone at the start). */
  lscFrom(cluster: ClusterRuntime): Lsc {
    const capf = cluster.capfIdentity;
    if (!capf) throw new RangeError(`cluster ${cluster.name} runs no CAPF service: it cannot issue LSCs`);
    const fp = capf.certificate.fingerprint;
    let lsc = this.lscs.get(fp);
    if (!lsc) this.lscs.set(fp, (lsc = { cluster: cluster.name, issuerFingerprint: fp }));
    return lsc;
  }

  /** A known LSC value again (checkpoint restore). */
  lsc(cluster: string, issuerFingerprint: string): Lsc {
    let lsc = this.lscs.get(issuerFingerprint);
    if (!lsc) this.lscs.set(issuerFingerprint, (lsc = { cluster, issuerFingerprint }));
    return lsc;
  }

  /** Carries out the phone's pending operation against the cluster's CAPF. */
  operate(phone: PhoneRuntime, cluster: ClusterRuntime): void {
    const pending = phone.capf!;
    const capf = cluster.capfIdentity;
    if (!capf) {
      this.record(phone, 'CapfOperationFailed', { operation: pending.operation, reason: 'no-capf', detail: `cluster ${cluster.name} runs no CAPF service` });
      phone.capf = undefined;
      return;
    }
    const decision = decideCapfOperation(
      pending.operation,
      pending.authMode as CapfAuthMode,
      { hasMic: phone.model.mic, lsc: phone.lsc, profile: phone.group.securityProfile, heldItl: phone.itl, heldCtl: phone.ctl },
      { fingerprint: capf.certificate.fingerprint, trustedIssuerFingerprints: cluster.trustedCapfFingerprints(cluster.publisher.name) },
    );
    switch (decision.outcome) {
      case 'issued':
        phone.lsc = this.lscFrom(cluster);
        phone.capf = undefined;
        this.record(phone, 'LscInstalled', { cluster: cluster.name, issuer: capf.certificate.commonName, issuerFingerprint: capf.certificate.fingerprint, authenticatedWith: decision.authenticatedWith });
        return;
      case 'deleted':
        phone.lsc = undefined;
        phone.capf = undefined;
        this.record(phone, 'LscDeleted', { cluster: cluster.name });
        return;
      case 'pending':
        this.record(phone, 'CapfOperationPending', { operation: pending.operation, reason: decision.reason });
        return;
      case 'failed':
        phone.capf = undefined;
        this.record(phone, 'CapfOperationFailed', { operation: pending.operation, reason: decision.reason, detail: decision.detail });
        return;
    }
  }
}
