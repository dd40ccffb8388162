/**
 * Reads a trust file's header: VERSION and HEADER_LENGTH first, then every element up to HEADER_LENGTH.
 *
 * Containers (SIGNER_INFO, SIGNATURE_INFO, SIGNATURE_ALGORITHM_INFO) bound their children, but a known
 * field is accepted at any depth, because public builders disagree on what sits inside which container
 * and only the field values matter. PADDING may appear anywhere in the header. Unknown tags are skipped
 * and listed; a repeated field is an error, since two SIGNATUREs or two serials would make "what was
 * signed, and by whom" ambiguous.
 */
import { TrustFileDigest, digestFromCode } from './algorithms';
import { HEADER_CONTAINER_TAGS, HeaderTag, describeHeaderTag } from './tags';
import { TlvElement, TlvReader } from './tlv';
import { copyValue, decodeCString, decodeVersion, expectLength } from './tlv-values';
import { TrustFileFormatError } from './trust-file-format-error';
import type { ParsedTrustFileSigner } from './types';

export interface ParsedHeader {
  version: [number, number];
  headerLength: number;
  signerVersion?: [number, number];
  signer: ParsedTrustFileSigner;
  digest: TrustFileDigest;
  signatureAlgorithm: number;
  signatureModulus: number;
  signature: Buffer;
  /** The SIGNATURE element (head included): the span the signature does not cover. */
  signatureElement: { offset: number; end: number };
  fileName: string;
  timestamp: number;
  unknownHeaderTags: number[];
}

const KNOWN_TAGS: ReadonlySet<number> = new Set(Object.values(HeaderTag));

export function parseHeader(bytes: Buffer): ParsedHeader {
  if (bytes.length === 0) throw new TrustFileFormatError('not a trust file: the file is empty', { offset: 0 });
  if (bytes[0] !== HeaderTag.VERSION) {
    throw new TrustFileFormatError(`not a trust file: first tag is 0x${hex(bytes[0])}, expected 1 (VERSION)`, { offset: 0, tag: bytes[0] });
  }
  const file = new TlvReader(bytes, 0, bytes.length, 'the file', describeHeaderTag);
  const versionElement = file.readElement();
  const version = decodeVersion(versionElement, describeHeaderTag);
  const lengthElement = readHeaderLength(file);
  const headerLength = lengthElement.value.readUInt16BE(0);
  if (headerLength > bytes.length) {
    throw new TrustFileFormatError(
      `header length ${headerLength} exceeds file size ${bytes.length}: the file is truncated or its HEADER_LENGTH is corrupt`,
      { offset: lengthElement.offset, tag: HeaderTag.HEADER_LENGTH },
    );
  }
  if (headerLength < file.offset) {
    throw new TrustFileFormatError(
      `header length ${headerLength} is shorter than the VERSION and HEADER_LENGTH elements that open it (${file.offset} bytes)`,
      { offset: lengthElement.offset, tag: HeaderTag.HEADER_LENGTH },
    );
  }

  const fields = new Map<number, TlvElement>([
    [HeaderTag.VERSION, versionElement],
    [HeaderTag.HEADER_LENGTH, lengthElement],
  ]);
  const unknownHeaderTags: number[] = [];
  collect(new TlvReader(bytes, file.offset, headerLength, `the header (HEADER_LENGTH ${headerLength})`, describeHeaderTag), fields, unknownHeaderTags);

  const need = (tag: number): TlvElement => {
    const element = fields.get(tag);
    if (!element) {
      throw new TrustFileFormatError(`the header (bytes 0 to ${headerLength}) has no ${describeHeaderTag(tag)}`, { offset: headerLength, tag });
    }
    return element;
  };
  const byte = (tag: number): number => {
    const element = need(tag);
    expectLength(element, 1, describeHeaderTag);
    return element.value[0];
  };

  const digestElement = need(HeaderTag.DIGEST_ALGORITHM);
  const digest = digestFromCode(byte(HeaderTag.DIGEST_ALGORITHM));
  if (!digest) {
    throw new TrustFileFormatError(
      `unsupported digest algorithm code ${digestElement.value[0]} at offset ${digestElement.offset} (known: 1 SHA-1, 2 SHA-256, 3 SHA-512)`,
      { offset: digestElement.offset, tag: HeaderTag.DIGEST_ALGORITHM },
    );
  }
  const signatureElement = need(HeaderTag.SIGNATURE);
  if (signatureElement.length === 0) {
    throw new TrustFileFormatError(`SIGNATURE at offset ${signatureElement.offset} is empty`, { offset: signatureElement.offset, tag: HeaderTag.SIGNATURE });
  }
  const timestampElement = need(HeaderTag.TIMESTAMP);
  expectLength(timestampElement, 4, describeHeaderTag);
  const signerVersionElement = fields.get(HeaderTag.SIGNER_VERSION);

  return {
    version,
    headerLength,
    ...(signerVersionElement && { signerVersion: decodeVersion(signerVersionElement, describeHeaderTag) }),
    signer: {
      name: decodeCString(need(HeaderTag.SIGNER_NAME)),
      serialHex: need(HeaderTag.SERIAL_NUMBER).value.toString('hex'),
      issuer: decodeCString(need(HeaderTag.ISSUER_NAME)),
    },
    digest,
    signatureAlgorithm: byte(HeaderTag.SIGNATURE_ALGORITHM),
    signatureModulus: byte(HeaderTag.SIGNATURE_MODULUS),
    signature: copyValue(signatureElement),
    signatureElement: { offset: signatureElement.offset, end: signatureElement.end },
    fileName: decodeCString(need(HeaderTag.FILENAME)),
    timestamp: timestampElement.value.readUInt32BE(0),
    unknownHeaderTags,
  };
}

function readHeaderLength(file: TlvReader): TlvElement {
  if (file.done) {
    throw new TrustFileFormatError(`truncated: the file ends at offset ${file.offset}, before HEADER_LENGTH (tag 2)`, { offset: file.offset, tag: HeaderTag.HEADER_LENGTH });
  }
  const tag = file.peekTag();
  if (tag !== HeaderTag.HEADER_LENGTH) {
    throw new TrustFileFormatError(`not a trust file: second tag (offset ${file.offset}) is ${tag}, expected 2 (HEADER_LENGTH)`, { offset: file.offset, tag });
  }
  const element = file.readElement();
  expectLength(element, 2, describeHeaderTag);
  return element;
}

function collect(reader: TlvReader, fields: Map<number, TlvElement>, unknownTags: number[]): void {
  while (!reader.done) {
    if (reader.peekTag() === HeaderTag.PADDING) {
      reader.skipByte();
      continue;
    }
    const element = reader.readElement();
    if (!KNOWN_TAGS.has(element.tag)) {
      unknownTags.push(element.tag);
      continue;
    }
    const first = fields.get(element.tag);
    if (first) {
      throw new TrustFileFormatError(
        `${describeHeaderTag(element.tag)} appears twice in the header: at offset ${first.offset} and at offset ${element.offset}`,
        { offset: element.offset, tag: element.tag },
      );
    }
    fields.set(element.tag, element);
    if (HEADER_CONTAINER_TAGS.has(element.tag)) {
      collect(reader.childReader(element, `${describeHeaderTag(element.tag)} at offset ${element.offset}`), fields, unknownTags);
    }
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
