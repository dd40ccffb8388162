import type { ScheduledWork } from '../clock/clock-state';

/** Stores whose certificates a TVS answers about ([SCN] role map, tvs-roles.ts). */
const TVS_STORES = ['Phone-SAST-trust', 'tomcat-trust'];

/**
 * Whether a node's TVS does not know a certificate yet only because it has not replicated there: a
 * trust upload or import on another node of its cluster, into a store TVS answers from, still waiting
 * on the clock (assumption trustReplicationDelay) [SCN]. A refusal for that reason is a refusal that
 * timing decided, and `explain` says so.
 */
export function awaitingReplication(pending: readonly ScheduledWork[], cluster: string, node: string, fingerprint: string): boolean {
  return pending.some(
    ({ work }) => work.kind === 'trust-replication' && work.cluster === cluster && work.node !== node && work.certificate === fingerprint && TVS_STORES.includes(work.store),
  );
}
