import { createHash } from 'node:crypto';
import Table from 'cli-table3';
import { checkPhoneLimits, ParsedTrustFile, ParsedTrustRecord, parseTrustFile, RecordTag, trustRoleName, verifyTrustFile } from '@trustsim/trust-files';

const PLAIN = { head: [], border: [], compact: true };

/**
 * What `show itl` / `show ctl` tells an administrator about a trust file: its size and checksum, the
 * header (version, signer, digest, timestamp), every record with its role, whether the signature
 * verifies against the file's own SAST record, and the phone-side limits (more than 2 SAST records,
 * more than 39 certificates or 64 KB). Throws TrustFileFormatError (offset, tag) on corrupt input.
 */
export function showTrustFile(bytes: Buffer, label: string): { text: string; verified: boolean } {
  const parsed = parseTrustFile(bytes);
  const verification = verifyTrustFile(parsed);
  const lines = [
    `${label}`,
    `  Length of ${kind(parsed)} file: ${bytes.length} bytes`,
    `  MD5 checksum: ${createHash('md5').update(bytes).digest('hex')}   SHA-256: ${createHash('sha256').update(bytes).digest('hex')}`,
    `  Version: ${parsed.version.join('.')}   Header length: ${parsed.headerLength}${parsed.signerVersion ? `   Signer version: ${parsed.signerVersion.join('.')}` : ''}   File name: ${parsed.fileName}`,
    `  Timestamp: ${new Date(parsed.timestamp * 1000).toISOString()}   Digest: ${parsed.digest.toUpperCase()}   Signature: ${parsed.signature.length * 8} bits`,
    `  Signer: ${parsed.signer.name}`,
    `          serial ${parsed.signer.serialHex}, issued by ${parsed.signer.issuer}`,
    '',
    recordTable(parsed),
    '',
    verification.ok
      ? `  The ${kind(parsed)} file was verified successfully (signed by record #${parsed.records.indexOf(verification.signerRecord) + 1}).`
      : `  The ${kind(parsed)} file FAILED verification: ${verification.reason} — ${verification.detail}`,
  ];
  for (const finding of checkPhoneLimits(parsed)) lines.push(`  ${finding.level.toUpperCase()}: ${finding.message}`);
  return { text: lines.join('\n'), verified: verification.ok };
}

function kind(parsed: ParsedTrustFile): string {
  return /^CTL/i.test(parsed.fileName) ? 'CTL' : 'ITL';
}

function recordTable(parsed: ParsedTrustFile): string {
  const table = new Table({ head: ['#', 'role', 'subject', 'issuer', 'serial', 'DNS name', 'IP'], style: PLAIN });
  parsed.records.forEach((r, i) => {
    const [subject, issuer] = stub(r) ? ['(no certificate)', ''] : [r.subject, r.issuer === r.subject ? '(self-signed)' : r.issuer];
    table.push([i + 1, trustRoleName(r.role), subject, issuer, r.serialHex, r.dnsName ?? '', r.ipAddress ?? '']);
  });
  return table.toString();
}

/** The entry CUCM leaves of a server after non-secure mode: name, role and address, no certificate [SNONSECURE]. */
function stub(record: ParsedTrustRecord): boolean {
  return record.missingTags.includes(RecordTag.SUBJECT_NAME);
}
