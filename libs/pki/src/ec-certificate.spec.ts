import { execFileSync } from 'child_process';
import { X509Certificate } from 'crypto';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { issueCertificate, type CertificateSpec } from './certificate';
import { buildCertificate, issueEcCertificate } from './ec-certificate';
import { deriveEcKeyPair, EC_CURVES } from './ec-key-derivation';
import { purposeExtensions } from './purpose-profiles';
import { deriveRsaKeyPair } from './rsa-key-derivation';
import { makeTempDir } from './testing/temp-dir';

const notBefore = new Date('2026-01-15T08:00:00Z');
const notAfter = new Date('2029-01-15T08:00:00Z');
const subject = { CN: 'cucmpub-EC.example.com', OU: 'Voice', O: 'Example', L: 'Austin', ST: 'TX', C: 'US' };
const rsaCa = deriveRsaKeyPair(Buffer.from('ec-certificate-spec/rsa-ca'), 1024);
const p256 = deriveEcKeyPair(Buffer.from('ec-certificate-spec/P-256'), 'P-256');

function selfSigned(key: { publicKey: CertificateSpec['subjectPublicKey']; privateKey: CertificateSpec['issuerPrivateKey'] }): CertificateSpec {
  return {
    subject,
    serial: '5eca1e',
    notBefore,
    notAfter,
    subjectPublicKey: key.publicKey,
    issuerPrivateKey: key.privateKey,
    extensions: purposeExtensions('CallManager-ECDSA', { subjectAltNames: ['cucmpub.example.com'] }),
  };
}

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('issueEcCertificate', () => {
  it.each([
    ['P-256', 'sha256', 'ecdsa-with-SHA256'],
    ['P-384', 'sha384', 'ecdsa-with-SHA384'],
    ['P-521', 'sha512', 'ecdsa-with-SHA512'],
  ] as const)('issues a self-signed %s certificate (%s) that parses and that OpenSSL verifies', (curve, hash, algorithm) => {
    const key = deriveEcKeyPair(Buffer.from(`ec-certificate-spec/${curve}`), curve);
    const spec = { ...selfSigned(key), hash };
    const cert = issueEcCertificate(spec);
    expect(cert).toMatchObject({ keyType: 'EC', namedCurve: curve, signatureAlgorithm: algorithm, selfSigned: true, serialHex: '5eca1e' });
    expect(cert.keyBits).toBe({ 'P-256': 256, 'P-384': 384, 'P-521': 521 }[curve]);
    expect(cert.subject).toEqual(subject);
    expect(cert.notBefore).toEqual(notBefore);
    expect(cert.publicKeySpki).toEqual(key.publicKey.export({ type: 'spki', format: 'der' }));
    expect(new X509Certificate(cert.der).verify(key.publicKey)).toBe(true);

    // Deterministic: ECDSA with RFC 6979 nonces, so the second issue is the same bytes.
    expect(issueEcCertificate({ ...spec }).der).toEqual(cert.der);
  });

  it('writes ECDSA AlgorithmIdentifiers without parameters, the same inside and outside the TBS', () => {
    const cert = issueEcCertificate(selfSigned(p256));
    const ecdsaWithSha256 = Buffer.from('300a06082a8648ce3d040302', 'hex');
    const first = cert.der.indexOf(ecdsaWithSha256);
    expect(first).toBeGreaterThan(0);
    expect(cert.der.indexOf(ecdsaWithSha256, first + 1)).toBeGreaterThan(first); // the outer copy
    expect(cert.der.includes(Buffer.from('06082a8648ce3d0403020500', 'hex'))).toBe(false); // no NULL
  });

  it('carries chapter Table 3’s CallManager-ECDSA usages', () => {
    const cert = issueEcCertificate(selfSigned(p256));
    expect(cert.keyUsage).toEqual(['digitalSignature', 'keyEncipherment', 'dataEncipherment']);
    expect(cert.extKeyUsage).toEqual(['serverAuth', 'clientAuth']);
    expect(cert.subjectAltNames).toEqual(['cucmpub.example.com']);
    expect(cert.authorityKeyIdentifier).toBe(cert.subjectKeyIdentifier);
    expect(new X509Certificate(cert.der).keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  });

  (openssl ? it : it.skip)('shows those usages in `openssl x509 -text`', () => {
    const dir = makeTempDir();
    try {
      const file = join(dir.path, 'callmanager-ecdsa.pem');
      writeFileSync(file, issueEcCertificate(selfSigned(p256)).pem);
      const text = execFileSync('openssl', ['x509', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
      expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
      expect(text).toMatch(/Public Key Algorithm: id-ecPublicKey/);
      expect(text).toMatch(/NIST CURVE: P-256/);
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment, Data Encipherment/);
      expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication, TLS Web Client Authentication/);
      expect(text).toMatch(/DNS:cucmpub\.example\.com/);
    } finally {
      dir.remove();
    }
  });

  it('signs an EC subject key with an RSA CA key (a CA signing an EC CSR); the chain verifies', () => {
    const caSubject = { CN: 'Example Issuing CA', O: 'Example' };
    const ca = issueCertificate({
      subject: caSubject,
      serial: '01',
      notBefore,
      notAfter,
      subjectPublicKey: rsaCa.publicKey,
      issuerPrivateKey: rsaCa.privateKey,
      extensions: { basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'] },
    });
    const leaf = issueEcCertificate({ ...selfSigned(p256), issuer: caSubject, issuerPrivateKey: rsaCa.privateKey, hash: 'sha384' });
    expect(leaf).toMatchObject({ keyType: 'EC', namedCurve: 'P-256', signatureAlgorithm: 'sha384WithRSAEncryption', selfSigned: false });
    expect(leaf.authorityKeyIdentifier).toBe(ca.subjectKeyIdentifier);
    const x509 = new X509Certificate(leaf.der);
    expect(x509.checkIssued(new X509Certificate(ca.der))).toBe(true);
    expect(x509.verify(rsaCa.publicKey)).toBe(true);
  });

  it('signs an RSA subject key with an EC issuer key', () => {
    const ecCa = deriveEcKeyPair(Buffer.from('ec-certificate-spec/ec-ca'), 'P-384');
    const leaf = issueEcCertificate({ ...selfSigned(rsaCa), issuer: { CN: 'EC CA' }, issuerPrivateKey: ecCa.privateKey, hash: 'sha384' });
    expect(leaf).toMatchObject({ keyType: 'RSA', keyBits: 1024, signatureAlgorithm: 'ecdsa-with-SHA384' });
    expect(new X509Certificate(leaf.der).verify(ecCa.publicKey)).toBe(true);
  });

  it('gives exactly issueCertificate’s bytes for an all-RSA spec (the splice changes nothing else)', () => {
    const spec = { ...selfSigned(rsaCa), hash: 'sha512' as const };
    expect(issueEcCertificate(spec).der).toEqual(issueCertificate(spec).der);
    const signed = { ...spec, subjectPublicKey: deriveRsaKeyPair(Buffer.from('ec-certificate-spec/rsa-leaf'), 1024).publicKey, issuer: { CN: 'CA' } };
    expect(issueEcCertificate(signed).der).toEqual(issueCertificate(signed).der);
  });

  it('is what issueCertificate hands EC keys to', () => {
    for (const curve of EC_CURVES) {
      const key = deriveEcKeyPair(Buffer.from(`ec-certificate-spec/${curve}`), curve);
      expect(issueCertificate(selfSigned(key)).der).toEqual(issueEcCertificate(selfSigned(key)).der);
    }
  });

  it('copies raw extensions between the spec’s own and the key identifiers, and refuses duplicates', () => {
    const spec = { ...selfSigned(p256), extensions: { basicConstraints: { ca: false } } };
    const copied = [{ oid: '2.5.29.15', critical: true, value: Buffer.from('030205a0', 'hex') }]; // digitalSignature, keyEncipherment
    const cert = buildCertificate(spec, copied);
    expect(cert.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(cert.basicConstraints).toEqual({ ca: false });
    expect(cert.der.includes(Buffer.from('0603551d0f0101ff0404030205a0', 'hex'))).toBe(true); // byte for byte, critical
    expect(() => buildCertificate({ ...spec, extensions: { keyUsage: ['digitalSignature'] } }, copied)).toThrow(/2\.5\.29\.15 would appear twice/);
  });

  it('refuses specs that cannot make a correct certificate', () => {
    const spec = selfSigned(p256);
    expect(() => issueEcCertificate({ ...spec, issuerPrivateKey: rsaCa.privateKey })).toThrow(/issuer DN is required/);
    expect(() => issueEcCertificate({ ...spec, issuerPrivateKey: p256.publicKey })).toThrow(/issuer private key is a public key/);
    expect(() => issueEcCertificate({ ...spec, hash: 'md5' as never })).toThrow(/unsupported hash/);
    expect(() => issueEcCertificate({ ...spec, serial: '0' })).toThrow(/positive/);
    expect(() => issueEcCertificate({ ...spec, notAfter: new Date('2020-01-01') })).toThrow(/before notBefore/);
  });
});
