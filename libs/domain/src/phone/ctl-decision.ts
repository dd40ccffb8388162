import { TRUST_LIST_SIGNER_ROLES } from '../shared/roles';
import { holdsRole, TrustListView } from '../shared/trust-list-view';
import { askTvs, TvsAttempt, TvsCacheAt, TvsServer, vouched } from '../tvs/tvs-query';

export type CtlDecision =
  | { accepted: true; via: 'first-use' | 'unchanged' | 'held-sast' | 'tvs'; tvs?: TvsAttempt[] }
  | { accepted: false; reason: 'bad-signature' | 'signer-not-trusted' | 'too-large'; detail?: string; tvs?: TvsAttempt[] };

/**
 * Whether a phone installs the CTL its TFTP server offers in mixed mode (domain-reference §7.2, §14
 * step 1, last paragraph of §7):
 * - a file whose signature does not verify with its own signer record is never installed [trust-file-format];
 * - a CTL of more than 39 certificates or 64 KB is not loaded either: the guide states the limit for the
 *   ITL [S125DEF]; the CTL has the same format and is loaded the same way [uncertain: inferred];
 * - no CTL yet: the phone installs the first CTL it receives without verifying it ("imprinting")
 *   [SBOOK] [SGK] — stated only in older third-party material, not in current Cisco guides (§16.7);
 * - the same file it already holds: nothing to decide;
 * - the signer is a SAST certificate of the CTL it holds: accepted [SSECMIG] [S125CTL];
 * - a device without Security by Default cannot use TVS, so any other signer is refused and the CTL
 *   must be deleted on the device by hand [STOKENLESS] [S125CTL];
 * - otherwise it asks TVS for the SAST role, over a handshake checked against the TVS records of the
 *   ITL it holds (the CTL carries no TVS certificate) [SSECMIG] [STOKENLESS] [S125CTL].
 */
export function decideCtl(
  heldCtl: TrustListView | undefined,
  offered: TrustListView,
  heldItl: TrustListView | undefined,
  tvsServers: readonly TvsServer[],
  securityByDefault: boolean,
  cached?: TvsCacheAt,
): CtlDecision {
  if (!offered.signatureValid || !offered.signerFingerprint) {
    return { accepted: false, reason: 'bad-signature', detail: offered.failure };
  }
  if (offered.tooLarge) return { accepted: false, reason: 'too-large', detail: offered.tooLarge };
  if (!heldCtl) return { accepted: true, via: 'first-use' };
  if (heldCtl.id === offered.id) return { accepted: true, via: 'unchanged' };
  if (holdsRole(heldCtl, offered.signerFingerprint, TRUST_LIST_SIGNER_ROLES)) return { accepted: true, via: 'held-sast' };
  if (!securityByDefault) {
    return {
      accepted: false,
      reason: 'signer-not-trusted',
      detail: 'This device has no Security by Default, so it cannot ask TVS about the new CTL signer; delete the CTL on the device by hand.',
    };
  }
  const tvs = askTvs(heldItl, tvsServers, offered.signerFingerprint, TRUST_LIST_SIGNER_ROLES, cached);
  return vouched(tvs) ? { accepted: true, via: 'tvs', tvs } : { accepted: false, reason: 'signer-not-trusted', tvs };
}
