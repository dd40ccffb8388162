import { isAtLeast } from '@trustsim/domain';
import { CertificateInfo } from '@trustsim/pki';
import { ClusterRuntime } from './cluster-runtime';

/** One certificate in the shared SFTP area, with the cluster, node and purpose it came from. */
export interface BulkEntry {
  cluster: string;
  node: string;
  purpose: string;
  certificate: CertificateInfo;
}

/**
 * Where Bulk Certificate Management's import puts each exported certificate [SBULK] (domain-reference §11):
 * CallManager and ITLRecovery into Phone-SAST-trust and CallManager-trust, tomcat into tomcat-trust, CAPF
 * into CallManager-trust.
 */
export function bulkImportStores(purpose: string): string[] {
  switch (purpose) {
    case 'CallManager':
    case 'ITLRecovery':
      return ['Phone-SAST-trust', 'CallManager-trust'];
    case 'tomcat':
      return ['tomcat-trust'];
    case 'CAPF':
      return ['CallManager-trust'];
    default:
      return [];
  }
}

/**
 * What a cluster exports [chapter] [SBULK]: TFTP — the CallManager certificate of every TFTP node, and
 * from 12.0 the ITLRecovery certificate its ITL is signed with (the "ITL_Recovery" type added to Bulk
 * Certificate Management, needed by destinations from 12.0 [chapter] [SSECMIG] [SINSW]); All — also
 * every node's tomcat certificate and CAPF.
 */
export function bulkExport(cluster: ClusterRuntime, type: 'TFTP' | 'All'): BulkEntry[] {
  const entries: BulkEntry[] = [];
  const add = (node: string, purpose: string, certificate: CertificateInfo) => entries.push({ cluster: cluster.name, node, purpose, certificate });
  for (const node of cluster.tftpNodes) add(node.name, 'CallManager', node.identity('CallManager').certificate);
  if (cluster.itlRecovery && isAtLeast(cluster.release, '12.0')) add(cluster.publisher.name, 'ITLRecovery', cluster.itlRecovery.certificate);
  if (type === 'All') {
    for (const node of cluster.nodes.values()) if (node.identities.has('tomcat')) add(node.name, 'tomcat', node.identity('tomcat').certificate);
    const capf = cluster.publisher.identities.get('CAPF');
    if (capf) add(cluster.publisher.name, 'CAPF', capf.certificate);
  }
  return entries;
}

/** The shared SFTP area of a run: each cluster's export, and the consolidated set. */
export class BulkCertificateArea {
  readonly exports = new Map<string, BulkEntry[]>();
  consolidated?: BulkEntry[];

  export(cluster: ClusterRuntime, type: 'TFTP' | 'All'): BulkEntry[] {
    const entries = bulkExport(cluster, type);
    this.exports.set(cluster.name, entries);
    this.consolidated = undefined; // a new export needs a new consolidation
    return entries;
  }

  /** Consolidate (on one cluster only [chapter]): every export in the area, together. */
  consolidate(): BulkEntry[] {
    this.consolidated = [...this.exports.values()].flat();
    return this.consolidated;
  }
}
