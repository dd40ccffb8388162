import { StepNotSimulatedError } from '../core/errors';
import type { IdentityRequest, PkiPort } from '../core/ports';
import { parseRelease } from '../release/release';
import { defaultAssumptions } from '../assumptions/assumptions';
import { given } from '../test-support/given';
import { facts, KEY } from '../test-support/world';
import { decideNode } from './decide-node';
import type { NodeContext } from './node-context';
import type { NodeEvent } from './node-events';
import { evolveNode, NO_NODE, type NodeState } from './node-state';

/** A PKI that issues certificates as facts named `<node>/<purpose>/<generation>` and refuses what `refuse` says. */
function pki(refuse?: (keyLength: number, hash: string) => string | undefined): PkiPort {
  return {
    issueIdentity: (r) => ({
      certificate: facts(`${r.node}/${r.purpose}/${r.generation}`, { keyBits: r.keyLength, ...(r.imported?.serial && { serialHex: r.imported.serial }), ...(r.imported?.notAfter && { notAfter: new Date(r.imported.notAfter) }) }),
      key: KEY(`${r.cluster}/${r.node}/${r.purpose}/${r.generation}`),
    }),
    mintTwinCertificate: (r) => ({ certificate: facts(`minted ${r.subject}`, { commonName: /CN=([^,]+)/.exec(r.subject)?.[1] ?? '', serialHex: r.serial ?? '1' }), key: KEY(r.key.name) }),
    sastToken: () => {
      throw new Error('not used');
    },
    checkChoice: (c) => {
      const reason = refuse?.(c.keyLength, c.hash);
      return reason ? { ok: false, reason } : { ok: true };
    },
    csr: ({ subject }) => `CSR for ${String(subject.CN)}`,
    multiServerNames: (_p, n) => ({ commonName: `${n.host}-ms.${n.domain}`, subjectAltNames: [...n.nodes] }),
  };
}

function context(release: string, extra: Partial<NodeContext> = {}): NodeContext {
  return {
    now: Date.parse('2026-01-05T08:00:00Z'),
    release: parseRelease(release),
    releaseName: release,
    mixedMode: false,
    parameters: {},
    assumptions: defaultAssumptions(),
    pki: pki(),
    certificate: (fp) => facts(fp),
    certificateSpec: () => undefined,
    ...extra,
  };
}

const installed: NodeEvent[] = [
  { type: 'NodeInstalled', data: { cluster: 'hq', node: 'pub', role: 'publisher', services: ['callmanager', 'tftp', 'tvs'], fqdn: 'pub.hq.example.com', ip: '10.10.0.10' } },
  {
    type: 'CertificateInstalled',
    data: { cluster: 'hq', node: 'pub', purpose: 'CallManager', generation: 1, commonName: 'pub', serial: '1', fingerprint: 'pub/CallManager/1', notBefore: '', notAfter: '', keyType: 'RSA', keyBits: 2048, key: KEY('hq/pub/CallManager/1'), der: '' },
  },
];

describe('the node decider', () => {
  it('[chapter] Regenerate gives a new certificate of the next generation with the same key length, and records what is left to do (Table 7)', () => {
    given(evolveNode, NO_NODE, installed)
      .when((s) => decideNode(s, { kind: 'regenerate', purpose: 'CallManager' }, context('11.5(1)SU9')))
      .thenMatch([
        { type: 'CertRegenerated', data: { purpose: 'CallManager', generation: 2, fingerprint: 'pub/CallManager/2', keyBits: 2048, key: { label: 'hq/pub/CallManager/2' } } },
        { type: 'RegenerationFollowUpsRequired', data: { purpose: 'CallManager', followUps: [{ service: 'Cisco CallManager' }, { service: 'Cisco CTI Manager' }] } },
      ]);
  });

  it('[chapter Table 6] [twin] a regeneration keeps the certificate\'s name and issues what it checked: SHA256 unless asked, not the twin\'s imported SHA-1', () => {
    const asked: IdentityRequest[] = [];
    const base = pki();
    const recording: PkiPort = { ...base, issueIdentity: (r) => (asked.push(r), base.issueIdentity(r)) };
    const realName = { CN: 'pub', OU: 'UC', O: 'ACME', C: 'NO' };
    const ctx = context('14SU2', { pki: recording, certificateSpec: () => ({ hash: 'SHA1', keyLength: 1024 }), certificate: (fp) => facts(fp, { keyBits: 1024, subject: realName }) });
    given(evolveNode, NO_NODE, installed)
      .when((s) => decideNode(s, { kind: 'regenerate', purpose: 'CallManager' }, ctx))
      .thenMatch([{ type: 'CertRegenerated', data: { generation: 2, keyBits: 1024 } }]);
    expect(asked[0]).toMatchObject({ hash: 'sha256', keyLength: 1024, keepSubject: realName });
    expect(asked[0].imported).toBeUndefined();
  });

  it('[SREL14] from 14 a CallManager regeneration needs no restart: nothing left to do in non-secure mode', () => {
    given(evolveNode, NO_NODE, installed)
      .when((s) => decideNode(s, { kind: 'regenerate', purpose: 'CallManager' }, context('14SU2')))
      .thenMatch([{ type: 'CertRegenerated', data: { generation: 2 } }]);
  });

  it('[chapter Table 6] a key length and hash the page does not offer is refused with its reason; the certificate stays', () => {
    const ctx = context('14SU2', { pki: pki((len) => (len === 8192 ? 'RSA keys are 2048, 3072 or 4096 bits' : undefined)) });
    const refusal = given(evolveNode, NO_NODE, installed).when((s) => decideNode(s, { kind: 'regenerate', purpose: 'CallManager', keyLength: 8192 }, ctx));
    refusal.then([{ type: 'CertRegenerationRefused', data: { purpose: 'CallManager', keyLength: 8192, hash: 'SHA256', reason: 'RSA keys are 2048, 3072 or 4096 bits' } }]);
    const after = refusal.result.reduce((s: NodeState, e) => evolveNode(s, e, { at: 0 }), given(evolveNode, NO_NODE, installed).state);
    expect(after.identities.CallManager.generation).toBe(1);
  });

  it('[chapter] a purpose the node does not hold cannot be regenerated: the step is refused, not guessed', () => {
    expect(() => decideNode(given(evolveNode, NO_NODE, installed).state, { kind: 'regenerate', purpose: 'CAPF' }, context('14SU2'))).toThrow(StepNotSimulatedError);
  });

  it('[chapter] a new CSR overwrites the pending one, and a CA-signed upload answers it', () => {
    const csr = (n: number): NodeEvent => ({ type: 'CsrGenerated', data: { purpose: 'CallManager', distribution: 'single-server', commonName: 'pub', subjectAltNames: [], csr: `csr ${n}` } });
    const state = given(evolveNode, NO_NODE, [...installed, csr(1), csr(2)]).state;
    expect(state.pendingCsrs).toEqual({ CallManager: 'csr 2' });
    const uploaded: NodeEvent = {
      type: 'IdentityCertificateUploaded',
      data: { purpose: 'CallManager', generation: 2, commonName: 'pub', issuer: 'CA', serial: '2', fingerprint: 'ca-signed', replaces: 'pub/CallManager/1', multiServer: false, followUps: [], key: KEY('hq/pub/CallManager/1'), der: '', uploadedOn: 'pub' },
    };
    const after = evolveNode(state, uploaded, { at: 0 });
    expect(after.pendingCsrs).toEqual({});
    // The CA-signed certificate answers the CSR, so it signs with the key the CSR was made from [chapter].
    expect(after.identities.CallManager).toEqual({ fingerprint: 'ca-signed', generation: 2, key: KEY('hq/pub/CallManager/1') });
  });

  it('[twin] a twin node installs its real certificates: the imported serial and notAfter, SHA-1 and 1024 bits issued, not refused (the key/hash rules are for regenerations)', () => {
    const refuseAll = context('14SU2', { pki: pki(() => 'refused') });
    const mic = facts('mic', { commonName: 'Cisco_Manufacturing_CA_SHA2', serialHex: '3ae3' });
    const command = {
      kind: 'install' as const,
      cluster: 'hq',
      node: 'pub',
      role: 'publisher' as const,
      services: ['callmanager', 'tftp'],
      fqdn: 'cucm-pub.corp.example.com',
      ip: '192.0.2.10',
      micRoot: mic,
      micRootStores: ['CallManager-trust', 'CAPF-trust'],
      twin: {
        identities: { CallManager: { subject: 'CN=cucm-pub', serial: 'c0ffee', notAfter: '2026-02-01T00:00:00Z' } },
        trust: [
          { store: 'CAPF-trust', subject: 'CN=Cisco_Manufacturing_CA_SHA2, O=x', serial: '3ae3', certificate: { mint: { subject: 'CN=Cisco_Manufacturing_CA_SHA2, O=x', serial: '3ae3', hash: 'sha256' as const, key: { name: 'twin-ca/x', keyType: 'RSA' as const, keyLength: 2048 }, ca: true } } },
          { store: 'tomcat-trust', subject: 'CN=Corp Root, O=Corp', serial: '77', certificate: { mint: { subject: 'CN=Corp Root, O=Corp', serial: '77', hash: 'sha1' as const, key: { name: 'twin-ca/CN=Corp Root, O=Corp', keyType: 'RSA' as const, keyLength: 1024 }, ca: true } } },
        ],
      },
    };
    const events = decideNode(NO_NODE, command, refuseAll);
    expect(events.map((e) => e.type)).toEqual(['NodeInstalled', 'CertificateInstalled', 'CertificateInstalled', 'CertificateInstalled', 'CertificateInstalled', 'CertificateInstalled', 'CertificateInstalled', 'CertificateInstalled', 'MicRootsInstalled', 'TrustCertificateInstalled']);
    expect(events.find((e) => e.type === 'CertificateInstalled' && e.data.purpose === 'CallManager')).toMatchObject({ data: { serial: 'c0ffee', notAfter: '2026-02-01T00:00:00.000Z', generation: 1 } });
    // The MIC root the twin lists is the one CUCM ships: it stays as shipped; the corporate root joins tomcat-trust.
    expect(events.at(-1)).toMatchObject({ type: 'TrustCertificateInstalled', data: { store: 'tomcat-trust', commonName: 'Corp Root', serial: '77' } });
    const state = events.reduce((s: NodeState, e) => evolveNode(s, e, { at: 0 }), NO_NODE);
    expect(state).toMatchObject({ fqdn: 'cucm-pub.corp.example.com', ip: '192.0.2.10', stores: { 'tomcat-trust': { 'Corp Root': 'minted CN=Corp Root, O=Corp' }, 'CAPF-trust': { Cisco_Manufacturing_CA_SHA2: 'mic' } } });
  });

  it('[SCN] Certificate Change Notification writes a replicated certificate on a node that is up, not on one that is off', () => {
    const root = facts('root', { commonName: 'Root CA' });
    const off: NodeEvent = { type: 'NodePoweredOff', data: {} };
    given(evolveNode, NO_NODE, installed)
      .when((s) => decideNode(s, { kind: 'replicate-trust', store: 'tomcat-trust', certificate: root, from: 'sub1' }, context('14SU2')))
      .thenMatch([{ type: 'TrustReplicated', data: { store: 'tomcat-trust', commonName: 'Root CA', fingerprint: 'root', from: 'sub1' } }]);
    given(evolveNode, NO_NODE, [...installed, off])
      .when((s) => decideNode(s, { kind: 'replicate-trust', store: 'tomcat-trust', certificate: root, from: 'sub1' }, context('14SU2')))
      .thenNothing();
  });

  it('[chapter] one certificate per subject per trust store: an upload of a later one replaces the earlier, which is recorded', () => {
    const older = facts('old-root', { commonName: 'Root CA', serialHex: 'a', notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2035-01-01T00:00:00Z') });
    const newer = facts('new-root', { commonName: 'Root CA', serialHex: 'b', notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z') });
    const ctx = context('14SU2', { certificate: (fp) => (fp === 'old-root' ? older : newer) });
    const first = decideNode(given(evolveNode, NO_NODE, installed).state, { kind: 'upload-trust', store: 'tomcat-trust', candidate: { certificate: older } }, ctx);
    given(evolveNode, NO_NODE, [...installed, ...first])
      .when((s) => decideNode(s, { kind: 'upload-trust', store: 'tomcat-trust', candidate: { certificate: newer } }, ctx))
      .thenMatch([{ type: 'CertificateUploaded', data: { store: 'tomcat-trust', commonName: 'Root CA', fingerprint: 'new-root', replaces: 'a' } }]);
  });

  it('[chapter] a trust certificate is deleted only where the node holds it', () => {
    const uploaded: NodeEvent = { type: 'CertificateUploaded', data: { store: 'tomcat-trust', commonName: 'Root CA', serial: 'a', fingerprint: 'root', der: '' } };
    given(evolveNode, NO_NODE, [...installed, uploaded])
      .when((s) => decideNode(s, { kind: 'delete-trust', store: 'tomcat-trust', commonName: 'Root CA', scope: 'cluster', warnings: [] }, context('14SU2')))
      .then([{ type: 'TrustCertificateDeleted', data: { store: 'tomcat-trust', commonName: 'Root CA', scope: 'cluster' } }]);
    given(evolveNode, NO_NODE, installed)
      .when((s) => decideNode(s, { kind: 'delete-trust', store: 'tomcat-trust', commonName: 'Root CA', scope: 'cluster', warnings: [] }, context('14SU2')))
      .thenNothing();
  });

  it('[SHOST] a hostname change renames the node under its domain', () => {
    given(evolveNode, NO_NODE, installed)
      .when((s) => decideNode(s, { kind: 'change-hostname', hostname: 'cucm1' }, context('14SU2')))
      .then([{ type: 'HostnameChanged', data: { hostname: 'cucm1', fqdn: 'cucm1.hq.example.com' } }]);
  });
});
