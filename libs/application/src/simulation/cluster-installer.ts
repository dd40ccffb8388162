import { hasEcdsaIdentities, hasItlRecovery, MIC_ROOT_STORES } from '@trustsim/domain';
import { KeyPool, KeyRequest, MANUFACTURING_CA_KEY, PhoneCertificates } from '@trustsim/pki';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { isEcPurpose } from './identity-issuer';
import { NodeIdentities } from './node-identities';
import { PhoneFleet } from './phone-fleet';
import { PhoneProvisioning } from './phone-provisioning';
import { RunContext } from './run-context';
import { TrustListSigning } from './trust-list-signing';

/** What installing the clusters needs from the running simulation. */
export interface ClusterInstallerContext extends Pick<RunContext, 'cluster' | 'record'> {
  readonly clusters: ReadonlyMap<string, ClusterRuntime>;
  readonly keys: KeyPool;
  readonly identities: Pick<NodeIdentities, 'installKeyRequest' | 'issue' | 'issueTokens'>;
  readonly trustLists: Pick<TrustListSigning, 'rebuildItl' | 'updateCtl'>;
  readonly fleet: Pick<PhoneFleet, 'createPhones'>;
  readonly provisioning: Pick<PhoneProvisioning, 'provision'>;
}

/**
 * The state before the first step: every cluster installed at its release (its nodes' identity
 * certificates, each TFTP node's first ITL, the CTL of a cluster installed in mixed mode), then its phones
 * provisioned. A fork starts from a checkpoint instead and never comes here.
 */
export class ClusterInstaller {
  constructor(private readonly ctx: ClusterInstallerContext) {}

  async install(): Promise<void> {
    await this.ctx.keys.warm(this.installKeyRequests());
    for (const cluster of this.ctx.clusters.values()) {
      this.ctx.record(`cluster`, cluster.name, 'ClusterInstalled', {
        cluster: cluster.name,
        version: cluster.releaseName,
        security: cluster.security,
        parameters: cluster.parameters,
        nodes: cluster.spec.nodes.map((n) => ({ name: n.name, role: n.role, services: n.services })),
      });
      for (const node of cluster.nodes.values()) {
        for (const purpose of this.installedPurposes(cluster, node)) this.ctx.identities.issue(cluster, node, purpose, 1, 'CertificateInstalled');
      }
      this.installMicRoots(cluster);
      for (const node of cluster.tftpNodes) this.ctx.trustLists.rebuildItl(cluster, node, 'tftp-started');
      if (cluster.security === 'mixed') {
        if (cluster.ctlKind === 'token') this.ctx.identities.issueTokens(cluster);
        this.ctx.trustLists.updateCtl(cluster, cluster.ctlKind === 'token' ? 'cluster installed in mixed mode (CTL client, USB eTokens)' : 'cluster installed in mixed mode');
      }
    }
    for (const phone of this.ctx.fleet.createPhones()) this.ctx.provisioning.provision(phone, this.ctx.cluster(phone.group.cluster));
  }

  /**
   * CUCM ships the Cisco manufacturing roots that sign phone MICs in CallManager-trust and CAPF-trust
   * [chapter] (mic-validation.ts); the chapter advises removing them from CallManager-trust, which breaks
   * Secure Onboarding before 12.5(1)SU3. One simulated root stands for them.
   */
  private installMicRoots(cluster: ClusterRuntime): void {
    const root = new PhoneCertificates(this.ctx.keys).manufacturingRoot();
    for (const node of cluster.nodes.values()) for (const store of MIC_ROOT_STORES) node.store(store).set(root.commonName, root);
    this.ctx.record('cluster', cluster.name, 'MicRootsInstalled', { commonName: root.commonName, fingerprint: root.fingerprint, stores: MIC_ROOT_STORES });
  }

  /**
   * Identity certificates a node has at install (domain-reference §1): CallManager, TVS, tomcat, ipsec on
   * every node, the ECDSA pair from 11.0 [SREGEN], ITLRecovery (from 10.0) and CAPF on the publisher.
   */
  private installedPurposes(cluster: ClusterRuntime, node: NodeRuntime): string[] {
    const purposes = ['CallManager', 'TVS', 'tomcat', 'ipsec'];
    if (hasEcdsaIdentities(cluster.release)) purposes.push('CallManager-ECDSA', 'tomcat-ECDSA');
    if (node.isPublisher && hasItlRecovery(cluster.release)) purposes.push('ITLRecovery');
    if (node.isPublisher && node.services.has('capf')) purposes.push('CAPF');
    return purposes;
  }

  private installKeyRequests(): KeyRequest[] {
    const requests: KeyRequest[] = [{ ...MANUFACTURING_CA_KEY }];
    for (const cluster of this.ctx.clusters.values()) {
      for (const node of cluster.nodes.values()) {
        for (const purpose of this.installedPurposes(cluster, node)) {
          if (isEcPurpose(purpose)) continue; // EC keys derive in well under a millisecond
          requests.push(this.ctx.identities.installKeyRequest(cluster, node, purpose));
        }
      }
    }
    return requests;
  }
}
