import { CapfAuthMode, capfKeyChoice, CapfKeyOrder, decideCapfOperation, micValidationStore } from '@trustsim/domain';
import { IssuedCertificate, KeyPool, MANUFACTURING_CA, PhoneCertificates } from '@trustsim/pki';
import { IdentityCertificate } from './identity-issuer';
import { ClusterRuntime } from './cluster-runtime';
import { Lsc, PhoneRuntime } from './phone-runtime';

/**
 * The Certificate Authority Proxy Function as phones meet it (§8): an operation set on the phone's page
 * is carried out at the phone's next boot, when its configuration names it; the domain decides whether
 * the phone trusts the CAPF and can authenticate, this applies the result.
 */
export class CapfService {
  /** One LSC value per issuing CAPF certificate and instant: the phones it issued then share it. */
  private readonly lscs = new Map<string, Lsc>();

  constructor(
    private readonly record: (phone: PhoneRuntime, type: string, data: unknown) => void,
    private readonly now: () => Date,
  ) {}

  /** The LSC a CAPF issues now (also what `lsc: { issuer }` gives a phone at the start). */
  lscFrom(cluster: ClusterRuntime): Lsc {
    const capf = cluster.capfIdentity;
    if (!capf) throw new RangeError(`cluster ${cluster.name} runs no CAPF service: it cannot issue LSCs`);
    return this.lsc(cluster.name, capf.certificate.fingerprint, this.now().toISOString());
  }

  /** The shared LSC value of an issuer and instant (also for a checkpoint restore). */
  lsc(cluster: string, issuerFingerprint: string, issuedAt: string): Lsc {
    const key = `${issuerFingerprint}|${issuedAt}`;
    let lsc = this.lscs.get(key);
    if (!lsc) this.lscs.set(key, (lsc = { cluster, issuerFingerprint, issuedAt }));
    return lsc;
  }

  /**
   * The phone's certificates as X.509, issued on demand from what the run recorded (PhoneCertificates): its
   * LSC, signed by the CAPF key that issued it, and its MIC from the (simulated) manufacturing CA.
   */
  certificatesOf(phone: PhoneRuntime, keys: KeyPool, issuer: (fingerprint: string) => IdentityCertificate | undefined): { lsc?: IssuedCertificate; lscIssuer?: IdentityCertificate; mic?: IssuedCertificate } {
    const certificates = new PhoneCertificates(keys);
    const out: { lsc?: IssuedCertificate; lscIssuer?: IdentityCertificate; mic?: IssuedCertificate } = {};
    if (phone.model.mic) out.mic = certificates.mic(phone.name, phone.model.model);
    const capf = phone.lsc && issuer(phone.lsc.issuerFingerprint);
    if (phone.lsc && capf) {
      const record = certificates.lscRecord(phone.name, capf, new Date(phone.lsc.issuedAt));
      out.lsc = certificates.lscCertificate(record, capf);
      out.lscIssuer = capf;
    }
    return out;
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
      {
        fingerprint: capf.certificate.fingerprint,
        trustedIssuerFingerprints: cluster.trustedCapfFingerprints(cluster.publisher.name),
        // Every simulated MIC is signed by the one simulated manufacturing root; the publisher runs CAPF.
        micRootTrusted: cluster.publisher.store(micValidationStore(cluster.release, pending.onboarding ? 'secure-onboarding' : 'capf-operation')).has(MANUFACTURING_CA),
      },
    );
    switch (decision.outcome) {
      case 'issued': {
        phone.capf = undefined;
        const key = capfKeyChoice((pending.keyOrder ?? 'RSA Only') as CapfKeyOrder, pending.keySize, phone.group.ecdsa ?? phone.model.ecdsa, phone.model.model);
        if (!key.ok) {
          this.record(phone, 'CapfOperationFailed', { operation: pending.operation, reason: key.reason, detail: key.detail });
          return;
        }
        phone.lsc = this.lscFrom(cluster);
        this.record(phone, 'LscInstalled', {
          cluster: cluster.name,
          issuer: capf.certificate.commonName,
          issuerFingerprint: capf.certificate.fingerprint,
          authenticatedWith: decision.authenticatedWith,
          keyType: key.keyType,
          keySize: key.keySize,
          ...(key.note ? { note: key.note } : {}),
        });
        return;
      }
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
