/**
 * What a phone would say about a file's size and SAST count (trust-file-format.md, "Rules phones apply";
 * docs/trust-model.md §4.1).
 *
 * - More than 2 SAST records is a warning only: one public parser documents a maximum of 2, but Cisco's
 *   own CTL role tables list up to four SAST entries and Phone-SAST-trust certificates join as SAST, so
 *   the file is reported, not refused (a scenario may assume otherwise).
 * - More than 39 certificates, or more than 64 KB, and phones cannot load the file. Cisco states the two
 *   together ("more than 39 certificates ... exceeds 64 KB"); both are checked because certificate sizes
 *   vary. Every record counts as a certificate, as CUCM lists a certificate once per role.
 */
import { TrustRole } from './roles';
import type { ParsedTrustFile } from './types';

export const MAX_SAST_RECORDS_DOCUMENTED = 2;
export const MAX_PHONE_CERTIFICATES = 39;
export const MAX_PHONE_FILE_BYTES = 65_536;

export type FindingCode = 'too-many-sast' | 'too-many-certificates' | 'file-too-large';

export interface Finding {
  level: 'warning' | 'error';
  code: FindingCode;
  message: string;
}

export function checkPhoneLimits(parsed: Pick<ParsedTrustFile, 'records' | 'size' | 'fileName'>): Finding[] {
  const findings: Finding[] = [];
  const sast = parsed.records.filter((record) => record.role === TrustRole.SAST).length;
  if (sast > MAX_SAST_RECORDS_DOCUMENTED) {
    findings.push({
      level: 'warning',
      code: 'too-many-sast',
      message: `${parsed.fileName} has ${sast} SAST records; one public parser documents at most ${MAX_SAST_RECORDS_DOCUMENTED}, though Cisco's CTL tables allow up to four`,
    });
  }
  if (parsed.records.length > MAX_PHONE_CERTIFICATES) {
    findings.push({
      level: 'error',
      code: 'too-many-certificates',
      message: `${parsed.fileName} has ${parsed.records.length} certificates, more than ${MAX_PHONE_CERTIFICATES}: phones cannot load it`,
    });
  }
  if (parsed.size > MAX_PHONE_FILE_BYTES) {
    findings.push({
      level: 'error',
      code: 'file-too-large',
      message: `${parsed.fileName} is ${parsed.size} bytes, more than 64 KB (${MAX_PHONE_FILE_BYTES} bytes): phones cannot load it`,
    });
  }
  return findings;
}
