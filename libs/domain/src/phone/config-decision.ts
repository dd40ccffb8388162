import { CONFIG_SIGNER_ROLES } from '../shared/roles';
import { certificatesWithRole, holdsRole, TrustListView } from '../shared/trust-list-view';
import { askTvs, TvsAttempt, TvsCacheAt, TvsServer, vouched } from '../tvs/tvs-query';

/** A configuration file as the TFTP node serves it (SEP<MAC>.cnf.xml.sgn). */
export interface ConfigFileView {
  id: string;
  /** Fingerprint of the certificate that signed it: the TFTP node's CallManager certificate. */
  signerFingerprint: string;
  signatureValid: boolean;
}

export type ConfigDecision =
  | { accepted: true; via: 'unsigned' | 'held-tftp' | 'tvs'; tvs?: TvsAttempt[] }
  | { accepted: false; reason: 'bad-signature' | 'signer-not-trusted'; tvs?: TvsAttempt[] };

/**
 * Whether the phone accepts the configuration file signed by its TFTP server (domain-reference §7.4,
 * §14 step 4):
 * - a phone whose trust lists hold no TFTP certificate asks for the unsigned file [S125CTL] [S125DEF]:
 *   no ITL or the empty rollback ITL, and no CTL with a TFTP certificate (a CTL left on the phone
 *   after `utils ctl set-cluster non-secure-mode` has its certificates removed [S125CTL]);
 * - otherwise the signer must hold a TFTP or CCM+TFTP role in its ITL or its CTL, or be vouched for by
 *   TVS with such a role; else "sgn verify file failed … (signer not in CTL)" and the configuration is
 *   not applied [SSBD] [SMIGC].
 * `heldCtl` and `cached` (the phone's TVS answers, [SSECMIG logs]) are optional so that callers of phones
 * without a CTL or a cache need not pass them.
 */
export function decideConfig(
  held: TrustListView | undefined,
  config: ConfigFileView,
  tvsServers: readonly TvsServer[],
  heldCtl?: TrustListView,
  cached?: TvsCacheAt,
): ConfigDecision {
  if (!requestsSignedConfig(held, heldCtl)) return { accepted: true, via: 'unsigned' };
  if (!config.signatureValid) return { accepted: false, reason: 'bad-signature' };
  const signer = config.signerFingerprint;
  if (holdsRole(held, signer, CONFIG_SIGNER_ROLES) || holdsRole(heldCtl, signer, CONFIG_SIGNER_ROLES)) {
    return { accepted: true, via: 'held-tftp' };
  }
  const tvs = askTvs(held, tvsServers, signer, CONFIG_SIGNER_ROLES, cached);
  return vouched(tvs) ? { accepted: true, via: 'tvs', tvs } : { accepted: false, reason: 'signer-not-trusted', tvs };
}

/**
 * The phone asks for `.cnf.xml.sgn` when a trust list gives it a TFTP certificate to check it with
 * [S125CTL] [S125DEF]. Any ITL but the rollback one counts (as before CTL support); a CTL counts when it
 * holds a TFTP or CCM+TFTP certificate.
 */
function requestsSignedConfig(held: TrustListView | undefined, heldCtl: TrustListView | undefined): boolean {
  if (held && !held.rollback) return true;
  return !!heldCtl && CONFIG_SIGNER_ROLES.some((role) => certificatesWithRole(heldCtl, role).length > 0);
}
