import type { ClusterEvent } from '../cluster/cluster-events';
import type { Dispatch } from '../core/dispatch';
import type { NodeEvent } from '../node/node-events';

/** Stores whose certificates a TVS answers about (tvs-roles.ts, [SCN]). */
const TVS_STORES = ['Phone-SAST-trust', 'tomcat-trust'];

/**
 * Whether an event changes what a TVS of the cluster knows (tvs-roles.ts): a CallManager, tomcat or
 * ITLRecovery certificate, a Phone-SAST-trust or tomcat-trust certificate, a restore, the CTL or the
 * cluster's mode or release. Trust-store changes are "automatically reflected" in TVS [S125DEF]; TVS
 * re-caches when CTLFile.tlv changes [STOKENLESS].
 */
export function changesWhatTvsKnows(event: NodeEvent | ClusterEvent): boolean {
  switch (event.type) {
    case 'CertificateInstalled':
    case 'CertRegenerated':
    case 'IdentityCertificateUploaded':
      return ['CallManager', 'tomcat', 'ITLRecovery'].includes(event.data.purpose);
    case 'CertificateUploaded':
    case 'TrustReplicated':
    case 'TrustCertificateInstalled':
    case 'TrustCertificateDeleted':
    case 'ExpiredTrustCertificateDropped':
      return TVS_STORES.includes(event.data.store);
    case 'MicRootsInstalled':
      return event.data.stores.some((s) => TVS_STORES.includes(s));
    case 'NodeRestoredFromBackup':
    case 'CtlUpdated':
    case 'ClusterSecurityModeChanged':
    case 'ClusterUpgraded':
      return true;
    default:
      return false;
  }
}

/** The cluster's TVS services reload (once, at the end of the action that changed what they know). */
export function reloadTvs(cluster: string, event: NodeEvent | ClusterEvent): Dispatch[] {
  return changesWhatTvsKnows(event) ? [{ to: 'tvs', cluster, cause: event.type }] : [];
}
