import { parseRelease } from '../release/release';
import { regenerationFollowUps } from './regeneration-follow-ups';

const services = (purpose: string, release: string, options = { mixedMode: false, sipOAuth: false }) =>
  regenerationFollowUps(purpose, parseRelease(release), options).map((f) => f.service ?? f.kind);

describe('what is left to do after a regeneration (Table 7)', () => {
  it('[chapter] CallManager before 14: restart Cisco CallManager and Cisco CTI Manager', () => {
    expect(services('CallManager', '12.5(1)SU3')).toEqual(['Cisco CallManager', 'Cisco CTI Manager']);
  });

  it('[SREL14] CallManager from 14: no restart needed', () => {
    expect(services('CallManager', '14SU2')).toEqual([]);
  });

  it('[chapter] tomcat: Cisco Tomcat, plus Cisco CallManager with SIP OAuth; 14SU2 tomcat-ECDSA also Cisco DRF', () => {
    expect(services('tomcat', '14SU1')).toEqual(['Cisco Tomcat']);
    expect(services('tomcat', '14SU1', { mixedMode: false, sipOAuth: true })).toEqual(['Cisco Tomcat', 'Cisco CallManager']);
    expect(services('tomcat-ECDSA', '14SU2')).toEqual(['Cisco Tomcat', 'Cisco DRF Master']);
    expect(services('tomcat-ECDSA', '15')).toEqual(['Cisco Tomcat']);
  });

  it('[chapter] CAPF and TVS restart by themselves', () => {
    expect(services('CAPF', '14SU2')).toEqual([]);
    expect(services('TVS', '11.5(1)SU9')).toEqual([]);
  });

  it('[chapter] [S125CTL] in mixed mode CAPF, ITLRecovery and CallManager need the CTL updated; TVS does not', () => {
    const mixed = { mixedMode: true, sipOAuth: false };
    expect(services('CAPF', '14SU2', mixed)).toEqual(['update-ctl']);
    expect(services('ITLRecovery', '12.5(1)SU3', mixed)).toEqual(['update-ctl']);
    expect(services('CallManager', '14SU2', mixed)).toEqual(['update-ctl']);
    expect(services('TVS', '14SU2', mixed)).toEqual([]);
  });

  it('[chapter] [SREGEN] ipsec: utils ipsec restart, then DRF Master and Local (DRS needs the ipsec certificates in sync)', () => {
    expect(services('ipsec', '14SU2')).toEqual(['IPsec (utils ipsec restart)', 'Cisco DRF Master', 'Cisco DRF Local']);
    expect(services('ipsec', '11.5(1)SU9', { mixedMode: true, sipOAuth: false })).toEqual(['IPsec (utils ipsec restart)', 'Cisco DRF Master', 'Cisco DRF Local']);
  });
});
