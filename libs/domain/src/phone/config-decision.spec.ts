import { decideConfig } from './config-decision';
import { ctl, itl, tvs } from '../test-support/views';

const held = itl('held', 'rec', { rec: ['SAST'], cm1: ['CCM+TFTP', 'SAST'], tvs1: ['TVS'] });
const signedBy = (signer: string, signatureValid = true) => ({ id: `cfg-${signer}`, signerFingerprint: signer, signatureValid });

describe('a phone deciding whether to apply its configuration file', () => {
  it('[SSBD] applies a file signed by a certificate its ITL holds as CCM+TFTP', () => {
    expect(decideConfig(held, signedBy('cm1'), [])).toEqual({ accepted: true, via: 'held-tftp' });
  });

  it('[S125CTL] [S125DEF] with no trust list, or the empty rollback ITL, asks for and takes the unsigned file', () => {
    expect(decideConfig(undefined, signedBy('x'), [])).toEqual({ accepted: true, via: 'unsigned' });
    expect(decideConfig(itl('rb', 'a', {}, { rollback: true }), signedBy('x'), [])).toEqual({ accepted: true, via: 'unsigned' });
  });

  it('[SMIGC] refuses a file whose signer it cannot verify ("sgn verify file failed")', () => {
    expect(decideConfig(held, signedBy('cm9'), [tvs('sub1', 'tvs1')])).toMatchObject({ accepted: false, reason: 'signer-not-trusted' });
  });

  it('[SBULK] applies it when a trusted TVS vouches for the signer as CCM+TFTP', () => {
    expect(decideConfig(held, signedBy('cm2'), [tvs('sub1', 'tvs1', { cm2: ['SAST', 'CCM+TFTP'] })])).toMatchObject({ accepted: true, via: 'tvs' });
  });

  it('[SCN] a SAST-only answer is not enough for a configuration signer', () => {
    expect(decideConfig(held, signedBy('rec2'), [tvs('sub1', 'tvs1', { rec2: ['SAST'] })])).toMatchObject({ accepted: false });
  });

  it('refuses a file whose signature does not verify', () => {
    expect(decideConfig(held, signedBy('cm1', false), [])).toEqual({ accepted: false, reason: 'bad-signature' });
  });

  describe('with a CTL (mixed mode)', () => {
    const heldCtl = ctl('ctl', 'rec', { rec: ['SAST'], cm1: ['SAST'], cm3: ['CCM+TFTP'], tftp4: ['TFTP'] });

    it('[SSBD] [SMIGC] applies a file whose signer holds CCM+TFTP or TFTP in the CTL though not in the ITL', () => {
      expect(decideConfig(held, signedBy('cm3'), [], heldCtl)).toEqual({ accepted: true, via: 'held-tftp' });
      expect(decideConfig(held, signedBy('tftp4'), [], heldCtl)).toEqual({ accepted: true, via: 'held-tftp' });
    });

    it('[S125CTL] with a CTL but no ITL asks for the signed file and checks it against the CTL', () => {
      expect(decideConfig(undefined, signedBy('cm3'), [], heldCtl)).toEqual({ accepted: true, via: 'held-tftp' });
      expect(decideConfig(undefined, signedBy('cm9'), [tvs('sub1', 'tvs1', { cm9: ['CCM+TFTP'] })], heldCtl)).toEqual({
        accepted: false,
        reason: 'signer-not-trusted',
        tvs: [{ cluster: 'hq', node: 'sub1', outcome: 'handshake-failed', presented: 'tvs1' }],
      });
    });

    it('[SMIGC] a SAST-only CTL record does not make a configuration signer', () => {
      expect(decideConfig(undefined, signedBy('cm1'), [], heldCtl)).toMatchObject({ accepted: false, reason: 'signer-not-trusted' });
    });

    it('[S125CTL] the rollback ITL does not blank the CTL: the file is still checked against the CTL', () => {
      const rollback = itl('rb', 'a', {}, { rollback: true });
      expect(decideConfig(rollback, signedBy('cm9'), [], heldCtl)).toMatchObject({ accepted: false, reason: 'signer-not-trusted' });
      expect(decideConfig(rollback, signedBy('cm3'), [], heldCtl)).toEqual({ accepted: true, via: 'held-tftp' });
    });

    it('[S125CTL] a CTL left without TFTP certificates (after set-cluster non-secure-mode) means the unsigned file', () => {
      const blanked = ctl('blank', 'rec', {});
      expect(decideConfig(undefined, signedBy('cm9'), [], blanked)).toEqual({ accepted: true, via: 'unsigned' });
    });
  });
});
