import type { BulkCertificate } from '../cluster/cluster-events';
import type { CertificateFacts } from '../core/refs';
import { isAtLeast, type Release } from '../release/release';
import { hasItlRecovery } from '../release/release-profile';
import type { NodeState } from '../node/node-state';

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
 * from 12.0 the ITLRecovery certificate its ITL is signed with (the "ITL_Recovery" type, needed by
 * destinations from 12.0 [chapter] [SSECMIG] [SINSW]); All — also every node's tomcat certificate and CAPF.
 */
export function bulkExport(cluster: string, release: Release, nodes: readonly NodeState[], type: 'TFTP' | 'All', certificate: (fp: string) => CertificateFacts): BulkCertificate[] {
  const entries: BulkCertificate[] = [];
  const add = (node: string, purpose: string, fingerprint: string) => entries.push({ cluster, node, purpose, commonName: certificate(fingerprint).commonName, fingerprint });
  const publisher = nodes.find((n) => n.publisher)!;
  for (const node of nodes.filter((n) => n.services.includes('tftp'))) add(node.name, 'CallManager', node.identities.CallManager.fingerprint);
  const itlRecovery = hasItlRecovery(release) ? publisher.identities.ITLRecovery : undefined;
  if (itlRecovery && isAtLeast(release, '12.0')) add(publisher.name, 'ITLRecovery', itlRecovery.fingerprint);
  if (type === 'All') {
    for (const node of nodes) if (node.identities.tomcat) add(node.name, 'tomcat', node.identities.tomcat.fingerprint);
    if (publisher.identities.CAPF) add(publisher.name, 'CAPF', publisher.identities.CAPF.fingerprint);
  }
  return entries;
}
