import { execFileSync } from 'child_process';
import { X509Certificate } from 'crypto';
import { writeFileSync } from 'fs';
import { join } from 'path';
import type { IssuedCertificate } from './certificate-info';
import { createCsr } from './csr';
import { KeyPool } from './key-pool';
import { multiServerNames, purposeExtensions } from './purpose-profiles';
import { TestCertificateAuthority } from './test-certificate-authority';
import { makeTempDir } from './testing/temp-dir';

// 1024-bit keys and no disk cache keep this fast; one pool shared by the tests memoises the keys.
const pool = new KeyPool({ seed: 'test-ca-spec', cacheDir: false, workers: 0 });
const ca = new TestCertificateAuthority(pool, 'Example Enterprise', { rsaBits: 1024 });
const withIntermediate = new TestCertificateAuthority(pool, 'Example Two-Tier', { rsaBits: 1024, intermediate: true });

const notBefore = new Date('2026-02-01T00:00:00Z');
const notAfter = new Date('2028-02-01T00:00:00Z');
const subject = { CN: 'cucmpub.example.com', OU: 'Voice', O: 'Example', L: 'Austin', ST: 'TX', C: 'US' };
const tomcatKey = pool.rsa('cucmpub/tomcat/1', 1024);
const tomcatCsr = createCsr({ subject, privateKey: tomcatKey.privateKey, extensions: purposeExtensions('tomcat', { subjectAltNames: ['cucmpub.example.com'] }) });

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** `openssl verify` at a fixed time (so the test does not depend on the clock). */
function opensslVerify(leaf: IssuedCertificate, chain: IssuedCertificate[]): string {
  const dir = makeTempDir();
  try {
    const write = (name: string, certificates: IssuedCertificate[]) => {
      const file = join(dir.path, name);
      writeFileSync(file, certificates.map((certificate) => certificate.pem).join(''));
      return file;
    };
    const root = write('root.pem', chain.slice(-1));
    const untrusted = chain.length > 1 ? ['-untrusted', write('untrusted.pem', chain.slice(0, -1))] : [];
    const attime = String(Math.floor(new Date('2027-01-01T00:00:00Z').getTime() / 1000));
    return execFileSync('openssl', ['verify', '-attime', attime, '-CAfile', root, ...untrusted, write('leaf.pem', [leaf])], { encoding: 'utf8' });
  } finally {
    dir.remove();
  }
}

describe('TestCertificateAuthority', () => {
  it('has a self-signed root: CA:TRUE, keyCertSign and cRLSign, from the pool key ca/<name>/root', () => {
    expect(ca.root).toMatchObject({
      subject: { CN: 'Example Enterprise Root CA', O: 'trustsim test CA' },
      selfSigned: true,
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign', 'cRLSign'],
      keyType: 'RSA',
      keyBits: 1024,
    });
    expect(ca.root.publicKeySpki).toEqual(pool.rsa('ca/Example Enterprise/root', 1024).spkiDer);
    expect(new X509Certificate(ca.root.der).ca).toBe(true);
    expect(ca.chain()).toEqual([ca.root]);
  });

  it('is deterministic: the same seed and name give the same root and the same issued certificate', () => {
    const again = new TestCertificateAuthority(new KeyPool({ seed: 'test-ca-spec', cacheDir: false, workers: 0 }), 'Example Enterprise', { rsaBits: 1024 });
    expect(again.root.der).toEqual(ca.root.der);
    expect(again.signCsr(tomcatCsr.pem, { notBefore, notAfter }).der).toEqual(ca.signCsr(tomcatCsr.der, { notBefore, notAfter }).der);
    const other = new TestCertificateAuthority(pool, 'Other CA', { rsaBits: 1024 });
    expect(other.root.publicKeySpki).not.toEqual(ca.root.publicKeySpki);
  });

  it('signs a CSR: issued by the CA, chains to the root, request extensions copied', () => {
    const issued = ca.signCsr(tomcatCsr.pem, { notBefore, notAfter });
    expect(issued).toMatchObject({ subject, issuer: ca.root.subject, selfSigned: false, signatureAlgorithm: 'sha256WithRSAEncryption', notBefore, notAfter });
    expect(issued.publicKeySpki).toEqual(tomcatKey.spkiDer);
    expect(issued.keyUsage).toEqual(['digitalSignature', 'keyEncipherment', 'dataEncipherment']); // Data Encipherment kept [chapter]
    expect(issued.extKeyUsage).toEqual(['serverAuth', 'clientAuth']);
    expect(issued.subjectAltNames).toEqual(['cucmpub.example.com']);
    expect(issued.authorityKeyIdentifier).toBe(ca.root.subjectKeyIdentifier);
    expect(issued.subjectKeyIdentifier).not.toBe(ca.root.subjectKeyIdentifier);

    const x509 = new X509Certificate(issued.der);
    expect(x509.checkIssued(new X509Certificate(ca.root.der))).toBe(true);
    expect(x509.verify(new X509Certificate(ca.root.der).publicKey)).toBe(true);
    if (openssl) expect(opensslVerify(issued, ca.chain())).toMatch(/leaf\.pem: OK/);
  });

  it('derives serials from the request and validity: same request, same serial; new validity, new serial', () => {
    const first = ca.signCsr(tomcatCsr.der, { notBefore, notAfter });
    expect(first.serialHex).toMatch(/^[1-7][0-9a-f]{31}$/);
    expect(ca.signCsr(tomcatCsr.der, { notBefore, notAfter }).serialHex).toBe(first.serialHex);
    expect(ca.signCsr(tomcatCsr.der, { notBefore, notAfter: new Date('2029-02-01T00:00:00Z') }).serialHex).not.toBe(first.serialHex);
    expect(ca.signCsr(tomcatCsr.der, { notBefore, notAfter, serial: '2a' }).serialHex).toBe('2a');
  });

  it('issues through an intermediate; chain() is [intermediate, root] and the whole chain verifies', () => {
    const [intermediate, root] = withIntermediate.chain();
    expect(intermediate).toBe(withIntermediate.intermediate);
    expect(intermediate).toMatchObject({ issuer: root.subject, basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'] });
    expect(intermediate.authorityKeyIdentifier).toBe(root.subjectKeyIdentifier);

    const issued = withIntermediate.signCsr(tomcatCsr.der, { notBefore, notAfter, hash: 'sha384' });
    expect(issued.issuer).toEqual(intermediate.subject);
    expect(issued.signatureAlgorithm).toBe('sha384WithRSAEncryption');
    expect(new X509Certificate(issued.der).checkIssued(new X509Certificate(intermediate.der))).toBe(true);
    expect(new X509Certificate(intermediate.der).checkIssued(new X509Certificate(root.der))).toBe(true);
    if (openssl) expect(opensslVerify(issued, withIntermediate.chain())).toMatch(/leaf\.pem: OK/);
  });

  it('signs an EC CSR (CallManager-ECDSA multi-server) with its RSA key', () => {
    const key = pool.ec('cluster/CallManager-ECDSA/1', 'P-256');
    const names = multiServerNames('CallManager-ECDSA', { host: 'cucmpub', domain: 'example.com', nodes: ['cucmpub', 'cucmsub1'] });
    const extensions = purposeExtensions('CallManager-ECDSA', { subjectAltNames: names.subjectAltNames });
    const csr = createCsr({ subject: { ...subject, CN: names.commonName }, privateKey: key.privateKey, extensions });
    const issued = withIntermediate.signCsr(csr.pem, { notBefore, notAfter });
    expect(issued).toMatchObject({ keyType: 'EC', namedCurve: 'P-256', signatureAlgorithm: 'sha256WithRSAEncryption', commonName: 'cucmpub-ms.example.com' });
    expect(issued.subjectAltNames).toEqual(['cucmpub-ms.example.com', 'cucmpub.example.com', 'cucmsub1.example.com']);
    expect(new X509Certificate(issued.der).verify(new X509Certificate(withIntermediate.issuer.der).publicKey)).toBe(true);
  });

  it('copies CAPF’s CA:TRUE, pathlen 0, so a CA-signed CAPF can issue LSCs under the intermediate', () => {
    const key = pool.rsa('cucmpub/CAPF/1', 1024);
    const csr = createCsr({ subject: { CN: 'CAPF-1a2b3c4d', O: 'Example' }, privateKey: key.privateKey, extensions: purposeExtensions('CAPF') });
    const capf = withIntermediate.signCsr(csr.der, { notBefore, notAfter });
    expect(capf).toMatchObject({ basicConstraints: { ca: true, pathLen: 0 }, keyUsage: ['digitalSignature', 'keyCertSign'], extKeyUsage: ['serverAuth'] });
    if (openssl) expect(opensslVerify(capf, withIntermediate.chain())).toMatch(/OK/);
  });

  it('uses only the given extensions when copyExtensions is false, and refuses a duplicate otherwise', () => {
    const bare = ca.signCsr(tomcatCsr.der, { notBefore, notAfter, copyExtensions: false, extensions: { extKeyUsage: ['serverAuth'] } });
    expect(bare).toMatchObject({ keyUsage: [], extKeyUsage: ['serverAuth'], subjectAltNames: [] });
    expect(() => ca.signCsr(tomcatCsr.der, { notBefore, notAfter, extensions: { extKeyUsage: ['serverAuth'] } })).toThrow(/2\.5\.29\.37 would appear twice/);
  });

  it('refuses a CSR whose signature does not verify', () => {
    const tampered = Buffer.from(tomcatCsr.der);
    tampered[tampered.indexOf('Austin')] = 'B'.charCodeAt(0);
    expect(() => ca.signCsr(tampered, { notBefore, notAfter })).toThrow(/invalid signature .* refusing to sign/);
  });

  it('can be an EC CA', () => {
    const ecCa = new TestCertificateAuthority(pool, 'EC Enterprise', { keyType: 'EC' });
    expect(ecCa.root).toMatchObject({ keyType: 'EC', namedCurve: 'P-384', signatureAlgorithm: 'ecdsa-with-SHA256' });
    const issued = ecCa.signCsr(tomcatCsr.der, { notBefore, notAfter, hash: 'sha384' });
    expect(issued).toMatchObject({ keyType: 'RSA', signatureAlgorithm: 'ecdsa-with-SHA384' });
    expect(new X509Certificate(issued.der).checkIssued(new X509Certificate(ecCa.root.der))).toBe(true);
  });
});
