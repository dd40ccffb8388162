/**
 * Reads the records that follow the header, each bounded by its own RECORD_LENGTH. Tags this library
 * does not know are skipped and listed in `unknownTags` (files from newer CUCM releases may carry more);
 * a repeated field, or an element that runs past its record's end, is an error.
 *
 * Only FUNCTION is required: real files carry records without the certificate's SIGNATURE (every record
 * the CTL client writes [SNONSECURE] [STOKENLESS]) and stubs of just a name, a role and an address (the server
 * entries of a CTL after non-secure mode [SNONSECURE]). The certificate fields a record lacks are listed in
 * `missingTags` and read as empty.
 */
import { RecordTag, describeRecordTag } from './tags';
import { TLV_HEAD_SIZE, TlvElement, TlvReader } from './tlv';
import { copyValue, decodeCString, expectLength } from './tlv-values';
import { TrustFileFormatError } from './trust-file-format-error';
import type { ParsedTrustRecord } from './types';

const RECORD_LENGTH_ELEMENT_SIZE = TLV_HEAD_SIZE + 2;
const KNOWN_TAGS: ReadonlySet<number> = new Set(Object.values(RecordTag));
/** The pre-extracted certificate fields: present in a full record, absent from a stub. */
const CERTIFICATE_FIELD_TAGS = [RecordTag.SUBJECT_NAME, RecordTag.ISSUER_NAME, RecordTag.SERIAL_NUMBER, RecordTag.PUBLIC_KEY, RecordTag.SIGNATURE] as const;
const EMPTY = Buffer.alloc(0);

export function parseRecords(bytes: Buffer, start: number): ParsedTrustRecord[] {
  const records: ParsedTrustRecord[] = [];
  for (let offset = start; offset < bytes.length; ) {
    const record = parseRecord(bytes, offset);
    records.push(record);
    offset += record.length;
  }
  return records;
}

function parseRecord(bytes: Buffer, offset: number): ParsedTrustRecord {
  const length = readRecordLength(bytes, offset);
  const scope = `the record at offset ${offset} (RECORD_LENGTH ${length})`;
  const reader = new TlvReader(bytes, offset + RECORD_LENGTH_ELEMENT_SIZE, offset + length, scope, describeRecordTag);

  const fields = new Map<number, TlvElement>();
  const unknownTags: number[] = [];
  while (!reader.done) {
    const element = reader.readElement();
    if (!KNOWN_TAGS.has(element.tag)) {
      unknownTags.push(element.tag);
      continue;
    }
    const first = fields.get(element.tag) ?? (element.tag === RecordTag.RECORD_LENGTH ? { offset } : undefined);
    if (first) {
      throw new TrustFileFormatError(
        `${describeRecordTag(element.tag)} appears twice in ${scope}: at offset ${first.offset} and at offset ${element.offset}`,
        { offset: element.offset, tag: element.tag },
      );
    }
    fields.set(element.tag, element);
  }

  const need = (tag: number): TlvElement => {
    const element = fields.get(tag);
    if (!element) throw new TrustFileFormatError(`${scope} has no ${describeRecordTag(tag)}`, { offset, tag });
    return element;
  };
  const optional = <T>(tag: number, decode: (element: TlvElement) => T): T | undefined => {
    const element = fields.get(tag);
    return element ? decode(element) : undefined;
  };

  const functionElement = need(RecordTag.FUNCTION);
  expectLength(functionElement, 2, describeRecordTag);
  const record: ParsedTrustRecord = {
    offset,
    length,
    dnsName: optional(RecordTag.DNS_NAME, decodeCString),
    subject: optional(RecordTag.SUBJECT_NAME, decodeCString) ?? '',
    role: functionElement.value.readUInt16BE(0),
    issuer: optional(RecordTag.ISSUER_NAME, decodeCString) ?? '',
    serialHex: optional(RecordTag.SERIAL_NUMBER, (element) => element.value.toString('hex')) ?? '',
    publicKey: optional(RecordTag.PUBLIC_KEY, copyValue) ?? EMPTY,
    signature: optional(RecordTag.SIGNATURE, copyValue) ?? EMPTY,
    certificateDer: optional(RecordTag.CERTIFICATE, copyValue),
    ipAddress: optional(RecordTag.IP_ADDRESS, decodeIpAddress),
    certificateHash: optional(RecordTag.CERTIFICATE_HASH, copyValue),
    hashAlgorithm: optional(RecordTag.HASH_ALGORITHM, decodeUnsigned),
    unknownTags,
    missingTags: CERTIFICATE_FIELD_TAGS.filter((tag) => !fields.has(tag)),
  };
  // Leave absent optional fields out entirely, so parsed records compare cleanly with toEqual.
  for (const key of Object.keys(record) as (keyof ParsedTrustRecord)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

function readRecordLength(bytes: Buffer, offset: number): number {
  const remaining = bytes.length - offset;
  if (bytes[offset] !== RecordTag.RECORD_LENGTH) {
    throw new TrustFileFormatError(
      `expected a record at offset ${offset} (RECORD_LENGTH, tag 1), found tag ${bytes[offset]}`,
      { offset, tag: bytes[offset] },
    );
  }
  if (remaining < RECORD_LENGTH_ELEMENT_SIZE) {
    throw new TrustFileFormatError(
      `truncated: the record at offset ${offset} needs ${RECORD_LENGTH_ELEMENT_SIZE} bytes for its RECORD_LENGTH element but only ${remaining} remain`,
      { offset, tag: RecordTag.RECORD_LENGTH },
    );
  }
  const declared = bytes.readUInt16BE(offset + 1);
  if (declared !== 2) {
    throw new TrustFileFormatError(`RECORD_LENGTH at offset ${offset} has length ${declared}, expected 2`, { offset, tag: RecordTag.RECORD_LENGTH });
  }
  const length = bytes.readUInt16BE(offset + TLV_HEAD_SIZE);
  if (length < RECORD_LENGTH_ELEMENT_SIZE) {
    throw new TrustFileFormatError(
      `RECORD_LENGTH ${length} at offset ${offset} is shorter than the RECORD_LENGTH element itself (${RECORD_LENGTH_ELEMENT_SIZE} bytes)`,
      { offset, tag: RecordTag.RECORD_LENGTH },
    );
  }
  if (length > remaining) {
    throw new TrustFileFormatError(
      `truncated: the record at offset ${offset} declares ${length} bytes (RECORD_LENGTH) but only ${remaining} remain in the file`,
      { offset, tag: RecordTag.RECORD_LENGTH },
    );
  }
  return length;
}

/** Four bytes, dotted. An empty value means "no address" (CUCM fills it only for its own servers). */
function decodeIpAddress(element: TlvElement): string | undefined {
  if (element.length === 0) return undefined;
  expectLength(element, 4, describeRecordTag);
  return Array.from(element.value).join('.');
}

function decodeUnsigned(element: TlvElement): number {
  if (element.length < 1 || element.length > 4) {
    throw new TrustFileFormatError(
      `${describeRecordTag(element.tag)} at offset ${element.offset} has length ${element.length}, expected 1 to 4`,
      { offset: element.offset, tag: element.tag },
    );
  }
  return element.value.readUIntBE(0, element.length);
}
