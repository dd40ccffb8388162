import { issueCertificate, KeyPool, PhoneCertificates, purposeExtensions } from '@trustsim/pki';
import { buildTrustFile, parseTrustFile, TrustRole, verifyTrustFile } from '@trustsim/trust-files';

function rate(count: number, work: (i: number) => void): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) work(i);
  return count / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/**
 * Certificates and trust files per second on this machine (one core): node identity certificates,
 * phone LSC records and on-demand LSC certificates, ITL builds, ITL parse + signature verification.
 */
export function pkiFigures(keys: KeyPool): string[] {
  const key = keys.rsa('bench/identity', 2048);
  const when = new Date('2026-01-05T08:00:00Z');
  const later = new Date('2029-01-05T08:00:00Z');
  const identity = (i: number) =>
    issueCertificate({
      subject: { CN: `node${i}`, OU: 'Voice', O: 'bench' },
      serial: (0x1000 + i).toString(16),
      notBefore: when,
      notAfter: later,
      subjectPublicKey: key.publicKey,
      issuerPrivateKey: key.privateKey,
      extensions: purposeExtensions('CallManager', { subjectAltNames: [`node${i}.example.com`] }),
    });
  const identities = rate(300, identity);
  const capf = { certificate: identity(0), privateKey: key.privateKey };
  const phones = new PhoneCertificates(keys);
  const records = Array.from({ length: 40_000 }, (_, i) => `SEP${(0x001122000000 + i).toString(16).toUpperCase().padStart(12, '0')}`);
  const lscRecords = rate(records.length, (i) => phones.lscRecord(records[i], capf, when));
  const lscCertificates = rate(300, (i) => phones.lscCertificate(phones.lscRecord(records[i], capf, when), capf));
  const certs = [0, 1, 2, 3, 4].map(identity);
  const itl = () =>
    buildTrustFile({
      fileName: 'ITLFile.tlv',
      timestamp: 1_767_600_000,
      digest: 'sha256',
      records: certs.map((c, i) => ({ certificateDer: c.der, role: i === 0 ? TrustRole.SAST : TrustRole.TVS, dnsName: `node${i}.example.com`, ipAddress: '10.0.0.1' })),
      signer: { certificateDer: certs[0].der, privateKey: key.privateKey },
    });
  const itlBuilds = rate(500, itl);
  const bytes = itl();
  const verifications = rate(3000, () => {
    if (!verifyTrustFile(parseTrustFile(bytes)).ok) throw new Error('bench ITL does not verify');
  });
  return [
    `  node identity certs  ${Math.round(identities)}/s (RSA-2048, SHA-256, issued and parsed back)`,
    `  phone LSC records    ${Math.round(lscRecords)}/s (40,000 phones: ${(records.length / lscRecords).toFixed(2)} s)`,
    `  phone LSC certs      ${Math.round(lscCertificates)}/s (issued on demand when observed)`,
    `  ITL builds           ${Math.round(itlBuilds)}/s (5 records, RSA-2048 signature)`,
    `  ITL parse + verify   ${Math.round(verifications)}/s`,
  ];
}
