import { X509Certificate } from 'node:crypto';
import { issueCertificate } from './certificate';
import { KeyPool } from './key-pool';
import { PhoneCertificates } from './phone-certificates';

const pool = new KeyPool({ seed: 9, cacheDir: false, workers: 0 });
const capfKey = pool.rsa('capf', 1024);
const subject = { CN: 'CAPF-0a1b2c3d', O: 'hq' };
const capf = {
  certificate: issueCertificate({
    subject,
    serial: '01',
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2031-01-01T00:00:00Z'),
    subjectPublicKey: capfKey.publicKey,
    issuerPrivateKey: capfKey.privateKey,
    extensions: { basicConstraints: { ca: true, pathLen: 0 }, keyUsage: ['digitalSignature', 'keyCertSign'] },
  }),
  privateKey: capfKey.privateKey,
};
const now = new Date('2026-03-01T00:00:00Z');

describe('phone certificates at scale', () => {
  it('an LSC record is deterministic and names its issuer', () => {
    const phones = new PhoneCertificates(pool);
    const a = phones.lscRecord('SEP001122334455', capf, now);
    expect(a).toEqual(new PhoneCertificates(pool).lscRecord('SEP001122334455', capf, now));
    expect(a.issuer).toBe(capf.certificate.fingerprint);
    expect(phones.lscRecord('SEP001122334456', capf, now).serial).not.toBe(a.serial);
  });

  it('[S15CAPF] the LSC issued on demand is a real certificate signed by the CAPF, the same each time', () => {
    const phones = new PhoneCertificates(pool);
    const record = phones.lscRecord('SEP001122334455', capf, now);
    const lsc = phones.lscCertificate(record, capf);
    const x509 = new X509Certificate(lsc.der);
    expect(x509.verify(new X509Certificate(capf.certificate.der).publicKey)).toBe(true);
    expect(lsc.commonName).toBe('SEP001122334455');
    expect(lsc.serialHex).toBe(record.serial.replace(/^0+/, ''));
    expect(new PhoneCertificates(pool).lscCertificate(record, capf).der.equals(lsc.der)).toBe(true);
  });

  it('[chapter] a MIC chains to the (simulated) Cisco Manufacturing CA', () => {
    const phones = new PhoneCertificates(pool);
    const mic = phones.mic('SEP001122334455', 'CP-8845');
    expect(mic.issuer.CN).toBe('Cisco_Manufacturing_CA_SHA2');
    expect(mic.issuer).toEqual(phones.manufacturingRoot().subject);
    expect(new X509Certificate(mic.der).verify(new X509Certificate(phones.manufacturingRoot().der).publicKey)).toBe(true);
    expect(mic.selfSigned).toBe(false);
  });

  it('records for 40,000 phones cost no certificate issuance', () => {
    const phones = new PhoneCertificates(pool);
    const records = Array.from({ length: 40_000 }, (_, i) => phones.lscRecord(`SEP${i.toString(16).padStart(12, '0').toUpperCase()}`, capf, now));
    expect(new Set(records.map((r) => r.serial)).size).toBe(40_000);
  });
});
