import type { ClusterEvent } from '../cluster/cluster-events';
import type { Dispatch } from '../core/dispatch';
import type { NodeEvent } from '../node/node-events';
import type { TftpEvent } from '../tftp/tftp-events';
import type { World } from '../world/world';
import { afterClusterEvent } from './cluster-follow-ups';
import { afterNodeEvent } from './node-follow-ups';
import { afterTftpEvent } from './tftp-follow-ups';

/** An event of the cluster side, with the aggregate that recorded it. */
export type ClusterSideEvent =
  | { readonly aggregate: 'node'; readonly cluster: string; readonly node: string; readonly event: NodeEvent }
  | { readonly aggregate: 'tftp'; readonly cluster: string; readonly node: string; readonly event: TftpEvent }
  | { readonly aggregate: 'cluster'; readonly cluster: string; readonly event: ClusterEvent };

/**
 * The process managers of the model: what the clusters do by themselves after an event — TFTP rebuilds
 * its ITL when a certificate it carries changes, phones reset when Phone Interaction on Certificate Update
 * says so, trust certificates replicate, TVS reloads, a reboot or a restore brings TFTP back up. Pure:
 * the event and the world after it in, commands out; the application carries them out at once, in order.
 */
export function react(source: ClusterSideEvent, world: World): Dispatch[] {
  switch (source.aggregate) {
    case 'node':
      return afterNodeEvent(source.cluster, source.node, source.event, world);
    case 'tftp':
      return afterTftpEvent(source.cluster, source.node, source.event, world);
    case 'cluster':
      return afterClusterEvent(source.cluster, source.event, world);
  }
}
