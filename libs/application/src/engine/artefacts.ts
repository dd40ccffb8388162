import { createHash, createPublicKey, verify } from 'node:crypto';
import type { ConfigFileView, DomainEvent, IdentityDescription, Role, TrustListView } from '@trustsim/domain';
import { isRollbackItl } from '@trustsim/domain';
import { CertificateInfo, parseCertificate } from '@trustsim/pki';
import { checkPhoneLimits, parseTrustFile, ROLE_NAMES, verifyTrustFile } from '@trustsim/trust-files';
import type { Category } from './streams';

type Data = Record<string, any>;

export function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/**
 * The certificates, trust files and configuration files a run's events carry, read once each: a
 * certificate parsed from its DER, a trust file parsed and its signature verified, a configuration file's
 * signature verified with its signer's key. Fed by every event as it is applied — live or when a stored
 * run is folded — and read lazily, so what an event names may be carried by an event after it in the log.
 * Thousands of phones holding one file share its one view.
 */
export class Artefacts {
  private readonly certificates = new Map<string, { der: string; info?: CertificateInfo }>();
  /** Certificates the live run issued or read, already parsed: used when an event carries them, never counted as the run's by themselves. */
  private readonly parsed = new Map<string, CertificateInfo>();
  private readonly identities = new Map<string, IdentityDescription>();
  private readonly files = new Map<string, { bytes: string; view?: TrustListView; buffer?: Buffer }>();
  private readonly configs = new Map<string, { content: string; signature: string; signer: string; view?: ConfigFileView }>();
  /** Trust files parsed and verified so far (a figure of the run). */
  verifications = 0;

  /** Records what an event carries. */
  observe(category: Category, id: string, event: DomainEvent): void {
    const d = event.data as Data;
    switch (event.type) {
      case 'CertificateInstalled':
      case 'CertRegenerated':
        this.addCertificate(d.fingerprint, d.der);
        this.identities.set(d.fingerprint, { cluster: d.cluster, node: d.node, purpose: d.purpose, generation: d.generation, commonName: d.commonName, key: d.key });
        return;
      case 'IdentityCertificateUploaded': {
        this.addCertificate(d.fingerprint, d.der);
        const [cluster, node] = splitNodeId(id);
        this.identities.set(d.fingerprint, { cluster, node, purpose: d.purpose, generation: d.generation, commonName: d.commonName, key: d.key });
        return;
      }
      case 'EtokenRegistered':
        this.addCertificate(d.fingerprint, d.der);
        this.identities.set(d.fingerprint, { cluster: id, node: d.node, purpose: d.token, generation: 1, commonName: d.commonName, key: d.key });
        return;
      case 'CertificateUploaded':
      case 'TrustReplicated':
      case 'TrustCertificateInstalled':
      case 'MicRootsInstalled':
        this.addCertificate(d.fingerprint, d.der);
        return;
      case 'CtlUpdated':
        // A twin's served CTL carries older certificates no node holds any more: named by node, purpose and generation 0.
        for (const m of (d.minted ?? []) as Data[]) {
          this.addCertificate(m.fingerprint, m.der);
          if (m.node) this.identities.set(m.fingerprint, { cluster: id, node: m.node, purpose: m.purpose, generation: m.generation, commonName: m.commonName, key: m.key });
        }
        if (!this.files.has(d.file)) this.files.set(d.file, { bytes: d.bytes });
        return;
      case 'ItlResigned':
        if (!this.files.has(d.file)) this.files.set(d.file, { bytes: d.bytes });
        return;
      case 'ConfigFileBuilt':
        if (!this.configs.has(d.file)) this.configs.set(d.file, { content: d.content, signature: d.signature, signer: d.signer });
        return;
    }
    void category;
  }

  /** Takes over what another fold of the same run read (a fork starts from its source's artefacts). */
  adopt(other: Artefacts): void {
    for (const [k, v] of other.certificates) if (!this.certificates.has(k)) this.certificates.set(k, v);
    for (const [k, v] of other.identities) this.identities.set(k, v);
    for (const [k, v] of other.files) if (!this.files.has(k)) this.files.set(k, v);
    for (const [k, v] of other.configs) if (!this.configs.has(k)) this.configs.set(k, v);
  }

  /** A certificate already parsed (the live run issued it): when an event carries it, its DER is not parsed again. */
  prime(info: CertificateInfo): void {
    this.parsed.set(info.fingerprint, info);
  }

  certificate(fp: string): CertificateInfo {
    const entry = this.certificates.get(fp);
    if (!entry) throw new Error(`no certificate ${fp.slice(0, 16)}… in this run`);
    entry.info ??= this.parsed.get(fp) ?? parseCertificate(Buffer.from(entry.der, 'base64'));
    return entry.info;
  }

  /**
   * The DER of a certificate to put into a trust file being signed: one the run's events carry, or one just
   * issued whose event is being decided with the file (a twin's older generation the served CTL carries).
   */
  derForSigning(fp: string): Buffer {
    return this.parsed.get(fp)?.der ?? this.certificate(fp).der;
  }

  hasCertificate(fp: string): boolean {
    return this.certificates.has(fp);
  }

  identity(fp: string): IdentityDescription | undefined {
    return this.identities.get(fp);
  }

  trustList(id: string): TrustListView {
    const entry = this.files.get(id);
    if (!entry) throw new Error(`no trust file ${id.slice(0, 16)}… in this run`);
    if (!entry.view) {
      this.verifications++;
      entry.view = readTrustList(this.bytesOf(id)!, id);
    }
    return entry.view;
  }

  /** The bytes of a trust file the run recorded. */
  bytesOf(id: string): Buffer | undefined {
    const entry = this.files.get(id);
    if (!entry) return undefined;
    entry.buffer ??= Buffer.from(entry.bytes, 'base64');
    return entry.buffer;
  }

  configFile(id: string): ConfigFileView {
    const entry = this.configs.get(id);
    if (!entry) throw new Error(`no configuration file ${id.slice(0, 16)}… in this run`);
    if (!entry.view) {
      // The phone checks the signature with the public key of the certificate named as signer.
      const publicKey = createPublicKey({ key: this.certificate(entry.signer).publicKeySpki, format: 'der', type: 'spki' });
      entry.view = { id, signerFingerprint: entry.signer, signatureValid: verify('sha256', Buffer.from(entry.content), publicKey, Buffer.from(entry.signature, 'base64')) };
    }
    return entry.view;
  }

  /** What a comparison of two runs' artefacts looks at: which certificates, files and configurations each has. */
  keys(): { certificates: string[]; identities: [string, IdentityDescription][]; files: string[]; configs: string[] } {
    return { certificates: [...this.certificates.keys()].sort(), identities: [...this.identities].sort(([a], [b]) => a.localeCompare(b)), files: [...this.files.keys()].sort(), configs: [...this.configs.keys()].sort() };
  }

  private addCertificate(fp: string, der: string): void {
    if (!this.certificates.has(fp)) this.certificates.set(fp, { der });
  }
}

function splitNodeId(id: string): [string, string] {
  const dot = id.indexOf('.');
  return [id.slice(0, dot), id.slice(dot + 1)];
}

/**
 * What a phone reasons about in a trust file: the records' roles and addresses, whether the signature
 * verifies with the signer record's key, and whether phones can load it at all (libs/trust-files limits).
 */
export function readTrustList(bytes: Buffer, id = createHash('sha256').update(bytes).digest('hex')): TrustListView {
  const parsed = parseTrustFile(bytes);
  const verification = verifyTrustFile(parsed);
  const roles = new Map<string, Set<Role>>();
  const addresses = new Map<string, string>();
  for (const record of parsed.records) {
    if (!record.certificateDer) continue;
    const fp = fingerprint(record.certificateDer);
    if (record.ipAddress) addresses.set(fp, record.ipAddress);
    let set = roles.get(fp);
    if (!set) roles.set(fp, (set = new Set()));
    set.add(ROLE_NAMES[record.role] as Role);
  }
  const tooLarge = checkPhoneLimits(parsed).filter((f) => f.level === 'error').map((f) => f.message).join('; ');
  return {
    id,
    ...(tooLarge ? { tooLarge } : {}),
    fileName: parsed.fileName,
    signatureValid: verification.ok,
    signerFingerprint: verification.ok && verification.signerRecord.certificateDer ? fingerprint(verification.signerRecord.certificateDer) : undefined,
    failure: verification.ok ? undefined : verification.detail,
    roles,
    addresses,
    // An ITL without TVS and TFTP certificates is the rollback ITL [S125DEF]; a CTL never is.
    rollback: !/^CTL/i.test(parsed.fileName) && isRollbackItl(roles.values()),
  };
}
