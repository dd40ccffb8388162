import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StepNotSimulatedError, type NodeState, type UploadSource, type World } from '@trustsim/domain';
import { CertificateFormatError, CertificateInfo, createCsr, issueCertificate, KeyPool, KeyRequest, parseCertificate, TestCertificateAuthority, type SignatureHash } from '@trustsim/pki';
import type { CertificateSource } from '@trustsim/scenarios';
import type { Artefacts } from './artefacts';

/**
 * What the administrator uploads, made real: a file (PEM or DER, read as it is), another node's
 * certificate, a built-in test CA's root or a certificate it signs for a node's pending CSR, or a
 * certificate the scenario describes by its fields (keys from the seed, so the same every run).
 */
export class UploadCandidates {
  private readonly authorities = new Map<string, TestCertificateAuthority>();

  constructor(
    private readonly keys: KeyPool,
    private readonly scenarioFile: string,
    private readonly artefacts: Artefacts,
  ) {}

  /** `purpose`: the identity purpose when the upload is a CA-signed identity certificate. */
  resolve(source: CertificateSource, world: World, node: NodeState, purpose: string | undefined): UploadSource {
    if ('signedBy' in source) {
      const csr = purpose ? node.pendingCsrs[purpose] : undefined;
      if (!csr) {
        if (purpose) return { refused: { code: 'no-pending-csr', reason: `${node.name} has no pending ${purpose} CSR for ${source.signedBy} to sign: generate one first (Generate CSR) [chapter]`, source: '[chapter]' } };
        return { candidate: { readError: `${node.name} has no pending CSR for ${source.signedBy} to sign: generate one first (generateCsr)` } };
      }
      const now = new Date(world.now);
      return { candidate: { certificate: this.primed(this.authority(source.signedBy).signCsr(csr, { notBefore: now, notAfter: new Date(now.getTime() + 2 * 365 * 86_400_000) })) } };
    }
    if ('caCertificate' in source) return { candidate: { certificate: this.primed(this.authority(source.caCertificate).root) } };
    if ('path' in source) return { candidate: this.file(source.path) };
    if ('from' in source) return { candidate: { certificate: this.identity(world, source.from.cluster, source.from.node, source.from.purpose) } };
    return { candidate: { certificate: this.primed(this.described(source, world)) } };
  }

  private file(relative: string) {
    const path = resolve(dirname(this.scenarioFile), relative);
    let file: Buffer;
    try {
      file = readFileSync(path);
    } catch (error) {
      return { readError: `cannot read ${path}: ${(error as Error).message}` };
    }
    try {
      return { file, certificate: this.primed(parseCertificate(file)) };
    } catch (error) {
      if (error instanceof CertificateFormatError) return { file, readError: error.reason };
      throw error;
    }
  }

  /** A node's current identity for that purpose (ITLRecovery: the cluster's one, on the publisher). */
  private identity(world: World, cluster: string, node: string, purpose: string): CertificateInfo {
    const owner = purpose === 'ITLRecovery' ? world.nodes(cluster).find((n) => n.publisher) : world.node(cluster, node);
    const id = owner?.identities[purpose];
    if (!id) throw new StepNotSimulatedError(`${cluster}/${node} has no ${purpose} certificate in this version of trustsim`);
    return this.artefacts.certificate(id.fingerprint);
  }

  /**
   * A certificate the scenario describes by its fields: self-signed when it names no other issuer,
   * otherwise signed by a built-in test CA of that name; with the key type and length and the signature
   * hash it names — whatever CUCM would make of them, which is for the upload rules to say (issue 14).
   */
  private described(source: Described, world: World): CertificateInfo {
    const subject = parseSubject(source.subject);
    const notBefore = source.notBefore ? new Date(source.notBefore) : new Date(world.now);
    const notAfter = source.notAfter ? new Date(source.notAfter) : new Date(notBefore.getTime() + 5 * 365 * 86_400_000);
    const serial = describedSerial(source);
    const hash = (source.hash ?? 'SHA256').toLowerCase() as SignatureHash;
    const key = this.keys.get(describedKeyRequest(source));
    if (!source.issuer || source.issuer === source.subject) {
      return issueCertificate({ subject, serial, notBefore, notAfter, subjectPublicKey: key.publicKey, issuerPrivateKey: key.privateKey, hash, extensions: { basicConstraints: { ca: true }, keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'] } });
    }
    const ca = this.authority(source.issuer);
    const csr = createCsr({ subject, privateKey: key.privateKey, hash: 'sha256' });
    return ca.signCsr(csr.der, { notBefore, notAfter, serial, hash });
  }

  private authority(name: string): TestCertificateAuthority {
    let ca = this.authorities.get(name);
    if (!ca) this.authorities.set(name, (ca = new TestCertificateAuthority(this.keys, name)));
    return ca;
  }

  private primed(info: CertificateInfo): CertificateInfo {
    this.artefacts.prime(info);
    return info;
  }
}

type Described = Extract<CertificateSource, { subject: string }>;

function describedSerial(source: Described): string {
  return source.serial?.replace(/[:\s]/g, '') ?? '01';
}

/**
 * The seed-derived key of a described certificate: RSA of any length the format carries (512–16384), or EC
 * on the curve of its length (256 → P-256, 384 → P-384, 521 → P-521). The rehearsal derives them ahead,
 * in workers, with the install's (an 8192-bit key takes seconds).
 */
export function describedKeyRequest(source: Described): KeyRequest {
  const label = `upload/${source.subject}/${describedSerial(source)}`;
  if (source.keyType === 'EC') {
    const curve = ({ 384: 'P-384', 521: 'P-521' } as const)[source.keyLength as 384 | 521] ?? 'P-256';
    return { label, kind: 'ec', size: curve };
  }
  return { label, kind: 'rsa', size: (source.keyLength ?? 2048) as KeyRequest['size'] };
}

/** "CN=Root CA, O=Example" or a bare common name. */
function parseSubject(text: string): { CN?: string; O?: string; OU?: string; L?: string; ST?: string; C?: string } {
  if (!/=/.test(text)) return { CN: text };
  const out: Record<string, string> = {};
  for (const part of text.split(/[,;]/)) {
    const [k, ...v] = part.split('=');
    if (k && v.length) out[k.trim().toUpperCase()] = v.join('=').trim();
  }
  return out;
}
