import { regenerationFollowUps } from '@trustsim/domain';
import { CertificatePurpose, checkCertificateChoice, KeyRequest, RsaKeySize } from '@trustsim/pki';
import { CertRegenerated } from '../events/certificate-events';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { IdentityCertificate, IdentityIssuer, isEcPurpose } from './identity-issuer';
import { RunContext } from './run-context';
import { StepNotSimulatedError } from './simulation-errors';

/** What the node identities need from the running simulation. */
export interface NodeIdentitiesContext extends Pick<RunContext, 'runId' | 'time' | 'cluster' | 'record' | 'changed' | 'publish'> {
  readonly issuer: IdentityIssuer;
}

/**
 * The identity certificates of the nodes (CallManager, TVS, tomcat, ipsec, the ECDSA pair, ITLRecovery,
 * CAPF): issued from seed-derived keys with the key length and hash the scenario chose, regenerated within
 * the chapter's rules, and remembered in every generation by fingerprint, so reports and explanations can
 * name a certificate a phone still trusts after it was replaced.
 */
export class NodeIdentities {
  /** Every identity certificate of the run (current and replaced), by fingerprint. */
  readonly certificates = new Map<string, IdentityCertificate>();

  constructor(private readonly ctx: NodeIdentitiesContext) {}

  /** The key a first-generation identity is issued with, so the key pool can derive it ahead of install. */
  installKeyRequest(cluster: ClusterRuntime, node: NodeRuntime, purpose: string): KeyRequest {
    return { label: this.ctx.issuer.keyLabel({ cluster: cluster.name, node: node.name, purpose, generation: 1 }), kind: 'rsa', size: this.keyLength(cluster, node, purpose) as RsaKeySize };
  }

  /**
   * The CTL client's two USB eTokens, the first time a token-based CTL is made (§5) [S125CTL]: they are
   * the administrator's, not a node's, and sign the CTL with Token1.
   */
  issueTokens(cluster: ClusterRuntime): [IdentityCertificate, IdentityCertificate] {
    if (cluster.tokens) return cluster.tokens;
    const tokens: [IdentityCertificate, IdentityCertificate] = [this.ctx.issuer.sastToken(cluster.name, cluster.publisher.name, 1), this.ctx.issuer.sastToken(cluster.name, cluster.publisher.name, 2)];
    for (const token of tokens) {
      this.certificates.set(token.certificate.fingerprint, token);
      const c = token.certificate;
      this.ctx.record('cluster', cluster.name, 'EtokenRegistered', { token: token.purpose, commonName: c.commonName, issuer: c.issuer.CN ?? null, serial: c.serialHex, fingerprint: c.fingerprint, der: c.der.toString('base64') });
    }
    cluster.tokens = tokens;
    return tokens;
  }

  /** A node's current identity for that purpose (ITLRecovery: the cluster's one). */
  identityOf(clusterName: string, nodeName: string, purpose: string): IdentityCertificate {
    const cluster = this.ctx.cluster(clusterName);
    if (purpose === 'ITLRecovery' && cluster.itlRecovery) return cluster.itlRecovery;
    const identity = cluster.node(nodeName).identities.get(purpose);
    if (!identity) throw new StepNotSimulatedError(`${clusterName}/${nodeName} has no ${purpose} certificate in this version of trustsim`);
    return identity;
  }

  /**
   * Regenerate (or `set cert regen`): a new key and self-signed certificate, generation + 1 [chapter].
   * ITLRecovery is one certificate for the cluster, generated on the publisher (12.5+) [SREGEN].
   */
  regenerate(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, keyLength?: number, hash?: string): void {
    const owner = purpose === 'ITLRecovery' ? cluster.publisher : node;
    const current = owner.identities.get(purpose);
    if (!current) throw new StepNotSimulatedError(`${cluster.name}/${owner.name} has no ${purpose} certificate (release ${cluster.releaseName})`);
    // "Regenerate" keeps the key length; "Generate Self-Signed Certificate" may choose another, within the
    // chapter's rules (key length ↔ hash, 3072/4096 RSA only, FIPS → SHA256) [chapter Table 6].
    const length = keyLength ?? current.certificate.keyBits;
    const choice = checkCertificateChoice({ purpose: purpose as CertificatePurpose, keyType: current.certificate.keyType, keyLength: length, hash: hash ?? 'SHA256', fips: cluster.parameters.fipsMode === true });
    if (!choice.ok) {
      this.ctx.record('node', `${cluster.name}.${owner.name}`, 'CertRegenerationRefused', { purpose, keyLength: length, hash: hash ?? 'SHA256', reason: choice.reason });
      return;
    }
    if (purpose === 'tomcat') owner.tftpTomcatOn('tomcat-regenerated');
    this.issue(cluster, owner, purpose, current.generation + 1, 'CertRegenerated', length, hash);
    // What the administrator still has to do (Table 7, CTL update): recorded for the trainee, not done for them.
    const followUps = regenerationFollowUps(purpose, cluster.release, { mixedMode: cluster.security === 'mixed', sipOAuth: cluster.parameters.sipOAuth === true });
    if (followUps.length) this.ctx.record('node', `${cluster.name}.${owner.name}`, 'RegenerationFollowUpsRequired', { purpose, followUps });
    this.ctx.publish(new CertRegenerated(this.ctx.runId, cluster.name, owner.name, purpose, current.generation + 1));
  }

  /** A node's identity was replaced by an uploaded certificate: remembered, and the sagas react as after a regeneration. */
  replaced(cluster: ClusterRuntime, node: NodeRuntime, identity: IdentityCertificate): void {
    this.certificates.set(identity.certificate.fingerprint, identity);
    this.ctx.publish(new CertRegenerated(this.ctx.runId, cluster.name, node.name, identity.purpose, identity.generation));
  }

  /** Issues a node's identity of that generation and records it under `event` (CertificateInstalled, CertRegenerated). */
  issue(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, generation: number, event: string, keyLength?: number, hash?: string): void {
    const identity = this.ctx.issuer.issue({
      cluster: cluster.name,
      node: node.name,
      fqdn: node.fqdn,
      purpose,
      generation,
      release: cluster.release,
      keyLength: this.keyLength(cluster, node, purpose, keyLength),
      hash: this.hash(cluster, node, purpose, hash),
      notBefore: new Date(this.ctx.time()),
      organisation: cluster.name,
    });
    node.identities.set(purpose, identity);
    this.certificates.set(identity.certificate.fingerprint, identity);
    const c = identity.certificate;
    this.ctx.record('node', `${cluster.name}.${node.name}`, event, {
      cluster: cluster.name,
      node: node.name,
      purpose,
      generation,
      commonName: c.commonName,
      serial: c.serialHex,
      fingerprint: c.fingerprint,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      keyType: c.keyType,
      keyBits: c.keyBits,
      der: c.der.toString('base64'),
    });
    this.ctx.changed(cluster);
  }

  private keyLength(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, override?: number): number {
    if (override) return override;
    const spec = cluster.spec.certificates.find((c) => c.node === node.name && c.purpose === purpose);
    return spec?.keyLength ?? (isEcPurpose(purpose) ? 256 : 2048);
  }

  private hash(cluster: ClusterRuntime, node: NodeRuntime, purpose: string, override?: string): 'sha1' | 'sha256' | 'sha384' | 'sha512' {
    const text = override ?? cluster.spec.certificates.find((c) => c.node === node.name && c.purpose === purpose)?.hash ?? 'SHA256';
    return text.toLowerCase() as 'sha1' | 'sha256' | 'sha384' | 'sha512';
  }
}
