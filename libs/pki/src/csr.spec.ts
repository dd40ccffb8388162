import { execFileSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import * as forge from 'node-forge';
import { issueCertificate } from './certificate';
import { createCsr, type CsrSpec } from './csr';
import { CsrFormatError } from './csr-format-error';
import { deriveEcKeyPair } from './ec-key-derivation';
import { forgeAttributes } from './forge-fields';
import { createNativeSigner } from './native-signer';
import { parseCsr } from './parse-csr';
import { multiServerNames, purposeExtensions } from './purpose-profiles';
import { deriveRsaKeyPair } from './rsa-key-derivation';
import { makeTempDir } from './testing/temp-dir';

const rsa = deriveRsaKeyPair(Buffer.from('csr-spec/rsa'), 1024);
const p256 = deriveEcKeyPair(Buffer.from('csr-spec/P-256'), 'P-256');
const p384 = deriveEcKeyPair(Buffer.from('csr-spec/P-384'), 'P-384');
const subject = { CN: 'cucmpub.example.com', OU: 'Voice', O: 'Example', L: 'Austin', ST: 'TX', C: 'US' };

const tomcatCsr: CsrSpec = {
  subject,
  publicKey: rsa.publicKey,
  privateKey: rsa.privateKey,
  extensions: purposeExtensions('tomcat', { subjectAltNames: ['cucmpub.example.com'] }),
};

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function expectCsrError(input: Buffer | string, problem: CsrFormatError['problem'], reason: RegExp): void {
  let caught: unknown;
  try {
    parseCsr(input);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CsrFormatError);
  expect((caught as CsrFormatError).problem).toBe(problem);
  expect((caught as CsrFormatError).reason).toMatch(reason);
  expect((caught as CsrFormatError).message).toMatch(/^Certificate signing request could not be read: /);
}

describe('createCsr / parseCsr', () => {
  it('round-trips an RSA tomcat CSR: subject, key, Table 3 extensions, valid signature', () => {
    const csr = createCsr(tomcatCsr);
    expect(csr.pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const info = parseCsr(csr.pem);
    expect(info).toMatchObject({
      subject,
      commonName: 'cucmpub.example.com',
      keyType: 'RSA',
      keyBits: 1024,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      subjectAltNames: ['cucmpub.example.com'],
      signatureValid: true,
    });
    expect(info.der).toEqual(csr.der);
    expect(info.publicKeySpki).toEqual(rsa.publicKey.export({ type: 'spki', format: 'der' }));
    expect(info.requestedExtensions).toMatchObject({
      keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'],
      extKeyUsage: ['serverAuth', 'clientAuth'],
    });
    expect(info.requestedExtensions.raw.map((extension) => [extension.oid, extension.critical])).toEqual([
      ['2.5.29.15', true],
      ['2.5.29.37', false],
      ['2.5.29.17', false],
    ]);
    expect(parseCsr(csr.der)).toEqual(info); // DER in, same answer
  });

  it('gives, for RSA, exactly what forge’s csr.sign() with the native signer gives, and forge verifies it', () => {
    const ours = createCsr({ ...tomcatCsr, hash: 'sha384' });
    const viaForge = forge.pki.createCertificationRequest();
    viaForge.publicKey = forge.pki.publicKeyFromPem(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    viaForge.setSubject(forgeAttributes(subject, 'subject'));
    viaForge.setAttributes([{ name: 'extensionRequest', extensions: forge.pki.certificationRequestFromPem(ours.pem).getAttribute({ name: 'extensionRequest' })!.extensions }]);
    viaForge.sign(createNativeSigner(rsa.privateKey) as unknown as forge.pki.rsa.PrivateKey, forge.md.sha384.create());
    expect(Buffer.from(forge.asn1.toDer(forge.pki.certificationRequestToAsn1(viaForge)).getBytes(), 'binary')).toEqual(ours.der);
    expect(forge.pki.certificationRequestFromPem(ours.pem).verify()).toBe(true);
  });

  it.each([
    ['P-256', p256, 'sha256', 'ecdsa-with-SHA256'],
    ['P-384', p384, 'sha384', 'ecdsa-with-SHA384'],
  ] as const)('round-trips an EC %s CSR, deterministically', (curve, key, hash, algorithm) => {
    const spec: CsrSpec = { subject, privateKey: key.privateKey, hash, extensions: purposeExtensions('CallManager-ECDSA') };
    const csr = createCsr(spec);
    expect(createCsr({ ...spec }).der).toEqual(csr.der);
    const info = parseCsr(csr.pem);
    expect(info).toMatchObject({ keyType: 'EC', namedCurve: curve, keyBits: curve === 'P-256' ? 256 : 384, signatureAlgorithm: algorithm, signatureValid: true });
    expect(info.requestedExtensions.keyUsage).toEqual(['digitalSignature', 'keyEncipherment', 'dataEncipherment']);
  });

  (openssl ? it : it.skip)('writes requests OpenSSL verifies (`openssl req -verify`)', () => {
    const dir = makeTempDir();
    try {
      for (const [name, spec] of [
        ['rsa', tomcatCsr],
        ['ec', { subject, privateKey: p384.privateKey, hash: 'sha384', extensions: purposeExtensions('tomcat-ECDSA') }],
      ] as const) {
        const file = join(dir.path, `${name}.csr`);
        writeFileSync(file, createCsr(spec as CsrSpec).pem);
        const output = execFileSync('openssl', ['req', '-in', file, '-noout', '-verify', '-text'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        expect(output).toMatch(/Requested Extensions:/);
        expect(output).toMatch(/Digital Signature, Key Encipherment, Data Encipherment/);
      }
    } finally {
      dir.remove();
    }
  });

  it('lists every node in a multi-server SAN CSR', () => {
    const names = multiServerNames('CallManager', { host: 'cucmpub', domain: 'example.com', nodes: ['cucmpub', 'cucmsub1', 'cucmsub2', 'cucmtftp'] });
    const extensions = purposeExtensions('CallManager', { subjectAltNames: names.subjectAltNames });
    const info = parseCsr(createCsr({ subject: { ...subject, CN: names.commonName }, privateKey: rsa.privateKey, extensions }).der);
    expect(info.commonName).toBe('cucmpub-ms.example.com');
    expect(info.subjectAltNames).toEqual([
      'cucmpub-ms.example.com',
      'cucmpub.example.com',
      'cucmsub1.example.com',
      'cucmsub2.example.com',
      'cucmtftp.example.com',
    ]);
  });

  it('requests CA:TRUE, pathlen 0 for CAPF', () => {
    const info = parseCsr(createCsr({ subject: { CN: 'CAPF-1a2b3c4d' }, privateKey: rsa.privateKey, extensions: purposeExtensions('CAPF') }).der);
    expect(info.requestedExtensions).toMatchObject({ basicConstraints: { ca: true, pathLen: 0 }, keyUsage: ['digitalSignature', 'keyCertSign'] });
  });

  it('writes an empty attribute set when nothing is requested', () => {
    const info = parseCsr(createCsr({ subject: { CN: 'bare' }, privateKey: p256.privateKey }).der);
    expect(info.requestedExtensions).toEqual({ keyUsage: [], extKeyUsage: [], subjectAltNames: [], raw: [] });
    expect(info.signatureValid).toBe(true);
  });

  it('reports a tampered request as signatureValid: false (it still reads)', () => {
    for (const csr of [createCsr(tomcatCsr), createCsr({ ...tomcatCsr, publicKey: undefined, privateKey: p256.privateKey })]) {
      const tampered = Buffer.from(csr.der);
      const at = tampered.indexOf('cucmpub.example.com');
      tampered[at] = 'x'.charCodeAt(0); // CN=xucmpub.example.com
      const info = parseCsr(tampered);
      expect(info.commonName).toBe('xucmpub.example.com');
      expect(info.signatureValid).toBe(false);

      const badSignature = Buffer.from(csr.der);
      badSignature[badSignature.length - 2] ^= 0x01;
      expect(parseCsr(badSignature).signatureValid).toBe(false);
    }
  });

  it('refuses a public key that does not belong to the private key', () => {
    expect(() => createCsr({ ...tomcatCsr, publicKey: p256.publicKey })).toThrow(/not the public half of privateKey/);
    expect(() => createCsr({ ...tomcatCsr, privateKey: rsa.publicKey })).toThrow(/needs a private key/);
  });

  it('explains garbage clearly', () => {
    const csr = createCsr(tomcatCsr);
    expectCsrError('', 'empty', /empty/);
    expectCsrError(Buffer.from('  \n'), 'empty', /only whitespace/);
    expectCsrError('hello world', 'not-a-csr', /without a "-----BEGIN CERTIFICATE REQUEST-----" line/);
    expectCsrError(Buffer.from([0x04, 0x01, 0x02]), 'not-a-csr', /starts with 0x04/);
    expectCsrError(csr.der.subarray(0, 100), 'truncated', /announces \d+ bytes but only 100 are present/);
    expectCsrError(csr.pem.slice(0, 200), 'truncated', /no END line/);
    expectCsrError(csr.pem.replace(/\n[A-Za-z0-9+/]{8}/, '\n!!!!!!!!'), 'malformed', /not valid base64/);
    expectCsrError(csr.pem + csr.pem, 'multiple-requests', /2 certificate signing requests/);
    expectCsrError(Buffer.concat([csr.der, Buffer.from([0])]), 'malformed', /1 unexpected bytes follow/);
    expectCsrError(Buffer.alloc(70_000, 0x41), 'too-large', /at most 65536 bytes/);
    expectCsrError('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', 'not-a-csr', /holds a PUBLIC KEY, not a CERTIFICATE REQUEST/);
    expectCsrError(42 as never, 'not-a-csr', /expected a Buffer or a string/);

    const certificate = issueCertificate({
      subject,
      serial: '01',
      notBefore: new Date('2026-01-01'),
      notAfter: new Date('2027-01-01'),
      subjectPublicKey: rsa.publicKey,
      issuerPrivateKey: rsa.privateKey,
    });
    expectCsrError(certificate.pem, 'not-a-csr', /is a certificate \(BEGIN CERTIFICATE\)/);
    expectCsrError(certificate.der, 'not-a-csr', /X\.509 certificate, not a certificate signing request/);

    const wrongInside = Buffer.from(csr.der);
    wrongInside[4] = 0x31; // the CertificationRequestInfo SEQUENCE becomes a SET
    expectCsrError(wrongInside, 'malformed', /not a well-formed PKCS #10 request: certificationRequestInfo: expected tag 0x30, found 0x31/);
  });
});
