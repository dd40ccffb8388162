import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StepNotSimulatedError, type NodeState, type UploadSource, type World } from '@trustsim/domain';
import { CertificateFormatError, CertificateInfo, createCsr, issueCertificate, KeyPool, parseCertificate, TestCertificateAuthority } from '@trustsim/pki';
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
   * otherwise signed by a built-in test CA of that name.
   */
  private described(source: Extract<CertificateSource, { subject: string }>, world: World): CertificateInfo {
    const subject = parseSubject(source.subject);
    const notBefore = source.notBefore ? new Date(source.notBefore) : new Date(world.now);
    const notAfter = source.notAfter ? new Date(source.notAfter) : new Date(notBefore.getTime() + 5 * 365 * 86_400_000);
    const serial = source.serial?.replace(/[:\s]/g, '') ?? '01';
    const key = this.keys.rsa(`upload/${source.subject}/${serial}`, source.keyLength ?? 2048);
    if (!source.issuer || source.issuer === source.subject) {
      return issueCertificate({ subject, serial, notBefore, notAfter, subjectPublicKey: key.publicKey, issuerPrivateKey: key.privateKey, extensions: { basicConstraints: { ca: true }, keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'] } });
    }
    const ca = this.authority(source.issuer);
    const csr = createCsr({ subject, privateKey: key.privateKey, hash: 'sha256' });
    return ca.signCsr(csr.der, { notBefore, notAfter, serial });
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
