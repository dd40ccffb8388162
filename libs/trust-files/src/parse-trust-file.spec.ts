import { createHash } from 'node:crypto';
import { buildTrustFile } from './build-trust-file';
import { readCertificateFields } from './certificate-fields';
import { parseTrustFile } from './parse-trust-file';
import { TrustRole } from './roles';
import { HeaderTag, RecordTag } from './tags';
import { rsaKey, selfSigned } from './test-support/certificates';
import { assembleTrustFile, rawRecord } from './test-support/raw-trust-file';
import { typicalItl } from './test-support/typical-itl';
import { tlv, tlvContainer, tlvString, tlvU16, tlvU32, tlvU8, tlvVersion } from './tlv';
import { TrustFileFormatError } from './trust-file-format-error';
import { verifyTrustFile } from './verify-trust-file';

const signerKey = rsaKey(1024);
const signerDer = selfSigned('ITLRECOVERY_cucm-pub', '6e1f', signerKey);
const signer = readCertificateFields(signerDer);

const signerInfo = () =>
  tlvContainer(HeaderTag.SIGNER_INFO, [
    tlvString(HeaderTag.SIGNER_NAME, signer.subject),
    tlv(HeaderTag.SERIAL_NUMBER, signer.serial),
    tlvString(HeaderTag.ISSUER_NAME, signer.issuer),
  ]);
const signatureInfo = (digestCode = 1) =>
  tlvContainer(HeaderTag.SIGNATURE_INFO, [
    tlvU8(HeaderTag.DIGEST_ALGORITHM, digestCode),
    tlvContainer(HeaderTag.SIGNATURE_ALGORITHM_INFO, [tlvU8(HeaderTag.SIGNATURE_ALGORITHM, 0), tlvU8(HeaderTag.SIGNATURE_MODULUS, 1)]),
  ]);
const fileName = () => tlvString(HeaderTag.FILENAME, 'CTLFile.tlv');
const timestamp = () => tlvU32(HeaderTag.TIMESTAMP, 1_600_000_000);
const sastRecord = (...extra: Buffer[]) =>
  rawRecord([
    tlvString(RecordTag.SUBJECT_NAME, signer.subject),
    tlvU16(RecordTag.FUNCTION, TrustRole.SAST),
    tlvString(RecordTag.ISSUER_NAME, signer.issuer),
    tlv(RecordTag.SERIAL_NUMBER, signer.serial),
    tlv(RecordTag.PUBLIC_KEY, signer.publicKey),
    tlv(RecordTag.SIGNATURE, signer.signature),
    ...extra,
  ]);

describe('parseTrustFile reads layouts other writers use (files from a real cluster)', () => {
  it('padding after the timestamp, no SIGNER_VERSION, SHA-1, hash fields and unknown tags', () => {
    const certificateHash = createHash('sha1').update(signerDer).digest();
    const bytes = assembleTrustFile({
      header: [signerInfo(), signatureInfo(1), 'SIGNATURE', fileName(), timestamp(), tlv(30, Buffer.from('future')), 'PADDING'],
      records: [
        sastRecord(
          tlv(RecordTag.CERTIFICATE, signerDer),
          tlv(40, Buffer.from([1, 2, 3])),
          tlv(RecordTag.IP_ADDRESS, Buffer.alloc(0)),
          tlv(RecordTag.CERTIFICATE_HASH, certificateHash),
          tlvU8(RecordTag.HASH_ALGORITHM, 1),
          tlv(41, Buffer.alloc(0)),
        ),
      ],
      digest: 'sha1',
      privateKey: signerKey.privateKey,
    });
    const parsed = parseTrustFile(bytes);
    expect(parsed.signerVersion).toBeUndefined();
    expect(parsed.unknownHeaderTags).toEqual([30]);
    expect(parsed).toMatchObject({ digest: 'sha1', fileName: 'CTLFile.tlv', timestamp: 1_600_000_000, signer: { serialHex: '6e1f' } });
    expect(parsed.records[0]).toMatchObject({ unknownTags: [40, 41], hashAlgorithm: 1, role: TrustRole.SAST });
    expect(parsed.records[0].ipAddress).toBeUndefined();
    expect(parsed.records[0].certificateHash!.equals(certificateHash)).toBe(true);
    expect(verifyTrustFile(parsed)).toMatchObject({ ok: true });
  });

  it('a SIGNATURE inside SIGNATURE_INFO, and a signer record without a CERTIFICATE (verified by its PUBLIC_KEY)', () => {
    const bytes = assembleTrustFile({
      header: [
        tlvVersion(HeaderTag.SIGNER_VERSION, [1, 0]),
        signerInfo(),
        {
          container: HeaderTag.SIGNATURE_INFO,
          parts: [
            tlvU8(HeaderTag.DIGEST_ALGORITHM, 3),
            tlvContainer(HeaderTag.SIGNATURE_ALGORITHM_INFO, [tlvU8(HeaderTag.SIGNATURE_ALGORITHM, 0), tlvU8(HeaderTag.SIGNATURE_MODULUS, 1)]),
            'SIGNATURE',
          ],
        },
        'PADDING',
        fileName(),
        timestamp(),
      ],
      records: [sastRecord()],
      digest: 'sha512',
      privateKey: signerKey.privateKey,
    });
    const parsed = parseTrustFile(bytes);
    expect(parsed.records[0].certificateDer).toBeUndefined();
    expect(parsed.signature).toHaveLength(128);
    expect(verifyTrustFile(parsed)).toMatchObject({ ok: true });
  });
});

describe('parseTrustFile explains a corrupt file: where, which tag, what is wrong', () => {
  const built = buildTrustFile(typicalItl('sha256', 1024).input);
  const parsed = parseTrustFile(built);
  const fail = (bytes: Buffer): TrustFileFormatError => {
    try {
      parseTrustFile(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(TrustFileFormatError);
      return error as TrustFileFormatError;
    }
    throw new Error('expected parseTrustFile to fail');
  };
  const patched = (offset: number, ...values: number[]) => {
    const copy = Buffer.from(built);
    values.forEach((value, i) => (copy[offset + i] = value));
    return copy;
  };

  it('something that is not a trust file (a DER certificate)', () => {
    expect(fail(signerDer)).toMatchObject({ offset: 0, tag: 0x30, message: 'not a trust file: first tag is 0x30, expected 1 (VERSION)' });
    expect(fail(Buffer.alloc(0))).toMatchObject({ offset: 0, message: 'not a trust file: the file is empty' });
  });

  it('a header longer than the file', () => {
    const cut = built.subarray(0, parsed.headerLength - 16);
    expect(fail(cut)).toMatchObject({
      offset: 5,
      tag: 2,
      message: `header length ${parsed.headerLength} exceeds file size ${parsed.headerLength - 16}: the file is truncated or its HEADER_LENGTH is corrupt`,
    });
  });

  it('an element that runs past the end of its record', () => {
    const record = parsed.records[2];
    const certificateOffset = record.offset + record.length - (record.certificateDer!.length + 3) - 7; // before IP_ADDRESS (7 bytes)
    expect(built[certificateOffset]).toBe(RecordTag.CERTIFICATE);
    const error = fail(patched(certificateOffset + 1, 0x7f, 0xff));
    expect(error).toMatchObject({ offset: certificateOffset, tag: RecordTag.CERTIFICATE });
    expect(error.message).toBe(
      `tag 9 (CERTIFICATE) at offset ${certificateOffset} declares 32767 bytes but only ${record.offset + record.length - certificateOffset - 3} remain in the record at offset ${record.offset} (RECORD_LENGTH ${record.length})`,
    );
  });

  it('a record that runs past the end of the file', () => {
    const last = parsed.records[5];
    const error = fail(built.subarray(0, built.length - 10));
    expect(error).toMatchObject({ offset: last.offset, tag: RecordTag.RECORD_LENGTH });
    expect(error.message).toBe(`truncated: the record at offset ${last.offset} declares ${last.length} bytes (RECORD_LENGTH) but only ${last.length - 10} remain in the file`);
  });

  it('a RECORD_LENGTH too small to hold itself, or something else where a record should start', () => {
    const first = parsed.records[0].offset;
    expect(fail(patched(first + 3, 0, 4)).message).toBe(`RECORD_LENGTH 4 at offset ${first} is shorter than the RECORD_LENGTH element itself (5 bytes)`);
    expect(fail(patched(first, 0x99))).toMatchObject({ offset: first, tag: 0x99, message: `expected a record at offset ${first} (RECORD_LENGTH, tag 1), found tag 153` });
  });

  it('an unknown digest algorithm', () => {
    const at = built.indexOf(Buffer.from('08000102', 'hex'));
    expect(fail(patched(at + 3, 9))).toMatchObject({ offset: at, tag: 8, message: `unsupported digest algorithm code 9 at offset ${at} (known: 1 SHA-1, 2 SHA-256, 3 SHA-512)` });
  });

  it('a header field given twice, or missing', () => {
    const at = parsed.signatureOffset;
    // Turn the SIGNATURE_MODULUS element (4 bytes before SIGNATURE) into a second DIGEST_ALGORITHM.
    expect(fail(patched(at - 4, HeaderTag.DIGEST_ALGORITHM)).message).toMatch(/^tag 8 \(DIGEST_ALGORITHM\) appears twice in the header: at offset \d+ and at offset \d+$/);
    // Turn SIGNATURE into an unknown tag: the header has no signature.
    expect(fail(patched(at, 99))).toMatchObject({ tag: 12, message: `the header (bytes 0 to ${parsed.headerLength}) has no tag 12 (SIGNATURE)` });
  });

  it('a fixed-size field of the wrong size', () => {
    const bytes = assembleTrustFile({
      header: [signerInfo(), signatureInfo(1), 'SIGNATURE', fileName(), tlvU16(HeaderTag.TIMESTAMP, 7), 'PADDING'],
      records: [],
      digest: 'sha1',
      privateKey: signerKey.privateKey,
    });
    expect(fail(bytes).message).toMatch(/^tag 15 \(TIMESTAMP\) at offset \d+ has length 2, expected 4$/);
  });
});
