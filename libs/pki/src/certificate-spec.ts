import type { KeyObject } from 'crypto';
import type { Dn } from './dn';
import type { SignatureHash } from './native-signer';
import type { CertificateExtensionsSpec } from './x509-extensions';

/** What a certificate is issued from (issueCertificate, issueEcCertificate): its own module, so the two issuers share it without importing each other. */
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
