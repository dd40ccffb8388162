import { CONFIG_SIGNER_ROLES } from '../shared/roles';
import { holdsRole, TrustListView } from '../shared/trust-list-view';
import { askTvs, TvsAttempt, TvsServer, vouched } from '../tvs/tvs-query';

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
 * - a phone with no trust list, or with the empty rollback ITL, holds no TFTP certificate and asks for
 *   the unsigned file [S125CTL] [S125DEF];
 * - otherwise the signer must hold a TFTP or CCM+TFTP role in its trust list, or be vouched for by TVS
 *   with such a role; else "sgn verify file failed … (signer not in CTL)" and the configuration is
 *   not applied [SSBD] [SMIGC].
 */
export function decideConfig(
  held: TrustListView | undefined,
  config: ConfigFileView,
  tvsServers: readonly TvsServer[],
): ConfigDecision {
  if (!held || held.rollback) return { accepted: true, via: 'unsigned' };
  if (!config.signatureValid) return { accepted: false, reason: 'bad-signature' };
  if (holdsRole(held, config.signerFingerprint, CONFIG_SIGNER_ROLES)) return { accepted: true, via: 'held-tftp' };
  const tvs = askTvs(held, tvsServers, config.signerFingerprint, CONFIG_SIGNER_ROLES);
  return vouched(tvs) ? { accepted: true, via: 'tvs', tvs } : { accepted: false, reason: 'signer-not-trusted', tvs };
}
