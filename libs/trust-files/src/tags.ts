/**
 * Tag numbers of the two TLV namespaces (trust-file-format.md): the header's and a record's. The same
 * number means different things in each (1 is VERSION in the header, RECORD_LENGTH in a record), so
 * they are kept apart and every error message names the tag in the namespace it was read in.
 */
export const HeaderTag = {
  VERSION: 1,
  HEADER_LENGTH: 2,
  SIGNER_INFO: 3,
  SIGNER_NAME: 4,
  SERIAL_NUMBER: 5,
  ISSUER_NAME: 6,
  SIGNATURE_INFO: 7,
  DIGEST_ALGORITHM: 8,
  SIGNATURE_ALGORITHM_INFO: 9,
  SIGNATURE_ALGORITHM: 10,
  SIGNATURE_MODULUS: 11,
  SIGNATURE: 12,
  /** The one exception to tag/length/value: a single byte, repeated. */
  PADDING: 13,
  FILENAME: 14,
  TIMESTAMP: 15,
  SIGNER_VERSION: 28,
} as const;

export const RecordTag = {
  RECORD_LENGTH: 1,
  DNS_NAME: 2,
  SUBJECT_NAME: 3,
  FUNCTION: 4,
  ISSUER_NAME: 5,
  SERIAL_NUMBER: 6,
  PUBLIC_KEY: 7,
  SIGNATURE: 8,
  CERTIFICATE: 9,
  IP_ADDRESS: 10,
  CERTIFICATE_HASH: 11,
  HASH_ALGORITHM: 12,
} as const;

/** Header tags whose value is a sequence of further header elements. */
export const HEADER_CONTAINER_TAGS: ReadonlySet<number> = new Set([
  HeaderTag.SIGNER_INFO,
  HeaderTag.SIGNATURE_INFO,
  HeaderTag.SIGNATURE_ALGORITHM_INFO,
]);

function namer(table: Record<string, number>): (tag: number) => string {
  const names = new Map(Object.entries(table).map(([name, tag]) => [tag, name]));
  return (tag) => {
    const name = names.get(tag);
    return name ? `tag ${tag} (${name})` : `tag ${tag}`;
  };
}

/** "tag 12 (SIGNATURE)": how header tags appear in error messages. */
export const describeHeaderTag = namer(HeaderTag);
/** "tag 9 (CERTIFICATE)": how record tags appear in error messages. */
export const describeRecordTag = namer(RecordTag);
