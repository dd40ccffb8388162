/**
 * One record of a trust file: the certificate plus the fields phones read without parsing X.509
 * (trust-file-format.md, "Records"). Elements are written in tag order, as CUCM and public tools do.
 */
import { isIPv4 } from 'node:net';
import { CertificateFields } from './certificate-fields';
import { isTrustRole } from './roles';
import { RecordTag } from './tags';
import { MAX_TLV_LENGTH, TLV_HEAD_SIZE, tlv, tlvString, tlvU16 } from './tlv';
import type { TrustRecordInput } from './types';

const RECORD_LENGTH_ELEMENT_SIZE = TLV_HEAD_SIZE + 2;

export function encodeTrustRecord(input: TrustRecordInput, fields: CertificateFields): Buffer {
  if (!isTrustRole(input.role)) throw new RangeError(`unknown role ${String(input.role)}`);
  const elements: Buffer[] = [];
  if (input.dnsName !== undefined) elements.push(tlvString(RecordTag.DNS_NAME, input.dnsName));
  elements.push(
    tlvString(RecordTag.SUBJECT_NAME, fields.subject),
    tlvU16(RecordTag.FUNCTION, input.role),
    tlvString(RecordTag.ISSUER_NAME, fields.issuer),
    tlv(RecordTag.SERIAL_NUMBER, fields.serial),
    tlv(RecordTag.PUBLIC_KEY, fields.publicKey),
    tlv(RecordTag.SIGNATURE, fields.signature),
    tlv(RecordTag.CERTIFICATE, input.certificateDer),
  );
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
