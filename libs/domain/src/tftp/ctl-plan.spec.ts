import { parseRelease } from '../release/release';
import { ctlKindAfterUpgrade, ctlKindUnavailable, ctlRecords, ctlSigner, defaultCtlKind } from './ctl-plan';

const cert = (node: string, purpose: string) => ({ fingerprint: `${node}-${purpose}`, node, purpose });
const input = {
  publisherCallManager: cert('pub', 'CallManager'),
  callManagers: [cert('pub', 'CallManager'), cert('sub1', 'CallManager')],
  itlRecovery: cert('pub', 'ITLRecovery'),
  capf: cert('pub', 'CAPF'),
  phoneSast: [cert('other', 'CallManager')],
};

describe('the tokenless CTL (mixed mode)', () => {
  it('[S125CTL] [SREGEN] is signed by CallManager up to 11.5 and by ITLRecovery from 12.0', () => {
    expect(ctlSigner(parseRelease('11.5(1)SU9'), 'normal')).toBe('CallManager');
    expect(ctlSigner(parseRelease('12.0(1)'), 'normal')).toBe('ITLRecovery');
  });

  it('[S125DEF] [chapter] after utils ctl reset localkey the CallManager key signs until the next update', () => {
    expect(ctlSigner(parseRelease('14SU2'), 'reset-localkey')).toBe('CallManager');
  });

  it('[S125CTL] carries ITLRecovery as a second SAST from 10.5(2), never TVS, and Phone-SAST-trust as SAST', () => {
    const roles = ctlRecords(parseRelease('12.5(1)SU3'), input).map((r) => `${r.certificate.fingerprint}:${r.role}`);
    expect(roles).toEqual(['pub-CallManager:SAST', 'pub-ITLRecovery:SAST', 'pub-CallManager:CCM+TFTP', 'sub1-CallManager:CCM+TFTP', 'pub-CAPF:CAPF', 'other-CallManager:SAST']);
    expect(ctlRecords(parseRelease('10.5(1)'), input).some((r) => r.certificate.purpose === 'ITLRecovery')).toBe(false);
    expect(roles.some((r) => r.includes('TVS'))).toBe(false);
  });
});

describe('the token-based CTL (CTL client, USB eTokens)', () => {
  const tokens = [cert('etoken', 'Token1'), cert('etoken', 'Token2')] as const;
  const sasts = (release: string) =>
    ctlRecords(parseRelease(release), { ...input, tokens }, 'token')
      .filter((r) => r.role === 'SAST')
      .map((r) => r.certificate.fingerprint);

  it('[S125CTL] is signed by Token1 on every release', () => {
    expect(ctlSigner(parseRelease('9.1(2)'), 'normal', 'token')).toBe('Token1');
    expect(ctlSigner(parseRelease('12.5(1)SU3'), 'normal', 'token')).toBe('Token1');
  });

  it('[S125CTL] has the two tokens as SAST up to 10.5, and ITLRecovery and CallManager too from 11.5', () => {
    expect(sasts('9.1(2)')).toEqual(['etoken-Token1', 'etoken-Token2', 'other-CallManager']);
    expect(sasts('10.5(2)')).toEqual(['etoken-Token1', 'etoken-Token2', 'other-CallManager']);
    expect(sasts('11.5(1)SU9')).toEqual(['etoken-Token1', 'etoken-Token2', 'pub-ITLRecovery', 'pub-CallManager', 'other-CallManager']);
  });

  it('[S14] [SITL10] tokens up to 12.5, tokenless from 10.0; the default follows the release', () => {
    expect(ctlKindUnavailable(parseRelease('14SU2'), 'token')).toMatch(/not supported from 14/);
    expect(ctlKindUnavailable(parseRelease('12.5(1)SU3'), 'token')).toBeUndefined();
    expect(ctlKindUnavailable(parseRelease('9.1(2)'), 'tokenless')).toMatch(/from 10\.0/);
    expect(defaultCtlKind(parseRelease('9.1(2)'))).toBe('token');
    expect(defaultCtlKind(parseRelease('10.0(1)'))).toBe('tokenless');
  });

  it('[S14] an upgrade to 14 leaves the CTL client behind: the next CTL is tokenless', () => {
    expect(ctlKindAfterUpgrade('token', parseRelease('14SU2'))).toBe('tokenless');
    expect(ctlKindAfterUpgrade('token', parseRelease('12.5(1)SU3'))).toBe('token');
    expect(ctlKindAfterUpgrade('tokenless', parseRelease('15'))).toBe('tokenless');
  });
});
