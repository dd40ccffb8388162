/**
 * Property: whatever bytes a reader is handed — files from a real TFTP server, a cut-off download, a hex
 * editor's work — parseTrustFile either throws TrustFileFormatError (with an offset inside the file) or
 * returns a file that verifyTrustFile then judges, returning a verdict. Never another exception.
 *
 * Inputs come from three generators: raw bytes; a valid file (ITL, token CTL, non-secure CTL with stubs)
 * mutated by flips, cuts, splices and length patches; and header/record sequences of well-formed TLVs with
 * random tags and values (which reach the record and certificate readers more often than noise does).
 *
 * Runs: TRUSTSIM_FUZZ_RUNS (per property; default 2000, about 2 s in all on the 2-core machine), and
 * TRUSTSIM_FUZZ_SEED to replay a reported failure.
 */
import fc from 'fast-check';
import { buildTrustFile } from './build-trust-file';
import { parseTrustFile } from './parse-trust-file';
import { TrustRole } from './roles';
import { HeaderTag } from './tags';
import { rsaKey, selfSigned, ecKey, makeCertificate, cucmName } from './test-support/certificates';
import { typicalItl } from './test-support/typical-itl';
import { tlv, tlvU16 } from './tlv';
import { TrustFileFormatError } from './trust-file-format-error';
import { verifyTrustFile } from './verify-trust-file';

const RUNS = Number(process.env.TRUSTSIM_FUZZ_RUNS ?? 2000);
const SEED = process.env.TRUSTSIM_FUZZ_SEED === undefined ? undefined : Number(process.env.TRUSTSIM_FUZZ_SEED);
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

/** The property itself: a format error inside the file, or a verdict. */
function readsCleanly(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes);
  let parsed;
  try {
    parsed = parseTrustFile(buffer);
  } catch (error) {
    if (error instanceof TrustFileFormatError && Number.isInteger(error.offset) && error.offset >= 0 && error.offset <= buffer.length) return true;
    throw error;
  }
  const verdict = verifyTrustFile(parsed);
  return typeof verdict.ok === 'boolean';
}

const seedFiles = (() => {
  const itl = buildTrustFile(typicalItl('sha1', 1024).input);
  const key = rsaKey(1024, 7);
  const signer = selfSigned('SAST-token', '3cf9', key, 'sha1');
  const ec = makeCertificate({ subject: cucmName('cucm-pub-EC'), serialHex: '0ec0', publicKey: ecKey().publicKey, signingKey: ecKey().privateKey });
  const ctl = buildTrustFile({
    fileName: 'CTLFile.tlv',
    timestamp: 1_600_000_000,
    digest: 'sha512',
    signer: { certificateDer: signer, privateKey: key.privateKey },
    records: [
      { certificateDer: signer, role: TrustRole.SAST, dnsName: '', ipAddress: '0.0.0.0', certificateSignature: false },
      { role: TrustRole.CCM_TFTP, dnsName: '10.48.47.153', ipAddress: '10.48.47.153' },
      { certificateDer: ec, role: TrustRole.CCM_TFTP, dnsName: 'cucm-pub' },
    ],
  });
  return [itl, ctl];
})();

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('length' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 0xffff }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(file: Buffer, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(file);
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const at = m.at % bytes.length;
    if (m.kind === 'flip') bytes[at] ^= m.mask;
    else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
    else if (m.kind === 'splice') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    else if (at + 2 < bytes.length) bytes.writeUInt16BE(m.value, at + 1); // a tag's length field, or any two bytes
  }
  return bytes;
}

const mutatedFile = fc.tuple(fc.constantFrom(...seedFiles), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([file, mutations]) => mutate(file, mutations));

/** A TLV with a tag of either namespace and a short value (sometimes a real certificate, sometimes 1, 2 or 4 bytes). */
const someCertificate = typicalItl('sha1', 1024).input.records[0].certificateDer!;
const element = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constant(someCertificate), fc.constant(Buffer.from('0102', 'hex')))).map(([tag, value]) => tlv(tag, value));

const headerPrefix = (headerLength: number) => Buffer.concat([tlv(HeaderTag.VERSION, Buffer.from([1, 2])), tlvU16(HeaderTag.HEADER_LENGTH, headerLength)]);
const tlvFile = fc
  .tuple(fc.array(element, { maxLength: 16 }), fc.array(fc.array(element, { maxLength: 10 }), { maxLength: 4 }), fc.boolean())
  .map(([headerElements, records, exactLength]) => {
    const header = Buffer.concat(headerElements);
    const recordBytes = records.map((elements) => {
      const body = Buffer.concat(elements);
      return Buffer.concat([tlvU16(1, Math.min(0xffff, body.length + 5)), body]);
    });
    const headerLength = exactLength ? 10 + header.length : (header.length * 7) % 0xffff;
    return Buffer.concat([headerPrefix(Math.min(0xffff, headerLength)), header, ...recordBytes]);
  });

/**
 * A real header followed by a SAST record that names the header's signer (serial and issuer) but holds a
 * damaged certificate or a random PUBLIC_KEY: reaches the key readers and the signature check.
 */
const signerRecordFile = (() => {
  const file = seedFiles[0];
  const parsed = parseTrustFile(file);
  const header = file.subarray(0, parsed.headerLength);
  const signerRecord = parsed.records[0];
  const named = (elements: Buffer[]) => {
    const body = Buffer.concat([
      tlv(3, Buffer.from(`${signerRecord.subject}\0`)),
      tlvU16(4, TrustRole.SAST),
      tlv(5, Buffer.from(`${signerRecord.issuer}\0`)),
      tlv(6, Buffer.from(signerRecord.serialHex, 'hex')),
      ...elements,
    ]);
    return Buffer.concat([tlvU16(1, body.length + 5), body]);
  };
  const damagedCertificate = fc
    .tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }), fc.nat())
    .map(([flips, cut]) => {
      const der = Buffer.from(signerRecord.certificateDer!);
      for (const [at, mask] of flips) der[at % der.length] ^= mask;
      return cut % 5 === 0 ? der.subarray(0, cut % der.length) : der;
    });
  return fc
    .tuple(fc.uint8Array({ maxLength: 300 }), fc.option(damagedCertificate), fc.option(fc.uint8Array({ maxLength: 300 })))
    .map(([publicKey, certificateDer, signature]) =>
      Buffer.concat([
        header,
        named([tlv(7, publicKey), ...(signature ? [tlv(8, signature)] : []), ...(certificateDer ? [tlv(9, certificateDer)] : [])]),
      ]),
    );
})();

describe('reading any bytes: a TrustFileFormatError or a verdict, never another exception (fast-check)', () => {
  it('raw bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), readsCleanly), settings);
  });

  it('valid files (ITL; token CTL with stubs and an EC record) flipped, cut, spliced, their lengths patched', () => {
    fc.assert(fc.property(mutatedFile, readsCleanly), settings);
  });

  it('well-formed TLV sequences with random tags and values, header and records', () => {
    fc.assert(fc.property(tlvFile, readsCleanly), settings);
  });

  it('a real header and a signer record with a damaged certificate or a random public key', () => {
    fc.assert(fc.property(signerRecordFile, readsCleanly), settings);
  });
});
