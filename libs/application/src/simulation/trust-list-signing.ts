import { Assumptions, changeRebuildsItl } from '@trustsim/domain';
import { ItlResigned } from '../events/certificate-events';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { RunContext } from './run-context';

/** What the trust-list signing needs from the running simulation. */
export interface TrustListSigningContext extends Pick<RunContext, 'runId' | 'time' | 'cluster' | 'record' | 'changed' | 'publish'> {
  readonly assumptions: Assumptions;
}

/**
 * The trust lists the clusters serve: each TFTP node's ITL, rebuilt and re-signed when what it carries
 * changes, and the cluster's CTL in mixed mode, built only when asked. Every file built is recorded with
 * its bytes, so a run can be read back and a phone's decision explained from the very file it was offered.
 */
export class TrustListSigning {
  constructor(private readonly ctx: TrustListSigningContext) {}

  /**
   * After a certificate change the TFTP nodes that carry it rebuild and re-sign their ITL (§4.4)
   * [S125DEF]. Called by the CertificateChangeSagas.
   */
  afterCertificateChange(clusterName: string, nodeName: string, purpose: string): void {
    const cluster = this.ctx.cluster(clusterName);
    if (!changeRebuildsItl(purpose)) return;
    if (purpose === 'ITLRecovery' && this.ctx.assumptions.itlRecoveryRegenerationResigns === 'at-tftp-restart') return;
    // A node's own CallManager certificate is only in its own ITL (or in every reset ITL, which carries
    // the publisher's); TVS, CAPF and ITLRecovery are in every one.
    const node = cluster.node(nodeName);
    const affected =
      purpose === 'CallManager'
        ? cluster.tftpNodes.filter((n) => n === node || (n.itlMode === 'reset-localkey' && node.isPublisher))
        : cluster.tftpNodes;
    for (const tftp of affected) this.rebuildItl(cluster, tftp, `${purpose} certificate regenerated on ${nodeName}`, purpose);
  }

  rebuildItl(cluster: ClusterRuntime, node: NodeRuntime, cause: string, certificateUpdate?: string): void {
    const itl = cluster.buildItl(node, this.ctx.time());
    node.itl = itl;
    this.ctx.record('tftp', `${cluster.name}.${node.name}`, 'ItlResigned', {
      cluster: cluster.name,
      node: node.name,
      fileName: itl.view.fileName,
      file: itl.view.id,
      size: itl.bytes.length,
      signer: { node: itl.signer.node, purpose: itl.signer.purpose, generation: itl.signer.generation, fingerprint: itl.signer.certificate.fingerprint },
      mode: itl.mode,
      cause,
      bytes: itl.bytes.toString('base64'),
    });
    this.ctx.changed(cluster);
    this.ctx.publish(new ItlResigned(this.ctx.runId, cluster.name, node.name, cause, certificateUpdate));
  }

  /** The CTL is built when the cluster goes to mixed mode and at `utils ctl update CTLFile`, never by itself (§5) [S125CTL]. */
  updateCtl(cluster: ClusterRuntime, cause: string): void {
    const ctl = cluster.buildCtl(this.ctx.time());
    cluster.ctl = ctl;
    this.ctx.record('cluster', cluster.name, 'CtlUpdated', {
      fileName: ctl.view.fileName,
      file: ctl.view.id,
      size: ctl.bytes.length,
      signer: { node: ctl.signer.node, purpose: ctl.signer.purpose, generation: ctl.signer.generation, fingerprint: ctl.signer.certificate.fingerprint },
      cause,
      bytes: ctl.bytes.toString('base64'),
    });
    this.ctx.changed(cluster);
  }

  /** The trust files a TFTP node serves now (re-signed with another digest when asked). */
  served(clusterName: string, nodeName: string, digest?: 'sha1' | 'sha256' | 'sha512'): { fileName: string; bytes: Buffer }[] {
    const cluster = this.ctx.cluster(clusterName);
    const node = cluster.node(nodeName);
    if (!node.itl) throw new Error(`${clusterName}/${nodeName} serves no ITL (it does not run Cisco Tftp)`);
    const itl = digest ? cluster.buildItl(node, node.itl.builtAt, digest) : node.itl;
    const files = [{ fileName: itl.view.fileName, bytes: itl.bytes }];
    if (cluster.ctl) {
      const ctl = digest ? cluster.buildCtl(cluster.ctl.builtAt, digest) : cluster.ctl;
      files.push({ fileName: ctl.view.fileName, bytes: ctl.bytes });
    }
    return files;
  }
}
