import { decideTrustList } from './trust-list-decision';
import { ctl, itl, tvs } from '../test-support/views';

// Held: ITL signed by cm1, with tvs1 as TVS. Offered: a new file signed by someone else.
const held = itl('held', 'cm1', { cm1: ['SAST', 'CCM+TFTP'], rec1: ['SAST'], tvs1: ['TVS'] });

describe('a phone deciding whether to install the ITL its TFTP offers', () => {
  it('[S125DEF] trusts the first ITL it receives when it holds none (trust on first use)', () => {
    expect(decideTrustList(undefined, itl('new', 'x', { x: ['SAST'] }), [])).toEqual({ accepted: true, via: 'first-use' });
  });

  it('[trust-file-format] never installs a file whose signature does not verify, even on first use', () => {
    const forged = itl('forged', undefined, { x: ['SAST'] }, { failure: 'bad signature' });
    expect(decideTrustList(undefined, forged, [])).toMatchObject({ accepted: false, reason: 'bad-signature' });
  });

  it('[S125DEF] cannot load an ITL of more than 39 certificates (over 64 KB), even from a signer it trusts', () => {
    const big = itl('big', 'rec1', { rec1: ['SAST'] }, { tooLarge: '40 certificates' });
    expect(decideTrustList(held, big, [])).toMatchObject({ accepted: false, reason: 'too-large' });
  });

  it('[S125DEF] accepts a file signed by a SAST certificate of the ITL it holds', () => {
    expect(decideTrustList(held, itl('next', 'rec1', { rec1: ['SAST'] }), [])).toEqual({ accepted: true, via: 'held-sast' });
  });

  it('[S125DEF] a certificate held only with another role (TVS) does not make it a trust-list signer', () => {
    const result = decideTrustList(held, itl('next', 'tvs1', { tvs1: ['SAST'] }), []);
    expect(result).toMatchObject({ accepted: false, reason: 'signer-not-trusted' });
  });

  it('[S125DEF] accepts any new ITL while it holds the empty ITL of Prepare Cluster for Rollback', () => {
    const rollback = itl('rb', 'cm1', {}, { rollback: true });
    expect(decideTrustList(rollback, itl('next', 'other', { other: ['SAST'] }), [])).toEqual({ accepted: true, via: 'rollback-itl' });
  });

  it('[SSECMIG] with a CTL the rollback ITL opens nothing: the new ITL is checked against the CTL (not usable between secure clusters)', () => {
    const rollback = itl('rb', 'cm1', {}, { rollback: true });
    const heldCtl = ctl('ctl', 'rec1', { rec1: ['SAST'] });
    expect(decideTrustList(rollback, itl('next', 'other', { other: ['SAST'] }), [], heldCtl)).toMatchObject({ accepted: false, reason: 'signer-not-trusted' });
    expect(decideTrustList(rollback, itl('next', 'rec1', { rec1: ['SAST'] }), [], heldCtl)).toEqual({ accepted: true, via: 'held-sast' });
  });

  it('[S125DEF] [SBULK] installs an unknown signer when a TVS it trusts vouches for it with the SAST role', () => {
    const result = decideTrustList(held, itl('next', 'cm2', { cm2: ['SAST'] }), [tvs('sub1', 'tvs1', { cm2: ['SAST', 'CCM+TFTP'] })]);
    expect(result).toEqual({ accepted: true, via: 'tvs', tvs: [{ cluster: 'hq', node: 'sub1', outcome: 'vouched', roles: ['SAST', 'CCM+TFTP'] }] });
  });

  it('[SSECMIG] [SBULK] cannot ask a TVS whose certificate is not in its ITL: the handshake fails, the update fails', () => {
    const result = decideTrustList(held, itl('next', 'cm2', { cm2: ['SAST'] }), [tvs('sub1', 'tvs2', { cm2: ['SAST'] })]);
    expect(result).toEqual({ accepted: false, reason: 'signer-not-trusted', tvs: [{ cluster: 'hq', node: 'sub1', outcome: 'handshake-failed', presented: 'tvs2' }] });
  });

  it('[STVSSVC] fails over to the next TVS of its CallManager group when one does not answer', () => {
    const result = decideTrustList(held, itl('next', 'cm2', { cm2: ['SAST'] }), [
      tvs('sub1', 'tvs1', {}, false),
      tvs('pub', 'tvs1', { cm2: ['SAST'] }),
    ]);
    expect(result).toMatchObject({ accepted: true, via: 'tvs', tvs: [{ node: 'sub1', outcome: 'unreachable' }, { node: 'pub', outcome: 'vouched' }] });
  });

  it('[SCN] a TVS that answers without the SAST role settles it: no vouching, Trust List Update Failed', () => {
    const result = decideTrustList(held, itl('next', 'cm2', { cm2: ['SAST'] }), [tvs('sub1', 'tvs1', { cm2: ['APP-SERVER'] }), tvs('pub', 'tvs1', { cm2: ['SAST'] })]);
    expect(result).toMatchObject({ accepted: false, tvs: [{ node: 'sub1', outcome: 'refused', roles: ['APP-SERVER'] }] });
  });

  it('keeps nothing to decide when offered the very file it holds', () => {
    expect(decideTrustList(held, held, [])).toEqual({ accepted: true, via: 'unchanged' });
  });

  describe('with a CTL (mixed mode)', () => {
    // The CTL holds the publisher CallManager and ITLRecovery as SAST, never a TVS certificate [S125CTL].
    const heldCtl = ctl('ctl', 'rec1', { rec1: ['SAST'], cm1: ['SAST'], cm2: ['CCM+TFTP'], capf: ['CAPF'] });

    it('[S125DEF] checks the ITL signer against the CTL too: a SAST of the CTL the ITL lacks is enough', () => {
      const heldItl = itl('held', 'x', { x: ['SAST'], tvs1: ['TVS'] });
      expect(decideTrustList(heldItl, itl('next', 'rec1', { rec1: ['SAST'] }), [], heldCtl)).toEqual({ accepted: true, via: 'held-sast' });
    });

    it('[S125DEF] with a CTL but no ITL does not take the first ITL on trust: a CTL SAST signer is accepted', () => {
      expect(decideTrustList(undefined, itl('first', 'cm1', { cm1: ['SAST'] }), [], heldCtl)).toEqual({ accepted: true, via: 'held-sast' });
    });

    it('[S125DEF] [SSECMIG] with a CTL but no ITL refuses another signer: without ITL TVS records no TVS handshake completes', () => {
      const result = decideTrustList(undefined, itl('first', 'other', { other: ['SAST'] }), [tvs('sub1', 'tvs1', { other: ['SAST'] })], heldCtl);
      expect(result).toEqual({ accepted: false, reason: 'signer-not-trusted', tvs: [{ cluster: 'hq', node: 'sub1', outcome: 'handshake-failed', presented: 'tvs1' }] });
    });

    it('[S125DEF] a CTL record with another role (CCM+TFTP, CAPF) does not make it a trust-list signer', () => {
      expect(decideTrustList(undefined, itl('first', 'cm2', { cm2: ['SAST'] }), [], heldCtl)).toMatchObject({ accepted: false, reason: 'signer-not-trusted' });
      expect(decideTrustList(undefined, itl('first', 'capf', { capf: ['SAST'] }), [], heldCtl)).toMatchObject({ accepted: false, reason: 'signer-not-trusted' });
    });

    it('[S125DEF] [SBULK] with an ITL beside the CTL still asks the TVS of that ITL about an unknown signer', () => {
      const result = decideTrustList(held, itl('next', 'cm9', { cm9: ['SAST'] }), [tvs('sub1', 'tvs1', { cm9: ['SAST'] })], heldCtl);
      expect(result).toEqual({ accepted: true, via: 'tvs', tvs: [{ cluster: 'hq', node: 'sub1', outcome: 'vouched', roles: ['SAST'] }] });
    });
  });
});
