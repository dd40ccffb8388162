import { CapfAuthMode, CapfPhone, decideCapfOperation } from './capf-operation';
import { ctl, itl } from '../test-support/views';

const capf = { fingerprint: 'capf', trustedIssuerFingerprints: new Set(['capf', 'capf-old']), micRootTrusted: true };
const heldItl = itl('itl', 'rec', { rec: ['SAST'], capf: ['CAPF'], tvs1: ['TVS'] });
const phone = (over: Partial<CapfPhone> = {}): CapfPhone => ({ hasMic: true, profile: 'non-secure', heldItl, ...over });
const install = (mode: CapfAuthMode, p: CapfPhone) => decideCapfOperation('install', mode, p, capf);

const LSC_FIRST = 'By Existing Certificate (Precedence to LSC)';
const MIC_FIRST = 'By Existing Certificate (Precedence to MIC)';
const trustedLsc = { issuerFingerprint: 'capf-old' };
const foreignLsc = { issuerFingerprint: 'other-cluster-capf' };

describe('a CAPF operation on a phone', () => {
  it('[S125PSP] Delete removes the LSC the phone holds', () => {
    expect(decideCapfOperation('delete', 'By Null String', phone({ lsc: trustedLsc }), capf)).toEqual({ outcome: 'deleted' });
  });

  it('[S125PSP] Delete fails when the phone has no LSC', () => {
    expect(decideCapfOperation('delete', 'By Null String', phone(), capf)).toEqual({ outcome: 'failed', reason: 'no-lsc', detail: expect.stringMatching(/no LSC/) });
  });

  it('[SGK] [S125DEF] the phone authenticates CAPF against the CAPF entry of its ITL or of its CTL', () => {
    expect(install('By Null String', phone())).toEqual({ outcome: 'issued', authenticatedWith: 'null-string' });
    const itlWithoutCapf = itl('itl2', 'rec', { rec: ['SAST'] });
    expect(install('By Null String', phone({ heldItl: itlWithoutCapf, heldCtl: ctl('ctl', 'rec', { capf: ['CAPF'] }) }))).toEqual({ outcome: 'issued', authenticatedWith: 'null-string' });
  });

  it.each([
    ['no trust list at all', {}],
    ['a CAPF certificate only with another role', { heldItl: itl('itl3', 'rec', { capf: ['SAST'] }) }],
    ["another CAPF's certificate (regenerated, or another cluster)", { heldItl: itl('itl4', 'rec', { 'capf-old': ['CAPF'] }), heldCtl: ctl('c', 'rec', { 'capf-old': ['CAPF'] }) }],
  ])('[SGK] [S125DEF] fails before authenticating the phone when the CAPF certificate is not trusted: %s', (_name, over) => {
    const p = { hasMic: true, profile: 'non-secure' as const, lsc: trustedLsc, ...over };
    expect(install('By Null String', p)).toEqual({ outcome: 'failed', reason: 'capf-not-trusted', detail: expect.stringMatching(/CAPF certificate/) });
  });

  it('[S125PSP] By Authentication String waits for someone to type the string on the phone', () => {
    expect(install('By Authentication String', phone())).toEqual({ outcome: 'pending', reason: expect.stringMatching(/enter the authentication string/) });
  });

  it('[S15CAPF] By Authentication String cannot work with a secure profile: the phone never contacts CAPF by itself', () => {
    for (const profile of ['authenticated', 'encrypted'] as const) {
      expect(install('By Authentication String', phone({ profile }))).toEqual({ outcome: 'pending', reason: expect.stringMatching(/never contacts CAPF by itself/) });
    }
  });

  it.each([
    [LSC_FIRST, 'LSC and MIC', { lsc: trustedLsc, hasMic: true }, { outcome: 'issued', authenticatedWith: 'lsc' }],
    [LSC_FIRST, 'MIC only', { hasMic: true }, { outcome: 'issued', authenticatedWith: 'mic' }],
    [LSC_FIRST, 'LSC from an untrusted CAPF, and a MIC (no fallback)', { lsc: foreignLsc, hasMic: true }, { outcome: 'failed', reason: 'lsc-issuer-not-trusted' }],
    [LSC_FIRST, 'neither', { hasMic: false }, { outcome: 'failed', reason: 'no-certificate' }],
    [MIC_FIRST, 'LSC and MIC', { lsc: foreignLsc, hasMic: true }, { outcome: 'issued', authenticatedWith: 'mic' }],
    [MIC_FIRST, 'LSC only', { lsc: trustedLsc, hasMic: false }, { outcome: 'issued', authenticatedWith: 'lsc' }],
    [MIC_FIRST, 'LSC only, from an untrusted CAPF', { lsc: foreignLsc, hasMic: false }, { outcome: 'failed', reason: 'lsc-issuer-not-trusted' }],
    [MIC_FIRST, 'neither', { hasMic: false }, { outcome: 'failed', reason: 'no-certificate' }],
  ] as const)('[S125PSP] %s with %s: one certificate per operation', (mode, _has, over, expected) => {
    expect(install(mode, phone(over))).toMatchObject(expected);
  });

  it('[S15CAPF] a secure-profile phone can get its LSC with Null String or an existing certificate', () => {
    expect(install('By Null String', phone({ profile: 'encrypted' }))).toEqual({ outcome: 'issued', authenticatedWith: 'null-string' });
    expect(install(MIC_FIRST, phone({ profile: 'encrypted' }))).toEqual({ outcome: 'issued', authenticatedWith: 'mic' });
  });

  it('[chapter] a MIC authenticates the phone only while its manufacturing root is in the validating store; no fallback to the LSC', () => {
    const rootRemoved = { ...capf, micRootTrusted: false };
    expect(decideCapfOperation('install', MIC_FIRST, phone({ lsc: trustedLsc }), rootRemoved)).toMatchObject({ outcome: 'failed', reason: 'mic-issuer-not-trusted' });
    expect(decideCapfOperation('install', LSC_FIRST, phone(), rootRemoved)).toMatchObject({ outcome: 'failed', reason: 'mic-issuer-not-trusted' });
    expect(decideCapfOperation('install', LSC_FIRST, phone({ lsc: trustedLsc }), rootRemoved)).toEqual({ outcome: 'issued', authenticatedWith: 'lsc' });
  });
});
