import { trustReplicationDelayMs } from '../assumptions/timing-assumptions';
import type { Assumptions } from '../assumptions/assumptions';

/**
 * The Cisco Certificate Change Notification service writes a replicated trust certificate to the other
 * nodes' file systems after the database replicates it, with a periodic resync every 1800 s [SCN]. How
 * soon is not documented: assumption trustReplicationDelay (timing-assumptions.ts), immediate by default —
 * before any other background work due at the same instant (clock-state.ts orders it first).
 */
export function trustReplicationDelay(assumptions: Pick<Assumptions, 'trustReplicationDelay'>): number {
  return trustReplicationDelayMs(assumptions.trustReplicationDelay);
}
