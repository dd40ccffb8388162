import { isBefore, Release } from '../release/release';

/** The common name of the (simulated) Cisco manufacturing root that signs phone MICs; @trustsim/pki issues it. */
export const MIC_ROOT_COMMON_NAME = 'Cisco_Manufacturing_CA_SHA2';

/** The trust stores CUCM ships the Cisco manufacturing (MIC) roots in [chapter] (§2.1). */
export const MIC_ROOT_STORES = ['CallManager-trust', 'CAPF-trust'] as const;

export type MicRootStore = (typeof MIC_ROOT_STORES)[number];

/** Who checks a phone's MIC: CAPF in a CAPF operation authenticated "By Existing Certificate", or Secure Onboarding. */
export type MicCheck = 'capf-operation' | 'secure-onboarding';

/**
 * The store whose MIC roots a phone's MIC is validated against:
 * - a CAPF operation "By Existing Certificate": CAPF-trust — "MIC root certificates that stay in the CAPF
 *   trust store get used for certificate upgrades" [chapter] (§2.1, §8);
 * - Secure Onboarding: CallManager-trust up to 12.5(1)SU2, so it "doesn't work if you remove the Cisco
 *   Manufacturing certificates from the CallManager-trust store"; CAPF-trust from 12.5(1)SU3 [chapter] (§15).
 */
export function micValidationStore(release: Release, check: MicCheck): MicRootStore {
  if (check === 'secure-onboarding' && isBefore(release, '12.5(1)SU3')) return 'CallManager-trust';
  return 'CAPF-trust';
}
