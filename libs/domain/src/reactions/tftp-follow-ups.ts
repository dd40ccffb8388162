import { certificateUpdateResetsPhones } from '../cluster/automatic-resets';
import { toCluster, type Dispatch } from '../core/dispatch';
import type { TftpEvent } from '../tftp/tftp-events';
import type { World } from '../world/world';

/**
 * "Phone Interaction on Certificate Update" set to automatic: an ITL rebuilt because a TVS, CAPF or TFTP
 * (CallManager / ITLRecovery) certificate was updated starts one reset wave over the cluster's phones
 * (several changes at the same instant share it) [SREL14] (§10.1, automatic-resets.ts).
 */
export function afterTftpEvent(cluster: string, _node: string, event: TftpEvent, world: World): Dispatch[] {
  if (event.type !== 'ItlResigned' || !event.data.certificateUpdate) return [];
  const purpose = event.data.certificateUpdate;
  if (!certificateUpdateResetsPhones(purpose, String(world.cluster(cluster).parameters.phoneInteractionOnCertificateUpdate))) return [];
  return [toCluster(cluster, { kind: 'schedule-reset-wave', cause: `automatic reset after ${purpose} certificate update` })];
}
