import { createHash, KeyObject } from 'node:crypto';
import { CertificatePurpose, Dn, IssuedCertificate, issueCertificate, KeyPool, KeyRequest, PhoneCertificates, purposeExtensions } from '@trustsim/pki';
import { certificateValidityDays, Release } from '@trustsim/domain';

/** An identity certificate a node holds, with the private key that never leaves the simulator's memory. */
export interface IdentityCertificate {
  cluster: string;
  node: string;
  purpose: string;
  /** 1 at install, +1 at every regeneration. */
  generation: number;
  certificate: IssuedCertificate;
  privateKey: KeyObject;
  /** Which derived key it is: a checkpoint stores this, never the key, and a fork derives it again. */
  key: KeyRequest;
}

/** Purposes whose certificate has an EC key. */
export function isEcPurpose(purpose: string): boolean {
  return purpose.endsWith('-ECDSA');
}

export interface IdentityRequest {
  cluster: string;
  node: string;
  fqdn: string;
  purpose: string;
  generation: number;
  release: Release;
  keyLength: number;
  hash: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  notBefore: Date;
  organisation: string;
}

/** Subject common names as CUCM writes them (ITLRecovery: `ITLRECOVERY_<host>`; CAPF: `CAPF-<hex>`). */
export function identityCommonName(purpose: string, host: string, seed: number, cluster: string): string {
  if (purpose === 'ITLRecovery') return `ITLRECOVERY_${host}`;
  if (purpose === 'CAPF') return `CAPF-${createHash('sha256').update(`${seed}|${cluster}|capf`).digest('hex').slice(0, 8)}`;
  return host;
}

/**
 * Issues self-signed identity certificates from keys derived from the scenario seed, so the same
 * scenario gives the same certificates (and the same event log) on any machine.
 */
export class IdentityIssuer {
  constructor(
    private readonly keys: KeyPool,
    private readonly seed: number,
  ) {}

  keyLabel(r: Pick<IdentityRequest, 'cluster' | 'node' | 'purpose' | 'generation'>): string {
    return `${r.cluster}/${r.node}/${r.purpose}/${r.generation}`;
  }

  issue(r: IdentityRequest): IdentityCertificate {
    // -ECDSA purposes have EC keys (256 → P-256, 384 → P-384) [chapter Table 6]; every other purpose RSA.
    const ec = r.purpose.endsWith('-ECDSA');
    const request: KeyRequest = ec ? { label: this.keyLabel(r), kind: 'ec', size: r.keyLength === 384 ? 'P-384' : 'P-256' } : { label: this.keyLabel(r), kind: 'rsa', size: r.keyLength as KeyRequest['size'] };
    const key = this.keys.get(request);
    const cn = identityCommonName(r.purpose, r.fqdn.split('.')[0], this.seed, r.cluster);
    const subject: Dn = { CN: cn, OU: 'Voice', O: r.organisation, L: 'San Jose', ST: 'CA', C: 'US' };
    const notAfter = new Date(r.notBefore.getTime() + certificateValidityDays(r.release, r.purpose) * 86_400_000);
    const certificate = issueCertificate({
      subject,
      issuer: subject,
      serial: this.serial(r),
      notBefore: r.notBefore,
      notAfter,
      subjectPublicKey: key.publicKey,
      issuerPrivateKey: key.privateKey,
      hash: r.hash,
      // Key usage and extended key usage of chapter Table 3; SANs name the node's FQDN (not for ITLRecovery, CAPF).
      extensions: purposeExtensions(r.purpose as CertificatePurpose, { subjectAltNames: ['ITLRecovery', 'CAPF'].includes(r.purpose) ? [] : [r.fqdn] }),
    });
    return { cluster: r.cluster, node: r.node, purpose: r.purpose, generation: r.generation, certificate, privateKey: key.privateKey, key: request };
  }

  /** The CTL client's USB eToken `n` for a cluster (a certificate from the simulated manufacturing CA, PhoneCertificates). */
  sastToken(cluster: string, publisher: string, n: 1 | 2): IdentityCertificate {
    const token = new PhoneCertificates(this.keys).sastToken(cluster, n);
    return { cluster, node: publisher, purpose: `eToken${n}`, generation: 1, certificate: token.certificate, privateKey: token.privateKey, key: token.key };
  }

  /** Positive 16-byte serial derived from the seed and the certificate's identity. */
  private serial(r: IdentityRequest): string {
    const h = createHash('sha256').update(`${this.seed}|${this.keyLabel(r)}|serial`).digest();
    h[0] &= 0x7f;
    h[0] |= 0x10;
    return h.subarray(0, 16).toString('hex');
  }
}
