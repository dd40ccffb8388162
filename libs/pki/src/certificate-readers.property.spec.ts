/**
 * Property tests of the certificate and CSR readers (issue 13): whatever the bytes or text, parseCertificate
 * returns a certificate or throws a CertificateFormatError, and parseCsr returns a request or throws a
 * CsrFormatError — never another exception, and never an answer that is not one. Inputs: any bytes, any
 * text, and valid certificates and requests (RSA, EC, Ed25519) with bytes flipped, cut, repeated or inserted,
 * as DER and as PEM.
 *
 * Runs per property: the default (5,000) keeps the file within a few seconds in CI; TRUSTSIM_FUZZ_RUNS=<n> asks for n each.
 */
import fc from 'fast-check';
import { issueCertificate } from './certificate';
import { CertificateFormatError } from './certificate-format-error';
import { createCsr } from './csr';
import { CsrFormatError } from './csr-format-error';
import { readNode } from './der';
import { deriveEcKeyPair } from './ec-key-derivation';
import { parseCertificate } from './parse-certificate';
import { parseCsr } from './parse-csr';
import { purposeExtensions } from './purpose-profiles';
import { deriveRsaKeyPair } from './rsa-key-derivation';
import { EC_P256_CERTIFICATE_PEM, ED25519_CERTIFICATE_PEM } from './testing/fixtures';

const runs = (fallback: number) => Number(process.env.TRUSTSIM_FUZZ_RUNS ?? fallback);
const TIMEOUT = 120_000;

const rsa = deriveRsaKeyPair(Buffer.from('reader-fuzz/rsa'), 1024);
const ec = deriveEcKeyPair(Buffer.from('reader-fuzz/P-256'), 'P-256');
const subject = { CN: 'cucmpub.example.com', OU: 'Voice', O: 'Example', C: 'US' };
const extensions = purposeExtensions('tomcat', { subjectAltNames: ['cucmpub.example.com', 'cucmsub1.example.com'] });

const rsaCertificate = issueCertificate({
  subject,
  serial: '7a3f',
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2030-01-01T00:00:00Z'),
  subjectPublicKey: rsa.publicKey,
  issuerPrivateKey: rsa.privateKey,
  extensions,
});
const rsaCsr = createCsr({ subject, privateKey: rsa.privateKey, extensions });
const ecCsr = createCsr({ subject, privateKey: ec.privateKey, hash: 'sha384', extensions: purposeExtensions('tomcat-ECDSA', { subjectAltNames: ['cucmpub.example.com'] }) });

const derOf = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
const CERTIFICATES = [rsaCertificate.der, derOf(EC_P256_CERTIFICATE_PEM), derOf(ED25519_CERTIFICATE_PEM)];
const REQUESTS = [rsaCsr.der, ecCsr.der];
const SEEDS = [...CERTIFICATES, ...REQUESTS];

const pem = (der: Buffer, label: string) => `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

/** Byte-level edits: flip, set to a length-ish byte, cut, duplicate a slice, insert random bytes. */
const byteEdit = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.oneof(fc.nat(255), fc.constantFrom(0x00, 0x30, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0xff)) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat(64) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.nat(64) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

type Edit = typeof byteEdit extends fc.Arbitrary<infer E> ? E : never;

function applyEdits(seed: Buffer, edits: readonly Edit[]): Buffer {
  let bytes = Buffer.from(seed);
  for (const edit of edits) {
    const at = edit.at % (bytes.length + 1);
    if (edit.kind === 'set' && bytes.length) bytes[at % bytes.length] = edit.byte;
    else if (edit.kind === 'cut') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + edit.length)]);
    else if (edit.kind === 'repeat') bytes = Buffer.concat([bytes.subarray(0, at + edit.length), bytes.subarray(at)]);
    else if (edit.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.bytes), bytes.subarray(at)]);
    else if (edit.kind === 'truncate') bytes = bytes.subarray(0, at);
  }
  return bytes;
}

const editedDer = fc.record({ seed: fc.constantFrom(...SEEDS), edits: fc.array(byteEdit, { minLength: 1, maxLength: 4 }) }).map(({ seed, edits }) => applyEdits(seed, edits));

const PEM_PIECES = ['-----BEGIN CERTIFICATE-----\n', '-----END CERTIFICATE-----\n', '-----BEGIN CERTIFICATE REQUEST-----\n', '-----END CERTIFICATE REQUEST-----\n', '-----BEGIN NEW CERTIFICATE REQUEST-----\n', '-----BEGIN PRIVATE KEY-----\n', '\n', '\r\n', '=', '==', 'A', '/', '+', '-', ' ', '\t', '\u0000', 'é'];
const textEdit = fc.record({ at: fc.nat(), remove: fc.nat(16), insert: fc.oneof(fc.constantFrom(...PEM_PIECES), fc.string({ maxLength: 6 })) });

const editedPem = fc
  .record({
    seed: fc.constantFrom(...CERTIFICATES.map((der) => pem(der, 'CERTIFICATE')), ...REQUESTS.map((der) => pem(der, 'CERTIFICATE REQUEST'))),
    edits: fc.array(textEdit, { minLength: 1, maxLength: 4 }),
    asBuffer: fc.boolean(),
  })
  .map(({ seed, edits, asBuffer }) => {
    let text = seed;
    for (const { at, remove, insert } of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(i + remove);
    }
    return asBuffer ? Buffer.from(text, 'utf8') : text;
  });

/** Two blocks, or one block inside text, as files exported from other tools look. */
const combined = fc
  .tuple(fc.constantFrom(...SEEDS), fc.constantFrom(...SEEDS), fc.constantFrom('CERTIFICATE', 'CERTIFICATE REQUEST', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE'), fc.string({ maxLength: 20 }))
  .map(([a, b, label, noise]) => `${noise}\n${pem(a, label)}${noise}${pem(b, label)}`);

/** DER framing with any content: random trees of the tags certificates use, lengths written correctly. */
const derLength = (n: number) => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));
const tlv = (tag: number, content: Buffer) => Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
const { node: derTree } = fc.letrec<{ node: Buffer }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.constantFrom(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x1e, 0x80, 0x81, 0x82, 0x86, 0x87), fc.uint8Array({ maxLength: 24 })).map(([tag, bytes]) => tlv(tag, Buffer.from(bytes))),
    fc.tuple(fc.constantFrom(0x30, 0x31, 0xa0, 0xa1, 0xa3), fc.array(tie('node'), { maxLength: 5 })).map(([tag, children]) => tlv(tag, Buffer.concat(children))),
  ),
}));
/** A random tree alone, or in place of one element of a real certificate's TBS (so OpenSSL and the walk go deep). */
const structuredDer = fc.oneof(
  derTree,
  fc.tuple(fc.constantFrom(...CERTIFICATES.slice(0, 2), ...REQUESTS), fc.nat(9), derTree).map(([seed, index, replacement]) => {
    const outer = readNode(seed, 0);
    const inner = readNode(seed, outer.contentStart);
    const children: Buffer[] = [];
    for (let at = inner.contentStart; at < inner.end; ) {
      const child = readNode(seed, at);
      children.push(seed.subarray(at, child.end));
      at = child.end;
    }
    children[index % children.length] = replacement;
    const tbs = tlv(0x30, Buffer.concat(children));
    return tlv(0x30, Buffer.concat([tbs, seed.subarray(inner.end, outer.end)]));
  }),
);

const anyInput = fc.oneof(
  structuredDer,
  fc.uint8Array({ maxLength: 2_048 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'binary', maxLength: 300 }),
  editedDer,
  editedPem,
  combined,
);

/** Outcomes seen, so a run can show it reached both answers and many kinds of refusal (not one shallow check). */
type Outcomes = Map<string, number>;
const seen = (outcomes: Outcomes, key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

function readsCertificate(outcomes: Outcomes) {
  return (input: Buffer | string): void => {
    try {
      const info = parseCertificate(input);
      expect(info.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(Buffer.isBuffer(info.der)).toBe(true);
      seen(outcomes, 'certificate');
    } catch (error) {
      if (!(error instanceof CertificateFormatError)) throw error;
      expect(error.reason.length).toBeGreaterThan(0);
      seen(outcomes, error.problem);
    }
  };
}

function readsCsr(outcomes: Outcomes) {
  return (input: Buffer | string): void => {
    try {
      const info = parseCsr(input);
      expect(Buffer.isBuffer(info.der)).toBe(true);
      seen(outcomes, 'request');
    } catch (error) {
      if (!(error instanceof CsrFormatError)) throw error;
      expect(error.message.length).toBeGreaterThan(0);
      seen(outcomes, error.problem);
    }
  };
}

describe('certificate and CSR readers (property tests)', () => {
  it('read the seeds (the edits are what makes them wrong); Ed25519 is refused by design', () => {
    for (const der of CERTIFICATES.slice(0, 2)) expect(parseCertificate(der).der.equals(der)).toBe(true);
    expect(() => parseCertificate(CERTIFICATES[2])).toThrow(CertificateFormatError);
    for (const der of REQUESTS) expect(parseCsr(der).der.equals(der)).toBe(true);
  });

  it('parseCertificate: any bytes or text give a certificate or a CertificateFormatError', () => {
    const outcomes: Outcomes = new Map();
    fc.assert(fc.property(anyInput, readsCertificate(outcomes)), { numRuns: runs(5_000) });
    expect(outcomes.get('certificate')).toBeGreaterThan(0);
    expect(outcomes.size).toBeGreaterThanOrEqual(5);
    if (process.env.TRUSTSIM_FUZZ_RUNS) console.log('parseCertificate outcomes', Object.fromEntries(outcomes));
  }, TIMEOUT);

  it('parseCsr: any bytes or text give a request or a CsrFormatError', () => {
    const outcomes: Outcomes = new Map();
    fc.assert(fc.property(anyInput, readsCsr(outcomes)), { numRuns: runs(5_000) });
    expect(outcomes.get('request')).toBeGreaterThan(0);
    expect(outcomes.size).toBeGreaterThanOrEqual(5);
    if (process.env.TRUSTSIM_FUZZ_RUNS) console.log('parseCsr outcomes', Object.fromEntries(outcomes));
  }, TIMEOUT);
});
