/**
 * Writes a signed ITL or CTL file (trust-file-format.md). Layout of the header:
 *
 *   VERSION, HEADER_LENGTH, SIGNER_VERSION, SIGNER_INFO{name, serial, issuer},
 *   SIGNATURE_INFO{DIGEST_ALGORITHM, SIGNATURE_ALGORITHM_INFO{algorithm, modulus}},
 *   SIGNATURE, PADDING*, FILENAME, TIMESTAMP
 *
 * then the records. The signature covers the whole file with the SIGNATURE element taken out, so the
 * header length (which includes the signature) is fixed first from the key size, then the file is
 * signed, then the signature is put in its place. RSA PKCS#1 v1.5 signatures are deterministic, so the
 * same input always gives the same bytes.
 */
import { KeyObject, createPublicKey, sign } from 'node:crypto';
import {
  SIGNATURE_ALGORITHM_RSA,
  digestCode,
  isTrustFileDigest,
  modulusCodeForSignatureSize,
} from './algorithms';
import { CertificateFields, readCertificateFields } from './certificate-fields';
import { encodeTrustRecord } from './encode-record';
import { TrustRole } from './roles';
import { HeaderTag } from './tags';
import { MAX_TLV_LENGTH, TLV_HEAD_SIZE, tlv, tlvContainer, tlvString, tlvU16, tlvU32, tlvU8, tlvVersion } from './tlv';
import type { TrustFileInput, TrustRecordInput } from './types';

/** Thrown when the input cannot make a valid file; the message names the field. */
export class TrustFileBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrustFileBuildError';
  }
}

const DEFAULT_VERSION: readonly [number, number] = [1, 2];
const SIGNER_VERSION_RSA: readonly [number, number] = [1, 0];
const SIGNER_VERSION_EC_TFTP: readonly [number, number] = [1, 1];

export function buildTrustFile(input: TrustFileInput): Buffer {
  checkInput(input);
  const signer = describeSigner(input.signer.certificateDer, input.signer.privateKey);
  const recordFields = input.records.map((record, index) => certificateFieldsOf(record, `records[${index}]`));
  const records = input.records.map((record, index) => {
    try {
      return encodeTrustRecord(record, recordFields[index]);
    } catch (error) {
      throw new TrustFileBuildError(`records[${index}]: ${(error as Error).message}`);
    }
  });

  const head = [
    tlvVersion(HeaderTag.VERSION, input.version ?? DEFAULT_VERSION),
    tlvU16(HeaderTag.HEADER_LENGTH, 0), // patched below, once padding is known
    tlvVersion(HeaderTag.SIGNER_VERSION, input.signerVersion ?? defaultSignerVersion(input.records, recordFields)),
    tlvContainer(HeaderTag.SIGNER_INFO, [
      tlvString(HeaderTag.SIGNER_NAME, signer.fields.subject),
      tlv(HeaderTag.SERIAL_NUMBER, signer.fields.serial),
      tlvString(HeaderTag.ISSUER_NAME, signer.fields.issuer),
    ]),
    tlvContainer(HeaderTag.SIGNATURE_INFO, [
      tlvU8(HeaderTag.DIGEST_ALGORITHM, digestCode(input.digest)),
      tlvContainer(HeaderTag.SIGNATURE_ALGORITHM_INFO, [
        tlvU8(HeaderTag.SIGNATURE_ALGORITHM, SIGNATURE_ALGORITHM_RSA),
        tlvU8(HeaderTag.SIGNATURE_MODULUS, signer.modulusCode),
      ]),
    ]),
  ];
  const tail = [tlvString(HeaderTag.FILENAME, input.fileName), tlvU32(HeaderTag.TIMESTAMP, input.timestamp)];

  const unpadded = byteLength(head) + TLV_HEAD_SIZE + signer.signatureSize + byteLength(tail);
  const padding = Buffer.alloc((4 - (unpadded % 4)) % 4, HeaderTag.PADDING);
  const headerLength = unpadded + padding.length;
  if (headerLength > MAX_TLV_LENGTH) {
    throw new TrustFileBuildError(`header of ${headerLength} bytes does not fit HEADER_LENGTH (max ${MAX_TLV_LENGTH}): shorten fileName or the signer's names`);
  }
  head[1].writeUInt16BE(headerLength, TLV_HEAD_SIZE);

  const signedParts = [...head, padding, ...tail, ...records];
  const signature = sign(input.digest, Buffer.concat(signedParts), input.signer.privateKey);
  if (signature.length !== signer.signatureSize) {
    throw new TrustFileBuildError(`signature is ${signature.length} bytes, expected ${signer.signatureSize}`);
  }
  return Buffer.concat([...head, tlv(HeaderTag.SIGNATURE, signature), padding, ...tail, ...records]);
}

function checkInput(input: TrustFileInput): void {
  if (typeof input.fileName !== 'string' || input.fileName.length === 0) throw new TrustFileBuildError('fileName must be a non-empty string');
  if (!Number.isInteger(input.timestamp) || input.timestamp < 0 || input.timestamp > 0xffffffff) {
    throw new TrustFileBuildError(`timestamp ${input.timestamp} is not a Unix time in seconds that fits 4 bytes`);
  }
  if (!Array.isArray(input.records)) throw new TrustFileBuildError('records must be an array');
  if (!isTrustFileDigest(input.digest)) throw new TrustFileBuildError(`digest ${String(input.digest)} is not one of sha1, sha256, sha512`);
  for (const [name, version] of [['version', input.version], ['signerVersion', input.signerVersion]] as const) {
    if (version && !version.every((part) => Number.isInteger(part) && part >= 0 && part <= 255)) {
      throw new TrustFileBuildError(`${name} ${JSON.stringify(version)} must be two numbers 0..255`);
    }
  }
}

interface SignerDescription {
  fields: CertificateFields;
  signatureSize: number;
  modulusCode: number;
}

function describeSigner(certificateDer: Buffer, privateKey: KeyObject): SignerDescription {
  if (!(privateKey instanceof KeyObject) || privateKey.type !== 'private') {
    throw new TrustFileBuildError('signer.privateKey must be a private KeyObject');
  }
  const fields = certificateFieldsOf({ certificateDer, role: TrustRole.SAST }, 'signer.certificateDer');
  if (privateKey.asymmetricKeyType !== 'rsa' || fields.keyType !== 'rsa') {
    const what = privateKey.asymmetricKeyType !== 'rsa' ? `private key type ${privateKey.asymmetricKeyType}` : `certificate key type ${fields.keyType}`;
    throw new TrustFileBuildError(
      `unsupported signer (${what}): trust files are signed with RSA PKCS#1 v1.5 only (SIGNATURE_ALGORITHM 0), so the signer needs an RSA certificate and key`,
    );
  }
  // Comparing PKCS#1 encodings: both are canonical DER of the same two integers when the keys match.
  if (!createPublicKey(privateKey).export({ type: 'pkcs1', format: 'der' }).equals(fields.publicKey)) {
    throw new TrustFileBuildError('signer.privateKey does not belong to signer.certificateDer');
  }
  const signatureSize = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  const modulusCode = modulusCodeForSignatureSize(signatureSize);
  if (modulusCode === undefined) {
    throw new TrustFileBuildError(
      `unsupported signer key size ${signatureSize * 8} bits: SIGNATURE_MODULUS has codes only for 512, 1024, 2048 and 4096-bit keys`,
    );
  }
  return { fields, signatureSize, modulusCode };
}

function certificateFieldsOf(record: TrustRecordInput, where: string): CertificateFields {
  if (!Buffer.isBuffer(record.certificateDer)) throw new TrustFileBuildError(`${where}: certificateDer must be a Buffer`);
  try {
    return readCertificateFields(record.certificateDer);
  } catch (error) {
    throw new TrustFileBuildError(`${where}: ${(error as Error).message}`);
  }
}

/** The spec: SIGNER_VERSION is 1.1 "with an EC TFTP certificate", else 1.0. */
function defaultSignerVersion(records: readonly TrustRecordInput[], fields: readonly CertificateFields[]): readonly [number, number] {
  const ecTftp = records.some(
    (record, index) => (record.role === TrustRole.TFTP || record.role === TrustRole.CCM_TFTP) && fields[index].keyType === 'ec',
  );
  return ecTftp ? SIGNER_VERSION_EC_TFTP : SIGNER_VERSION_RSA;
}

function byteLength(parts: readonly Buffer[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}
