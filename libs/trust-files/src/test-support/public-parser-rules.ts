/**
 * What the independent public parser of ITL/CTL files (usecallmanagernz/certutils `tlvfile`, read, not
 * copied: [SUCM-NZ]) refuses, written down as checks so tests can say "a real-world reader would take
 * this file" without running it here (it needs Python and is not an npm package):
 *
 * - a header tag other than 1–15 and 28 ("Unknown HEADER tag"), a record tag other than 1–12
 *   ("Unknown RECORD tag");
 * - a DIGEST_ALGORITHM other than 1 (SHA-1) or 3 (SHA-512) ("Unsupported HEADER_DIGEST_ALGORITHM: 2" is
 *   what it says of trustsim's former SHA-256 exports);
 * - no record with FUNCTION SAST whose SERIAL_NUMBER equals the header's and which has a CERTIFICATE
 *   ("Missing RECORD with FUNCTION_SAST").
 *
 * It reads records without SIGNATURE or certificate fields (stubs) without complaint.
 */
import type { ParsedTrustFile } from '../types';

const HEADER_TAGS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 28]);
const RECORD_TAGS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
const DIGESTS_IT_VERIFIES = new Set(['sha1', 'sha512']);

export function publicParserObjections(parsed: ParsedTrustFile): string[] {
  const objections: string[] = [];
  for (const tag of parsed.unknownHeaderTags) if (!HEADER_TAGS.has(tag)) objections.push(`unknown header tag ${tag}`);
  parsed.records.forEach((record, i) => {
    for (const tag of record.unknownTags) if (!RECORD_TAGS.has(tag)) objections.push(`record ${i + 1}: unknown record tag ${tag}`);
  });
  if (!DIGESTS_IT_VERIFIES.has(parsed.digest)) objections.push(`digest ${parsed.digest} (it verifies SHA-1 and SHA-512 only)`);
  const signer = parsed.records.find((record) => record.role === 0 && record.serialHex === parsed.signer.serialHex && record.certificateDer);
  if (!signer) objections.push('no SAST record with the signer serial and a certificate');
  return objections;
}
