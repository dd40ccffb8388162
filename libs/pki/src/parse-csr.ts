import { createHash, createPublicKey, verify, constants, type KeyObject } from 'crypto';
import { CsrFormatError } from './csr-format-error';
import { childrenOf, contentOf, decodeOid, DerError, DER_TAG, expectNode, readNode, bytesOf, type DerNode } from './der';
import { dnFromEntries, type Dn } from './dn';
import { EC_CURVE_PARAMETERS, EC_CURVES, type EcCurve } from './ec-key-derivation';
import { SIGNATURE_ALGORITHM_NAMES } from './oids';
import { looksLikePem, scanPem, toPem } from './pem';
import { signatureAlgorithmFromOid } from './signature-algorithm';
import type { RawExtension } from './x509-extensions';
import { readExtensionList, readName, type ExtensionFields } from './x509-structure';

/** Larger input is refused before parsing (a CSR is 1–2 KB; the same limit as certificates). */
export const MAX_CSR_INPUT_BYTES = 64 * 1024;

const EXTENSION_REQUEST_OID = '1.2.840.113549.1.9.14'; // PKCS #9 extensionRequest
const CSR_PEM_LABELS = ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']; // the second is Microsoft's

/** Extensions the requester asked for (PKCS #9 extensionRequest), read and raw. */
export interface RequestedExtensions {
  readonly keyUsage: readonly string[];
  readonly extKeyUsage: readonly string[];
  readonly subjectAltNames: readonly string[];
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLen?: number };
  readonly subjectKeyIdentifier?: string;
  /** Every requested extension as written, in order: what a CA copies into the certificate. */
  readonly raw: readonly RawExtension[];
}

export interface CsrInfo {
  readonly der: Buffer;
  readonly pem: string;
  /** SHA-256 of the DER, lowercase hex. */
  readonly fingerprint: string;
  readonly subject: Dn;
  readonly commonName: string;
  /** SubjectPublicKeyInfo DER. */
  readonly publicKeySpki: Buffer;
  readonly keyType: 'RSA' | 'EC';
  /** RSA modulus length, or the curve size (256, 384, 521). */
  readonly keyBits: number;
  readonly namedCurve?: EcCurve;
  /** e.g. 'sha256WithRSAEncryption', 'ecdsa-with-SHA384'; the dotted OID when unknown. */
  readonly signatureAlgorithm: string;
  readonly requestedExtensions: RequestedExtensions;
  /** Shortcut for requestedExtensions.subjectAltNames (DNS names and IP addresses). */
  readonly subjectAltNames: readonly string[];
  /** The request's own key verifies its signature (proof of possession). False for a tampered request. */
  readonly signatureValid: boolean;
}

/**
 * Reads one PKCS #10 certificate signing request (RFC 2986), PEM or DER, RSA or EC. Unreadable input throws
 * CsrFormatError with a reason a person can act on; a readable request whose signature is wrong is
 * returned with `signatureValid: false` so the caller decides (a CA refuses it, a viewer shows it).
 */
export function parseCsr(input: Buffer | string): CsrInfo {
  const der = extractDer(input);
  try {
    return describe(der);
  } catch (error) {
    if (error instanceof CsrFormatError) throw error;
    throw Object.assign(new CsrFormatError('malformed', `not a well-formed PKCS #10 request: ${(error as Error).message}`), { cause: error });
  }
}

function extractDer(input: Buffer | string): Buffer {
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) throw new CsrFormatError('not-a-csr', `expected a Buffer or a string, got ${typeof input}`);
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > MAX_CSR_INPUT_BYTES) {
    throw new CsrFormatError('too-large', `input is ${size} bytes; a CSR file is at most ${MAX_CSR_INPUT_BYTES} bytes (64 KB)`);
  }
  if (size === 0) throw new CsrFormatError('empty', 'the input is empty');
  // DER opens with SEQUENCE and a long-form length (30 81 / 30 82); text never does (see parseCertificate).
  const looksLikeDer = typeof input !== 'string' && input[0] === 0x30 && (input[1] === 0x81 || input[1] === 0x82);
  if (!looksLikeDer) {
    const text = typeof input === 'string' ? input : input.toString('latin1');
    if (text.trim() === '') throw new CsrFormatError('empty', 'the input holds only whitespace');
    if (typeof input === 'string' || looksLikePem(text)) return derFromPem(text);
  }
  checkSingleDer(input as Buffer);
  return Buffer.from(input as Buffer);
}

function derFromPem(text: string): Buffer {
  if (!looksLikePem(text)) throw new CsrFormatError('not-a-csr', 'text without a "-----BEGIN CERTIFICATE REQUEST-----" line');
  const { blocks, unterminated } = scanPem(text);
  const requests = blocks.filter((block) => CSR_PEM_LABELS.includes(block.label));
  if (requests.length > 1) {
    throw new CsrFormatError('multiple-requests', `the input holds ${requests.length} certificate signing requests; exactly one was expected`);
  }
  if (requests.length === 0) {
    if (unterminated.some((label) => CSR_PEM_LABELS.includes(label))) {
      throw new CsrFormatError('truncated', 'the PEM request has a BEGIN line but no END line: the file is cut off');
    }
    if (blocks.some((block) => block.label === 'CERTIFICATE')) {
      throw new CsrFormatError('not-a-csr', 'the input is a certificate (BEGIN CERTIFICATE), not a certificate signing request');
    }
    const found = [...blocks.map((block) => block.label), ...unterminated];
    throw new CsrFormatError(
      'not-a-csr',
      found.length > 0 ? `the PEM input holds ${found.map((label) => `a ${label}`).join(', ')}, not a CERTIFICATE REQUEST` : 'no complete PEM block',
    );
  }
  const { base64 } = requests[0];
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    throw new CsrFormatError('malformed', 'the PEM body is not valid base64 (stray characters or a missing part)');
  }
  const der = Buffer.from(base64, 'base64');
  if (der.length === 0) throw new CsrFormatError('empty', 'the PEM request block is empty');
  checkSingleDer(der);
  return der;
}

/** One complete outer SEQUENCE and nothing after it. */
function checkSingleDer(der: Buffer): void {
  if (der[0] !== 0x30) {
    const printable = der.subarray(0, 64).every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127));
    throw new CsrFormatError(
      'not-a-csr',
      printable
        ? 'text without a "-----BEGIN CERTIFICATE REQUEST-----" line (neither PEM nor DER)'
        : `neither PEM nor DER: a DER request starts with byte 0x30, this input starts with 0x${der[0].toString(16).padStart(2, '0')}`,
    );
  }
  let end: number;
  try {
    end = readNode(der, 0).end;
  } catch (error) {
    if (error instanceof DerError && error.kind === 'truncated' && error.needed !== undefined) {
      throw new CsrFormatError(
        'truncated',
        `the DER is cut off: its outer SEQUENCE announces ${error.needed} bytes but only ${der.length} are present (${error.needed - der.length} missing)`,
      );
    }
    throw new CsrFormatError('malformed', `the DER is malformed: ${(error as Error).message}`);
  }
  if (end !== der.length) throw new CsrFormatError('malformed', `${der.length - end} unexpected bytes follow the request`);
}

function describe(der: Buffer): CsrInfo {
  const root = expectNode(readNode(der, 0), DER_TAG.SEQUENCE, 'CertificationRequest');
  const [infoNode, algorithmNode, signatureNode, extra] = childrenOf(der, root);
  const info = expectNode(infoNode, DER_TAG.SEQUENCE, 'certificationRequestInfo');
  const infoFields = childrenOf(der, info);
  if (infoFields[0]?.tag === 0xa0) {
    // A TBSCertificate opens with its [0] EXPLICIT version: someone uploaded a certificate as a CSR.
    throw new CsrFormatError('not-a-csr', 'this is an X.509 certificate, not a certificate signing request');
  }
  expectNode(algorithmNode, DER_TAG.SEQUENCE, 'signatureAlgorithm');
  const signatureBits = expectNode(signatureNode, DER_TAG.BIT_STRING, 'signature');
  if (extra) throw new DerError('CertificationRequest has more than three elements', 'malformed');

  const [versionNode, subjectNode, spkiNode, attributesNode] = infoFields;
  const version = contentOf(der, expectNode(versionNode, DER_TAG.INTEGER, 'version'));
  if (version.length !== 1 || version[0] !== 0) {
    throw new CsrFormatError('unsupported', `request version ${version.toString('hex')} is unknown (PKCS #10 defines only version 1, encoded 0)`);
  }
  const subject = dnFromEntries(readName(der, expectNode(subjectNode, DER_TAG.SEQUENCE, 'subject')));
  const spki = Buffer.from(bytesOf(der, expectNode(spkiNode, DER_TAG.SEQUENCE, 'subjectPKInfo')));
  const requestedExtensions = attributesNode ? readRequestedExtensions(der, expectNode(attributesNode, 0xa0, 'attributes')) : noExtensions();

  const publicKey = readPublicKey(spki);
  const { keyType, keyBits, namedCurve } = describeKey(publicKey);
  const algorithmOid = decodeOid(contentOf(der, expectNode(childrenOf(der, algorithmNode)[0], DER_TAG.OID, 'signature algorithm')));
  const bits = contentOf(der, signatureBits);
  const signatureValid = bits[0] === 0 && verifySignature(algorithmOid, bytesOf(der, info), publicKey, keyType, bits.subarray(1));

  const copy = Buffer.from(der);
  return Object.freeze({
    der: copy,
    pem: toPem(copy, 'CERTIFICATE REQUEST'),
    fingerprint: createHash('sha256').update(copy).digest('hex'),
    subject,
    commonName: subject.CN ?? '',
    publicKeySpki: spki,
    keyType,
    keyBits,
    ...(namedCurve ? { namedCurve } : {}),
    signatureAlgorithm: SIGNATURE_ALGORITHM_NAMES[algorithmOid] ?? algorithmOid,
    requestedExtensions,
    subjectAltNames: requestedExtensions.subjectAltNames,
    signatureValid,
  });
}

/** attributes [0] IMPLICIT SET OF Attribute; only extensionRequest matters here, others are skipped. */
function readRequestedExtensions(der: Buffer, attributes: DerNode): RequestedExtensions {
  const fields: ExtensionFields = { keyUsage: [], extKeyUsage: [], subjectAltNames: [] };
  const raw: RawExtension[] = [];
  for (const attribute of childrenOf(der, attributes)) {
    const [typeNode, valuesNode] = childrenOf(der, expectNode(attribute, DER_TAG.SEQUENCE, 'attribute'));
    if (decodeOid(contentOf(der, expectNode(typeNode, DER_TAG.OID, 'attribute type'))) !== EXTENSION_REQUEST_OID) continue;
    const [list] = childrenOf(der, expectNode(valuesNode, DER_TAG.SET, 'extensionRequest values'));
    const extensions = expectNode(list, DER_TAG.SEQUENCE, 'requested extensions');
    readExtensionList(der, extensions, fields);
    for (const extension of childrenOf(der, extensions)) {
      const parts = childrenOf(der, extension);
      const critical = parts.length === 3 && (contentOf(der, expectNode(parts[1], DER_TAG.BOOLEAN, 'critical'))[0] ?? 0) !== 0;
      raw.push(
        Object.freeze({
          oid: decodeOid(contentOf(der, parts[0])),
          critical,
          value: Buffer.from(contentOf(der, expectNode(parts[parts.length - 1], DER_TAG.OCTET_STRING, 'extension value'))),
        }),
      );
    }
  }
  return Object.freeze({
    keyUsage: Object.freeze(fields.keyUsage),
    extKeyUsage: Object.freeze(fields.extKeyUsage),
    subjectAltNames: Object.freeze(fields.subjectAltNames),
    ...(fields.basicConstraints ? { basicConstraints: Object.freeze(fields.basicConstraints) } : {}),
    ...(fields.subjectKeyIdentifier ? { subjectKeyIdentifier: fields.subjectKeyIdentifier } : {}),
    raw: Object.freeze(raw),
  });
}

function noExtensions(): RequestedExtensions {
  return Object.freeze({ keyUsage: [], extKeyUsage: [], subjectAltNames: [], raw: [] });
}

function readPublicKey(spki: Buffer): KeyObject {
  try {
    return createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch (error) {
    throw new CsrFormatError('malformed', `the request's public key cannot be read (${(error as Error).message})`);
  }
}

function describeKey(publicKey: KeyObject): { keyType: 'RSA' | 'EC'; keyBits: number; namedCurve?: EcCurve } {
  const details = publicKey.asymmetricKeyDetails ?? {};
  if (publicKey.asymmetricKeyType === 'rsa') return { keyType: 'RSA', keyBits: details.modulusLength ?? 0 };
  if (publicKey.asymmetricKeyType === 'ec') {
    const namedCurve = EC_CURVES.find((curve) => EC_CURVE_PARAMETERS[curve].opensslName === details.namedCurve);
    if (namedCurve) return { keyType: 'EC', keyBits: EC_CURVE_PARAMETERS[namedCurve].bits, namedCurve };
    const curve = details.namedCurve ?? '(unnamed)';
    throw new CsrFormatError('unsupported', `the request's EC key is on curve ${curve}; CUCM uses P-256, P-384 and P-521`);
  }
  const type = publicKey.asymmetricKeyType ?? 'of an unknown type';
  throw new CsrFormatError('unsupported', `the request's key is ${type}; only RSA and EC keys are supported`);
}

/** Proof of possession; an algorithm we do not know, or one that does not match the key, counts as invalid. */
function verifySignature(oid: string, signed: Buffer, publicKey: KeyObject, keyType: 'RSA' | 'EC', signature: Buffer): boolean {
  const algorithm = signatureAlgorithmFromOid(oid);
  if (!algorithm || algorithm.keyAlgorithm !== keyType) return false;
  try {
    const key = keyType === 'RSA' ? { key: publicKey, padding: constants.RSA_PKCS1_PADDING } : publicKey;
    return verify(algorithm.hash, signed, key, signature);
  } catch {
    return false;
  }
}
