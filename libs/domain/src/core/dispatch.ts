import type { Work } from '../clock/clock-events';
import type { ClusterCommand } from '../cluster/decide-cluster';
import type { NodeCommand } from '../node/decide-node';
import type { SftpCommand } from '../bulk/decide-sftp';
import type { TftpCommand } from '../tftp/decide-tftp';

/**
 * A command addressed to one aggregate. Operations (what an administrator's action does) and reactions
 * (what the system does after an event) are pure functions that return these; the application carries
 * them out in order, each through its aggregate's decider.
 */
export type Dispatch =
  | { readonly to: 'node'; readonly cluster: string; readonly node: string; readonly command: NodeCommand }
  | { readonly to: 'tftp'; readonly cluster: string; readonly node: string; readonly command: TftpCommand }
  /** TVS reloads are gathered and carried out once at the end of the action that caused them. */
  | { readonly to: 'tvs'; readonly cluster: string; readonly cause?: string }
  | { readonly to: 'cluster'; readonly cluster: string; readonly command: ClusterCommand }
  /** `restart`: periodic work starting afresh — its pending run is cancelled first (clock-state.ts restartPeriodic). */
  | { readonly to: 'clock'; readonly delay: number; readonly work: Work; readonly restart?: string }
  | { readonly to: 'sftp'; readonly command: SftpCommand };

export const toNode = (cluster: string, node: string, command: NodeCommand): Dispatch => ({ to: 'node', cluster, node, command });
export const toTftp = (cluster: string, node: string, command: TftpCommand): Dispatch => ({ to: 'tftp', cluster, node, command });
export const toCluster = (cluster: string, command: ClusterCommand): Dispatch => ({ to: 'cluster', cluster, command });
export const later = (delay: number, work: Work): Dispatch => ({ to: 'clock', delay, work });
/** Periodic work restarted `why`: the run it had scheduled is cancelled, the next one is `delay` from now. */
export const restartLater = (delay: number, work: Work, why: string): Dispatch => ({ to: 'clock', delay, work, restart: why });
