import { Role } from '../shared/roles';
import { TrustListView } from '../shared/trust-list-view';
import { TvsCache } from './tvs-cache';

/** A TVS server as a phone sees it: where it is, whether it answers, what certificate it presents. */
export interface TvsServer {
  cluster: string;
  node: string;
  reachable: boolean;
  /** Fingerprint of the TVS certificate the server presents in the TLS handshake (port 2445). */
  certificateFingerprint: string;
  /** The roles this TVS gives a certificate (tvs-roles.ts). */
  rolesFor(fingerprint: string): readonly Role[];
  /** The certificate was uploaded on another node and has not replicated to this one yet (awaiting-replication.ts). */
  awaitingReplication?(fingerprint: string): boolean;
}

export type TvsOutcome = 'unreachable' | 'handshake-failed' | 'vouched' | 'refused';

export interface TvsAttempt {
  cluster: string;
  node: string;
  outcome: TvsOutcome;
  /** Roles the TVS answered with (vouched or refused). */
  roles?: Role[];
  /** The certificate the server presented when the handshake failed. */
  presented?: string;
  /** The answer came from the phone's cache, not from the server, and holds until then (ISO). */
  cachedUntil?: string;
  /**
   * Refused only because the certificate, uploaded on another node of the cluster, has not replicated to
   * this one yet: timing decided it (assumption trustReplicationDelay).
   */
  awaitingReplication?: true;
}

/** A phone's cache of TVS answers as of an instant (epoch ms): what a question is first looked up in. */
export interface TvsCacheAt {
  cache: TvsCache | undefined;
  now: number;
}

/**
 * A phone asks TVS about a certificate it cannot verify from its own trust list.
 * - Servers come from the phone's configuration (its CallManager group) in order; the phone fails over
 *   to the next when one does not answer [STVSSVC] [STOKENLESS] [SBULK].
 * - The TLS handshake completes only if the server's TVS certificate is a TVS record of the trust
 *   list the phone holds now [SSECMIG] [SBULK]; otherwise the phone tries the next server.
 * - A server that answers settles the question: it vouches if it gives one of the needed roles
 *   [SSECMIG logs] [SCN].
 * - Before all that, a positive answer the phone got in the last 24 hours settles it without asking
 *   [SSECMIG logs] (tvs-cache.ts).
 */
export function askTvs(
  held: TrustListView | undefined,
  servers: readonly TvsServer[],
  fingerprint: string,
  needed: readonly Role[],
  cached?: TvsCacheAt,
): TvsAttempt[] {
  const hit = cached?.cache?.lookup(fingerprint, needed, cached.now);
  if (hit) return [{ cluster: hit.cluster, node: hit.node, outcome: 'vouched', roles: [...hit.roles], cachedUntil: new Date(hit.expiresAt).toISOString() }];
  const attempts: TvsAttempt[] = [];
  for (const server of servers) {
    const base = { cluster: server.cluster, node: server.node };
    if (!server.reachable) {
      attempts.push({ ...base, outcome: 'unreachable' });
      continue;
    }
    if (!tvsHandshakeSucceeds(held, server)) {
      attempts.push({ ...base, outcome: 'handshake-failed', presented: server.certificateFingerprint });
      continue;
    }
    const roles = [...server.rolesFor(fingerprint)];
    const vouches = roles.some((r) => needed.includes(r));
    attempts.push({ ...base, outcome: vouches ? 'vouched' : 'refused', roles, ...(!vouches && server.awaitingReplication?.(fingerprint) ? { awaitingReplication: true as const } : {}) });
    return attempts;
  }
  return attempts;
}

/** The phone validates the TVS server certificate against the TVS records of its current ITL [SSECMIG] [SBULK]. */
export function tvsHandshakeSucceeds(held: TrustListView | undefined, server: TvsServer): boolean {
  return !!held?.roles.get(server.certificateFingerprint)?.has('TVS');
}

export function vouched(attempts: readonly TvsAttempt[]): boolean {
  return attempts.some((a) => a.outcome === 'vouched');
}

/** The answer a server gave live (not from the cache) that vouched, if any: what the phone keeps for 24 hours. */
export function liveVouch(attempts: readonly TvsAttempt[]): TvsAttempt | undefined {
  return attempts.find((a) => a.outcome === 'vouched' && !a.cachedUntil);
}
