/**
 * Property (issue 13 item 6): the import's readers take files nobody here wrote — a BAT export edited in a
 * spreadsheet, a half-downloaded ITL, a PEM with a stray line, a mapping file typed by hand. Whatever they
 * are given, each reader returns what it could read and records every part it could not as a diagnostic
 * naming the file (and line or record); it never throws. Inputs: the worked example's own files, cut,
 * flipped, spliced and repeated, and random text and bytes shaped like each format.
 *
 * Runs: TRUSTSIM_FUZZ_RUNS per property (default 300), TRUSTSIM_FUZZ_SEED to replay a failure.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostics } from './diagnostics';
import { readMapping } from './mapping-file';
import { readCertificateFile } from './read-certificates';
import { readPhoneInventory } from './read-phone-inventory';
import { readTrustFile } from './read-trust-files';

const RUNS = Number(process.env.TRUSTSIM_FUZZ_RUNS ?? 300);
const SEED = process.env.TRUSTSIM_FUZZ_SEED === undefined ? undefined : Number(process.env.TRUSTSIM_FUZZ_SEED);
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

const example = join(__dirname, '../../../examples/twin');
const csv = readFileSync(join(example, 'phones.csv'));
const mapping = readFileSync(join(example, 'mapping.yaml'), 'utf8');
const itl = readFileSync(join(example, 'trust-files/corp/cucm-pub/ITLFile.tlv'));
const pem = readFileSync(join(example, 'certificates/cucm-pub/CallManager.pem'));

/** A file damaged the ways files are: bytes flipped, cut off, a slice repeated or dropped, junk inserted. */
function damaged(original: Buffer): fc.Arbitrary<Buffer> {
  const at = fc.nat({ max: original.length });
  return fc.oneof(
    fc.tuple(at, fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
      const copy = Buffer.from(original);
      if (i < copy.length) copy[i] = b;
      return copy;
    }),
    at.map((i) => original.subarray(0, i)),
    fc.tuple(at, at).map(([a, b]) => Buffer.concat([original.subarray(0, Math.min(a, b)), original.subarray(Math.max(a, b))])),
    fc.tuple(at, at).map(([a, b]) => Buffer.concat([original.subarray(0, Math.max(a, b)), original.subarray(Math.min(a, b))])),
    fc.tuple(at, fc.uint8Array({ maxLength: 40 })).map(([i, junk]) => Buffer.concat([original.subarray(0, i), Buffer.from(junk), original.subarray(i)])),
  );
}

/** The reader's contract: it returns, and every diagnostic names the file it is about. */
function readsCleanly<T>(read: (diagnostics: Diagnostics) => T, shown: string): boolean {
  const diagnostics = new Diagnostics();
  read(diagnostics);
  return diagnostics.items.every((d) => d.file === undefined || d.file === shown);
}

const csvText = fc.array(fc.oneof(fc.constantFrom('Device Name', 'Device Pool', 'Device Type', 'SEP001122334455', 'Cisco 8845', ',', '"', '\r\n', '\n', '\uFEFF', '""'), fc.string()), { maxLength: 60 }).map((parts) => parts.join(''));

describe('the import readers take anything [issue 13]', () => {
  it('phone inventory (BAT CSV): the example damaged, and CSV-shaped noise', () => {
    fc.assert(fc.property(fc.oneof(damaged(csv), csvText.map((t) => Buffer.from(t))), (input) => readsCleanly((d) => readPhoneInventory(input, 'phones.csv', d), 'phones.csv')), settings);
  });

  it('trust files (ITL/CTL): the example ITL damaged, and random bytes', () => {
    const file = { shown: 'cucm-pub/ITLFile.tlv', name: 'ITLFile.tlv', folders: ['cucm-pub'] };
    fc.assert(fc.property(fc.oneof(damaged(itl), fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b))), (input) => readsCleanly((d) => readTrustFile(input, file, d), file.shown)), settings);
  });

  it('certificates (PEM/DER): the example PEM damaged, its DER damaged, and random bytes', () => {
    const der = Buffer.from(pem.toString('latin1').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const file = { shown: 'cucm-pub/CallManager.pem', name: 'CallManager.pem', folders: ['cucm-pub'] };
    fc.assert(fc.property(fc.oneof(damaged(pem), damaged(der), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b))), (input) => readsCleanly((d) => readCertificateFile(input, file, d), file.shown)), settings);
  });

  it('mapping file (YAML): the example damaged, and YAML-shaped noise', () => {
    const yamlText = fc.array(fc.oneof(fc.constantFrom('pools:', '\n', '  ', '- ', ': ', 'callManagerGroup', 'tftp', '[', ']', '{', '}', '*a', '&a', '<<: ', '"'), fc.string()), { maxLength: 50 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.oneof(damaged(Buffer.from(mapping)).map((b) => b.toString('utf8')), yamlText), (text) => readsCleanly((d) => readMapping(text, 'mapping.yaml', d), 'mapping.yaml')), settings);
  });
});
