import { createHash } from 'crypto';
import { issueCertificate } from './certificate';
import { CertificateFormatError, type CertificateFormatProblem } from './certificate-format-error';
import { parseCertificate } from './parse-certificate';
import { deriveRsaKeyPair } from './rsa-key-derivation';
import { EC_P256_CERTIFICATE_PEM, ED25519_CERTIFICATE_PEM } from './testing/fixtures';

const key = deriveRsaKeyPair(Buffer.from('parse-spec'), 1024);
const rsaCert = issueCertificate({
  subject: { CN: 'cucmpub', O: 'Example', C: 'US' },
  serial: '0a0b',
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2030-01-01T00:00:00Z'),
  subjectPublicKey: key.publicKey,
  issuerPrivateKey: key.privateKey,
});
const otherCert = issueCertificate({
  subject: { CN: 'cucmsub1' },
  serial: '0c',
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2030-01-01T00:00:00Z'),
  subjectPublicKey: key.publicKey,
  issuerPrivateKey: key.privateKey,
});

function formatError(input: Buffer | string): CertificateFormatError {
  try {
    parseCertificate(input);
  } catch (error) {
    if (error instanceof CertificateFormatError) return error;
    throw new Error(`expected a CertificateFormatError, got ${String(error)}`);
  }
  throw new Error('expected the input to be refused');
}

function expectRefused(input: Buffer | string, problem: CertificateFormatProblem, reason: RegExp): void {
  const error = formatError(input);
  expect(error.problem).toBe(problem);
  expect(error.reason).toMatch(reason);
  expect(error.message).toBe(`Certificate could not be read: ${error.reason}`);
}

describe('parseCertificate', () => {
  it('reads PEM and DER, as string or Buffer, to the same information', () => {
    const fromDer = parseCertificate(rsaCert.der);
    const inputs = [rsaCert.pem, Buffer.from(rsaCert.pem), rsaCert.pem.replace(/\n/g, '\r\n'), `Certificate:\n  (text before the block)\n${rsaCert.pem}`];
    for (const input of inputs) {
      expect(parseCertificate(input)).toEqual(fromDer);
    }
    expect(fromDer.fingerprint).toBe(createHash('sha256').update(rsaCert.der).digest('hex'));
    expect(fromDer.pem).toBe(rsaCert.pem);
  });

  it('reads an ECDSA certificate made by OpenSSL (which forge cannot)', () => {
    const ec = parseCertificate(EC_P256_CERTIFICATE_PEM);
    expect(ec).toMatchObject({
      keyType: 'EC',
      keyBits: 256,
      namedCurve: 'P-256',
      signatureAlgorithm: 'ecdsa-with-SHA256',
      serialHex: 'abcdef',
      commonName: 'cucmpub-EC',
      subject: { CN: 'cucmpub-EC', OU: 'TAC', O: 'Cisco', L: 'RTP', ST: 'NC', C: 'US' },
      selfSigned: true,
      keyUsage: ['digitalSignature', 'keyAgreement'],
      extKeyUsage: ['serverAuth', 'clientAuth'],
      subjectAltNames: ['cucmpub.example.com', '10.0.0.1'],
      basicConstraints: { ca: true },
      subjectKeyIdentifier: '84a20000faccfee5ce662615e466e57a62c0d843',
      authorityKeyIdentifier: '84a20000faccfee5ce662615e466e57a62c0d843',
    });
    expect(ec.notBefore).toEqual(new Date('2026-11-27T21:09:48Z'));
    expect(ec.notAfter).toEqual(new Date('2036-11-24T21:09:48Z'));
  });

  it('memoizes by fingerprint and returns frozen results', () => {
    const first = parseCertificate(rsaCert.der);
    expect(parseCertificate(rsaCert.pem)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('refuses empty input', () => {
    expectRefused(Buffer.alloc(0), 'empty', /empty/);
    expectRefused('', 'empty', /empty/);
    expectRefused('  \n\t ', 'empty', /whitespace/);
    expectRefused(Buffer.from('\r\n\r\n'), 'empty', /whitespace/);
  });

  it('refuses garbage, saying it is neither PEM nor DER', () => {
    expectRefused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'not-a-certificate', /neither PEM nor DER.*starts with 0x89/);
    expectRefused('hello, this is not a certificate', 'not-a-certificate', /without a "-----BEGIN CERTIFICATE-----" line/);
    expectRefused(Buffer.from('just some text'), 'not-a-certificate', /neither PEM nor DER/);
    const base64Only = rsaCert.der.toString('base64');
    expectRefused(base64Only, 'not-a-certificate', /base64 without the PEM header/);
  });

  it('refuses truncated DER, saying how many bytes were expected and how many are present', () => {
    const cut = rsaCert.der.subarray(0, 300);
    expectRefused(cut, 'truncated', new RegExp(`announces ${rsaCert.der.length} bytes but only 300 are present \\(${rsaCert.der.length - 300} missing\\)`));
    expectRefused(rsaCert.der.subarray(0, 1), 'truncated', /cut off/);
  });

  it('refuses truncated PEM', () => {
    expectRefused(rsaCert.pem.slice(0, 200), 'truncated', /no END line/);
    const lines = rsaCert.pem.split('\n');
    const missingMiddle = [...lines.slice(0, 3), ...lines.slice(6)].join('\n');
    expectRefused(missingMiddle, 'truncated', /announces \d+ bytes but only \d+ are present/);
  });

  it('refuses more than one certificate, PEM or DER', () => {
    expectRefused(rsaCert.pem + otherCert.pem, 'multiple-certificates', /holds 2 certificates; exactly one was expected/);
    expectRefused(Buffer.concat([rsaCert.der, otherCert.der]), 'multiple-certificates', /more than one certificate/);
    expectRefused(rsaCert.pem + otherCert.pem.slice(0, 100), 'multiple-certificates', /second, cut-off certificate/);
  });

  it('refuses trailing bytes, other PEM blocks, bad base64 and non-certificate DER', () => {
    expectRefused(Buffer.concat([rsaCert.der, Buffer.from([1, 2, 3])]), 'malformed', /3 unexpected bytes follow/);
    const keyPem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expectRefused(keyPem, 'not-a-certificate', /holds a PRIVATE KEY, not a CERTIFICATE/);
    expectRefused(rsaCert.pem.replace('MII', 'M*I'), 'malformed', /not valid base64/);
    expectRefused(key.publicKey.export({ type: 'spki', format: 'der' }), 'malformed', /not a well-formed X\.509 certificate/);
  });

  it('refuses input over 64 KB before looking at it', () => {
    expectRefused(Buffer.alloc(64 * 1024 + 1, 0x30), 'too-large', /65537 bytes.*64 KB/);
  });

  it('refuses a certificate with a key type the simulator does not model', () => {
    expectRefused(ED25519_CERTIFICATE_PEM, 'unsupported', /key is ed25519; only RSA and EC keys are supported/);
  });

  it('never fails with anything but a CertificateFormatError, whatever is cut off or flipped', () => {
    const der = rsaCert.der;
    for (let length = 1; length < der.length; length++) {
      expect(() => parseCertificate(der.subarray(0, length))).toThrow(CertificateFormatError);
    }
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 400; round++) {
      const mutated = Buffer.from(der);
      mutated[Math.floor(random() * der.length)] ^= 1 << Math.floor(random() * 8);
      try {
        parseCertificate(mutated);
      } catch (error) {
        expect(error).toBeInstanceOf(CertificateFormatError);
      }
    }
  });
});
