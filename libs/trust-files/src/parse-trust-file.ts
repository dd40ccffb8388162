/**
 * Reads an ITL or CTL file, ours or one taken from a real cluster, without judging its signature
 * (that is verifyTrustFile's job). Anything malformed throws TrustFileFormatError with an offset.
 */
import { parseHeader } from './parse-header';
import { parseRecords } from './parse-record';
import type { ParsedTrustFile } from './types';

export function parseTrustFile(bytes: Buffer): ParsedTrustFile {
  const { signatureElement, ...header } = parseHeader(bytes);
  const records = parseRecords(bytes, header.headerLength);
  return {
    ...header,
    records,
    signedContent: Buffer.concat([bytes.subarray(0, signatureElement.offset), bytes.subarray(signatureElement.end)]),
    signatureOffset: signatureElement.offset,
    size: bytes.length,
  };
}
