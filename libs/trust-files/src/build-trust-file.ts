/**
 * Writes a signed ITL or CTL file (trust-file-format.md) laid out as CUCM lays them out. The header:
 *
 *   VERSION 1.2, HEADER_LENGTH, SIGNER_INFO{name, serial, issuer},
 *   SIGNATURE_INFO{DIGEST_ALGORITHM, SIGNATURE_ALGORITHM_INFO{algorithm, modulus}},
 *   SIGNATURE, FILENAME, TIMESTAMP, PADDING*
 *
 * then the records. That is the element list of the published `show ctl` dumps ("3 SIGNERID, 4
 * SIGNERNAME, 5 SERIALNUMBER, 6 CANAME, 7 SIGNATUREINFO 15, 8 DIGESTALGORTITHM, 9 SIGNATUREALGOINFO 8,
 * 10, 11, 12 SIGNATURE, 14 FILENAME, 15 TIMESTAMP") whose header lengths (336 [STOKENLESS], 304 [SNONSECURE])
 * add up only without SIGNER_VERSION (tag 28), so it is left out unless asked for (see
 * `TrustFileInput.signerVersion`). The padding comes last: a phone reading a CUCM 11.5 ITL logs
 * "start of pad ('T' 0x0d) at TLV 15 ... skipping 1 trail bytes" [SEMCC], and the independent public
 * builder pads there too [SUCM-NZ].
 *
 * The signature covers the whole file with the SIGNATURE element taken out, so the header length (which
 * includes the signature) is fixed first from the key size, then the file is signed, then the signature
 * is put in its place. RSA PKCS#1 v1.5 signatures are deterministic, so the same input always gives the
 * same bytes.
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

/** "Version: 1.2" in every published dump [STOKENLESS] [SNONSECURE] [SSECMIG]. */
const DEFAULT_VERSION: readonly [number, number] = [1, 2];
/** SIGNER_VERSION 1.1 tells a phone to fetch its configuration over HTTPS from the EC TFTP certificate [SUCM-NZ]. */
const SIGNER_VERSION_EC_TFTP: readonly [number, number] = [1, 1];

export function buildTrustFile(input: TrustFileInput): Buffer {
  checkInput(input);
  const signer = describeSigner(input.signer.certificateDer, input.signer.privateKey);
  // A record without a certificate is a stub (non-secure CTL entries [SNONSECURE]): nothing to read.
  const recordFields = input.records.map((record, index) => (record.certificateDer === undefined ? undefined : certificateFieldsOf(record, `records[${index}]`)));
  const records = input.records.map((record, index) => {
    try {
      return encodeTrustRecord(record, recordFields[index]);
    } catch (error) {
      throw new TrustFileBuildError(`records[${index}]: ${(error as Error).message}`);
    }
  });

  const signerVersion = input.signerVersion === undefined ? defaultSignerVersion(input.records, recordFields) : input.signerVersion;
  const head = [
    tlvVersion(HeaderTag.VERSION, input.version ?? DEFAULT_VERSION),
    tlvU16(HeaderTag.HEADER_LENGTH, 0), // patched below, once padding is known
    ...(signerVersion ? [tlvVersion(HeaderTag.SIGNER_VERSION, signerVersion)] : []),
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

  const signedParts = [...head, ...tail, padding, ...records];
  const signature = sign(input.digest, Buffer.concat(signedParts), input.signer.privateKey);
  if (signature.length !== signer.signatureSize) {
    throw new TrustFileBuildError(`signature is ${signature.length} bytes, expected ${signer.signatureSize}`);
  }
  return Buffer.concat([...head, tlv(HeaderTag.SIGNATURE, signature), ...tail, padding, ...records]);
}

function checkInput(input: TrustFileInput): void {
  if (typeof input.fileName !== 'string' || input.fileName.length === 0) throw new TrustFileBuildError('fileName must be a non-empty string');
  if (!Number.isInteger(input.timestamp) || input.timestamp < 0 || input.timestamp > 0xffffffff) {
    throw new TrustFileBuildError(`timestamp ${input.timestamp} is not a Unix time in seconds that fits 4 bytes`);
  }
  if (!Array.isArray(input.records)) throw new TrustFileBuildError('records must be an array');
  if (!isTrustFileDigest(input.digest)) throw new TrustFileBuildError(`digest ${String(input.digest)} is not one of sha1, sha256, sha512`);
  for (const [name, version] of [['version', input.version], ['signerVersion', input.signerVersion ?? undefined]] as const) {
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
  const fields = certificateFieldsOf({ certificateDer }, 'signer.certificateDer');
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

function certificateFieldsOf(record: Pick<TrustRecordInput, 'certificateDer'>, where: string): CertificateFields {
  if (!Buffer.isBuffer(record.certificateDer)) throw new TrustFileBuildError(`${where}: certificateDer must be a Buffer`);
  try {
    return readCertificateFields(record.certificateDer);
  } catch (error) {
    throw new TrustFileBuildError(`${where}: ${(error as Error).message}`);
  }
}

/**
 * SIGNER_VERSION only with an EC TFTP certificate (1.1, "HTTPS provisioning" [SUCM-NZ]); otherwise none,
 * as in every published dump [STOKENLESS] [SNONSECURE].
 */
function defaultSignerVersion(records: readonly TrustRecordInput[], fields: readonly (CertificateFields | undefined)[]): readonly [number, number] | null {
  const ecTftp = records.some(
    (record, index) => (record.role === TrustRole.TFTP || record.role === TrustRole.CCM_TFTP) && fields[index]?.keyType === 'ec',
  );
  return ecTftp ? SIGNER_VERSION_EC_TFTP : null;
}

function byteLength(parts: readonly Buffer[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}
