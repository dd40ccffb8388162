import { TRUST_LIST_SIGNER_ROLES } from '../shared/roles';
import { holdsRole, TrustListView } from '../shared/trust-list-view';
import { askTvs, TvsAttempt, TvsCacheAt, TvsServer, vouched } from '../tvs/tvs-query';

export type AcceptedVia = 'first-use' | 'unchanged' | 'rollback-itl' | 'held-sast' | 'tvs';

export type TrustListDecision =
  | { accepted: true; via: AcceptedVia; tvs?: TvsAttempt[] }
  | { accepted: false; reason: 'bad-signature' | 'signer-not-trusted' | 'too-large'; detail?: string; tvs?: TvsAttempt[] };

/**
 * Whether a Security-by-Default phone installs the ITL its TFTP server offers (domain-reference §7.3,
 * §14 step 2). Each branch is one documented rule:
 * - a file whose signature does not verify with its own signer record is never installed [trust-file-format];
 * - an ITL of more than 39 certificates is over 64 KB and phones cannot load it [S125DEF];
 * - no trust list at all (no ITL and no CTL): the phone trusts the first ITL it receives (trust on
 *   first use) [S125DEF]; a phone that holds a CTL checks even its first ITL against the CTL [S125DEF];
 * - the same file it already holds: nothing to decide;
 * - it holds the empty ITL of "Prepare Cluster for Rollback to pre-8.0" and no CTL: it accepts any new
 *   ITL [S125DEF]; a phone with a CTL still checks the ITL against it — the parameter does not blank the
 *   CTL, which is why it is "not usable between secure clusters" [SSECMIG] [S125DEF] (§11 method 3);
 * - the signer is a SAST certificate of the ITL or of the CTL it holds: accepted [S125DEF];
 * - otherwise it asks TVS, and installs the file only if a TVS it can reach vouches for the signer with
 *   the SAST role [S125DEF] [SMIGC] [SBULK]; the TVS handshake is checked against the ITL, so a phone
 *   with a CTL but no ITL reaches no TVS [SSECMIG]; else "Trust List Update Failed" and it keeps the old
 *   ITL [SITL10] [SPH88].
 * `heldCtl` and `cached` (the phone's TVS answers, [SSECMIG logs]) are optional so that callers of phones
 * without a CTL or a cache need not pass them.
 */
export function decideTrustList(
  held: TrustListView | undefined,
  offered: TrustListView,
  tvsServers: readonly TvsServer[],
  heldCtl?: TrustListView,
  cached?: TvsCacheAt,
): TrustListDecision {
  if (!offered.signatureValid || !offered.signerFingerprint) {
    return { accepted: false, reason: 'bad-signature', detail: offered.failure };
  }
  if (offered.tooLarge) return { accepted: false, reason: 'too-large', detail: offered.tooLarge };
  if (!held && !heldCtl) return { accepted: true, via: 'first-use' };
  if (held?.id === offered.id) return { accepted: true, via: 'unchanged' };
  if (held?.rollback && !heldCtl) return { accepted: true, via: 'rollback-itl' };
  const signer = offered.signerFingerprint;
  if (holdsRole(held, signer, TRUST_LIST_SIGNER_ROLES) || holdsRole(heldCtl, signer, TRUST_LIST_SIGNER_ROLES)) {
    return { accepted: true, via: 'held-sast' };
  }
  const tvs = askTvs(held, tvsServers, signer, TRUST_LIST_SIGNER_ROLES, cached);
  return vouched(tvs) ? { accepted: true, via: 'tvs', tvs } : { accepted: false, reason: 'signer-not-trusted', tvs };
}
