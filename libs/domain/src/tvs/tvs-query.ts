import { Role } from '../shared/roles';
import { TrustListView } from '../shared/trust-list-view';

/** A TVS server as a phone sees it: where it is, whether it answers, what certificate it presents. */
export interface TvsServer {
  cluster: string;
  node: string;
  reachable: boolean;
  /** Fingerprint of the TVS certificate the server presents in the TLS handshake (port 2445). */
  certificateFingerprint: string;
  /** The roles this TVS gives a certificate (tvs-roles.ts). */
  rolesFor(fingerprint: string): readonly Role[];
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
}

/**
 * A phone asks TVS about a certificate it cannot verify from its own trust list.
 * - Servers come from the phone's configuration (its CallManager group) in order; the phone fails over
 *   to the next when one does not answer [STVSSVC] [STOKENLESS] [SBULK].
 * - The TLS handshake completes only if the server's TVS certificate is a TVS record of the trust
 *   list the phone holds now [SSECMIG] [SBULK]; otherwise the phone tries the next server.
 * - A server that answers settles the question: it vouches if it gives one of the needed roles
 *   [SSECMIG logs] [SCN].
 */
export function askTvs(
  held: TrustListView | undefined,
  servers: readonly TvsServer[],
  fingerprint: string,
  needed: readonly Role[],
): TvsAttempt[] {
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
    attempts.push({ ...base, outcome: roles.some((r) => needed.includes(r)) ? 'vouched' : 'refused', roles });
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
