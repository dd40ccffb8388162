import { decideSecureRegistration, SecureRegistrationInput } from './secure-registration';
import { ctl } from '../test-support/views';

// The phone's CTL: ITLRecovery as SAST, the CallManager cm1 (CCM+TFTP) with its CallManager-ECDSA cm1-ec,
// cm2 (CCM only, no ECDSA entry) and the CAPF.
const heldCtl = ctl('ctl', 'rec', { rec: ['SAST'], cm1: ['CCM+TFTP', 'SAST'], 'cm1-ec': ['CCM+TFTP'], cm2: ['CCM'], capf: ['CAPF'] });

const input = (over: Partial<SecureRegistrationInput> = {}): SecureRegistrationInput => ({
  profile: 'encrypted',
  clusterMixedMode: true,
  heldCtl,
  callManagerFingerprint: 'cm1',
  lsc: { issuerFingerprint: 'capf' },
  trustedCapfFingerprints: new Set(['capf']),
  ...over,
});

describe('how a phone registers given its security profile', () => {
  it('[SPH7975] [S125CTL] registers securely with a trusted LSC and a CTL holding the CallManager certificate', () => {
    expect(decideSecureRegistration(input())).toEqual({ mode: 'secure' });
    expect(decideSecureRegistration(input({ profile: 'authenticated', callManagerFingerprint: 'cm2' }))).toEqual({ mode: 'secure' });
  });

  it('[SHOST] refuses while the CTL lists the CallManager at its old IP address (until utils ctl update CTLFile)', () => {
    const withAddresses = { ...heldCtl, addresses: new Map([['cm1', '10.0.0.1']]) };
    expect(decideSecureRegistration(input({ heldCtl: withAddresses, callManagerAddress: '10.0.0.1' }))).toEqual({ mode: 'secure' });
    expect(decideSecureRegistration(input({ heldCtl: withAddresses, callManagerAddress: '10.0.0.9' }))).toMatchObject({ mode: 'refused', reason: 'callmanager-address-changed' });
  });

  it('[chapter] with TLS Ciphers "ECDSA only" a phone without ECDSA ciphers cannot register securely; one with them can', () => {
    expect(decideSecureRegistration(input({ ecdsaOnly: true, phoneEcdsa: 'yes', callManagerEcdsaFingerprint: 'cm1-ec' }))).toEqual({ mode: 'secure' });
    expect(decideSecureRegistration(input({ ecdsaOnly: true, phoneEcdsa: 'no' }))).toMatchObject({ mode: 'refused', reason: 'no-ecdsa-ciphers' });
    expect(decideSecureRegistration(input({ ecdsaOnly: true, phoneEcdsa: 'unknown' }))).toMatchObject({ mode: 'refused', detail: expect.stringMatching(/no source says/) });
    expect(decideSecureRegistration(input({ ecdsaOnly: false, phoneEcdsa: 'no' }))).toEqual({ mode: 'secure' });
  });

  it('[S125DEF] [chapter] over "ECDSA only" ciphers the CTL must hold the CallManager-ECDSA certificate; the RSA one is not looked at', () => {
    const ecdsa = { ecdsaOnly: true, phoneEcdsa: 'yes' as const };
    expect(decideSecureRegistration(input({ ...ecdsa, callManagerFingerprint: 'cm2', callManagerEcdsaFingerprint: 'cm2-ec' }))).toMatchObject({
      mode: 'refused',
      reason: 'callmanager-not-in-ctl',
      detail: expect.stringMatching(/CallManager-ECDSA, which it presents over ECDSA ciphers/),
    });
    expect(decideSecureRegistration(input({ ...ecdsa, callManagerFingerprint: 'not-in-ctl', callManagerEcdsaFingerprint: 'cm1-ec' }))).toEqual({ mode: 'secure' });
    expect(decideSecureRegistration(input({ ...ecdsa }))).toMatchObject({ mode: 'refused', reason: 'no-ecdsa-certificate' });
    expect(decideSecureRegistration(input({ callManagerEcdsaFingerprint: 'not-in-ctl' }))).toEqual({ mode: 'secure' });
  });

  it('[SHOST] checks the address the CTL lists for the certificate presented: the ECDSA entry over ECDSA ciphers', () => {
    const withAddresses = { ...heldCtl, addresses: new Map([['cm1', '10.0.0.1'], ['cm1-ec', '10.0.0.2']]) };
    const ecdsa = { ecdsaOnly: true, phoneEcdsa: 'yes' as const, callManagerEcdsaFingerprint: 'cm1-ec', heldCtl: withAddresses };
    expect(decideSecureRegistration(input({ ...ecdsa, callManagerAddress: '10.0.0.2' }))).toEqual({ mode: 'secure' });
    expect(decideSecureRegistration(input({ ...ecdsa, callManagerAddress: '10.0.0.1' }))).toMatchObject({ reason: 'callmanager-address-changed' });
  });

  it('[SPH7975] a non-secure profile registers non-secure, even without LSC or CTL', () => {
    expect(decideSecureRegistration(input({ profile: 'non-secure', lsc: undefined, heldCtl: undefined }))).toEqual({ mode: 'non-secure' });
  });

  it('[S125CTL] in a cluster not in mixed mode a secure-profile phone registers non-secure', () => {
    expect(decideSecureRegistration(input({ clusterMixedMode: false, lsc: undefined, heldCtl: undefined }))).toEqual({ mode: 'non-secure' });
  });

  it.each([
    ['[S15CAPF] without an LSC it does not register', { lsc: undefined }, 'no-lsc', /no LSC/],
    ["[S15CAPF] an LSC from another cluster's CAPF is not trusted", { lsc: { issuerFingerprint: 'other-capf' } }, 'lsc-issuer-not-trusted', /re-issued/],
    ['[SREGEN-T] after a CAPF regeneration an old LSC is refused until re-issued', { trustedCapfFingerprints: new Set(['capf-new']) }, 'lsc-issuer-not-trusted', /CAPF/],
    ['[SPH7975] without a CTL it cannot register securely', { heldCtl: undefined }, 'no-ctl', /no CTL/],
    ["[S125CTL] [SHOST] a CTL without the CallManager's current certificate fails TLS until utils ctl update", { callManagerFingerprint: 'cm1-new' }, 'callmanager-not-in-ctl', /utils ctl update CTLFile/],
    ['[S125CTL] a CallManager certificate held in the CTL only as CAPF is not a CallManager entry', { callManagerFingerprint: 'capf' }, 'callmanager-not-in-ctl', /current certificate/],
  ] as const)('%s', (_name, over, reason, detail) => {
    expect(decideSecureRegistration(input(over))).toEqual({ mode: 'refused', reason, detail: expect.stringMatching(detail) });
  });

  it('[S15CAPF] checks the LSC before the CTL: a phone lacking both is reported as lacking its LSC', () => {
    expect(decideSecureRegistration(input({ lsc: undefined, heldCtl: undefined }))).toMatchObject({ reason: 'no-lsc' });
  });
});
