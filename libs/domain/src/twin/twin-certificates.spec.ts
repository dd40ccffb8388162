import { installCluster, twinInstallOf, type ClusterInstallSpec } from '../operations/install';
import { facts } from '../test-support/world';
import { canonicalDn, importedIdentity, isShippedCertificate, twinCaKey, twinTrustRequest, type TwinIdentityEntry, type TwinTrustEntry } from './twin-certificates';

const pub = (purpose: string, extra: Partial<TwinIdentityEntry> = {}): TwinIdentityEntry => ({
  node: 'pub',
  purpose,
  subject: 'CN=pub, OU=Voice, O=corp',
  issuer: 'CN=pub, OU=Voice, O=corp',
  serial: `${purpose.length}a`,
  notBefore: '2024-01-01T00:00:00Z',
  notAfter: '2026-02-01T00:00:00Z',
  ...extra,
});

const root: TwinTrustEntry = { store: 'tomcat-trust', subject: 'CN=Corp Root, O=Corp', issuer: 'CN=Corp Root, O=Corp', serial: '77', keyLength: 4096, notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z' };

describe('[twin] a twin certificate is issued with the real one\'s fields', () => {
  it('[twin] names compare however the file spaced or cased them', () => {
    expect(canonicalDn('cn=Corp Root ,o=Corp')).toBe('CN=Corp Root, O=Corp');
    expect(canonicalDn('CN=a\\, b;O=x')).toBe('CN=a\\, b, O=x');
  });

  it('[twin] a self-signed entry keeps subject, serial, validity and SANs; no issuer key', () => {
    expect(importedIdentity([pub('CallManager', { sans: ['pub.corp.example.com'] })], [], 'pub', 'CallManager')).toEqual({
      subject: 'CN=pub, OU=Voice, O=corp',
      issuer: 'CN=pub, OU=Voice, O=corp',
      serial: '11a',
      notBefore: '2024-01-01T00:00:00Z',
      notAfter: '2026-02-01T00:00:00Z',
      sans: ['pub.corp.example.com'],
    });
  });

  it('[twin] an entry with only key length and hash is no imported identity: the simulator issues its own', () => {
    expect(importedIdentity([{ node: 'pub', purpose: 'CallManager', keyLength: 4096, hash: 'SHA384' }], [], 'pub', 'CallManager')).toBeUndefined();
    expect(importedIdentity([pub('CallManager')], [], 'pub', 'TVS')).toBeUndefined();
  });

  it('[twin] issued by another name: the twin CA of that name signs, with the key size of its trust-store copy (RSA 2048 without one)', () => {
    const signed = pub('tomcat', { issuer: 'CN=Corp Root,O=Corp' });
    expect(importedIdentity([signed], [root], 'pub', 'tomcat')!.issuerKey).toEqual({ name: 'twin-ca/CN=Corp Root, O=Corp', keyType: 'RSA', keyLength: 4096 });
    expect(importedIdentity([signed], [], 'pub', 'tomcat')!.issuerKey).toEqual({ name: 'twin-ca/CN=Corp Root, O=Corp', keyType: 'RSA', keyLength: 2048 });
    // The root in the store is minted with that very key, so it verifies what the CA signed.
    expect(twinTrustRequest(root, { certificates: [signed], trust: [root] }).key).toEqual(twinCaKey([root], 'CN=Corp Root, O=Corp'));
  });

  it('[chapter Tables 3, 5] [S125CTL] entries of several nodes with one serial and subject are one multi-server certificate: the first entry speaks for all', () => {
    const ms = { purpose: 'tomcat', subject: 'CN=cucm-ms.corp.example.com, O=corp', issuer: 'CN=Corp Root, O=Corp', serial: 'abc' };
    const entries: TwinIdentityEntry[] = [
      { node: 'pub', ...ms, sans: ['cucm-ms.corp.example.com', 'pub.corp.example.com', 'sub1.corp.example.com'] },
      { node: 'sub1', ...ms, sans: ['written differently'] },
      { node: 'sub2', ...ms, serial: 'def' },
    ];
    const a = importedIdentity(entries, [root], 'pub', 'tomcat');
    expect(a).toMatchObject({ shared: true, serial: 'abc' });
    expect(importedIdentity(entries, [root], 'sub1', 'tomcat')).toEqual(a);
    expect(importedIdentity(entries, [root], 'sub2', 'tomcat')!.shared).toBeUndefined();
  });

  it('[twin] a trust certificate is a CA when self-signed or when another twin certificate names it as issuer', () => {
    const issuing: TwinTrustEntry = { store: 'tomcat-trust', subject: 'CN=Corp Issuing, O=Corp', issuer: 'CN=Corp Root, O=Corp', serial: '78' };
    const peer: TwinTrustEntry = { store: 'CallManager-trust', subject: 'CN=other-pub', issuer: 'CN=Other CA', serial: '79' };
    const certificates = [pub('tomcat', { issuer: 'CN=Corp Issuing, O=Corp' })];
    const trust = [root, issuing, peer];
    expect(twinTrustRequest(root, { certificates, trust })).toMatchObject({ ca: true, hash: 'sha256', key: { keyLength: 4096 } });
    expect(twinTrustRequest(issuing, { certificates, trust })).toMatchObject({ ca: true, issuer: 'CN=Corp Root, O=Corp', issuerKey: { name: 'twin-ca/CN=Corp Root, O=Corp', keyLength: 4096 } });
    expect(twinTrustRequest(peer, { certificates, trust })).toMatchObject({ ca: false, issuerKey: { name: 'twin-ca/CN=Other CA' } });
  });

  it('[chapter] the MIC root a twin lists (same name and serial as the one CUCM ships) is the shipped one', () => {
    const shipped = { commonName: 'Cisco_Manufacturing_CA_SHA2', serialHex: '3ae3b2e97b5636da6fe62b5057160613', stores: ['CallManager-trust', 'CAPF-trust'] };
    const listed = { store: 'CAPF-trust', subject: 'CN=Cisco_Manufacturing_CA_SHA2, O=trustsim simulation (not a Cisco certificate)', serial: '3ae3b2e97b5636da6fe62b5057160613' };
    expect(isShippedCertificate(listed, shipped)).toBe(true);
    expect(isShippedCertificate({ ...listed, serial: '01' }, shipped)).toBe(false);
    expect(isShippedCertificate({ ...listed, store: 'tomcat-trust' }, shipped)).toBe(false);
  });
});

describe('[twin] installing a twin (operations/install.ts)', () => {
  const spec: ClusterInstallSpec = {
    name: 'corp',
    index: 0,
    version: '14SU3',
    security: 'mixed',
    ctlKind: 'tokenless',
    parameters: {},
    nodes: [
      { name: 'pub', role: 'publisher', services: ['callmanager', 'tftp', 'capf'], fqdn: 'cucm-pub.corp.example.com', address: '192.0.2.10' },
      { name: 'sub1', role: 'subscriber', services: ['callmanager', 'tftp'] },
    ],
    certificates: [pub('CallManager'), { node: 'pub', purpose: 'tomcat', subject: 'CN=pub, O=corp', serial: '99', keyLength: 3072, hash: 'SHA1' }],
    trustCertificates: [root, { store: 'tomcat-trust', nodes: ['sub1'], subject: 'CN=pub, O=corp', serial: '99' }],
    servedCtl: { signer: { subject: 'CN=pub', serial: '11a' }, records: [{ role: 'SAST', subject: 'CN=pub', serial: '11a', node: 'pub' }] },
  };

  it('[twin] a node is installed with its real FQDN and address, which name it in trust-file records and SANs', () => {
    const [, node, other] = installCluster(spec, facts('mic'));
    expect(node).toMatchObject({ to: 'node', node: 'pub', command: { fqdn: 'cucm-pub.corp.example.com', ip: '192.0.2.10' } });
    expect(other).toMatchObject({ to: 'node', node: 'sub1', command: { fqdn: 'sub1.corp.example.com', ip: '10.10.0.11' } });
  });

  it('[twin] a node installs its real certificates by purpose and the trust certificates on it; a copy of a node identity is issued as that node issues it', () => {
    const onPub = twinInstallOf(spec, 0)!;
    expect(Object.keys(onPub.identities)).toEqual(['CallManager', 'tomcat']);
    expect(onPub.trust.map((t) => [t.store, 'mint' in t.certificate])).toEqual([['tomcat-trust', true]]);
    const onSub1 = twinInstallOf(spec, 1)!;
    expect(onSub1.identities).toEqual({});
    const copy = onSub1.trust[1].certificate;
    expect(copy).toEqual({ identity: expect.objectContaining({ cluster: 'corp', node: 'pub', fqdn: 'cucm-pub.corp.example.com', purpose: 'tomcat', generation: 1, keyLength: 3072, hash: 'sha1', imported: onPub.identities.tomcat }) });
  });

  it('[S125CTL] a twin in mixed mode serves its imported CTL at install, not one built from its certificates', () => {
    const dispatches = installCluster(spec, facts('mic'));
    expect(dispatches.filter((d) => d.to === 'cluster').map((d) => (d.to === 'cluster' ? d.command.kind : ''))).toEqual(['install', 'serve-imported-ctl']);
    const plain = installCluster({ ...spec, servedCtl: undefined }, facts('mic'));
    expect(plain.filter((d) => d.to === 'cluster').map((d) => (d.to === 'cluster' ? d.command.kind : ''))).toEqual(['install', 'update-ctl']);
  });
});
