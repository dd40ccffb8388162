import { isAtLeast, Release } from '../release/release';

/** What an administrator still has to do after regenerating a certificate, each with why. */
export interface RegenerationFollowUp {
  kind: 'restart-service' | 'update-ctl';
  service?: string;
  why: string;
}

/**
 * The chapter's Table 7 ("services to be restarted") and its step 5 (update the CTL), by release
 * [chapter "Regenerate a Certificate"] (§10.3):
 * - tomcat / tomcat-ECDSA: Cisco Tomcat, and Cisco CallManager when SIP OAuth is on; on 14SU2 Cisco DRF
 *   after tomcat-ECDSA [chapter];
 * - CallManager: Cisco CallManager and Cisco CTI Manager — not from 14, where no restart is needed after a
 *   CallManager regeneration [SREL14] (§15); CallManager-ECDSA: Cisco CallManager;
 * - ipsec: `utils ipsec restart`, and Cisco DRF Master and Local — DRS agents authenticate each other with
 *   the ipsec certificates, which must stay in sync [chapter] table 7 [SREGEN];
 * - CAPF, TVS: nothing (the service restarts by itself [chapter]);
 * - mixed mode: update the CTL after CAPF, ITLRecovery or CallManager [chapter] [S125CTL].
 */
export function regenerationFollowUps(purpose: string, release: Release, options: { mixedMode: boolean; sipOAuth: boolean }): RegenerationFollowUp[] {
  const out: RegenerationFollowUp[] = [];
  const restart = (service: string, why: string) => out.push({ kind: 'restart-service', service, why });
  if (purpose === 'tomcat' || purpose === 'tomcat-ECDSA') {
    restart('Cisco Tomcat', 'Table 7: tomcat serves the web services and DRF [chapter]');
    if (options.sipOAuth) restart('Cisco CallManager', 'Table 7: SIP OAuth mode uses the tomcat certificate [chapter]');
    if (purpose === 'tomcat-ECDSA' && release.major === 14 && release.su === 2) restart('Cisco DRF Master', '14SU2 only: DRF needs a restart after a tomcat-ECDSA change [chapter]');
  }
  if (purpose === 'CallManager' && !isAtLeast(release, '14')) {
    restart('Cisco CallManager', 'Table 7: SIP, SCCP and TFTP use it [chapter]; from 14 no restart is needed [SREL14]');
    restart('Cisco CTI Manager', 'Table 7 [chapter]');
  }
  if (purpose === 'CallManager-ECDSA') restart('Cisco CallManager', 'Table 7 [chapter]');
  if (purpose === 'ipsec') {
    restart('IPsec (utils ipsec restart)', 'Table 7 [chapter]');
    restart('Cisco DRF Master', 'DRS agents authenticate each other with the ipsec certificates [SREGEN]');
    restart('Cisco DRF Local', 'DRS agents authenticate each other with the ipsec certificates [SREGEN]');
  }
  if (options.mixedMode && ['CAPF', 'ITLRecovery', 'CallManager'].includes(purpose)) {
    out.push({ kind: 'update-ctl', why: 'the CTL is never updated by itself: run utils ctl update CTLFile [chapter] [S125CTL]' });
  }
  return out;
}
