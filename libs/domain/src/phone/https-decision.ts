import { Role } from '../shared/roles';
import { holdsRole, TrustListView } from '../shared/trust-list-view';
import { askTvs, TvsAttempt, TvsCacheAt, TvsServer, vouched } from '../tvs/tvs-query';

const APP_SERVER: readonly Role[] = ['APP-SERVER'];

export type HttpsDecision =
  | { working: true; via: 'held' | 'tvs'; tvs?: TvsAttempt[] }
  | { working: false; reason: 'not-vouched'; tvs: TvsAttempt[] };

/**
 * Whether a Security-by-Default phone trusts the HTTPS server of its services (Extension Mobility,
 * directories, ...) [S125DEF] (§7.6): the server's certificate is in the ITL or CTL it holds, or a TVS it
 * can reach vouches for it with the Application Server role (tomcat, tomcat-trust) [SCN]. Holding the
 * empty ITL of Prepare Cluster for Rollback to pre-8.0 means no TVS certificate to handshake with, hence
 * "HTTPS services (EM, directories) break while True" [S125DEF] (§11 method 3). The tomcat certificate is
 * never in the ITL (§4.2), so services rest on TVS — or on the phone's cached answer, for 24 hours after
 * the last one [SSECMIG logs].
 */
export function decideHttpsServer(
  heldItl: TrustListView | undefined,
  heldCtl: TrustListView | undefined,
  serverFingerprint: string,
  tvsServers: readonly TvsServer[],
  cached?: TvsCacheAt,
): HttpsDecision {
  if (heldItl?.roles.has(serverFingerprint) || heldCtl?.roles.has(serverFingerprint) || holdsRole(heldItl, serverFingerprint, APP_SERVER)) {
    return { working: true, via: 'held' };
  }
  const tvs = askTvs(heldItl, tvsServers, serverFingerprint, APP_SERVER, cached);
  return vouched(tvs) ? { working: true, via: 'tvs', tvs } : { working: false, reason: 'not-vouched', tvs };
}
