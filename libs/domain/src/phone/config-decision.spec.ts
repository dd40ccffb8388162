import { decideConfig } from './config-decision';
import { itl, tvs } from '../test-support/views';

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
});
