import type { Dn } from './dn';
import type { EcCurve } from './ec-key-derivation';

/** What the simulator knows about a certificate: its bytes plus the fields trust decisions look at. */
export interface CertificateInfo {
  readonly der: Buffer;
  /** PEM re-encoded from `der` (64-column base64, trailing newline). */
  readonly pem: string;
  /** SHA-256 of the DER, lowercase hex without separators. */
  readonly fingerprint: string;
  readonly subject: Dn;
  readonly issuer: Dn;
  /** The subject's CN, or '' when it has none. CUCM files trust certificates under this name. */
  readonly commonName: string;
  /** Lowercase hex without leading zeros ('0' for zero). */
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyType: 'RSA' | 'EC';
  /** RSA modulus length, or the curve size (256, 384, 521). */
  readonly keyBits: number;
  /** For EC keys, the curve when it is one of the NIST curves CUCM uses. */
  readonly namedCurve?: EcCurve;
  /** SubjectPublicKeyInfo DER. */
  readonly publicKeySpki: Buffer;
  /** e.g. 'sha256WithRSAEncryption', 'ecdsa-with-SHA384'; the dotted OID when unknown. */
  readonly signatureAlgorithm: string;
  /** Subject equals issuer and the certificate's own key verifies its signature. */
  readonly selfSigned: boolean;
  /** Key-usage bit names (digitalSignature, keyEncipherment, ...); empty without the extension. */
  readonly keyUsage: readonly string[];
  /** Extended key usage names (serverAuth, clientAuth, ipsecEndSystem, ...) or dotted OIDs. */
  readonly extKeyUsage: readonly string[];
  /** DNS names and IP addresses from subjectAltName (other name forms are left out). */
  readonly subjectAltNames: readonly string[];
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLen?: number };
  /** Lowercase hex, when the extensions are present: what chains are matched by. */
  readonly subjectKeyIdentifier?: string;
  readonly authorityKeyIdentifier?: string;
}

/** A certificate this library issued. It is exactly what parsing its DER gives. */
export type IssuedCertificate = CertificateInfo;
