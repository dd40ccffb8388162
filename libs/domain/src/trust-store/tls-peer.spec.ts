import { decideTlsPeer, TlsPeerFacts, trustsTlsPeer } from './tls-peer';

const refused = { ocspRevokedWithoutCommonCriteria: 'refused' } as const;
const accepted = { ocspRevokedWithoutCommonCriteria: 'accepted' } as const;

const facts = (over: Partial<TlsPeerFacts> = {}): TlsPeerFacts => ({
  peer: 'cube1',
  node: 'pub',
  storesHoldingPeer: ['CallManager-trust'],
  ocspEnabled: false,
  ocsp: 'good',
  commonCriteria: false,
  ...over,
});

describe('TLS peers of a node (SIP trunks, CUBE, syslog, ILS, LBM, ...)', () => {
  it('accepts a peer held in CallManager-trust or in tomcat-trust [chapter]', () => {
    expect(trustsTlsPeer(['CallManager-trust'])).toBe(true);
    expect(trustsTlsPeer(['tomcat-trust'])).toBe(true);
    expect(decideTlsPeer(facts({ storesHoldingPeer: ['tomcat-trust'] }), refused)).toEqual({ accepted: true, ocsp: 'not checked' });
  });

  it('refuses a peer held in neither, even in another trust store, naming the peer and the node [chapter]', () => {
    expect(trustsTlsPeer(['Phone-SAST-trust', 'CAPF-trust'])).toBe(false);
    expect(decideTlsPeer(facts({ storesHoldingPeer: ['Phone-SAST-trust'] }), refused)).toEqual({
      accepted: false,
      reason: 'cube1 is in neither CallManager-trust nor tomcat-trust of pub [chapter]',
    });
    expect(decideTlsPeer(facts({ storesHoldingPeer: [], ocspEnabled: true }), refused)).toEqual({
      accepted: false,
      reason: 'cube1 is in neither CallManager-trust nor tomcat-trust of pub [chapter]',
    });
  });

  it('with "Enable OCSP" off, does not check OCSP: a revoked peer gets through [chapter]', () => {
    expect(decideTlsPeer(facts({ ocsp: 'revoked', commonCriteria: true }), refused)).toEqual({ accepted: true, ocsp: 'not checked' });
  });

  it('with "Enable OCSP" on, accepts on Good and carries the answer [chapter]', () => {
    expect(decideTlsPeer(facts({ ocspEnabled: true, ocsp: 'good', commonCriteria: true }), refused)).toEqual({ accepted: true, ocsp: 'good' });
  });

  it('with "Enable OCSP" and Common Criteria on, refuses on Revoked and on Unknown [chapter]', () => {
    const reason = (status: string) => `OCSP answered ${status} and Common Criteria mode is on: the connection fails [chapter]`;
    expect(decideTlsPeer(facts({ ocspEnabled: true, ocsp: 'revoked', commonCriteria: true }), accepted)).toEqual({ accepted: false, ocsp: 'revoked', reason: reason('revoked') });
    expect(decideTlsPeer(facts({ ocspEnabled: true, ocsp: 'unknown', commonCriteria: true }), accepted)).toEqual({ accepted: false, ocsp: 'unknown', reason: reason('unknown') });
  });

  it('with "Enable OCSP" on and Common Criteria off, accepts on Unknown [chapter]; Revoked follows ocspRevokedWithoutCommonCriteria [§13]', () => {
    expect(decideTlsPeer(facts({ ocspEnabled: true, ocsp: 'unknown' }), refused)).toEqual({ accepted: true, ocsp: 'unknown' });
    expect(decideTlsPeer(facts({ ocspEnabled: true, ocsp: 'revoked' }), refused)).toEqual({
      accepted: false,
      ocsp: 'revoked',
      reason: 'OCSP answered revoked: the connection fails (assumption ocspRevokedWithoutCommonCriteria=refused)',
    });
    expect(decideTlsPeer(facts({ ocspEnabled: true, ocsp: 'revoked' }), accepted)).toEqual({ accepted: true, ocsp: 'revoked' });
  });
});
