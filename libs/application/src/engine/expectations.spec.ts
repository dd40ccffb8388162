/**
 * Issue 20 item 2: no expectation can pass without having checked something. For every expectation kind,
 * inputs where it must fail — each fact wrong on its own, nothing selected, nothing to look at — beside
 * one where it holds, so a check that always answers the same way is caught.
 */
import type { NodeState, PhoneOutcome, World } from '@trustsim/domain';
import type { CertificateInfo } from '@trustsim/pki';
import type { EventsExpectation, IdentityExpectation, PhoneExpectation, StoreExpectation, UploadExpectation } from '@trustsim/scenarios';
import { isRecordedEventType } from '../run/event-catalogue';
import { checkEventsExpectation, checkPhoneExpectation, checkStoreExpectation, checkUploadExpectation, storeContent, type StoreContent } from './expectations';
import { checkIdentityExpectation, nameMatches, signatureHash, type IdentityWorld } from './identity-expectations';

const loc = { file: 's.yaml', line: 1, column: 1 };

describe('phones:', () => {
  const outcome = (name: string, status: PhoneOutcome['status']): PhoneOutcome => ({ name, group: 'lobby', cluster: 'hq', model: 'CP-8845', status, registration: 'secure', needsManualTrustListDelete: false });
  const phones = [outcome('SEP000000000001', 'trusted'), outcome('SEP000000000002', 'locked')];
  const check = (e: Omit<PhoneExpectation, 'kind' | 'loc'>) => checkPhoneExpectation({ kind: 'phones', loc, ...e }, phones).passed;

  it('fails when a selected phone lacks the fact, holds when every one has it', () => {
    expect(check({ phones: { all: true }, status: 'trusted' })).toBe(false);
    expect(check({ phones: { names: ['SEP000000000001'] }, status: 'trusted' })).toBe(true);
  });

  it('fails when nothing is selected, with or without a count (a count over nothing counts nothing)', () => {
    expect(check({ phones: { group: 'nobody' }, status: 'trusted' })).toBe(false);
    expect(check({ phones: { group: 'nobody' }, status: 'locked', count: { equals: 0 } })).toBe(false);
    expect(check({ phones: { cluster: 'dr' }, status: 'locked', count: { atMost: 0 } })).toBe(false);
  });

  it('a count fails when the number of matching phones is not the one asked', () => {
    expect(check({ phones: { all: true }, status: 'locked', count: { equals: 2 } })).toBe(false);
    expect(check({ phones: { all: true }, status: 'locked', count: { atLeast: 2 } })).toBe(false);
    expect(check({ phones: { all: true }, status: 'trusted', count: { atMost: 0 } })).toBe(false);
    expect(check({ phones: { all: true }, status: 'locked', count: { equals: 1 } })).toBe(true);
  });
});

describe('store:', () => {
  const trust: StoreContent = { kind: 'trust', entries: new Map([['Corp Root CA', { serialHex: 'ab' }]]) };
  const identity: StoreContent = { kind: 'identity', entries: new Map([['pub', { serialHex: '5241ac' }]]) };
  const check = (e: Omit<StoreExpectation, 'kind' | 'loc' | 'cluster' | 'node'>, content: StoreContent) =>
    checkStoreExpectation({ kind: 'store', loc, cluster: 'hq', node: 'pub', ...e }, () => content);

  it('a trust store: contains fails when absent or of another serial, lacks fails when present', () => {
    expect(check({ store: 'tomcat-trust', contains: 'Other CA' }, trust).passed).toBe(false);
    expect(check({ store: 'tomcat-trust', contains: 'Corp Root CA', serial: 'cd' }, trust).passed).toBe(false);
    expect(check({ store: 'tomcat-trust', lacks: 'Corp Root CA' }, trust).passed).toBe(false);
    expect(check({ store: 'tomcat-trust', contains: 'Corp Root CA', serial: 'AB' }, trust).passed).toBe(true);
  });

  it("[issue 20] an identity purpose is the node's identity certificate: `store: CallManager, lacks: pub` fails on pub", () => {
    const result = check({ store: 'CallManager', lacks: 'pub' }, identity);
    expect(result).toMatchObject({ passed: false, detail: 'hq/pub CallManager (identity certificate) holds pub with serial 5241ac' });
    expect(check({ store: 'CallManager', contains: 'pub', serial: '00:52:41:ac' }, identity).passed).toBe(true);
    expect(check({ store: 'CallManager', contains: 'pub', serial: '01' }, identity).passed).toBe(false);
    expect(check({ store: 'CallManager', contains: 'pub-ms.hq.example.com' }, identity).passed).toBe(false);
  });

  it("storeContent reads an identity purpose from the node's identities, a trust store from its trust stores", () => {
    const certificates: Record<string, { commonName: string; serialHex: string }> = { id: { commonName: 'pub', serialHex: '5241ac' }, root: { commonName: 'Corp Root CA', serialHex: 'ab' } };
    const world = {
      node: () => ({ identities: { CallManager: { fingerprint: 'id' } }, stores: { 'CallManager-trust': { 'Corp Root CA': 'root' } } }),
      certificate: (fp: string) => certificates[fp],
    } as unknown as World;
    expect(storeContent(world, 'hq', 'pub', 'CallManager')).toEqual({ kind: 'identity', entries: new Map([['pub', certificates.id]]) });
    expect(storeContent(world, 'hq', 'pub', 'CallManager-trust')).toEqual({ kind: 'trust', entries: new Map([['Corp Root CA', certificates.root]]) });
    expect(storeContent(world, 'hq', 'pub', 'CAPF').entries.size).toBe(0);
  });
});

describe('upload:', () => {
  const check = (upload: UploadExpectation['upload'], uploads: { node: string; accepted: boolean; reason?: string }[]) =>
    checkUploadExpectation({ kind: 'upload', upload, loc }, uploads as never).passed;

  it('fails on the other outcome, on any node of several, and when no upload ran', () => {
    expect(check('accepted', [{ node: 'pub', accepted: false, reason: 'chain-incomplete' }])).toBe(false);
    expect(check('rejected', [{ node: 'pub', accepted: true }])).toBe(false);
    expect(check('accepted', [{ node: 'pub', accepted: true }, { node: 'sub1', accepted: false, reason: 'x' }])).toBe(false);
    expect(check('accepted', [])).toBe(false);
    expect(check('rejected', [])).toBe(false);
    expect(check('accepted', [{ node: 'pub', accepted: true }])).toBe(true);
  });
});

describe('events:', () => {
  const counts = new Map([['CertRegenerated', 2]]);
  const check = (type: string, count: EventsExpectation['count']) => checkEventsExpectation({ kind: 'events', type, count, loc }, counts, isRecordedEventType);

  it('fails when the count differs', () => {
    expect(check('CertRegenerated', { equals: 1 }).passed).toBe(false);
    expect(check('CertRegenerated', { atLeast: 3 }).passed).toBe(false);
    expect(check('CertRegenerated', { atMost: 1 }).passed).toBe(false);
    expect(check('CsrGenerated', { atLeast: 1 }).passed).toBe(false);
    expect(check('CertRegenerated', 2).passed).toBe(true);
  });

  it('[issue 20] fails for a type trustsim never records, even `count: 0` (it would hold whatever happened)', () => {
    expect(check('CertificateRegenerated', { equals: 0 })).toMatchObject({ passed: false, detail: expect.stringMatching(/records no event of type CertificateRegenerated/) });
    expect(check('CertificateRegenerated', { atMost: 5 }).passed).toBe(false);
    expect(check('CsrGenerated', { equals: 0 }).passed).toBe(true);
  });
});

describe('identity:', () => {
  const certificate = (over: Partial<CertificateInfo> = {}): CertificateInfo =>
    ({
      commonName: 'pub-ms.hq.example.com',
      subject: { CN: 'pub-ms.hq.example.com', OU: 'Voice', O: 'hq' },
      issuer: { CN: 'Corp Root CA', O: 'trustsim test CA' },
      selfSigned: false,
      serialHex: '1c39fb',
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      subjectAltNames: ['pub-ms.hq.example.com', 'pub.hq.example.com', 'sub1.hq.example.com'],
      ...over,
    }) as CertificateInfo;
  const nodeState = (name: string, identities: NodeState['identities'], pendingCsrs: NodeState['pendingCsrs'] = {}): NodeState => ({
    cluster: 'hq',
    name,
    publisher: name === 'pub',
    services: ['callmanager'],
    fqdn: `${name}.hq.example.com`,
    ip: '10.10.0.10',
    powered: true,
    identities,
    stores: {},
    pendingCsrs,
  });
  const key = { label: 'k', kind: 'rsa' as const, size: 2048 };
  const ms = { fingerprint: 'ms', generation: 2, key };
  const own = { fingerprint: 'own', generation: 1, key };
  const certificates: Record<string, CertificateInfo> = {
    ms: certificate(),
    own: certificate({ commonName: 'sub1', subject: { CN: 'sub1', OU: 'Voice', O: 'hq' }, issuer: { CN: 'sub1', OU: 'Voice', O: 'hq' }, selfSigned: true, subjectAltNames: ['sub1.hq.example.com'], keyType: 'EC', keyBits: 384, signatureAlgorithm: 'ecdsa-with-SHA384' }),
  };
  const world: IdentityWorld = {
    nodes: [nodeState('pub', { tomcat: ms }), nodeState('sub1', { tomcat: ms, 'tomcat-ECDSA': own })],
    certificate: (fp) => certificates[fp],
  };
  const check = (e: Partial<IdentityExpectation>) => checkIdentityExpectation({ kind: 'identity', loc, cluster: 'hq', nodes: { all: true }, purpose: 'tomcat', ...e } as IdentityExpectation, world);

  it('holds when every selected node has every fact', () => {
    expect(check({ subject: 'pub-ms.hq.example.com', issuer: 'Corp Root CA', selfSigned: false, serial: '00:1C:39:FB', keyType: 'RSA', keyLength: 2048, hash: 'SHA256', multiServer: true, generation: 2, pendingCsr: 'none' }).passed).toBe(true);
    expect(check({ nodes: { names: ['sub1'] }, purpose: 'tomcat-ECDSA', subject: 'CN=sub1, O=hq', selfSigned: true, keyType: 'EC', keyLength: 384, hash: 'SHA384', multiServer: false }).passed).toBe(true);
  });

  it.each<[string, Partial<IdentityExpectation>]>([
    ['subject (common name)', { subject: 'pub' }],
    ['subject (DN)', { subject: 'CN=pub-ms.hq.example.com, O=dr' }],
    ['subject (DN that does not parse)', { subject: 'CN=x, =' }],
    ['issuer', { issuer: 'Other CA' }],
    ['selfSigned', { selfSigned: true }],
    ['serial', { serial: '1c39fc' }],
    ['keyType', { keyType: 'EC' }],
    ['keyLength', { keyLength: 3072 }],
    ['hash', { hash: 'SHA384' }],
    ['multiServer', { multiServer: false }],
    ['generation', { generation: 1 }],
    ['pendingCsr: pending', { pendingCsr: {} }],
  ])('fails when %s is not the certificate\'s', (_fact, e) => {
    expect(check(e).passed).toBe(false);
  });

  it('fails on a node without that certificate, and when no node is selected', () => {
    expect(check({ purpose: 'tomcat-ECDSA', keyType: 'EC' })).toMatchObject({ passed: false, detail: expect.stringMatching(/^pub has no tomcat-ECDSA certificate/) });
    expect(check({ nodes: { names: ['sub9'] }, keyType: 'RSA' }).passed).toBe(false);
  });

  it('reads names and hashes as the Certificate List shows them', () => {
    expect(nameMatches('Corp Root CA', { CN: 'Corp Root CA', O: 'x' })).toBe(true);
    expect(nameMatches('CN=Corp Root CA', { CN: 'Corp Root CA', O: 'x' })).toBe(true);
    expect(nameMatches('cn=Corp Root CA, o=x', { CN: 'Corp Root CA', O: 'x' })).toBe(true);
    expect(nameMatches('corp root ca', { CN: 'Corp Root CA' })).toBe(false);
    expect(signatureHash('sha384WithRSAEncryption')).toBe('SHA384');
    expect(signatureHash('ecdsa-with-SHA512')).toBe('SHA512');
    expect(signatureHash('sha1WithRSAEncryption')).toBe('SHA1');
  });
});
