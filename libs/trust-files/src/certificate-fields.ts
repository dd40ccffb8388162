/**
 * Everything a trust-file record pre-extracts from its certificate (trust-file-format.md, "Records"):
 * subject and issuer in Cisco DN form, serial, public key, and the certificate's own signature value.
 */
import { createPublicKey } from 'node:crypto';
import { DerNode, DerTag, decodeOid, derChildren, derValue, expectTag, readDerNode } from './der';
import { formatCiscoDn } from './distinguished-name';

export type RecordKeyType = 'rsa' | 'ec';

export interface CertificateFields {
  subject: string;
  issuer: string;
  /** Minimal big-endian bytes of the serial (no sign byte). */
  serial: Buffer;
  keyType: RecordKeyType;
  /** RSA: PKCS#1 RSAPublicKey DER; EC: the uncompressed point 04||X||Y. */
  publicKey: Buffer;
  /** The certificate's signatureValue BIT STRING, without its unused-bits byte. */
  signature: Buffer;
}

export class CertificateReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateReadError';
  }
}

export function readCertificateFields(der: Buffer): CertificateFields {
  return explained(() => {
    const { serial, issuer, subject, spki, signatureValue } = locateFields(der);
    return {
      subject: formatCiscoDn(der, expectTag(subject, DerTag.SEQUENCE, 'subject')),
      issuer: formatCiscoDn(der, expectTag(issuer, DerTag.SEQUENCE, 'issuer')),
      serial: minimalSerial(derValue(der, serial)),
      ...publicKeyOf(der, spki),
      signature: bitStringBytes(der, signatureValue, 'signatureValue'),
    };
  });
}

/** Only the key, for verifying: names and signature are not needed there. */
export function readCertificatePublicKey(der: Buffer): { keyType: RecordKeyType; publicKey: Buffer } {
  return explained(() => publicKeyOf(der, locateFields(der).spki));
}

function explained<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CertificateReadError) throw error;
    throw new CertificateReadError(`not a DER X.509 certificate: ${(error as Error).message}`);
  }
}

/** The TBSCertificate fields a record needs, and the outer signatureValue. */
function locateFields(der: Buffer) {
  const certificate = expectTag(readDerNode(der, 0), DerTag.SEQUENCE, 'Certificate');
  if (certificate.end !== der.length) {
    throw new CertificateReadError(`${der.length - certificate.end} stray bytes after the certificate's DER`);
  }
  const parts = derChildren(der, certificate);
  const tbs = expectTag(parts[0], DerTag.SEQUENCE, 'TBSCertificate');
  // "The last BIT STRING" of the outer SEQUENCE is the signatureValue.
  const signatureValue = parts[parts.length - 1];

  const fields = derChildren(der, tbs);
  let next = fields[0]?.tag === DerTag.CONTEXT_0 ? 1 : 0; // skip the optional [0] version
  const serial = expectTag(fields[next++], DerTag.INTEGER, 'serialNumber');
  next++; // signature AlgorithmIdentifier
  const issuer = fields[next++];
  next++; // validity
  const subject = fields[next++];
  const spki = expectTag(fields[next], DerTag.SEQUENCE, 'SubjectPublicKeyInfo');

  return { serial, issuer, subject, spki, signatureValue };
}

/** Strips the INTEGER's sign byte (and any other leading zeros), keeping at least one byte. */
export function minimalSerial(content: Buffer): Buffer {
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start++;
  return Buffer.from(content.subarray(start));
}

function bitStringBytes(der: Buffer, node: DerNode, what: string): Buffer {
  const content = derValue(der, expectTag(node, DerTag.BIT_STRING, what));
  if (content.length === 0 || content[0] !== 0) throw new CertificateReadError(`${what} is not a whole number of bytes`);
  return Buffer.from(content.subarray(1));
}

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

/**
 * The record's PUBLIC_KEY is the SubjectPublicKeyInfo's key bits: for rsaEncryption those bits are the
 * PKCS#1 RSAPublicKey DER, for id-ecPublicKey the EC point. Read straight from the DER: asking OpenSSL 3
 * to decode a SubjectPublicKeyInfo costs ~160 us, ten times the rest of building a record.
 */
function publicKeyOf(der: Buffer, spki: DerNode): { keyType: RecordKeyType; publicKey: Buffer } {
  const [algorithm, keyBits] = derChildren(der, spki);
  const [algorithmOid] = derChildren(der, expectTag(algorithm, DerTag.SEQUENCE, 'SubjectPublicKeyInfo algorithm'));
  const oid = decodeOid(derValue(der, expectTag(algorithmOid, DerTag.OID, 'public key algorithm')));
  const bits = bitStringBytes(der, keyBits, 'subjectPublicKey');
  if (oid === RSA_ENCRYPTION) {
    // Check it is an RSAPublicKey (SEQUENCE of modulus and exponent) rather than trusting the OID alone.
    const key = expectTag(readDerNode(bits, 0), DerTag.SEQUENCE, 'RSAPublicKey');
    const parts = derChildren(bits, key);
    if (key.end !== bits.length || parts.length !== 2 || parts.some((part) => part.tag !== DerTag.INTEGER)) {
      throw new CertificateReadError('the RSA public key is not a PKCS#1 RSAPublicKey');
    }
    return { keyType: 'rsa', publicKey: bits };
  }
  if (oid === EC_PUBLIC_KEY) {
    if (bits[0] === 0x04 && bits.length % 2 === 1) return { keyType: 'ec', publicKey: bits };
    // A compressed point: let OpenSSL expand it (rare, so its cost does not matter).
    const jwk = createPublicKey({ key: der.subarray(spki.offset, spki.end), format: 'der', type: 'spki' }).export({ format: 'jwk' });
    return { keyType: 'ec', publicKey: Buffer.concat([Buffer.of(0x04), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]) };
  }
  throw new CertificateReadError(`unsupported public key algorithm ${oid}: trust-file records carry RSA or EC keys`);
}
