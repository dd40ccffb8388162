import { describeUnsupportedFile, detectCertificateFormat } from './certificate-format';
import { selfSigned } from './spec-support';

const cert = selfSigned('format-root', { CN: 'Format Root CA' });

describe('the file an administrator uploads', () => {
  it('[chapter] is PEM: one or more CERTIFICATE blocks, as text or bytes, with text around them', () => {
    expect(detectCertificateFormat(cert.pem)).toBe('PEM');
    expect(detectCertificateFormat(Buffer.from(cert.pem))).toBe('PEM');
    expect(detectCertificateFormat(`subject=CN = Format Root CA\r\n${cert.pem.replace(/\n/g, '\r\n')}${cert.pem}`)).toBe('PEM');
  });

  it('[chapter] is DER: exactly one certificate structure', () => {
    expect(detectCertificateFormat(cert.der)).toBe('DER');
    expect(detectCertificateFormat(new Uint8Array(cert.der))).toBe('DER');
    expect(detectCertificateFormat(Buffer.concat([cert.der, Buffer.from([0])]))).toBe('unknown');
    expect(detectCertificateFormat(cert.der.subarray(0, cert.der.length - 1))).toBe('unknown');
  });

  it('[chapter] is anything else: unknown, with a description for the refusal', () => {
    const cases: [Uint8Array | string, RegExp][] = [
      ['', /empty/],
      ['hello', /neither PEM nor DER/],
      [pemBlock('PRIVATE KEY', 'MIIE'), /PEM "PRIVATE KEY" block/], // a truncated stand-in, not a key
      ['-----BEGIN CERTIFICATE-----\nMIIB', /cut off/],
      ['-----BEGIN CERTIFICATE-----\n!!not base64!!\n-----END CERTIFICATE-----', /cut off or its body is not base64/],
      [cert.der.toString('base64'), /base64 without the PEM header/],
      [Buffer.from('3082000a020103300506032b0601', 'hex'), /PKCS#12/],
    ];
    for (const [file, description] of cases) {
      expect(detectCertificateFormat(file)).toBe('unknown');
      expect(describeUnsupportedFile(file)).toMatch(description);
    }
  });
});

/** A PEM armour around a body (built, so no key-looking text sits in the repository). */
function pemBlock(label: string, body: string): string {
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
