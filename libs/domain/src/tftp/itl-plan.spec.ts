import { parseRelease } from '../release/release';
import { changeRebuildsItl, isRollbackItl, phoneSastTrustItlRecords, ItlContext, itlListsItlRecovery, itlRecords, itlServerRole, itlSigner, rollbackItlRecords, rollbackParameterResetsPhones } from './itl-plan';

const cert = (node: string, purpose: string) => ({ fingerprint: `${node}-${purpose}`, node, purpose });
const context = (release: string, security: ItlContext['security'] = 'non-secure', itlRecoveryInItlBefore12 = true): ItlContext => ({ release: parseRelease(release), security, itlRecoveryInItlBefore12 });
const contents = {
  callManager: cert('sub1', 'CallManager'),
  itlRecovery: cert('pub', 'ITLRecovery'),
  tvs: [cert('pub', 'TVS'), cert('sub1', 'TVS')],
  capf: cert('pub', 'CAPF'),
};
const listed = (records: ReturnType<typeof itlRecords>) => records.map((r) => `${r.certificate.fingerprint}:${r.role}`);

describe('the ITL a TFTP node builds', () => {
  it('[S125DEF §4.2] [SPA12] holds ITLRecovery, its own CallManager twice (TFTP and SAST in a non-secure cluster), every TVS, and CAPF', () => {
    expect(listed(itlRecords(contents, context('12.5(1)SU3')))).toEqual([
      'pub-ITLRecovery:SAST',
      'sub1-CallManager:TFTP',
      'sub1-CallManager:SAST',
      'pub-TVS:TVS',
      'sub1-TVS:TVS',
      'pub-CAPF:CAPF',
    ]);
  });

  it('[SPA12] [S125DEF] gives its own CallManager the TFTP role while non-secure and CCM+TFTP in mixed mode', () => {
    expect(itlServerRole('non-secure')).toBe('TFTP');
    expect(itlServerRole('mixed')).toBe('CCM+TFTP');
    expect(listed(itlRecords(contents, context('14SU2', 'mixed')))).toContain('sub1-CallManager:CCM+TFTP');
  });

  it('[chapter] [S125DEF] [SUCM-NZ] [uncertain] lists its CallManager-ECDSA beside its CallManager with the same role, never as SAST', () => {
    const records = listed(itlRecords({ ...contents, callManagerEcdsa: cert('sub1', 'CallManager-ECDSA') }, context('14SU2', 'mixed')));
    expect(records.slice(1, 4)).toEqual(['sub1-CallManager:CCM+TFTP', 'sub1-CallManager-ECDSA:CCM+TFTP', 'sub1-CallManager:SAST']);
    expect(listed(itlRecords({ ...contents, callManagerEcdsa: cert('sub1', 'CallManager-ECDSA') }, context('11.5(1)SU9')))).toContain('sub1-CallManager-ECDSA:TFTP');
  });

  it('[S125DEF] [SITL10] lists ITLRecovery from 12.0; on 10.x/11.x as assumption itlRecoveryInItlBefore12 says; never before 10.0', () => {
    expect(itlListsItlRecovery(parseRelease('12.0(1)'), false)).toBe(true);
    expect(itlListsItlRecovery(parseRelease('11.5(1)SU9'), true)).toBe(true);
    expect(itlListsItlRecovery(parseRelease('11.5(1)SU9'), false)).toBe(false);
    expect(itlListsItlRecovery(parseRelease('9.1(2)'), true)).toBe(false);
    expect(listed(itlRecords(contents, context('10.5(2)', 'non-secure', false)))).not.toContain('pub-ITLRecovery:SAST');
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
    const records = itlRecords({ callManager: cert('pub', 'CallManager'), itlRecovery: cert('pub', 'ITLRecovery'), tvs: [cert('pub', 'TVS')] }, context('12.5(1)SU3'));
    const rollback = rollbackItlRecords(records);
    expect(rollback.map((r) => r.role)).toEqual(['SAST', 'SAST']);
    expect(isRollbackItl(rollback.map((r) => new Set([r.role])))).toBe(true);
    expect(isRollbackItl(records.map((r) => new Set([r.role])))).toBe(false);
  });

  it('[S125DEF] from 10.5 enabling the rollback parameter resets phones by itself', () => {
    expect(rollbackParameterResetsPhones(parseRelease('10.5(1)'))).toBe(true);
    expect(rollbackParameterResetsPhones(parseRelease('10.0(1)'))).toBe(false);
  });

  it('[S125DEF §4.4] a change of CallManager (or CallManager-ECDSA, which it lists), TVS, CAPF or ITLRecovery rebuilds it; tomcat does not', () => {
    expect(['CallManager', 'CallManager-ECDSA', 'TVS', 'CAPF', 'ITLRecovery'].every(changeRebuildsItl)).toBe(true);
    expect(changeRebuildsItl('tomcat')).toBe(false);
  });
});

describe('Phone-SAST-trust in the ITL (assumption itlCarriesPhoneSastTrust)', () => {
  it('[S125DEF] [SREGEN] not by default: the documented ITL lists ITLRecovery, the TFTP server\'s CallManager, every TVS and CAPF', () => {
    expect(phoneSastTrustItlRecords(['other-cm', 'other-rec'], false)).toEqual([]);
  });

  it('[S125DEF] [S125CTL] under the other reading, each as SAST, as the CTL lists them', () => {
    expect(phoneSastTrustItlRecords(['other-cm', 'other-rec'], true)).toEqual([
      { fingerprint: 'other-cm', role: 'SAST' },
      { fingerprint: 'other-rec', role: 'SAST' },
    ]);
  });
});
