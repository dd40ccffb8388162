import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  Assumptions,
  canonicalStoreName,
  decideIdentityUpload,
  isIdentityStoreName,
  decideTrustDelete,
  decideTrustUpload,
  isTrustStoreName,
  TrustStoreName,
  UploadCandidate,
  uploadScopeOf,
} from '@trustsim/domain';
import { CertificateFormatError, CertificateInfo, CertificatePurpose, createCsr, issueCertificate, KeyPool, multiServerNames, parseCertificate, TestCertificateAuthority } from '@trustsim/pki';
import { CertificateSource } from '@trustsim/scenarios';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { IdentityCertificate } from './identity-issuer';
import { Scheduler } from './scheduler';
import { BackgroundJob } from './background-job';

/** What the trust-store operations need from the running simulation. */
export interface TrustStoreContext {
  readonly scheduler: Scheduler<BackgroundJob>;
  readonly assumptions: Assumptions;
  readonly keys: KeyPool;
  readonly scenarioFile: string;
  now(): Date;
  cluster(name: string): ClusterRuntime;
  record(category: string, id: string, type: string, data: unknown): void;
  changed(cluster: ClusterRuntime): void;
  identity(cluster: string, node: string, purpose: string): IdentityCertificate;
  /** A node's identity certificate was replaced by an uploaded one (the sagas rebuild the ITL as after a regeneration). */
  identityReplaced(cluster: ClusterRuntime, node: NodeRuntime, identity: IdentityCertificate): void;
}

/** Result of the last upload step, for `expect: upload: accepted | rejected`. */
export interface UploadOutcome {
  node: string;
  accepted: boolean;
  reason?: string;
}

/**
 * The Cisco Certificate Change Notification service writes a replicated trust certificate to the other
 * nodes' file systems shortly after the database replicates it [SCN]; trustsim takes a minute (the
 * periodic resync runs every 1800 s, so a minute is the optimistic side).
 */
export const TRUST_REPLICATION_DELAY_MS = 60_000;

/**
 * Upload Certificate/Certificate Chain and Delete on the OS Administration pages of a node: the rules are
 * the domain's (trust-store/*), this applies their decisions to the nodes, records the events a person
 * can read, and replicates on the simulated clock.
 */
export class TrustStoreOperations {
  lastUploads: UploadOutcome[] = [];
  private readonly authorities = new Map<string, TestCertificateAuthority>();

  constructor(private readonly ctx: TrustStoreContext) {}

  upload(cluster: ClusterRuntime, node: NodeRuntime, storeName: string, source: CertificateSource): void {
    const canonical = canonicalStoreName(storeName);
    if (canonical && isIdentityStoreName(canonical)) return this.uploadIdentity(cluster, node, canonical, source);
    this.uploadTrust(cluster, node, storeName, this.candidate(source, node, canonical));
  }

  /** A trust upload of a certificate already in hand (Bulk Certificate Management's import). */
  uploadTrust(cluster: ClusterRuntime, node: NodeRuntime, storeName: string, candidate: UploadCandidate<CertificateInfo>): void {
    const canonical = canonicalStoreName(storeName);
    const store = canonical && isTrustStoreName(canonical) ? canonical : undefined;
    const entries = store ? node.store(store) : new Map<string, CertificateInfo>();
    const decision = decideTrustUpload({ name: storeName, entries }, candidate, {
      now: this.ctx.now(),
      release: cluster.releaseName,
      onPublisher: node.isPublisher,
    });
    const streamId = `${cluster.name}.${node.name}`;
    if (!decision.accepted) {
      this.lastUploads.push({ node: node.name, accepted: false, reason: decision.reason });
      this.ctx.record('node', streamId, 'CertificateUploadRejected', { store: storeName, code: decision.code, reason: decision.reason, source: decision.source });
      return;
    }
    const certificate = candidate.certificate as CertificateInfo;
    this.lastUploads.push({ node: node.name, accepted: true });
    this.install(cluster, node, decision.store, certificate, 'CertificateUploaded', decision.replaces);
    if (uploadScopeOf(decision.store) === 'cluster') {
      this.ctx.scheduler.schedule(this.ctx.scheduler.now + TRUST_REPLICATION_DELAY_MS, { kind: 'trust-replication', cluster: cluster.name, node: node.name, store: decision.store, certificate });
    }
  }

  /** The replication an upload scheduled: every other node that is up gets the certificate [SCN]. */
  replicate(job: Extract<BackgroundJob, { kind: 'trust-replication' }>): void {
    const cluster = this.ctx.cluster(job.cluster);
    for (const other of cluster.nodes.values()) {
      if (other.name !== job.node && other.powered) this.install(cluster, other, job.store as TrustStoreName, job.certificate, 'TrustReplicated');
    }
  }

  delete(cluster: ClusterRuntime, node: NodeRuntime, storeName: string, commonName: string): void {
    const nodes = new Map([...cluster.nodes.values()].map((n) => [n.name, n.stores as ReadonlyMap<string, ReadonlyMap<string, CertificateInfo>>]));
    const decision = decideTrustDelete(
      { store: storeName, commonName, node: node.name },
      { publisher: cluster.publisher.name, nodes },
      { trustDeleteScope: this.ctx.assumptions.trustDeleteScope, release: cluster.releaseName },
    );
    if (!decision.accepted) {
      this.ctx.record('node', `${cluster.name}.${node.name}`, 'CertificateDeleteRejected', { store: storeName, commonName, code: decision.code, reason: decision.reason });
      return;
    }
    for (const name of decision.nodes) {
      const target = cluster.node(name);
      if (target.store(decision.store).delete(commonName)) {
        this.ctx.record('node', `${cluster.name}.${name}`, 'TrustCertificateDeleted', {
          store: decision.store,
          commonName,
          scope: decision.scope,
          ...(decision.warnings.length ? { warnings: decision.warnings } : {}),
        });
      }
    }
    this.ctx.changed(cluster);
  }

  /**
   * Upload a CA-signed identity certificate (Certificate Purpose CallManager, tomcat, CAPF, ...): the
   * domain checks the key matches the node's CSR, the chain is in the matching trust store, multi-server
   * rules; the certificate then replaces the node's own, with the chapter's follow-ups recorded.
   */
  private uploadIdentity(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, source: CertificateSource): void {
    if ('signedBy' in source && !node.pendingCsrs.has(purpose)) {
      const reason = `${node.name} has no pending ${purpose} CSR for ${source.signedBy} to sign: generate one first (Generate CSR) [chapter]`;
      this.lastUploads.push({ node: node.name, accepted: false, reason });
      this.ctx.record('node', `${cluster.name}.${node.name}`, 'CertificateUploadRejected', { store: purpose, code: 'no-pending-csr', reason, source: '[chapter]' });
      return;
    }
    const candidate = this.candidate(source, node, purpose);
    const view = {
      publisher: cluster.publisher.name,
      nodes: [...cluster.nodes.values()].map((n) => ({
        name: n.name,
        addresses: [n.name, n.fqdn, n.ip],
        keys: new Map([...n.identities].map(([p, id]) => [p, { current: id.certificate.publicKeySpki, csr: n.pendingCsrs.has(p) ? id.certificate.publicKeySpki : undefined }])),
        trustStores: n.stores,
      })),
    };
    const decision = decideIdentityUpload({ purpose, node: node.name }, candidate, view, {
      now: this.ctx.now(),
      release: cluster.releaseName,
      mixedMode: cluster.security === 'mixed',
    });
    const streamId = `${cluster.name}.${node.name}`;
    if (!decision.accepted) {
      this.lastUploads.push({ node: node.name, accepted: false, reason: decision.reason });
      this.ctx.record('node', streamId, 'CertificateUploadRejected', { store: purpose, code: decision.code, reason: decision.reason, source: decision.source });
      return;
    }
    this.lastUploads.push({ node: node.name, accepted: true });
    const certificate = candidate.certificate as CertificateInfo;
    // A multi-server certificate carries the uploading node's key to every node it names [chapter].
    const privateKey = node.identity(purpose).privateKey;
    for (const name of decision.nodes) {
      const target = cluster.node(name);
      const current = target.identity(purpose);
      const identity: IdentityCertificate = { ...current, generation: current.generation + 1, certificate, privateKey };
      if (purpose === 'tomcat') target.tftpTomcatOn('tomcat-uploaded');
      target.identities.set(purpose, identity);
      target.pendingCsrs.delete(purpose);
      this.ctx.record('node', `${cluster.name}.${name}`, 'IdentityCertificateUploaded', {
        purpose,
        generation: identity.generation,
        commonName: certificate.commonName,
        issuer: certificate.issuer.CN ?? null,
        serial: certificate.serialHex,
        fingerprint: certificate.fingerprint,
        multiServer: decision.multiServer,
        followUps: decision.followUps.map((f) => (f.kind === 'update-ctl' ? `utils ctl update CTLFile: ${f.why}` : `${f.kind} ${f.service} on ${f.nodes.join(', ')}: ${f.why}`)),
        der: certificate.der.toString('base64'),
      });
      if (purpose === 'tomcat' && target.tftpTomcat) {
        this.ctx.record('node', `${cluster.name}.${name}`, 'TftpOffersCachedTomcatCertificate', {
          offered: target.tftpTomcat,
          current: certificate.fingerprint,
          fix: `restart Cisco Tftp on ${name}: until then TFTP offers the old cached tomcat certificate [chapter]`,
        });
      }
      this.ctx.changed(cluster);
      this.ctx.identityReplaced(cluster, target, identity);
    }
  }

  /**
   * Generate CSR: a new request from the node's current key; it overwrites any earlier CSR [chapter].
   * Multi-server (SAN): CN `<host>-ms.<domain>` and every node's name, from the publisher, for the purposes
   * Table 3 marks multi-server [chapter Tables 3, 5].
   */
  generateCsr(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, distribution: 'single-server' | 'multi-server' = 'single-server'): void {
    const identity = this.ctx.identity(cluster.name, node.name, purpose);
    let subject = identity.certificate.subject;
    let subjectAltNames = identity.certificate.subjectAltNames;
    if (distribution === 'multi-server') {
      const [host, ...domain] = node.fqdn.split('.');
      const names = multiServerNames(purpose as CertificatePurpose, { host, domain: domain.join('.'), nodes: [...cluster.nodes.values()].map((n) => n.fqdn) });
      subject = { ...subject, CN: names.commonName };
      subjectAltNames = names.subjectAltNames;
    }
    const csr = createCsr({ subject, privateKey: identity.privateKey, hash: 'sha256', extensions: { subjectAltNames } });
    node.pendingCsrs.set(purpose, csr.pem);
    this.ctx.record('node', `${cluster.name}.${node.name}`, 'CsrGenerated', { purpose, distribution, commonName: subject.CN ?? '', subjectAltNames, csr: csr.pem });
  }

  private install(cluster: ClusterRuntime, node: NodeRuntime, store: TrustStoreName, certificate: CertificateInfo, event: string, replaces?: { commonName: string; serialHex: string }): void {
    node.store(store).set(certificate.commonName, certificate);
    this.ctx.record('node', `${cluster.name}.${node.name}`, event, {
      store,
      commonName: certificate.commonName,
      serial: certificate.serialHex,
      fingerprint: certificate.fingerprint,
      ...(replaces ? { replaces: replaces.serialHex } : {}),
      der: certificate.der.toString('base64'),
    });
    this.ctx.changed(cluster);
  }

  /** What the administrator uploads: a file, another node's certificate, a test CA's, or one described in the scenario. */
  private candidate(source: CertificateSource, node: NodeRuntime, purpose?: string): UploadCandidate<CertificateInfo> {
    if ('caCertificate' in source) return { certificate: this.authority(source.caCertificate).root };
    if ('signedBy' in source) {
      const csr = purpose ? node.pendingCsrs.get(purpose) : undefined;
      if (!csr) return { readError: `${node.name} has no pending ${purpose ?? ''} CSR for ${source.signedBy} to sign: generate one first (generateCsr)` };
      const now = this.ctx.now();
      return { certificate: this.authority(source.signedBy).signCsr(csr, { notBefore: now, notAfter: new Date(now.getTime() + 2 * 365 * 86_400_000) }) };
    }
    if ('path' in source) {
      const path = resolve(dirname(this.ctx.scenarioFile), source.path);
      let file: Buffer;
      try {
        file = readFileSync(path);
      } catch (error) {
        return { readError: `cannot read ${path}: ${(error as Error).message}` };
      }
      try {
        return { file, certificate: parseCertificate(file) };
      } catch (error) {
        if (error instanceof CertificateFormatError) return { file, readError: error.reason };
        throw error;
      }
    }
    if ('from' in source) return { certificate: this.ctx.identity(source.from.cluster, source.from.node, source.from.purpose).certificate };
    return { certificate: this.described(source) };
  }

  /**
   * A certificate the scenario describes by its fields: self-signed when it names no other issuer,
   * otherwise signed by a built-in test CA of that name. Keys come from the seed, so it is the same
   * certificate on every run.
   */
  private described(source: Extract<CertificateSource, { subject: string }>): CertificateInfo {
    const subject = parseSubject(source.subject);
    const notBefore = source.notBefore ? new Date(source.notBefore) : this.ctx.now();
    const notAfter = source.notAfter ? new Date(source.notAfter) : new Date(notBefore.getTime() + 5 * 365 * 86_400_000);
    const serial = source.serial?.replace(/[:\s]/g, '') ?? '01';
    const key = this.ctx.keys.rsa(`upload/${source.subject}/${serial}`, source.keyLength ?? 2048);
    if (!source.issuer || source.issuer === source.subject) {
      return issueCertificate({ subject, serial, notBefore, notAfter, subjectPublicKey: key.publicKey, issuerPrivateKey: key.privateKey, extensions: { basicConstraints: { ca: true }, keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'] } });
    }
    const ca = this.authority(source.issuer);
    const csr = createCsr({ subject, privateKey: key.privateKey, hash: 'sha256' });
    return ca.signCsr(csr.der, { notBefore, notAfter, serial });
  }

  private authority(name: string): TestCertificateAuthority {
    let ca = this.authorities.get(name);
    if (!ca) this.authorities.set(name, (ca = new TestCertificateAuthority(this.ctx.keys, name)));
    return ca;
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
