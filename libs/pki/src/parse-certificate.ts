import { createHash, X509Certificate, type KeyObject } from 'crypto';
import type { CertificateInfo } from './certificate-info';
import { CertificateFormatError } from './certificate-format-error';
import { DerError, readNode } from './der';
import { dnFromEntries } from './dn';
import { EC_CURVE_PARAMETERS, EC_CURVES, type EcCurve } from './ec-key-derivation';
import { looksLikePem, scanPem, toPem } from './pem';
import { readCertificateStructure, type CertificateStructure } from './x509-structure';

/** Larger input is refused before any parsing (CUCM certificates are 1–2 KB; 64 KB is generous). */
export const MAX_CERTIFICATE_INPUT_BYTES = 64 * 1024;

/** Parsed certificates are immutable facts about immutable bytes: remember the recent ones. */
const MEMO_LIMIT = 4096;
const memo = new Map<string, CertificateInfo>();

/**
 * Reads exactly one X.509 certificate, PEM or DER, RSA or EC.
 *
 * Node's X509Certificate (OpenSSL) decides whether the bytes are a certificate; a small DER walk before it
 * explains broken input in words (how many bytes a truncated file is missing, which structure is wrong)
 * and reads the fields Node 20 does not expose. Every failure is a CertificateFormatError.
 *
 * Results are memoized by fingerprint and frozen; their Buffers are shared, so treat them as read-only.
 */
export function parseCertificate(input: Buffer | string): CertificateInfo {
  const der = extractDer(input);
  const fingerprint = createHash('sha256').update(der).digest('hex');
  const known = memo.get(fingerprint);
  if (known) return known;

  let info: CertificateInfo;
  try {
    info = describe(der, fingerprint);
  } catch (error) {
    if (error instanceof CertificateFormatError) throw error;
    // Last line of defence: whatever OpenSSL or our walk tripped over, the caller gets a readable reason.
    throw Object.assign(new CertificateFormatError('malformed', `the certificate cannot be read (${(error as Error).message})`), {
      cause: error,
    });
  }
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(fingerprint, info);
  return info;
}

/** Turns the input into the DER of a single certificate, or says why it cannot. */
function extractDer(input: Buffer | string): Buffer {
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) {
    throw new CertificateFormatError('not-a-certificate', `expected a Buffer or a string, got ${typeof input}`);
  }
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > MAX_CERTIFICATE_INPUT_BYTES) {
    throw new CertificateFormatError(
      'too-large',
      `input is ${size} bytes; a certificate file is at most ${MAX_CERTIFICATE_INPUT_BYTES} bytes (64 KB)`,
    );
  }
  if (size === 0) throw new CertificateFormatError('empty', 'the input is empty');

  // A certificate's DER opens with SEQUENCE and a long-form length (30 81/30 82: it is over 127 bytes). Text
  // never has 0x81/0x82 as its second byte, so this tells DER from PEM even if DER happens to contain
  // "-----BEGIN " inside a name.
  const looksLikeDer = typeof input !== 'string' && input[0] === 0x30 && (input[1] === 0x81 || input[1] === 0x82);
  if (typeof input === 'string' || (!looksLikeDer && looksLikePem(input.toString('latin1')))) {
    const text = typeof input === 'string' ? input : input.toString('latin1');
    if (text.trim() === '') throw new CertificateFormatError('empty', 'the input holds only whitespace');
    return derFromPem(text);
  }
  if (!looksLikeDer && input.toString('latin1').trim() === '') {
    throw new CertificateFormatError('empty', 'the input holds only whitespace');
  }
  checkSingleDer(input);
  return Buffer.from(input); // our own copy: the result is memoized and must not change with the caller's buffer
}

function derFromPem(text: string): Buffer {
  if (!looksLikePem(text)) {
    const hint = /^[A-Za-z0-9+/=\s]+$/.test(text) && text.trim().length > 100 ? ' (it looks like base64 without the PEM header and footer)' : '';
    throw new CertificateFormatError('not-a-certificate', `text without a "-----BEGIN CERTIFICATE-----" line${hint}`);
  }
  const { blocks, unterminated } = scanPem(text);
  const certificates = blocks.filter((block) => block.label === 'CERTIFICATE' || block.label === 'X509 CERTIFICATE');
  if (certificates.length > 1) {
    throw new CertificateFormatError(
      'multiple-certificates',
      `the input holds ${certificates.length} certificates; exactly one was expected (upload a chain's certificates one at a time)`,
    );
  }
  if (certificates.length === 0) {
    if (unterminated.includes('CERTIFICATE')) {
      throw new CertificateFormatError('truncated', 'the PEM certificate has a BEGIN line but no END line: the file is cut off');
    }
    const found = [...blocks.map((block) => block.label), ...unterminated];
    throw new CertificateFormatError(
      'not-a-certificate',
      found.length > 0 ? `the PEM input holds ${found.map((label) => `a ${label}`).join(', ')}, not a CERTIFICATE` : 'no complete PEM block',
    );
  }
  if (unterminated.includes('CERTIFICATE')) {
    throw new CertificateFormatError('multiple-certificates', 'the input holds a second, cut-off certificate after the first');
  }
  const { base64 } = certificates[0];
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    throw new CertificateFormatError('malformed', 'the PEM body is not valid base64 (stray characters or a missing part)');
  }
  const der = Buffer.from(base64, 'base64');
  if (der.length === 0) throw new CertificateFormatError('empty', 'the PEM certificate block is empty');
  checkSingleDer(der, 'pem');
  return der;
}

/** One complete outer SEQUENCE, and nothing after it (`from`: whether it came out of a PEM block). */
function checkSingleDer(der: Buffer, from: 'der' | 'pem' = 'der'): void {
  if (der[0] !== 0x30) {
    const printable = der.subarray(0, 64).every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127));
    throw new CertificateFormatError(
      'not-a-certificate',
      from === 'pem'
        ? `the PEM block holds no DER certificate: its base64 decodes to ${printable ? 'text' : `bytes starting with 0x${der[0].toString(16).padStart(2, '0')}`}, where a certificate starts with byte 0x30`
        : printable
        ? 'text without a "-----BEGIN CERTIFICATE-----" line (neither PEM nor DER)'
        : `neither PEM nor DER: a DER certificate starts with byte 0x30, this input starts with 0x${der[0].toString(16).padStart(2, '0')}`,
    );
  }
  let end: number;
  try {
    end = readNode(der, 0).end;
  } catch (error) {
    if (error instanceof DerError && error.kind === 'truncated' && error.needed !== undefined) {
      throw new CertificateFormatError(
        'truncated',
        `the DER is cut off: its outer SEQUENCE announces ${error.needed} bytes but only ${der.length} are present ` +
          `(${error.needed - der.length} missing)`,
      );
    }
    throw new CertificateFormatError('malformed', `the DER is malformed: ${(error as Error).message}`);
  }
  if (end === der.length) return;
  const rest = der.subarray(end);
  let another = false;
  try {
    another = rest[0] === 0x30 && readNode(rest, 0).end > 0;
  } catch (error) {
    another = rest[0] === 0x30 && error instanceof DerError && error.kind === 'truncated';
  }
  throw new CertificateFormatError(
    another ? 'multiple-certificates' : 'malformed',
    another
      ? 'the DER input holds more than one certificate; exactly one was expected'
      : `${rest.length} unexpected bytes follow the certificate`,
  );
}

function describe(der: Buffer, fingerprint: string): CertificateInfo {
  let structure: CertificateStructure;
  try {
    structure = readCertificateStructure(der);
  } catch (error) {
    throw new CertificateFormatError('malformed', `not a well-formed X.509 certificate: ${(error as Error).message}`);
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch (error) {
    throw new CertificateFormatError('malformed', `OpenSSL does not accept it as an X.509 certificate (${(error as Error).message})`);
  }

  let publicKey: KeyObject;
  try {
    publicKey = x509.publicKey;
  } catch (error) {
    throw new CertificateFormatError('malformed', `the certificate's public key cannot be read (${(error as Error).message})`);
  }
  const details = publicKey.asymmetricKeyDetails ?? {};
  let keyType: 'RSA' | 'EC';
  let keyBits: number;
  let namedCurve: EcCurve | undefined;
  if (publicKey.asymmetricKeyType === 'rsa' || publicKey.asymmetricKeyType === 'rsa-pss') {
    keyType = 'RSA';
    keyBits = details.modulusLength ?? 0;
  } else if (publicKey.asymmetricKeyType === 'ec') {
    keyType = 'EC';
    namedCurve = EC_CURVES.find((curve) => EC_CURVE_PARAMETERS[curve].opensslName === details.namedCurve);
    keyBits = namedCurve ? EC_CURVE_PARAMETERS[namedCurve].bits : ecBitsFromJwk(publicKey.export({ format: 'jwk' }).x);
  } else {
    throw new CertificateFormatError(
      'unsupported',
      `the certificate's key is ${publicKey.asymmetricKeyType ?? 'of an unknown type'}; only RSA and EC keys are supported`,
    );
  }

  const subject = dnFromEntries(structure.subject);
  const selfIssued = structure.subjectDer.equals(structure.issuerDer);
  const info: CertificateInfo = {
    der,
    pem: toPem(der),
    fingerprint,
    subject,
    issuer: dnFromEntries(structure.issuer),
    commonName: subject.CN ?? '',
    serialHex: structure.serialHex,
    notBefore: structure.notBefore,
    notAfter: structure.notAfter,
    keyType,
    keyBits,
    ...(namedCurve ? { namedCurve } : {}),
    publicKeySpki: structure.spki,
    signatureAlgorithm: structure.signatureAlgorithm,
    selfSigned: selfIssued && verifiesWith(x509),
    keyUsage: Object.freeze(structure.keyUsage),
    extKeyUsage: Object.freeze(structure.extKeyUsage),
    subjectAltNames: Object.freeze(structure.subjectAltNames),
    ...(structure.basicConstraints ? { basicConstraints: Object.freeze(structure.basicConstraints) } : {}),
    ...(structure.subjectKeyIdentifier ? { subjectKeyIdentifier: structure.subjectKeyIdentifier } : {}),
    ...(structure.authorityKeyIdentifier ? { authorityKeyIdentifier: structure.authorityKeyIdentifier } : {}),
  };
  return Object.freeze(info);
}

function verifiesWith(x509: X509Certificate): boolean {
  try {
    return x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

function ecBitsFromJwk(x: string | undefined): number {
  return x ? Buffer.from(x, 'base64url').length * 8 : 0;
}
