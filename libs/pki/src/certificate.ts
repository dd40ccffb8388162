import { createPublicKey, type KeyObject } from 'crypto';
import * as forge from 'node-forge';
import type { IssuedCertificate } from './certificate-info';
import { dnEntries, type Dn } from './dn';
import { keyIdentifier } from './key-identifier';
import { DER_TAG, encodeDer } from './der';
import { SIGNATURE_HASHES, signRsaPkcs1, type SignatureHash } from './native-signer';
import { NAME_ATTRIBUTE_OIDS } from './oids';
import { parseCertificate } from './parse-certificate';
import { buildExtensions, type CertificateExtensionsSpec } from './x509-extensions';

export interface CertificateSpec {
  subject: Dn;
  /** Defaults to `subject`, which is only allowed when the certificate is self-signed. */
  issuer?: Dn;
  /** Positive hex string, used as given (leading zeros ignored; a 00 octet is added if the top bit is set). */
  serial: string;
  /** Stored to the second (X.509 has no milliseconds). */
  notBefore: Date;
  notAfter: Date;
  subjectPublicKey: KeyObject;
  /** Signs the certificate: the subject's own private key for a self-signed certificate. */
  issuerPrivateKey: KeyObject;
  /** Default sha256. */
  hash?: SignatureHash;
  extensions?: CertificateExtensionsSpec;
}

/**
 * Issues an X.509 v3 certificate with an RSA subject key, signed by an RSA issuer key (native signing, see
 * native-signer.ts). Same spec, same bytes: nothing random goes in, which the reproducible event log needs.
 * The result is the parsed certificate, so it reads exactly as an uploaded copy of it would.
 */
export function issueCertificate(spec: CertificateSpec): IssuedCertificate {
  requireRsa(spec.subjectPublicKey, 'subject public key');
  requireRsa(spec.issuerPrivateKey, 'issuer private key');
  const hash = spec.hash ?? 'sha256';
  if (!SIGNATURE_HASHES.includes(hash)) throw new Error(`unsupported hash ${String(hash)} (use ${SIGNATURE_HASHES.join(', ')})`);
  checkValidity(spec.notBefore, spec.notAfter);

  const subjectPublicKey = spec.subjectPublicKey.type === 'private' ? createPublicKey(spec.subjectPublicKey) : spec.subjectPublicKey;
  const subjectSpki = subjectPublicKey.export({ type: 'spki', format: 'der' });
  const issuerSpki = createPublicKey(spec.issuerPrivateKey).export({ type: 'spki', format: 'der' });
  const selfSigned = subjectSpki.equals(issuerSpki);
  if (!spec.issuer && !selfSigned) {
    throw new Error('issueCertificate: an issuer DN is required when the issuer key differs from the subject key');
  }

  const cert = forge.pki.createCertificate();
  cert.version = 2; // v3
  cert.serialNumber = serialForForge(spec.serial);
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(forgeAttributes(spec.subject, 'subject'));
  cert.setIssuer(forgeAttributes(spec.issuer ?? spec.subject, 'issuer'));
  cert.publicKey = forgeRsaPublicKey(subjectPublicKey);
  cert.setExtensions(buildExtensions(spec.extensions ?? {}, keyIdentifier(subjectSpki), keyIdentifier(issuerSpki)));
  return parseCertificate(signTbs(cert, hash, spec.issuerPrivateKey));
}

const SIGNATURE_ALGORITHM: Readonly<Record<SignatureHash, { oid: string; der: Buffer }>> = {
  sha1: { oid: '1.2.840.113549.1.1.5', der: Buffer.from('300d06092a864886f70d0101050500', 'hex') },
  sha256: { oid: '1.2.840.113549.1.1.11', der: Buffer.from('300d06092a864886f70d01010b0500', 'hex') },
  sha384: { oid: '1.2.840.113549.1.1.12', der: Buffer.from('300d06092a864886f70d01010c0500', 'hex') },
  sha512: { oid: '1.2.840.113549.1.1.13', der: Buffer.from('300d06092a864886f70d01010d0500', 'hex') },
};

/**
 * What forge's cert.sign(createNativeSigner(key), md) followed by certificateToAsn1 produces (the spec checks
 * the bytes are identical), minus its overhead: the TBS is serialised once instead of twice, and hashed
 * natively rather than in JavaScript. Roughly halves the cost of issuing a certificate.
 */
function signTbs(cert: forge.pki.Certificate, hash: SignatureHash, issuerPrivateKey: KeyObject): Buffer {
  const algorithm = SIGNATURE_ALGORITHM[hash];
  cert.signatureOid = cert.siginfo.algorithmOid = algorithm.oid;
  const tbs = Buffer.from(forge.asn1.toDer(forgeTbs(cert)).getBytes(), 'binary');
  const signature = signRsaPkcs1(issuerPrivateKey, hash, tbs);
  const signatureBits = encodeDer(DER_TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), signature]));
  return encodeDer(DER_TAG.SEQUENCE, Buffer.concat([tbs, algorithm.der, signatureBits]));
}

function requireRsa(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType === 'rsa') return;
  if (key.asymmetricKeyType === 'ec') {
    throw new Error(
      `issueCertificate builds RSA certificates only, and the ${what} is an EC key: ECDSA certificates ` +
        '(CallManager-ECDSA, tomcat-ECDSA) are built by the ECDSA certificate builder',
    );
  }
  throw new Error(`issueCertificate needs an RSA ${what}, got ${key.asymmetricKeyType ?? key.type}`);
}

function checkValidity(notBefore: Date, notAfter: Date): void {
  for (const [name, date] of [['notBefore', notBefore], ['notAfter', notAfter]] as const) {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error(`${name} is not a valid Date`);
    if (date.getUTCFullYear() < 1950 || date.getUTCFullYear() > 9999) throw new RangeError(`${name} year must be 1950..9999`);
  }
  if (notAfter.getTime() < notBefore.getTime()) throw new RangeError('notAfter is before notBefore');
}

/** forge writes the hex as the INTEGER's content octets, so make it even-length, minimal and positive. */
function serialForForge(serial: string): string {
  if (typeof serial !== 'string' || !/^[0-9a-fA-F]+$/.test(serial)) throw new Error(`serial ${JSON.stringify(serial)} is not a hex string`);
  let hex = serial.toLowerCase().replace(/^0+/, '');
  if (hex === '') throw new RangeError('serial must be positive (RFC 5280 §4.1.2.2)');
  if (hex.length % 2) hex = '0' + hex;
  if (parseInt(hex[0], 16) >= 8) hex = '00' + hex;
  if (hex.length > 40) throw new RangeError(`serial ${serial} is longer than the 20 octets RFC 5280 allows`);
  return hex;
}

/** Encodings: C and serialNumber PrintableString, DC and emailAddress IA5String, everything else UTF8String. */
function forgeAttributes(dn: Dn, what: string): forge.pki.CertificateField[] {
  const entries = dnEntries(dn);
  if (entries.length === 0) throw new Error(`${what} DN is empty`);
  // The certificate lists the most significant attribute first: the reverse of display order.
  return entries.reverse().map(({ type, value }) => {
    const oid = NAME_ATTRIBUTE_OIDS[type] ?? (/^\d+(\.\d+)+$/.test(type) ? type : undefined);
    if (!oid) throw new Error(`${what} DN attribute type ${type} is not known (use a dotted OID)`);
    if (value === '') throw new Error(`${what} DN attribute ${type} is empty`);
    let valueTagClass: number = forge.asn1.Type.UTF8;
    if (type === 'C' || type === 'serialNumber') {
      if (type === 'C' && !/^[A-Za-z]{2}$/.test(value)) throw new Error(`${what} country ${JSON.stringify(value)} must be two letters`);
      if (!/^[A-Za-z0-9 '()+,\-./:=?]+$/.test(value)) throw new Error(`${what} ${type} ${JSON.stringify(value)} is not a PrintableString`);
      valueTagClass = forge.asn1.Type.PRINTABLESTRING;
    } else if (type === 'DC' || type === 'emailAddress') {
      if (!/^[\x00-\x7f]+$/.test(value)) throw new Error(`${what} ${type} ${JSON.stringify(value)} must be ASCII`);
      valueTagClass = forge.asn1.Type.IA5STRING;
    }
    return { type: oid, value, valueTagClass } as forge.pki.CertificateField;
  });
}

function forgeRsaPublicKey(publicKey: KeyObject): forge.pki.rsa.PublicKey {
  const jwk = publicKey.export({ format: 'jwk' });
  const toBigInteger = (base64url: string | undefined) => new forge.jsbn.BigInteger(Buffer.from(base64url ?? '', 'base64url').toString('hex'), 16);
  return forge.pki.setRsaPublicKey(toBigInteger(jwk.n), toBigInteger(jwk.e));
}

/** forge.pki.getTBSCertificate exists at runtime but is missing from @types/node-forge. */
function forgeTbs(cert: forge.pki.Certificate): forge.asn1.Asn1 {
  return (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
}
