import { createPublicKey, X509Certificate } from 'crypto';
import * as forge from 'node-forge';
import { createNativeSigner, forgeDigest, SIGNATURE_HASHES, signRsaPkcs1 } from './native-signer';
import { deriveRsaKeyPair } from './rsa-key-derivation';
import { deriveEcKeyPair } from './ec-key-derivation';

const { privateKey, publicKey } = deriveRsaKeyPair(Buffer.from('native-signer-spec'), 1024);
const forgePrivateKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
const forgePublicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);

function forgeCertificate(): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = '0a';
  cert.validity.notBefore = new Date('2025-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  cert.setSubject([{ shortName: 'CN', value: 'signer-test' }]);
  cert.setIssuer([{ shortName: 'CN', value: 'signer-test' }]);
  cert.publicKey = forgePublicKey;
  return cert;
}

describe('createNativeSigner (forge-compatible, signs with OpenSSL)', () => {
  it.each(SIGNATURE_HASHES)('signs a certificate with %s that OpenSSL and forge both verify', (hash) => {
    const cert = forgeCertificate();
    cert.sign(createNativeSigner(privateKey) as unknown as forge.pki.rsa.PrivateKey, forgeDigest(hash));
    const pem = forge.pki.certificateToPem(cert);

    expect(new X509Certificate(pem).verify(publicKey)).toBe(true);
    const parsed = forge.pki.certificateFromPem(pem);
    expect(parsed.verify(parsed)).toBe(true);
    expect(forge.pki.oids[parsed.signatureOid as string]).toBe(`${hash}WithRSAEncryption`);
  });

  it('gives exactly the signature forge computes in JavaScript (PKCS #1 v1.5 is deterministic)', () => {
    const withNative = forgeCertificate();
    withNative.sign(createNativeSigner(privateKey) as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    const withForge = forgeCertificate();
    withForge.sign(forgePrivateKey, forge.md.sha256.create());
    expect(Buffer.from(withNative.signature, 'binary')).toEqual(Buffer.from(withForge.signature, 'binary'));
  });

  it('signs a CSR (csr.sign) that forge verifies', () => {
    const csr = forge.pki.createCertificationRequest();
    csr.publicKey = forgePublicKey;
    csr.setSubject([{ shortName: 'CN', value: 'cucmpub.example.com' }]);
    csr.sign(createNativeSigner(privateKey) as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    expect(forge.pki.certificationRequestFromPem(forge.pki.certificationRequestToPem(csr)).verify()).toBe(true);
  });

  it('matches signRsaPkcs1, the direct native path', () => {
    const data = Buffer.from('to be signed');
    const md = forgeDigest('sha384');
    md.update(data.toString('binary'));
    const viaSigner = Buffer.from(createNativeSigner(privateKey).sign(md), 'binary');
    expect(signRsaPkcs1(privateKey, 'sha384', data)).toEqual(viaSigner);
  });

  it('refuses EC and public keys, and unknown digests', () => {
    expect(() => createNativeSigner(deriveEcKeyPair(Buffer.from('ec'), 'P-256').privateKey)).toThrow(/RSA private key/);
    expect(() => createNativeSigner(createPublicKey(privateKey))).toThrow(/RSA private key/);
    expect(() => createNativeSigner(privateKey).sign(forge.md.md5.create())).toThrow(/unsupported digest md5/);
  });
});
