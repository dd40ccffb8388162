import type { CertificateInfo } from '@trustsim/pki';
import {
  decideIdentityUpload,
  type ChainEntry,
  type IdentityClusterView,
  type IdentityNodeView,
  type IdentityUploadContext,
  type NodeKey,
} from './identity-upload-rules';
import { issuedBy, key, NOW, selfSigned } from './spec-support';

const root = selfSigned('corp-root', { CN: 'Corp Root CA', O: 'Corp' });
const issuing = issuedBy(root, 'corp-root', 'corp-issuing', { CN: 'Corp Issuing CA', O: 'Corp' }, {
  serial: '10',
  notBefore: '2020-06-01T00:00:00Z',
  notAfter: '2034-01-01T00:00:00Z',
  extensions: { basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'] },
});
const CAPF_EXTENSIONS = { basicConstraints: { ca: true, pathLen: 0 }, keyUsage: ['digitalSignature', 'keyCertSign'] } as const;

const spki = (label: string) => key(label).spkiDer;
const trusted = (...certificates: CertificateInfo[]): ReadonlyMap<string, ChainEntry> => new Map(certificates.map((c) => [c.commonName, c]));

function node(name: string, keys: Record<string, NodeKey>, trustStores: Record<string, ReadonlyMap<string, ChainEntry>> = {}): IdentityNodeView {
  return {
    name,
    addresses: [name, `${name}.example.com`],
    keys: new Map(Object.entries(keys)),
    trustStores: new Map(Object.entries({ 'tomcat-trust': trusted(root, issuing), 'CallManager-trust': trusted(root), 'CAPF-trust': trusted(root), ...trustStores })),
  };
}

function cluster(overrides: Partial<Record<'cucm-pub' | 'cucm-sub1' | 'cucm-sub2', IdentityNodeView>> = {}): IdentityClusterView {
  return {
    publisher: 'cucm-pub',
    nodes: [
      overrides['cucm-pub'] ??
        node('cucm-pub', {
          tomcat: { current: spki('pub-tomcat'), csr: spki('pub-tomcat-ms-csr') },
          CallManager: { current: spki('pub-cm') },
          CAPF: { current: spki('pub-capf') },
          ipsec: { current: spki('pub-ipsec') },
        }),
      overrides['cucm-sub1'] ?? node('cucm-sub1', { tomcat: { current: spki('sub1-tomcat') }, CAPF: { current: spki('sub1-capf') } }),
      overrides['cucm-sub2'] ?? node('cucm-sub2', { tomcat: { current: spki('sub2-tomcat') } }),
    ],
  };
}

const ctx: IdentityUploadContext = { now: NOW };
const sub1Tomcat = issuedBy(issuing, 'corp-issuing', 'sub1-tomcat', { CN: 'cucm-sub1.example.com' }, { extensions: { subjectAltNames: ['cucm-sub1.example.com'], keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'] } });

describe('uploading a CA-signed identity certificate', () => {
  it('[chapter] takes a tomcat certificate with the node\'s key and its chain in tomcat-trust; TFTP restarts or it keeps serving the cached self-signed one', () => {
    const result = decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-sub1' }, { file: sub1Tomcat.pem, certificate: sub1Tomcat }, cluster(), ctx);
    expect(result).toMatchObject({
      accepted: true,
      purpose: 'tomcat',
      nodes: ['cucm-sub1'],
      multiServer: false,
      followUps: [
        { kind: 'restart', service: 'tomcat', nodes: ['cucm-sub1'] },
        { kind: 'restart', service: 'tftp', nodes: ['cucm-sub1'], why: 'else TFTP keeps offering the old cached self-signed tomcat certificate' },
      ],
      warnings: [],
    });
  });

  it('[chapter] with SIP OAuth on, CallManager restarts after a tomcat upload too', () => {
    const result = decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-sub1' }, { certificate: sub1Tomcat }, cluster(), { ...ctx, sipOAuth: true });
    expect(result.accepted && result.followUps.map((f) => 'service' in f && f.service)).toEqual(['tomcat', 'tftp', 'callmanager']);
  });

  it('[chapter] refuses a certificate for another key than the node\'s CSR', () => {
    const stranger = issuedBy(issuing, 'corp-issuing', 'someone-else', { CN: 'cucm-sub1.example.com' });
    const result = decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-sub1' }, { certificate: stranger }, cluster(), ctx);
    expect(result).toMatchObject({ accepted: false, code: 'public-key-mismatch' });
    expect('reason' in result && result.reason).toMatch(/does not carry the public key of cucm-sub1's current tomcat certificate \(no CSR is pending\).*Generate a CSR/);
  });

  it('[chapter] once a CSR is pending, only a certificate for the CSR\'s key is taken', () => {
    const withCsr = cluster({ 'cucm-sub1': node('cucm-sub1', { tomcat: { current: spki('sub1-tomcat'), csr: spki('sub1-tomcat-csr') } }) });
    expect(decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-sub1' }, { certificate: sub1Tomcat }, withCsr, ctx)).toMatchObject({ code: 'public-key-mismatch' });
    const answer = issuedBy(issuing, 'corp-issuing', 'sub1-tomcat-csr', { CN: 'cucm-sub1.example.com' });
    expect(decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-sub1' }, { certificate: answer }, withCsr, ctx)).toMatchObject({ accepted: true });
  });

  it('[chapter] refuses it while the CA root is missing from tomcat-trust: root first, then the signed certificate', () => {
    const noRoot = cluster({ 'cucm-sub1': node('cucm-sub1', { tomcat: { current: spki('sub1-tomcat') } }, { 'tomcat-trust': trusted(issuing) }) });
    const result = decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-sub1' }, { certificate: sub1Tomcat }, noRoot, ctx);
    expect(result).toMatchObject({ accepted: false, code: 'chain-incomplete' });
    expect('reason' in result && result.reason).toMatch(/issued by "Corp Root CA", which is not in tomcat-trust on cucm-sub1: upload the CA's root/);
  });

  it('[chapter] refuses an issuer of the same name with another key', () => {
    const impostor = selfSigned('impostor', { CN: 'Corp Issuing CA', O: 'Corp' });
    const wrong = cluster({ 'cucm-sub1': node('cucm-sub1', { tomcat: { current: spki('sub1-tomcat') } }, { 'tomcat-trust': trusted(root, impostor) }) });
    expect(decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-sub1' }, { certificate: sub1Tomcat }, wrong, ctx)).toMatchObject({ code: 'chain-incomplete' });
  });

  describe('CAPF', () => {
    const capf = issuedBy(root, 'corp-root', 'pub-capf', { CN: 'CAPF-1a2b3c4d', OU: 'Voice' }, { extensions: CAPF_EXTENSIONS });

    it('[chapter] needs the CA root in CAPF-trust and in CallManager-trust, then CAPF restarts', () => {
      const onlyCallManagerTrust = cluster({
        'cucm-pub': node('cucm-pub', { CAPF: { current: spki('pub-capf') } }, { 'CAPF-trust': trusted() }),
      });
      const refused = decideIdentityUpload({ purpose: 'CAPF', node: 'cucm-pub' }, { certificate: capf }, onlyCallManagerTrust, ctx);
      expect(refused).toMatchObject({ accepted: false, code: 'chain-incomplete' });
      expect('reason' in refused && refused.reason).toMatch(/not in CAPF-trust/);
      const onlyCapfTrust = cluster({
        'cucm-pub': node('cucm-pub', { CAPF: { current: spki('pub-capf') } }, { 'CallManager-trust': trusted() }),
      });
      const refusedToo = decideIdentityUpload({ purpose: 'CAPF', node: 'cucm-pub' }, { certificate: capf }, onlyCapfTrust, ctx);
      expect('reason' in refusedToo && refusedToo.reason).toMatch(/not in CallManager-trust/);
      const result = decideIdentityUpload({ purpose: 'CAPF', node: 'cucm-pub' }, { certificate: capf }, cluster(), ctx);
      expect(result).toMatchObject({ accepted: true, followUps: [{ kind: 'restart', service: 'capf', nodes: ['cucm-pub'] }] });
    });

    it('[chapter] in mixed mode the CTL is updated before CAPF restarts', () => {
      const result = decideIdentityUpload({ purpose: 'CAPF', node: 'cucm-pub' }, { certificate: capf }, cluster(), { ...ctx, mixedMode: true });
      expect(result.accepted && result.followUps.map((f) => f.kind)).toEqual(['update-ctl', 'restart']);
    });

    it('[S15CAPF] refuses a CAPF certificate without pathlen:0', () => {
      const noPathLen = issuedBy(root, 'corp-root', 'pub-capf', { CN: 'CAPF-1a2b3c4d' }, { extensions: { basicConstraints: { ca: true }, keyUsage: ['digitalSignature', 'keyCertSign'] } });
      const result = decideIdentityUpload({ purpose: 'CAPF', node: 'cucm-pub' }, { certificate: noPathLen }, cluster(), ctx);
      expect(result).toMatchObject({ accepted: false, code: 'capf-extensions-missing', source: '[S15CAPF]' });
    });

    it('[chapter] [SREGEN] is uploaded on the publisher from 14; a subscriber had its own before', () => {
      const sub1Capf = issuedBy(root, 'corp-root', 'sub1-capf', { CN: 'CAPF-5e6f7a8b' }, { extensions: CAPF_EXTENSIONS });
      expect(decideIdentityUpload({ purpose: 'CAPF', node: 'cucm-sub1' }, { certificate: sub1Capf }, cluster(), { ...ctx, release: '14SU2' })).toMatchObject({ code: 'publisher-only' });
      expect(decideIdentityUpload({ purpose: 'CAPF', node: 'cucm-sub1' }, { certificate: sub1Capf }, cluster(), { ...ctx, release: '12.5(1)SU3' })).toMatchObject({ accepted: true });
    });
  });

  describe('multi-server (SAN) certificates', () => {
    const multi = issuedBy(issuing, 'corp-issuing', 'pub-tomcat-ms-csr', { CN: 'cucm-pub-ms.example.com' }, {
      extensions: { subjectAltNames: ['cucm-pub-ms.example.com', 'cucm-pub.example.com', 'cucm-sub1.example.com'] },
    });

    it('[chapter] is uploaded on the publisher and applies to the nodes its SANs list; an unlisted node keeps its own', () => {
      const result = decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-pub' }, { certificate: multi }, cluster(), ctx);
      expect(result).toMatchObject({ accepted: true, multiServer: true, nodes: ['cucm-pub', 'cucm-sub1'] });
      expect(result.accepted && result.warnings).toEqual([
        'cucm-sub2 is not named by the multi-server certificate and keeps its own: generate a new multi-server certificate whenever a node is added [chapter]',
      ]);
    });

    it('[chapter] is refused on a subscriber', () => {
      expect(decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-sub1' }, { certificate: multi }, cluster(), ctx)).toMatchObject({
        accepted: false,
        code: 'multi-server-publisher-only',
      });
    });

    it('[chapter] does not exist for ipsec (table 3)', () => {
      const ipsec = issuedBy(issuing, 'corp-issuing', 'pub-ipsec', { CN: 'cucm-pub.example.com' }, { extensions: { subjectAltNames: ['cucm-pub.example.com', 'cucm-sub1.example.com'] } });
      expect(decideIdentityUpload({ purpose: 'ipsec', node: 'cucm-pub' }, { certificate: ipsec }, cluster(), ctx)).toMatchObject({ code: 'multi-server-not-supported' });
    });

    it('[S14] is not uploaded through the CLI from 14SU2', () => {
      const viaCli = { purpose: 'tomcat', node: 'cucm-pub', via: 'cli' } as const;
      expect(decideIdentityUpload(viaCli, { certificate: multi }, cluster(), { ...ctx, release: '14SU2' })).toMatchObject({ code: 'multi-server-cli-unsupported' });
      expect(decideIdentityUpload(viaCli, { certificate: multi }, cluster(), { ...ctx, release: '14SU1' })).toMatchObject({ accepted: true });
    });
  });

  it('[chapter] after a CallManager certificate: CTL update in mixed mode, then TFTP and CallManager restart', () => {
    const cm = issuedBy(issuing, 'corp-issuing', 'pub-cm', { CN: 'cucm-pub.example.com' });
    const withIssuing = cluster({
      'cucm-pub': node('cucm-pub', { CallManager: { current: spki('pub-cm') } }, { 'CallManager-trust': trusted(root, issuing) }),
    });
    const followUps = (mixedMode: boolean) => {
      const result = decideIdentityUpload({ purpose: 'callmanager', node: 'cucm-pub' }, { certificate: cm }, withIssuing, { ...ctx, mixedMode });
      return result.accepted && result.followUps.map((f) => (f.kind === 'update-ctl' ? 'update-ctl' : `${f.kind} ${f.service}`));
    };
    expect(followUps(true)).toEqual(['update-ctl', 'restart tftp', 'restart callmanager']);
    expect(followUps(false)).toEqual(['restart tftp', 'restart callmanager']);
  });

  it('[chapter] checks a CallManager certificate\'s chain in CallManager-trust, not tomcat-trust', () => {
    const cm = issuedBy(issuing, 'corp-issuing', 'pub-cm', { CN: 'cucm-pub.example.com' });
    const result = decideIdentityUpload({ purpose: 'CallManager', node: 'cucm-pub' }, { certificate: cm }, cluster(), ctx);
    expect(result).toMatchObject({ accepted: false, code: 'chain-incomplete' });
    expect('reason' in result && result.reason).toMatch(/issued by "Corp Issuing CA", which is not in CallManager-trust/);
  });

  it('[chapter] ITLRecovery cannot be CA-signed', () => {
    const itl = issuedBy(issuing, 'corp-issuing', 'pub-cm', { CN: 'ITLRECOVERY_cucm-pub' });
    const result = decideIdentityUpload({ purpose: 'ITLRecovery', node: 'cucm-pub' }, { certificate: itl }, cluster(), ctx);
    expect(result).toMatchObject({ accepted: false, code: 'not-ca-signable' });
    expect('reason' in result && result.reason).toMatch(/Regenerate ITLRecovery instead/);
  });

  it('[chapter] applies the upload rules too: a wildcard identity is refused, a trust store is not an identity', () => {
    const wild = issuedBy(issuing, 'corp-issuing', 'sub1-tomcat', { CN: '*.example.com' });
    expect(decideIdentityUpload({ purpose: 'tomcat', node: 'cucm-sub1' }, { certificate: wild }, cluster(), ctx)).toMatchObject({ code: 'wildcard-not-supported' });
    expect(decideIdentityUpload({ purpose: 'tomcat-trust', node: 'cucm-sub1' }, { certificate: sub1Tomcat }, cluster(), ctx)).toMatchObject({ code: 'not-an-identity-store' });
  });
});
