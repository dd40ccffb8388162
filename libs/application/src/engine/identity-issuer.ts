import { createHash, KeyObject } from 'node:crypto';
import { CertificatePurpose, Dn, DnSyntaxError, IssuedCertificate, issueCertificate, KeyPool, KeyRequest, parseDn, PhoneCertificates, purposeExtensions } from '@trustsim/pki';
import { certificateValidityDays, Release, type ImportedIdentity, type TwinCertificateRequest, type TwinKey } from '@trustsim/domain';

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
  /** A twin's certificate: the real one's fields, each replacing what the simulator would choose. */
  imported?: ImportedIdentity;
  /** A regeneration keeps the certificate's subject. */
  keepSubject?: Readonly<Record<string, unknown>>;
}

/** A twin's name in display form; one that cannot be read is named with where it came from. */
function twinName(text: string, what: string): Dn {
  try {
    return parseDn(text);
  } catch (error) {
    if (error instanceof DnSyntaxError) throw new RangeError(`${what} ${JSON.stringify(text)} is not a distinguished name: ${error.reason}`);
    throw error;
  }
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

  /**
   * The name of an identity's key: one per node, purpose and generation; a twin's multi-server certificate
   * (the same on several nodes) has one key named after its serial, so every node issues the same bytes.
   */
  keyLabel(r: Pick<IdentityRequest, 'cluster' | 'node' | 'purpose' | 'generation'> & { imported?: ImportedIdentity }): string {
    if (r.imported?.shared && r.imported.serial) return `${r.cluster}/multi-server/${r.purpose}/${r.imported.serial}`;
    return `${r.cluster}/${r.node}/${r.purpose}/${r.generation}`;
  }

  /** The key an identity is issued with: -ECDSA purposes EC (256 → P-256, 384 → P-384) [chapter Table 6], every other purpose RSA. */
  keyRequest(r: Pick<IdentityRequest, 'cluster' | 'node' | 'purpose' | 'generation' | 'keyLength' | 'imported'>): KeyRequest {
    const label = this.keyLabel(r);
    return r.purpose.endsWith('-ECDSA') ? { label, kind: 'ec', size: r.keyLength === 384 ? 'P-384' : 'P-256' } : { label, kind: 'rsa', size: r.keyLength as KeyRequest['size'] };
  }

  issue(r: IdentityRequest): IdentityCertificate {
    const request = this.keyRequest(r);
    const key = this.keys.get(request);
    const imported = r.imported;
    const what = `${r.cluster}/${r.node} ${r.purpose}`;
    const cn = identityCommonName(r.purpose, r.fqdn.split('.')[0], this.seed, r.cluster);
    // A twin's real name; or the name a regeneration keeps, under the host's common name; or CUCM's default.
    const subject: Dn = imported?.subject ? twinName(imported.subject, `${what}: subject`) : r.keepSubject ? { ...(r.keepSubject as Dn), CN: cn } : { CN: cn, OU: 'Voice', O: r.organisation, L: 'San Jose', ST: 'CA', C: 'US' };
    // A twin's certificate issued by another name is signed by the twin CA of that name (TwinKey) [twin].
    const issuer = imported?.issuer && imported.issuerKey ? { dn: twinName(imported.issuer, `${what}: issuer`), key: this.twinKey(imported.issuerKey) } : undefined;
    const notBefore = imported?.notBefore ? new Date(imported.notBefore) : r.notBefore;
    const notAfter = imported?.notAfter ? new Date(imported.notAfter) : new Date(notBefore.getTime() + certificateValidityDays(r.release, r.purpose) * 86_400_000);
    // SANs name the node's FQDN (not for ITLRecovery, CAPF); a multi-server one of a twin names no single node.
    const sans = imported?.sans ?? (['ITLRecovery', 'CAPF'].includes(r.purpose) || imported?.shared ? [] : [r.fqdn]);
    const certificate = issueCertificate({
      subject,
      issuer: issuer?.dn ?? subject,
      serial: imported?.serial ?? this.serial(r),
      notBefore,
      notAfter,
      subjectPublicKey: key.publicKey,
      issuerPrivateKey: issuer?.key.privateKey ?? key.privateKey,
      hash: r.hash,
      // Key usage and extended key usage of chapter Table 3.
      extensions: purposeExtensions(r.purpose as CertificatePurpose, { subjectAltNames: sans }),
    });
    return { cluster: r.cluster, node: r.node, purpose: r.purpose, generation: r.generation, certificate, privateKey: key.privateKey, key: request };
  }

  /**
   * A twin's trust certificate (or a served-CTL record of no node), minted with the real one's fields: its
   * key named after its subject, signed by the twin CA of its issuer when that is another name [twin].
   */
  mint(r: TwinCertificateRequest): { certificate: IssuedCertificate; key: KeyRequest } {
    const request = this.twinKeyRequest(r.key);
    const key = this.keys.get(request);
    const subject = twinName(r.subject, 'twin trust certificate: subject');
    const issuer = r.issuer && r.issuerKey ? { dn: twinName(r.issuer, `twin trust certificate ${r.subject}: issuer`), key: this.twinKey(r.issuerKey) } : undefined;
    const certificate = issueCertificate({
      subject,
      issuer: issuer?.dn ?? subject,
      serial: r.serial ?? this.twinSerial(r),
      notBefore: new Date(r.notBefore),
      notAfter: new Date(r.notAfter),
      subjectPublicKey: key.publicKey,
      issuerPrivateKey: issuer?.key.privateKey ?? key.privateKey,
      hash: r.hash,
      extensions: r.ca
        ? { basicConstraints: { ca: true }, keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'] }
        : { keyUsage: ['digitalSignature', 'keyEncipherment'], ...(r.sans?.length ? { subjectAltNames: [...r.sans] } : {}) },
    });
    return { certificate, key: request };
  }

  /** The seed-derived key of a twin name (a twin CA, a trust certificate). */
  twinKeyRequest(k: TwinKey): KeyRequest {
    const curve = ({ 256: 'P-256', 384: 'P-384', 521: 'P-521' } as const)[k.keyLength as 256 | 384 | 521] ?? 'P-256';
    return k.keyType === 'EC' ? { label: k.name, kind: 'ec', size: curve } : { label: k.name, kind: 'rsa', size: k.keyLength as KeyRequest['size'] };
  }

  private twinKey(k: TwinKey) {
    return this.keys.get(this.twinKeyRequest(k));
  }

  private twinSerial(r: TwinCertificateRequest): string {
    const h = createHash('sha256').update(`${this.seed}|${r.key.name}|${r.subject}|${r.notBefore}|serial`).digest();
    h[0] &= 0x7f;
    h[0] |= 0x10;
    return h.subarray(0, 16).toString('hex');
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
