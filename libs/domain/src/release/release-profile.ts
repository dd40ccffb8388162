import { isAtLeast, Release } from './release';

/**
 * What a release does, one rule per function, each with the document it comes from
 * (tags as in docs/trust-model.md §0.1).
 */

export type ItlSignerPurpose = 'CallManager' | 'ITLRecovery';

/**
 * Who signs the ITL a TFTP node builds: the node's own CallManager key up to 11.5, the cluster's
 * ITLRecovery key from 12.0 [SREGEN] [S125DEF] (domain-reference §4.3).
 */
export function itlSignerPurpose(release: Release): ItlSignerPurpose {
  return isAtLeast(release, '12.0') ? 'ITLRecovery' : 'CallManager';
}

/** The ITLRecovery key pair and `utils itl reset` exist from 10.0(1) [SITL10] (§15). */
export function hasItlRecovery(release: Release): boolean {
  return isAtLeast(release, '10.0');
}

/**
 * Default validity of a self-signed identity certificate, in days. From 14: TLS server certificates
 * 3 years, signing certificates 5 years, ITLRecovery 20 years [SREL14]; ITLRecovery is 20 years on a
 * fresh install from 12.0 [S125DEF]; otherwise 5 years (the long-standing default, [uncertain]).
 */
export function certificateValidityDays(release: Release, purpose: string): number {
  const year = 365;
  if (purpose === 'ITLRecovery' && isAtLeast(release, '12.0')) return 20 * year;
  if (isAtLeast(release, '14') && ['tomcat', 'tomcat-ECDSA', 'CallManager', 'CallManager-ECDSA', 'TVS', 'ipsec'].includes(purpose)) {
    return 3 * year;
  }
  return 5 * year;
}

/** ECDSA identity certificates (CallManager-ECDSA, tomcat-ECDSA) exist from 11.0 [SREGEN] (§15). */
export function hasEcdsaIdentities(release: Release): boolean {
  return isAtLeast(release, '11.0');
}
