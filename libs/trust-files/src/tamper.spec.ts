/**
 * Nothing in a trust file can change unnoticed: every byte is either covered by the signature or is the
 * signature, so flipping any one byte must make the parse fail with TrustFileFormatError or make the
 * verification fail — never a silent pass, never another kind of exception. Cut-off files and garbage
 * must fail the same clean way.
 */
import { buildTrustFile } from './build-trust-file';
import { parseTrustFile } from './parse-trust-file';
import { HeaderTag } from './tags';
import { typicalItl } from './test-support/typical-itl';
import { TrustFileFormatError } from './trust-file-format-error';
import { verifyTrustFile } from './verify-trust-file';

type Outcome = 'format-error' | 'not-verified' | 'VERIFIED' | `OTHER ERROR: ${string}`;

function outcome(bytes: Buffer): Outcome {
  try {
    return verifyTrustFile(parseTrustFile(bytes)).ok ? 'VERIFIED' : 'not-verified';
  } catch (error) {
    if (error instanceof TrustFileFormatError && Number.isInteger(error.offset) && error.offset >= 0 && error.offset <= bytes.length) {
      return 'format-error';
    }
    return `OTHER ERROR: ${String(error)}`;
  }
}

/** Offsets whose flip (by each mask) did not end in a format error or a failed verification. */
function silentFlips(file: Buffer, offsets: Iterable<number>, masks = [0x01, 0xff]): string[] {
  const silent: string[] = [];
  for (const offset of offsets) {
    for (const mask of masks) {
      const copy = Buffer.from(file);
      copy[offset] ^= mask;
      const result = outcome(copy);
      if (result !== 'format-error' && result !== 'not-verified') silent.push(`offset ${offset} ^0x${mask.toString(16)}: ${result}`);
    }
  }
  return silent;
}

const range = (start: number, end: number) => Array.from({ length: end - start }, (_, i) => start + i);

describe.each([1024, 2048] as const)('tampering with a typical ITL (%i-bit signer)', (bits) => {
  const file = buildTrustFile(typicalItl('sha256', bits).input);
  const parsed = parseTrustFile(file);

  it('verifies untouched', () => {
    expect(outcome(file)).toBe('VERIFIED');
  });

  it('detects a flip of any byte of the SIGNATURE element', () => {
    expect(silentFlips(file, range(parsed.signatureOffset, parsed.signatureOffset + 3 + parsed.signature.length))).toEqual([]);
  });

  it('detects a flip of any byte of the header (padding, file name and timestamp included)', () => {
    const padding = file.subarray(0, parsed.headerLength).indexOf(HeaderTag.PADDING, parsed.signatureOffset + 3 + parsed.signature.length);
    expect(padding).toBeGreaterThan(0);
    expect(silentFlips(file, range(0, parsed.headerLength))).toEqual([]);
  });

  it('detects a flip of any byte of a record (the signer record and another)', () => {
    for (const record of [parsed.records[0], parsed.records[3]]) {
      expect(silentFlips(file, range(record.offset, record.offset + record.length))).toEqual([]);
    }
  });

  it('detects a flip of a sample of bytes across the whole file', () => {
    expect(silentFlips(file, range(0, file.length).filter((offset) => offset % 7 === 3))).toEqual([]);
  });
});

describe('cut-off files', () => {
  const file = buildTrustFile(typicalItl('sha256', 1024).input);
  const parsed = parseTrustFile(file);
  const recordEnds = new Set([parsed.headerLength, ...parsed.records.map((record) => record.offset + record.length)]);

  it('fail with a TrustFileFormatError at every cut, except at a record boundary, where the signature fails', () => {
    // The format has no total length, so a file cut exactly between records still parses;
    // the signature (or the missing signer record) is what gives it away.
    const unexpected: string[] = [];
    for (let cut = 0; cut < file.length; cut++) {
      const result = outcome(file.subarray(0, cut));
      const expected = recordEnds.has(cut) ? 'not-verified' : 'format-error';
      if (result !== expected) unexpected.push(`cut at ${cut}: ${result}, expected ${expected}`);
    }
    expect(unexpected).toEqual([]);
  });

  it('report the offset where reading stopped', () => {
    const cut = parsed.records[1].offset + 40;
    expect(() => parseTrustFile(file.subarray(0, cut))).toThrow(
      expect.objectContaining({ offset: parsed.records[1].offset, message: expect.stringMatching(/^truncated: /) }),
    );
  });
});

describe('garbage', () => {
  // A small deterministic generator, so a failure reproduces.
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const noise = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
  const file = buildTrustFile(typicalItl('sha256', 1024).input);
  const headerLength = parseTrustFile(file).headerLength;

  it('random bytes, with and without a plausible start, fail with TrustFileFormatError', () => {
    const results = new Set<Outcome>();
    for (let i = 0; i < 500; i++) {
      const body = noise(Math.floor(random() * 600));
      results.add(outcome(body));
      results.add(outcome(Buffer.concat([Buffer.from('0100020102020002', 'hex'), body])));
    }
    expect([...results]).toEqual(['format-error']);
  });

  it('a valid header followed by noise, or a valid file with noise spliced in, never passes and never throws anything else', () => {
    const results = new Set<Outcome>();
    for (let i = 0; i < 300; i++) {
      results.add(outcome(Buffer.concat([file.subarray(0, headerLength), noise(1 + Math.floor(random() * 400))])));
      const spliced = Buffer.from(file);
      const at = Math.floor(random() * file.length);
      noise(1 + Math.floor(random() * 16)).copy(spliced, at);
      if (!spliced.equals(file)) results.add(outcome(spliced));
    }
    expect([...results].filter((result) => result !== 'format-error' && result !== 'not-verified')).toEqual([]);
  });
});
