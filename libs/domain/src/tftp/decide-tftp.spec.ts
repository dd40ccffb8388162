import type { ConfigFilePort, TrustFilePort } from '../core/ports';
import { given } from '../test-support/given';
import { node, world } from '../test-support/world';
import { decideTftp, type TftpContext } from './decide-tftp';
import type { TftpEvent } from './tftp-events';
import { evolveTftp, NO_TFTP } from './tftp-state';

/** Signs nothing: the file is named after its signer and records, which is what these specs look at. */
const files: TrustFilePort = { sign: (f) => ({ id: `${f.fileName} by ${f.signer.fingerprint}: ${f.records.map((r) => `${r.role}=${r.fingerprint}`).join(' ')}`, bytes: 'AAAA' }) };
const configs: ConfigFilePort = { sign: (content, signer) => ({ id: '', signature: `${signer.fingerprint}(${content})` }) };

const pub = node('hq', 'pub', ['callmanager', 'tftp', 'tvs', 'capf'], { publisher: true });
const sub1 = node('hq', 'sub1', ['callmanager', 'tftp', 'tvs']);

function context(release: string, on = sub1, extra: Parameters<typeof world>[0] extends infer P ? Partial<P> : never = {}): TftpContext {
  return { world: world({ nodes: [pub, sub1], cluster: { release }, ...extra }), cluster: 'hq', node: on, trustFiles: files, configs };
}

const itlOf = (events: TftpEvent[]) => (events[0] as Extract<TftpEvent, { type: 'ItlResigned' }>).data;

describe('the TFTP decider', () => {
  it('[SREGEN] [S125DEF] up to 11.5 a TFTP node signs its ITL with its own CallManager key, which the ITL carries in its server role (TFTP while non-secure [SPA12]) and as SAST', () => {
    const itl = itlOf(decideTftp(NO_TFTP, { kind: 'build-itl', cause: 'tftp-started' }, context('11.5(1)SU9')));
    expect(itl.signer).toMatchObject({ node: 'sub1', purpose: 'CallManager', fingerprint: 'sub1/CallManager/1' });
    expect(itl.file).toBe('ITLFile.tlv by sub1/CallManager/1: SAST=pub/ITLRecovery/1 TFTP=sub1/CallManager/1 SAST=sub1/CallManager/1 TVS=pub/TVS/1 TVS=sub1/TVS/1 CAPF=pub/CAPF/1');
  });

  it('[SPA12] [S125DEF] in mixed mode the ITL carries the node\'s CallManager as CCM+TFTP, its CallManager-ECDSA beside it with the same role [uncertain]', () => {
    const withEcdsa = { ...sub1, identities: { ...sub1.identities, 'CallManager-ECDSA': { fingerprint: 'sub1/CallManager-ECDSA/1', generation: 1, key: sub1.identities.CallManager.key } } };
    const itl = itlOf(decideTftp(NO_TFTP, { kind: 'build-itl', cause: 'tftp-started' }, { ...context('14SU2', withEcdsa), world: world({ nodes: [pub, withEcdsa], cluster: { release: '14SU2', security: 'mixed' } }) }));
    expect(itl.file).toBe('ITLFile.tlv by pub/ITLRecovery/1: SAST=pub/ITLRecovery/1 CCM+TFTP=sub1/CallManager/1 CCM+TFTP=sub1/CallManager-ECDSA/1 SAST=sub1/CallManager/1 TVS=pub/TVS/1 TVS=sub1/TVS/1 CAPF=pub/CAPF/1');
  });

  it('[S125DEF] assumption itlRecoveryInItlBefore12: a 10.x/11.x ITL lists ITLRecovery only under its default reading', () => {
    const without = itlOf(decideTftp(NO_TFTP, { kind: 'build-itl', cause: 'tftp-started' }, context('11.5(1)SU9', sub1, { assumptions: { itlRecoveryInItlBefore12: false } })));
    expect(without.file).not.toContain('ITLRecovery');
  });

  it('[SREGEN] from 12.0 the cluster\'s ITLRecovery signs every TFTP node\'s ITL', () => {
    expect(itlOf(decideTftp(NO_TFTP, { kind: 'build-itl', cause: 'tftp-started' }, context('12.5(1)SU3'))).signer).toMatchObject({ node: 'pub', purpose: 'ITLRecovery' });
  });

  it('[S125DEF] [SCLI] after `utils itl reset localkey` the publisher\'s CallManager signs the publisher\'s ITL on every TFTP node, until a build in normal mode', () => {
    const reset = decideTftp(NO_TFTP, { kind: 'build-itl', cause: 'utils itl reset localkey', mode: 'reset-localkey' }, context('12.5(1)SU3'));
    expect(itlOf(reset).signer).toMatchObject({ node: 'pub', purpose: 'CallManager' });
    expect(itlOf(reset).file).toContain('TFTP=pub/CallManager/1 SAST=pub/CallManager/1');
    // A rebuild for another reason keeps signing the reset way...
    const afterReset = given(evolveTftp, NO_TFTP, reset);
    const rebuilt = afterReset.when((s) => decideTftp(s, { kind: 'build-itl', cause: 'TVS certificate regenerated on sub1' }, context('12.5(1)SU3')));
    expect(itlOf(rebuilt.result)).toMatchObject({ mode: 'reset-localkey', signer: { purpose: 'CallManager' } });
    // ...until Cisco Tftp restarts (a build in normal mode).
    expect(itlOf(decideTftp(afterReset.state, { kind: 'build-itl', cause: 'Cisco Tftp restarted', mode: 'normal' }, context('12.5(1)SU3'))).signer).toMatchObject({ purpose: 'ITLRecovery' });
  });

  it('[S125DEF] with Prepare Cluster for Rollback to pre-8.0 the ITL keeps only its signer: no TVS, no TFTP certificate', () => {
    const itl = itlOf(decideTftp(NO_TFTP, { kind: 'build-itl', cause: 'rollback' }, context('12.5(1)SU3', sub1, { cluster: { release: '12.5(1)SU3', parameters: { prepareClusterForRollbackToPre80: true } } })));
    expect(itl.file).toBe('ITLFile.tlv by pub/ITLRecovery/1: SAST=pub/ITLRecovery/1 SAST=sub1/CallManager/1');
  });

  it('[SSBD] a configuration file is signed once with the node\'s CallManager key, and again only when that key changes', () => {
    const ask = { kind: 'build-config' as const, configFor: 'hq', group: 'lobby', content: '<device/>' };
    const built = given(evolveTftp, NO_TFTP).when((s) => decideTftp(s, ask, context('14SU2')));
    built.thenMatch([{ type: 'ConfigFileBuilt', data: { configFor: 'hq', group: 'lobby', signer: 'sub1/CallManager/1', signature: 'sub1/CallManager/1(<device/>)' } }]);
    given(evolveTftp, NO_TFTP, built.result).when((s) => decideTftp(s, ask, context('14SU2'))).thenNothing();
    const regenerated = { ...sub1, identities: { ...sub1.identities, CallManager: { ...sub1.identities.CallManager, fingerprint: 'sub1/CallManager/2' } } };
    given(evolveTftp, NO_TFTP, built.result)
      .when((s) => decideTftp(s, ask, context('14SU2', regenerated)))
      .thenMatch([{ type: 'ConfigFileBuilt', data: { signer: 'sub1/CallManager/2' } }]);
  });

  it('[chapter] after a CA-signed tomcat upload TFTP keeps offering its cached certificate until it reloads', () => {
    const uploaded = given(evolveTftp, NO_TFTP).when((s) => decideTftp(s, { kind: 'tomcat-uploaded', previous: 'self-signed', current: 'ca-signed' }, context('14SU2')));
    uploaded.thenMatch([{ type: 'TftpOffersCachedTomcatCertificate', data: { offered: 'self-signed', current: 'ca-signed' } }]);
    // A second upload before the restart still offers the first cached one.
    const second = given(evolveTftp, NO_TFTP, uploaded.result).when((s) => decideTftp(s, { kind: 'tomcat-uploaded', previous: 'ca-signed', current: 'ca-signed-2' }, context('14SU2')));
    second.thenMatch([{ type: 'TftpOffersCachedTomcatCertificate', data: { offered: 'self-signed' } }]);
    given(evolveTftp, NO_TFTP, uploaded.result)
      .when((s) => decideTftp(s, { kind: 'tomcat-reloaded', current: 'ca-signed', cause: 'Cisco Tftp restarted' }, context('14SU2')))
      .then([{ type: 'TftpTomcatCertificateReloaded', data: { offered: 'ca-signed', was: 'self-signed', cause: 'Cisco Tftp restarted' } }]);
    given(evolveTftp, NO_TFTP)
      .when((s) => decideTftp(s, { kind: 'tomcat-reloaded', current: 'ca-signed', cause: 'Cisco Tftp restarted' }, context('14SU2')))
      .thenNothing();
  });
});
