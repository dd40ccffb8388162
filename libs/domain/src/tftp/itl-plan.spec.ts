import { parseRelease } from '../release/release';
import { changeRebuildsItl, isRollbackItl, itlRecords, itlSigner, rollbackItlRecords, rollbackParameterResetsPhones } from './itl-plan';

const cert = (node: string, purpose: string) => ({ fingerprint: `${node}-${purpose}`, node, purpose });

describe('the ITL a TFTP node builds', () => {
  it('[S125DEF §4.2] holds ITLRecovery, its own CallManager twice (CCM+TFTP and SAST), every TVS, and CAPF', () => {
    const records = itlRecords({
      callManager: cert('sub1', 'CallManager'),
      itlRecovery: cert('pub', 'ITLRecovery'),
      tvs: [cert('pub', 'TVS'), cert('sub1', 'TVS')],
      capf: cert('pub', 'CAPF'),
    });
    expect(records.map((r) => `${r.certificate.fingerprint}:${r.role}`)).toEqual([
      'pub-ITLRecovery:SAST',
      'sub1-CallManager:CCM+TFTP',
      'sub1-CallManager:SAST',
      'pub-TVS:TVS',
      'sub1-TVS:TVS',
      'pub-CAPF:CAPF',
    ]);
  });

  it('[SREGEN] is signed by the node\'s CallManager up to 11.5 and by ITLRecovery from 12.0', () => {
    expect(itlSigner(parseRelease('11.5(1)SU9'), 'normal')).toEqual({ purpose: 'CallManager', publisherOnly: false });
    expect(itlSigner(parseRelease('12.5(1)SU3'), 'normal')).toEqual({ purpose: 'ITLRecovery', publisherOnly: true });
  });

  it('[S125DEF] [SCLI] after utils itl reset localkey the publisher\'s CallManager key signs, whatever the release', () => {
    expect(itlSigner(parseRelease('14SU2'), 'reset-localkey')).toEqual({ purpose: 'CallManager', publisherOnly: true });
  });

  it('[SCLI] after utils itl reset remotekey the imported ITLRecovery key signs, whatever the release', () => {
    expect(itlSigner(parseRelease('11.5(1)SU9'), 'reset-remotekey')).toEqual({ purpose: 'ITLRecovery', publisherOnly: true });
    expect(itlSigner(parseRelease('14SU2'), 'reset-remotekey')).toEqual({ purpose: 'ITLRecovery', publisherOnly: true });
  });

  it('[S125DEF] the rollback ITL keeps only its signer: empty TVS and TFTP sections, recognised as such', () => {
    const records = itlRecords({ callManager: cert('pub', 'CallManager'), itlRecovery: cert('pub', 'ITLRecovery'), tvs: [cert('pub', 'TVS')] });
    const rollback = rollbackItlRecords(records);
    expect(rollback.map((r) => r.role)).toEqual(['SAST', 'SAST']);
    expect(isRollbackItl(rollback.map((r) => new Set([r.role])))).toBe(true);
    expect(isRollbackItl(records.map((r) => new Set([r.role])))).toBe(false);
  });

  it('[S125DEF] from 10.5 enabling the rollback parameter resets phones by itself', () => {
    expect(rollbackParameterResetsPhones(parseRelease('10.5(1)'))).toBe(true);
    expect(rollbackParameterResetsPhones(parseRelease('10.0(1)'))).toBe(false);
  });

  it('[S125DEF §4.4] a change of CallManager, TVS, CAPF or ITLRecovery rebuilds it; tomcat does not', () => {
    expect(['CallManager', 'TVS', 'CAPF', 'ITLRecovery'].every(changeRebuildsItl)).toBe(true);
    expect(changeRebuildsItl('tomcat')).toBe(false);
  });
});
