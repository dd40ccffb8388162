import { createPublicKey, type KeyObject } from 'crypto';
import type { CertificateSpec } from './certificate-spec';
import { SIGNATURE_HASHES, type SignatureHash } from './native-signer';
import * as forge from 'node-forge';
import { dnEntries, type Dn } from './dn';
import { NAME_ATTRIBUTE_OIDS } from './oids';

/**
 * The pieces of a forge certificate or CSR that every builder here fills the same way (moved unchanged from
 * certificate.ts so the RSA certificate path, the EC path and CSRs encode names, serials and dates alike).
 */

export function checkValidity(notBefore: Date, notAfter: Date): void {
  for (const [name, date] of [['notBefore', notBefore], ['notAfter', notAfter]] as const) {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error(`${name} is not a valid Date`);
    if (date.getUTCFullYear() < 1950 || date.getUTCFullYear() > 9999) throw new RangeError(`${name} year must be 1950..9999`);
  }
  if (notAfter.getTime() < notBefore.getTime()) throw new RangeError('notAfter is before notBefore');
}

/** forge writes the hex as the INTEGER's content octets, so make it even-length, minimal and positive. */
export function serialForForge(serial: string): string {
  if (typeof serial !== 'string' || !/^[0-9a-fA-F]+$/.test(serial)) throw new Error(`serial ${JSON.stringify(serial)} is not a hex string`);
  let hex = serial.toLowerCase().replace(/^0+/, '');
  if (hex === '') throw new RangeError('serial must be positive (RFC 5280 §4.1.2.2)');
  if (hex.length % 2) hex = '0' + hex;
  if (parseInt(hex[0], 16) >= 8) hex = '00' + hex;
  if (hex.length > 40) throw new RangeError(`serial ${serial} is longer than the 20 octets RFC 5280 allows`);
  return hex;
}

/** Encodings: C and serialNumber PrintableString, DC and emailAddress IA5String, everything else UTF8String. */
export function forgeAttributes(dn: Dn, what: string): forge.pki.CertificateField[] {
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

export function forgeRsaPublicKey(publicKey: KeyObject): forge.pki.rsa.PublicKey {
  const jwk = publicKey.export({ format: 'jwk' });
  const toBigInteger = (base64url: string | undefined) => new forge.jsbn.BigInteger(Buffer.from(base64url ?? '', 'base64url').toString('hex'), 16);
  return forge.pki.setRsaPublicKey(toBigInteger(jwk.n), toBigInteger(jwk.e));
}

/** forge.pki.getTBSCertificate exists at runtime but is missing from @types/node-forge. */
export function forgeTbs(cert: forge.pki.Certificate): forge.asn1.Asn1 {
  return (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
}

/** forge.pki.getCertificationRequestInfo exists at runtime but is missing from @types/node-forge. */
export function forgeCertificationRequestInfo(csr: forge.pki.CertificateSigningRequest): forge.asn1.Asn1 {
  return (forge.pki as unknown as { getCertificationRequestInfo(c: forge.pki.CertificateSigningRequest): forge.asn1.Asn1 }).getCertificationRequestInfo(
    csr,
  );
}

/**
 * A stand-in RSA key (n = e = 1) for forge, which can only encode RSA keys: the builders let forge write
 * the structure around it and then replace its SubjectPublicKeyInfo with the real one (der-write.ts).
 */
export function placeholderForgePublicKey(): forge.pki.rsa.PublicKey {
  return forge.pki.setRsaPublicKey(new forge.jsbn.BigInteger('1', 16), new forge.jsbn.BigInteger('1', 16));
}

/**
 * What the RSA and the EC certificate builders do first, alike: check the hash and the validity, take
 * both keys' SubjectPublicKeyInfo, require an issuer DN unless self-signed, and fill a forge certificate's
 * version, serial, validity, subject and issuer.
 */
export function startCertificate(spec: CertificateSpec, builder: string) {
  const hash: SignatureHash = spec.hash ?? 'sha256';
  if (!SIGNATURE_HASHES.includes(hash)) throw new Error(`unsupported hash ${String(hash)} (use ${SIGNATURE_HASHES.join(', ')})`);
  checkValidity(spec.notBefore, spec.notAfter);
  const subjectPublicKey = spec.subjectPublicKey.type === 'private' ? createPublicKey(spec.subjectPublicKey) : spec.subjectPublicKey;
  const subjectSpki = subjectPublicKey.export({ type: 'spki', format: 'der' });
  const issuerSpki = createPublicKey(spec.issuerPrivateKey).export({ type: 'spki', format: 'der' });
  if (!spec.issuer && !subjectSpki.equals(issuerSpki)) {
    throw new Error(`${builder}: an issuer DN is required when the issuer key differs from the subject key`);
  }
  const cert = forge.pki.createCertificate();
  cert.version = 2; // v3
  cert.serialNumber = serialForForge(spec.serial);
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(forgeAttributes(spec.subject, 'subject'));
  cert.setIssuer(forgeAttributes(spec.issuer ?? spec.subject, 'issuer'));
  return { cert, hash, subjectPublicKey, subjectSpki, issuerSpki };
}
