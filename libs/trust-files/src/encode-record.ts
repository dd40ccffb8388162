/**
 * One record of a trust file: the certificate plus the fields phones read without parsing X.509
 * (trust-file-format.md, "Records"). Elements are written in tag order, as CUCM and public tools do:
 * DNS_NAME, SUBJECT_NAME, FUNCTION, ISSUER_NAME, SERIAL_NUMBER, PUBLIC_KEY, SIGNATURE, CERTIFICATE,
 * IP_ADDRESS — the order of every record of the published dumps [STOKENLESS] [SNONSECURE].
 */
import { isIPv4 } from 'node:net';
import { CertificateFields } from './certificate-fields';
import { isTrustRole } from './roles';
import { RecordTag } from './tags';
import { MAX_TLV_LENGTH, TLV_HEAD_SIZE, tlv, tlvString, tlvU16 } from './tlv';
import type { TrustRecordInput } from './types';

const RECORD_LENGTH_ELEMENT_SIZE = TLV_HEAD_SIZE + 2;

/** `fields` is undefined for a stub record (no certificate): then only the name, role and address are written. */
export function encodeTrustRecord(input: TrustRecordInput, fields: CertificateFields | undefined): Buffer {
  if (!isTrustRole(input.role)) throw new RangeError(`unknown role ${String(input.role)}`);
  const elements: Buffer[] = [];
  if (input.dnsName !== undefined) elements.push(tlvString(RecordTag.DNS_NAME, input.dnsName));
  if (fields && input.certificateDer) {
    elements.push(tlvString(RecordTag.SUBJECT_NAME, fields.subject), tlvU16(RecordTag.FUNCTION, input.role), tlvString(RecordTag.ISSUER_NAME, fields.issuer));
    elements.push(tlv(RecordTag.SERIAL_NUMBER, fields.serial), tlv(RecordTag.PUBLIC_KEY, fields.publicKey));
    if (input.certificateSignature !== false) elements.push(tlv(RecordTag.SIGNATURE, fields.signature));
    elements.push(tlv(RecordTag.CERTIFICATE, input.certificateDer));
  } else {
    elements.push(tlvU16(RecordTag.FUNCTION, input.role));
  }
  if (input.ipAddress !== undefined) elements.push(tlv(RecordTag.IP_ADDRESS, ipv4Bytes(input.ipAddress)));

  const length = elements.reduce((sum, element) => sum + element.length, RECORD_LENGTH_ELEMENT_SIZE);
  if (length > MAX_TLV_LENGTH) {
    throw new RangeError(`record of ${length} bytes does not fit RECORD_LENGTH (max ${MAX_TLV_LENGTH})`);
  }
  return Buffer.concat([tlvU16(RecordTag.RECORD_LENGTH, length), ...elements], length);
}

function ipv4Bytes(address: string): Buffer {
  if (!isIPv4(address)) throw new RangeError(`ipAddress ${JSON.stringify(address)} is not a dotted IPv4 address`);
  return Buffer.from(address.split('.').map(Number));
}
