import { X509Certificate } from 'crypto';
import * as forge from 'node-forge';
import { issueCertificate, type CertificateSpec } from './certificate';
import { deriveEcKeyPair } from './ec-key-derivation';
import { createNativeSigner } from './native-signer';
import { deriveRsaKeyPair } from './rsa-key-derivation';

const caKey = deriveRsaKeyPair(Buffer.from('certificate-spec/ca'), 1024);
const nodeKey = deriveRsaKeyPair(Buffer.from('certificate-spec/node'), 1024);
const notBefore = new Date('2025-03-01T12:00:00Z');
const notAfter = new Date('2028-03-01T12:00:00Z');

const tomcatSpec: CertificateSpec = {
  subject: { CN: 'cucmpub.example.com', OU: 'Voice', O: 'Example', L: 'Austin', ST: 'TX', C: 'US' },
  serial: '5e1f00aa',
  notBefore,
  notAfter,
  subjectPublicKey: nodeKey.publicKey,
  issuerPrivateKey: nodeKey.privateKey,
  extensions: {
    keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment', 'keyAgreement'],
    extKeyUsage: ['serverAuth', 'clientAuth', 'ipsecEndSystem'],
    basicConstraints: { ca: false },
    subjectAltNames: ['cucmpub.example.com', 'cucmsub1.example.com'],
  },
};

describe('issueCertificate', () => {
  it('issues a self-signed v3 certificate that OpenSSL and forge verify, with the fields asked for', () => {
    const cert = issueCertificate(tomcatSpec);
    expect(cert.selfSigned).toBe(true);
    expect(cert.subject).toEqual(tomcatSpec.subject);
    expect(cert.issuer).toEqual(tomcatSpec.subject);
    expect(cert.commonName).toBe('cucmpub.example.com');
    expect(cert.serialHex).toBe('5e1f00aa');
    expect(cert.notBefore).toEqual(notBefore);
    expect(cert.notAfter).toEqual(notAfter);
    expect(cert).toMatchObject({ keyType: 'RSA', keyBits: 1024, signatureAlgorithm: 'sha256WithRSAEncryption' });
    expect(cert.publicKeySpki).toEqual(nodeKey.publicKey.export({ type: 'spki', format: 'der' }));

    const x509 = new X509Certificate(cert.der);
    expect(x509.verify(nodeKey.publicKey)).toBe(true);
    expect(x509.subject.split('\n')).toEqual(['C=US', 'ST=TX', 'L=Austin', 'O=Example', 'OU=Voice', 'CN=cucmpub.example.com']);

    const parsed = forge.pki.certificateFromPem(cert.pem);
    expect(parsed.verify(parsed)).toBe(true);
    expect(parsed.version).toBe(2);
  });

  it('writes the extensions as asked, readable by OpenSSL and by forge', () => {
    const cert = issueCertificate(tomcatSpec);
    expect(cert.keyUsage).toEqual(['digitalSignature', 'keyEncipherment', 'dataEncipherment', 'keyAgreement']);
    expect(cert.extKeyUsage).toEqual(['serverAuth', 'clientAuth', 'ipsecEndSystem']);
    expect(cert.basicConstraints).toEqual({ ca: false });
    expect(cert.subjectAltNames).toEqual(['cucmpub.example.com', 'cucmsub1.example.com']);
    expect(cert.subjectKeyIdentifier).toMatch(/^[0-9a-f]{40}$/);
    expect(cert.authorityKeyIdentifier).toBe(cert.subjectKeyIdentifier);

    const x509 = new X509Certificate(cert.der);
    expect(x509.ca).toBe(false);
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.5']); // Node lists EKU here
    expect(x509.subjectAltName).toBe('DNS:cucmpub.example.com, DNS:cucmsub1.example.com');

    const forgeCert = forge.pki.certificateFromPem(cert.pem);
    const keyUsage = forgeCert.getExtension('keyUsage') as Record<string, unknown>;
    expect(keyUsage).toMatchObject({ critical: true, digitalSignature: true, keyEncipherment: true, dataEncipherment: true, keyAgreement: true, keyCertSign: false, cRLSign: false });
    const extKeyUsage = forgeCert.getExtension('extKeyUsage') as Record<string, unknown>;
    expect(extKeyUsage).toMatchObject({ serverAuth: true, clientAuth: true, '1.3.6.1.5.5.7.3.5': true });
    expect(forgeCert.getExtension('basicConstraints')).toMatchObject({ critical: true, cA: false });
    expect((forgeCert.getExtension('subjectAltName') as { altNames: unknown[] }).altNames).toEqual([
      { type: 2, value: 'cucmpub.example.com' },
      { type: 2, value: 'cucmsub1.example.com' },
    ]);
    expect((forgeCert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier: string }).subjectKeyIdentifier).toBe(
      cert.subjectKeyIdentifier,
    );
  });

  it('issues a CA certificate and a certificate it signs; the chain verifies', () => {
    const caSubject = { CN: 'CAPF-1a2b3c4d', OU: 'Voice', O: 'Example', C: 'US' };
    const ca = issueCertificate({
      subject: caSubject,
      serial: '01',
      notBefore,
      notAfter,
      subjectPublicKey: caKey.publicKey,
      issuerPrivateKey: caKey.privateKey,
      hash: 'sha384',
      extensions: { basicConstraints: { ca: true, pathLen: 0 }, keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'] },
    });
    expect(ca).toMatchObject({ selfSigned: true, basicConstraints: { ca: true, pathLen: 0 }, signatureAlgorithm: 'sha384WithRSAEncryption' });
    expect(new X509Certificate(ca.der).ca).toBe(true);

    const leaf = issueCertificate({ ...tomcatSpec, issuer: caSubject, issuerPrivateKey: caKey.privateKey, hash: 'sha512' });
    expect(leaf.selfSigned).toBe(false);
    expect(leaf.issuer).toEqual(caSubject);
    expect(leaf.authorityKeyIdentifier).toBe(ca.subjectKeyIdentifier);
    expect(leaf.signatureAlgorithm).toBe('sha512WithRSAEncryption');
    const leafX509 = new X509Certificate(leaf.der);
    expect(leafX509.checkIssued(new X509Certificate(ca.der))).toBe(true);
    expect(leafX509.verify(caKey.publicKey)).toBe(true);
    const forgeCa = forge.pki.certificateFromPem(ca.pem);
    expect(forgeCa.verify(forge.pki.certificateFromPem(leaf.pem))).toBe(true);
  });

  it('is deterministic: the same spec gives the same bytes', () => {
    expect(issueCertificate(tomcatSpec).der).toEqual(issueCertificate({ ...tomcatSpec }).der);
  });

  it('produces exactly what forge’s own cert.sign() with the native signer produces', () => {
    const ours = issueCertificate({ ...tomcatSpec, hash: 'sha1' });
    const viaForge = forge.pki.certificateFromPem(ours.pem); // same TBS content, re-signed through forge's path
    viaForge.sign(createNativeSigner(nodeKey.privateKey) as unknown as forge.pki.rsa.PrivateKey, forge.md.sha1.create());
    expect(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(viaForge)).getBytes(), 'binary')).toEqual(ours.der);
  });

  it('keeps the serial as given: positive, leading zeros ignored, a 00 octet added when the top bit is set', () => {
    expect(issueCertificate({ ...tomcatSpec, serial: '00ff' }).serialHex).toBe('ff');
    const highBit = issueCertificate({ ...tomcatSpec, serial: '8000000000000001' });
    expect(highBit.serialHex).toBe('8000000000000001');
    expect(new X509Certificate(highBit.der).serialNumber.toLowerCase().replace(/^0+/, '')).toBe('8000000000000001');
  });

  it('encodes non-ASCII names as UTF-8 and the country as PrintableString', () => {
    const cert = issueCertificate({ ...tomcatSpec, subject: { CN: 'Zürich-CUCM', O: 'Société Générale', C: 'CH' } });
    expect(cert.subject).toEqual({ CN: 'Zürich-CUCM', O: 'Société Générale', C: 'CH' });
    expect(new X509Certificate(cert.der).subject).toContain('CN=Zürich-CUCM');
  });

  it('leaves out key identifiers when asked, and extensions that were not asked for', () => {
    const bare = issueCertificate({ ...tomcatSpec, extensions: { subjectKeyIdentifier: false, authorityKeyIdentifier: false } });
    expect(bare).toMatchObject({ keyUsage: [], extKeyUsage: [], subjectAltNames: [] });
    expect(bare.basicConstraints).toBeUndefined();
    expect(bare.subjectKeyIdentifier).toBeUndefined();
    expect(bare.authorityKeyIdentifier).toBeUndefined();
  });

  it('hands EC keys to the ECDSA builder (issueEcCertificate)', () => {
    const ec = deriveEcKeyPair(Buffer.from('ec'), 'P-256');
    const cert = issueCertificate({ ...tomcatSpec, subjectPublicKey: ec.publicKey, issuerPrivateKey: ec.privateKey });
    expect(cert).toMatchObject({ keyType: 'EC', namedCurve: 'P-256', signatureAlgorithm: 'ecdsa-with-SHA256', selfSigned: true });
  });

  it('refuses specs that would make a wrong certificate', () => {
    expect(() => issueCertificate({ ...tomcatSpec, issuerPrivateKey: caKey.privateKey })).toThrow(/issuer DN is required/);
    expect(() => issueCertificate({ ...tomcatSpec, serial: '0' })).toThrow(/positive/);
    expect(() => issueCertificate({ ...tomcatSpec, serial: 'xyz' })).toThrow(/not a hex string/);
    expect(() => issueCertificate({ ...tomcatSpec, serial: 'f'.repeat(41) })).toThrow(/20 octets/);
    expect(() => issueCertificate({ ...tomcatSpec, notAfter: new Date('2020-01-01') })).toThrow(/before notBefore/);
    expect(() => issueCertificate({ ...tomcatSpec, subject: { CN: 'x', C: 'USA' } })).toThrow(/two letters/);
    expect(() => issueCertificate({ ...tomcatSpec, subject: {} })).toThrow(/subject DN is empty/);
    expect(() => issueCertificate({ ...tomcatSpec, extensions: { basicConstraints: { ca: false, pathLen: 1 } } })).toThrow(/pathLen/);
    expect(() => issueCertificate({ ...tomcatSpec, extensions: { subjectAltNames: ['bücher.example'] } })).toThrow(/ASCII/);
    expect(() => issueCertificate({ ...tomcatSpec, extensions: { keyUsage: ['flying' as never] } })).toThrow(/unknown keyUsage/);
  });
});
