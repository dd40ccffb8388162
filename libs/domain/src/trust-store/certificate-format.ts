/**
 * The file formats Upload Certificate/Certificate Chain takes: "Unified Communications Manager supports
 * only PEM (.pem) and DER (.der) formatted certificates" [chapter] (§3). Only the shape of the bytes is
 * looked at here; whether they hold a readable certificate is @trustsim/pki's `parseCertificate`'s call.
 */

export type CertificateFileFormat = 'PEM' | 'DER' | 'unknown';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;
const BASE64_BODY = /^[A-Za-z0-9+/=\s]+$/;

/**
 * What an administrator's file is [chapter]:
 * - `PEM`: text holding at least one `-----BEGIN CERTIFICATE-----` … `-----END CERTIFICATE-----` block
 *   with a base64 body (text around the blocks, as `openssl x509 -text` writes, is allowed; several
 *   blocks make a certificate chain);
 * - `DER`: one ASN.1 SEQUENCE spanning the whole file whose first element is a SEQUENCE (the
 *   tbsCertificate) opening with a version tag or a serial INTEGER;
 * - `unknown`: anything else (PKCS#12, PKCS#7, a key, a CSR in PEM, base64 without armour, garbage).
 */
export function detectCertificateFormat(file: Uint8Array | string): CertificateFileFormat {
  if (typeof file !== 'string' && looksLikeDerCertificate(file)) return 'DER';
  const text = typeof file === 'string' ? file : Buffer.from(file).toString('latin1');
  const block = PEM_CERTIFICATE.exec(text);
  if (block && block[1].trim() !== '' && BASE64_BODY.test(block[1])) return 'PEM';
  return 'unknown';
}

/** A short description of an unsupported file, for refusal reasons. */
export function describeUnsupportedFile(file: Uint8Array | string): string {
  const size = typeof file === 'string' ? Buffer.byteLength(file) : file.length;
  if (size === 0) return 'the file is empty';
  const text = typeof file === 'string' ? file : Buffer.from(file).toString('latin1');
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  if (label && label !== 'CERTIFICATE') return `it is a PEM "${label}" block, not a certificate`;
  if (label) return 'its PEM CERTIFICATE block is cut off or its body is not base64';
  const bytes = typeof file === 'string' ? Buffer.from(file, 'latin1') : Buffer.from(file);
  if (bytes[0] === 0x30 && isPkcs12(bytes)) return 'it looks like a PKCS#12 (.pfx/.p12) bundle';
  if (text.trim().length > 100 && BASE64_BODY.test(text)) return 'it looks like base64 without the PEM header and footer';
  return `its ${size} bytes are neither PEM nor DER`;
}

function looksLikeDerCertificate(bytes: Uint8Array): boolean {
  const outer = readHeader(bytes, 0);
  if (!outer || bytes[0] !== 0x30 || outer.end !== bytes.length) return false;
  const tbs = readHeader(bytes, outer.contentStart);
  if (!tbs || bytes[outer.contentStart] !== 0x30 || tbs.end > outer.end) return false;
  const first = bytes[tbs.contentStart];
  return first === 0xa0 || first === 0x02;
}

/** PFX: SEQUENCE { INTEGER 3, … }. */
function isPkcs12(bytes: Uint8Array): boolean {
  const outer = readHeader(bytes, 0);
  if (!outer) return false;
  const at = outer.contentStart;
  return bytes[at] === 0x02 && bytes[at + 1] === 0x01 && bytes[at + 2] === 0x03;
}

/** Tag and definite length at `offset`: where the content starts and where the element ends. */
function readHeader(bytes: Uint8Array, offset: number): { contentStart: number; end: number } | undefined {
  if (offset + 2 > bytes.length) return undefined;
  const first = bytes[offset + 1];
  if (first < 0x80) return { contentStart: offset + 2, end: offset + 2 + first };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || offset + 2 + count > bytes.length) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i];
  const contentStart = offset + 2 + count;
  return { contentStart, end: contentStart + length };
}
