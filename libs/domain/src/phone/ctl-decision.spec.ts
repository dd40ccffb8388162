import { decideCtl } from './ctl-decision';
import { ctl, itl, tvs } from '../test-support/views';

// Held: a tokenless 12.x CTL signed by ITLRecovery (rec1) with the publisher CallManager (cm1) as second SAST.
const heldCtl = ctl('held', 'rec1', { rec1: ['SAST'], cm1: ['SAST'], cm2: ['CCM+TFTP'], capf: ['CAPF'] });
// The ITL beside it: its TVS record (tvs1) is what the TVS handshake is checked against.
const heldItl = itl('itl', 'rec1', { rec1: ['SAST'], tvs1: ['TVS'] });

describe('a phone deciding whether to install the CTL its TFTP offers', () => {
  it('[SBOOK] [SGK] installs the first CTL it receives without verification (imprinting, §16.7)', () => {
    expect(decideCtl(undefined, ctl('new', 'x', { x: ['SAST'] }), undefined, [], true)).toEqual({ accepted: true, via: 'first-use' });
  });

  it('[trust-file-format] never installs a CTL whose signature does not verify, even the first one', () => {
    const forged = ctl('forged', undefined, { x: ['SAST'] }, { failure: 'bad signature' });
    expect(decideCtl(undefined, forged, undefined, [], true)).toEqual({ accepted: false, reason: 'bad-signature', detail: 'bad signature' });
  });

  it('keeps nothing to decide when offered the very file it holds', () => {
    expect(decideCtl(heldCtl, heldCtl, heldItl, [], true)).toEqual({ accepted: true, via: 'unchanged' });
  });

  it('[SSECMIG] [S125CTL] accepts a CTL signed by a SAST certificate of the CTL it holds (the second SAST role)', () => {
    expect(decideCtl(heldCtl, ctl('next', 'cm1', { cm1: ['SAST'] }), heldItl, [], true)).toEqual({ accepted: true, via: 'held-sast' });
  });

  it('[S125CTL] a certificate the held CTL carries with another role (CCM+TFTP, CAPF) is not a CTL signer', () => {
    expect(decideCtl(heldCtl, ctl('next', 'cm2', { cm2: ['SAST'] }), heldItl, [], true)).toEqual({ accepted: false, reason: 'signer-not-trusted', tvs: [] });
    expect(decideCtl(heldCtl, ctl('next', 'capf', { capf: ['SAST'] }), heldItl, [], true)).toMatchObject({ accepted: false, reason: 'signer-not-trusted' });
  });

  it('[STOKENLESS] [SSECMIG] installs an unknown signer when a TVS of its ITL vouches for it with the SAST role', () => {
    const result = decideCtl(heldCtl, ctl('next', 'cm9', { cm9: ['SAST'] }), heldItl, [tvs('sub1', 'tvs1', { cm9: ['SAST', 'CCM+TFTP'] })], true);
    expect(result).toEqual({ accepted: true, via: 'tvs', tvs: [{ cluster: 'hq', node: 'sub1', outcome: 'vouched', roles: ['SAST', 'CCM+TFTP'] }] });
  });

  it('[SCN] refuses it when the TVS answers without the SAST role', () => {
    const result = decideCtl(heldCtl, ctl('next', 'cm9', { cm9: ['SAST'] }), heldItl, [tvs('sub1', 'tvs1', { cm9: ['APP-SERVER'] })], true);
    expect(result).toEqual({ accepted: false, reason: 'signer-not-trusted', tvs: [{ cluster: 'hq', node: 'sub1', outcome: 'refused', roles: ['APP-SERVER'] }] });
  });

  it('[SSECMIG] [SBULK] the TVS handshake is checked against the ITL: a TVS the ITL does not list, or no ITL, vouches for nothing', () => {
    const server = tvs('sub1', 'tvs1', { cm9: ['SAST'] });
    const offered = ctl('next', 'cm9', { cm9: ['SAST'] });
    const failed = { accepted: false, reason: 'signer-not-trusted', tvs: [{ cluster: 'hq', node: 'sub1', outcome: 'handshake-failed', presented: 'tvs1' }] };
    expect(decideCtl(heldCtl, offered, undefined, [server], true)).toEqual(failed);
    expect(decideCtl(heldCtl, offered, itl('other', 'x', { x: ['SAST'], tvs2: ['TVS'] }), [server], true)).toEqual(failed);
  });

  it('[STOKENLESS] [S125CTL] a device without Security by Default cannot use TVS: a new signer is refused with no TVS attempt', () => {
    const result = decideCtl(heldCtl, ctl('next', 'cm9', { cm9: ['SAST'] }), heldItl, [tvs('sub1', 'tvs1', { cm9: ['SAST'] })], false);
    expect(result).toMatchObject({ accepted: false, reason: 'signer-not-trusted', detail: expect.stringMatching(/delete the CTL/) });
    expect(result.tvs).toBeUndefined();
  });

  it('[STOKENLESS] a device without Security by Default still follows a signer its CTL holds as SAST, and imprints its first CTL', () => {
    expect(decideCtl(heldCtl, ctl('next', 'cm1', { cm1: ['SAST'] }), undefined, [], false)).toEqual({ accepted: true, via: 'held-sast' });
    expect(decideCtl(undefined, ctl('next', 'cm9', { cm9: ['SAST'] }), undefined, [], false)).toEqual({ accepted: true, via: 'first-use' });
  });
});

describe('a CTL too big for a phone to load', () => {
  it('[S125DEF] [uncertain: the limit is stated for the ITL, the CTL has the same format] is refused even from a signer the phone holds', () => {
    const held = ctl('held', 'rec1', { rec1: ['SAST'] });
    expect(decideCtl(held, ctl('big', 'rec1', { rec1: ['SAST'] }, { tooLarge: 'CTLFile.tlv has 41 certificates' }), undefined, [], true)).toEqual({
      accepted: false,
      reason: 'too-large',
      detail: 'CTLFile.tlv has 41 certificates',
    });
  });
});
