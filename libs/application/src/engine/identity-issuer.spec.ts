import { X509Certificate } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importedIdentity, parseRelease, twinTrustRequest, type TwinIdentityEntry, type TwinTrustEntry } from '@trustsim/domain';
import { KeyPool } from '@trustsim/pki';
import { IdentityIssuer, type IdentityRequest } from './identity-issuer';

const keys = new KeyPool({ seed: 'twin-issuer', cacheDir: mkdtempSync(join(tmpdir(), 'trustsim-twin-issuer-')), workers: 0 });
const issuer = new IdentityIssuer(keys, 7);

const request = (node: string, purpose: string, extra: Partial<IdentityRequest> = {}): IdentityRequest => ({
  cluster: 'corp',
  node,
  fqdn: `${node}.corp.example.com`,
  purpose,
  generation: 1,
  release: parseRelease('14SU3'),
  keyLength: 2048,
  hash: 'sha256',
  notBefore: new Date('2026-03-01T09:00:00Z'),
  organisation: 'corp',
  ...extra,
});

const root: TwinTrustEntry = { store: 'tomcat-trust', subject: 'CN=Corp Root, O=Corp', issuer: 'CN=Corp Root, O=Corp', serial: '5a', keyLength: 2048, notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z' };

describe('[twin] the identity issuer mints a twin certificate with the real one\'s fields', () => {
  it('[twin] subject, serial, validity and SANs exactly as imported; self-signed with the minted key', () => {
    const entry: TwinIdentityEntry = {
      node: 'pub',
      purpose: 'CallManager',
      subject: 'CN=cucm-pub, OU=Voice, O=corp, L=San Jose, ST=CA, C=US',
      issuer: 'CN=cucm-pub, OU=Voice, O=corp, L=San Jose, ST=CA, C=US',
      serial: '52e2f21f2cf5a583a0be2cbe0b5d9582',
      notBefore: '2026-01-05T08:00:00Z',
      notAfter: '2031-01-04T08:00:00Z',
      sans: ['cucm-pub.corp.example.com', '192.0.2.10'],
    };
    const c = issuer.issue(request('pub', 'CallManager', { imported: importedIdentity([entry], [], 'pub', 'CallManager') })).certificate;
    expect(c).toMatchObject({ commonName: 'cucm-pub', serialHex: '52e2f21f2cf5a583a0be2cbe0b5d9582', selfSigned: true, subjectAltNames: ['cucm-pub.corp.example.com', '192.0.2.10'] });
    expect(c.subject).toEqual({ CN: 'cucm-pub', OU: 'Voice', O: 'corp', L: 'San Jose', ST: 'CA', C: 'US' });
    expect([c.notBefore.toISOString(), c.notAfter.toISOString()]).toEqual(['2026-01-05T08:00:00.000Z', '2031-01-04T08:00:00.000Z']);
  });

  it('[chapter] issued by another name: signed by the twin CA, which verifies with the root minted for the trust store', () => {
    const entry: TwinIdentityEntry = { node: 'pub', purpose: 'tomcat', subject: 'CN=cucm-pub.corp.example.com, O=corp', issuer: 'CN=Corp Root, O=Corp', serial: '0a11' };
    const leaf = issuer.issue(request('pub', 'tomcat', { imported: importedIdentity([entry], [root], 'pub', 'tomcat') })).certificate;
    const ca = issuer.mint({ ...twinTrustRequest(root, { certificates: [entry], trust: [root] }), notBefore: root.notBefore!, notAfter: root.notAfter! }).certificate;
    expect(leaf.selfSigned).toBe(false);
    expect(leaf.issuer).toEqual({ CN: 'Corp Root', O: 'Corp' });
    expect(ca).toMatchObject({ commonName: 'Corp Root', serialHex: '5a', selfSigned: true, basicConstraints: { ca: true } });
    expect(new X509Certificate(leaf.der).verify(new X509Certificate(ca.der).publicKey)).toBe(true);
    expect(leaf.authorityKeyIdentifier).toBe(ca.subjectKeyIdentifier);
  });

  it('[chapter Tables 3, 5] a multi-server certificate of a twin is the same certificate on every node that lists it', () => {
    const ms = { purpose: 'tomcat', subject: 'CN=cucm-ms.corp.example.com, O=corp', issuer: 'CN=Corp Root, O=Corp', serial: 'abc', sans: ['cucm-ms.corp.example.com', 'pub.corp.example.com', 'sub1.corp.example.com'] };
    const entries: TwinIdentityEntry[] = [{ node: 'pub', ...ms }, { node: 'sub1', ...ms }];
    const onPub = issuer.issue(request('pub', 'tomcat', { imported: importedIdentity(entries, [root], 'pub', 'tomcat') }));
    const onSub1 = issuer.issue(request('sub1', 'tomcat', { imported: importedIdentity(entries, [root], 'sub1', 'tomcat') }));
    expect(onSub1.certificate.fingerprint).toBe(onPub.certificate.fingerprint);
    expect(onSub1.key).toEqual(onPub.key);
    expect(onPub.key.label).toBe('corp/multi-server/tomcat/abc');
  });

  it('[twin] an imported SHA-1, 1024-bit certificate is issued as it is (refusals are for regenerations [chapter Table 6])', () => {
    const entry: TwinIdentityEntry = { node: 'pub', purpose: 'ITLRecovery', subject: 'CN=ITLRECOVERY_pub', serial: '1024', keyLength: 1024, hash: 'SHA1' };
    const c = issuer.issue(request('pub', 'ITLRecovery', { keyLength: 1024, hash: 'sha1', imported: importedIdentity([entry], [], 'pub', 'ITLRecovery') })).certificate;
    expect(c).toMatchObject({ keyType: 'RSA', keyBits: 1024, signatureAlgorithm: 'sha1WithRSAEncryption', serialHex: '1024' });
  });

  it('[chapter] a regeneration keeps the name — a twin\'s real OU, O, C — under the host\'s common name', () => {
    const kept = issuer.issue(request('pub', 'CallManager', { generation: 2, keepSubject: { CN: 'cucm-pub.acme.no', OU: 'UC', O: 'ACME', C: 'NO' } })).certificate;
    expect(kept.subject).toEqual({ CN: 'pub', OU: 'UC', O: 'ACME', C: 'NO' });
    expect(kept.selfSigned).toBe(true);
  });

  it('[twin] a name that cannot be read is named with where it came from', () => {
    expect(() => issuer.issue(request('pub', 'CallManager', { imported: { subject: 'CN=pub, =oops' } }))).toThrow(/corp\/pub CallManager: subject "CN=pub, =oops" is not a distinguished name/);
  });
});
