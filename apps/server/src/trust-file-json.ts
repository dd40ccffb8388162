import { createHash } from 'node:crypto';
import { checkPhoneLimits, parseTrustFile, RecordTag, trustRoleName, verifyTrustFile } from '@trustsim/trust-files';

export interface DecodedTrustFile {
  file_name: string;
  kind: 'ITL' | 'CTL';
  size: number;
  md5: string;
  sha256: string;
  version: string;
  timestamp: string;
  digest: string;
  signer: { name: string; serial: string; issuer: string };
  /** Whether the signature verifies against the file's own SAST record, and why not. */
  verified: boolean;
  verification: string;
  records: { index: number; role: string; subject: string | null; issuer: string | null; serial: string | null; dns_name: string | null; ip_address: string | null; stub: boolean }[];
  /** The phone-side limits the file passes or breaks (more than 2 SAST records, 39 certificates, 64 KB). */
  findings: { level: string; code: string; message: string }[];
  /** The file itself. */
  bytes_base64: string;
}

/** An ITL or CTL file as `show itl` reads it, as JSON: header, records with their roles, verification. */
export function decodeTrustFile(bytes: Buffer): DecodedTrustFile {
  const parsed = parseTrustFile(bytes);
  const verification = verifyTrustFile(parsed);
  return {
    file_name: parsed.fileName,
    kind: /^CTL/i.test(parsed.fileName) ? 'CTL' : 'ITL',
    size: bytes.length,
    md5: createHash('md5').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    version: parsed.version.join('.'),
    timestamp: new Date(parsed.timestamp * 1000).toISOString(),
    digest: parsed.digest.toUpperCase(),
    signer: { name: parsed.signer.name, serial: parsed.signer.serialHex, issuer: parsed.signer.issuer },
    verified: verification.ok,
    verification: verification.ok ? `verified: signed by record #${parsed.records.indexOf(verification.signerRecord) + 1}` : `${verification.reason}: ${verification.detail}`,
    records: parsed.records.map((r, i) => {
      // The entry CUCM leaves of a server after non-secure mode: name, role and address, no certificate [SNONSECURE].
      const stub = r.missingTags.includes(RecordTag.SUBJECT_NAME);
      return { index: i + 1, role: trustRoleName(r.role), subject: stub ? null : r.subject, issuer: stub ? null : r.issuer, serial: r.serialHex || null, dns_name: r.dnsName ?? null, ip_address: r.ipAddress ?? null, stub };
    }),
    findings: checkPhoneLimits(parsed).map((f) => ({ level: f.level, code: f.code, message: f.message })),
    bytes_base64: bytes.toString('base64'),
  };
}
