import { parseRelease } from '../release/release';
import { CtlContentsInput, CtlRecordPlan, CtlServer, ctlKindAfterUpgrade, ctlKindUnavailable, ctlRecords, ctlRecordsCarryCertificateSignature, ctlServerRole, ctlSigner, defaultCtlKind } from './ctl-plan';

const cert = (node: string, purpose: string) => ({ fingerprint: `${node}-${purpose}`, node, purpose });
const server = (node: string, over: Partial<CtlServer> = {}): CtlServer => ({ node, callManager: cert(node, 'CallManager'), runsCallManager: true, runsTftp: true, ...over });
const input: CtlContentsInput = {
  publisherCallManager: cert('pub', 'CallManager'),
  servers: [server('pub', { capf: cert('pub', 'CAPF') }), server('sub1')],
  itlRecovery: cert('pub', 'ITLRecovery'),
  phoneSast: [cert('other', 'CallManager')],
};
const listed = (records: CtlRecordPlan[]) => records.map((r) => ('certificate' in r ? `${r.certificate.fingerprint}:${r.role}` : `stub ${r.stubOf}:${r.role}`));

describe('the tokenless CTL (mixed mode)', () => {
  it('[S125CTL] [SREGEN] is signed by CallManager up to 11.5 and by ITLRecovery from 12.0', () => {
    expect(ctlSigner(parseRelease('11.5(1)SU9'), 'normal')).toBe('CallManager');
    expect(ctlSigner(parseRelease('12.0(1)'), 'normal')).toBe('ITLRecovery');
  });

  it('[S125DEF] [chapter] after utils ctl reset localkey the CallManager key signs until the next update', () => {
    expect(ctlSigner(parseRelease('14SU2'), 'reset-localkey')).toBe('CallManager');
  });

  it('[S125CTL] carries ITLRecovery as a second SAST from 10.5(2), never TVS, and Phone-SAST-trust as SAST', () => {
    const roles = listed(ctlRecords(parseRelease('12.5(1)SU3'), input));
    expect(roles).toEqual(['pub-CallManager:SAST', 'pub-ITLRecovery:SAST', 'pub-CallManager:CCM+TFTP', 'pub-CAPF:CAPF', 'sub1-CallManager:CCM+TFTP', 'other-CallManager:SAST']);
    expect(listed(ctlRecords(parseRelease('10.5(1)'), input)).some((r) => r.includes('ITLRecovery'))).toBe(false);
    expect(roles.some((r) => r.includes('TVS'))).toBe(false);
  });

  it('[STOKENLESS] on 10.5(1), two nodes: SAST and CCM+TFTP of the publisher, CAPF, CCM+TFTP of the subscriber — the published record set, roles and order', () => {
    expect(listed(ctlRecords(parseRelease('10.5(1)'), { ...input, phoneSast: [] }))).toEqual([
      'pub-CallManager:SAST',
      'pub-CallManager:CCM+TFTP',
      'pub-CAPF:CAPF',
      'sub1-CallManager:CCM+TFTP',
    ]);
  });

  it('[SREGEN] [S125CTL] gives a TFTP-only node the TFTP role, a CallManager-only node CCM [uncertain], a node with neither no entry', () => {
    expect(ctlServerRole({ runsCallManager: true, runsTftp: true })).toBe('CCM+TFTP');
    expect(ctlServerRole({ runsCallManager: false, runsTftp: true })).toBe('TFTP');
    expect(ctlServerRole({ runsCallManager: true, runsTftp: false })).toBe('CCM');
    expect(ctlServerRole({ runsCallManager: false, runsTftp: false })).toBeUndefined();
    const servers = [server('pub', { runsTftp: false }), server('tftp1', { runsCallManager: false }), server('db1', { runsCallManager: false, runsTftp: false })];
    expect(listed(ctlRecords(parseRelease('14SU2'), { ...input, servers, phoneSast: [] })).slice(2)).toEqual(['pub-CallManager:CCM', 'tftp1-CallManager:TFTP']);
  });

  it('[chapter] [SUCM-NZ] [uncertain] from 11.0 lists each node\'s CallManager-ECDSA beside its CallManager with the same role', () => {
    const servers = [server('pub', { callManagerEcdsa: cert('pub', 'CallManager-ECDSA') }), server('sub1', { callManagerEcdsa: cert('sub1', 'CallManager-ECDSA'), runsTftp: false })];
    expect(listed(ctlRecords(parseRelease('14SU2'), { ...input, servers, phoneSast: [] }))).toEqual([
      'pub-CallManager:SAST',
      'pub-ITLRecovery:SAST',
      'pub-CallManager:CCM+TFTP',
      'pub-CallManager-ECDSA:CCM+TFTP',
      'sub1-CallManager:CCM',
      'sub1-CallManager-ECDSA:CCM',
    ]);
  });

  it('[SNONSECURE] after non-secure mode keeps every SAST and CAPF, and leaves one stub (no certificate) per server entry', () => {
    const servers = [server('pub', { capf: cert('pub', 'CAPF'), callManagerEcdsa: cert('pub', 'CallManager-ECDSA') }), server('sub1')];
    expect(listed(ctlRecords(parseRelease('14SU2'), { ...input, servers }, 'tokenless', 'non-secure'))).toEqual([
      'pub-CallManager:SAST',
      'pub-ITLRecovery:SAST',
      'stub pub:CCM+TFTP',
      'pub-CAPF:CAPF',
      'stub sub1:CCM+TFTP',
      'other-CallManager:SAST',
    ]);
  });

  it('[STOKENLESS] [SNONSECURE] carries the certificates\' SIGNATURE element when CUCM writes it (tokenless), not when the CTL client does', () => {
    expect(ctlRecordsCarryCertificateSignature('tokenless')).toBe(true);
    expect(ctlRecordsCarryCertificateSignature('token')).toBe(false);
  });
});

describe('the token-based CTL (CTL client, USB eTokens)', () => {
  const tokens = [cert('etoken', 'Token1'), cert('etoken', 'Token2')] as const;
  const sasts = (release: string) =>
    listed(ctlRecords(parseRelease(release), { ...input, tokens }, 'token').filter((r) => r.role === 'SAST')).map((r) => r.replace(':SAST', ''));

  it('[SNONSECURE] the token CTL after non-secure mode: both tokens, stubs for the servers, CAPF in place', () => {
    expect(listed(ctlRecords(parseRelease('10.0(1)'), { ...input, tokens, phoneSast: [] }, 'token', 'non-secure'))).toEqual([
      'etoken-Token1:SAST',
      'etoken-Token2:SAST',
      'stub pub:CCM+TFTP',
      'pub-CAPF:CAPF',
      'stub sub1:CCM+TFTP',
    ]);
  });

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
