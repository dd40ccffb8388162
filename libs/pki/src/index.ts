/**
 * @trustsim/pki — deterministic keys and X.509 certificates for the simulator. Framework-free on purpose
 * (no @nestjs imports): the domain and the tests use it directly.
 */
export { HmacDrbg } from './drbg';
export { deriveRsaKeyPair, RSA_KEY_SIZES, type DerivedKeyPair, type RsaKeySize } from './rsa-key-derivation';
export { deriveEcKeyPair, EC_CURVES, type EcCurve } from './ec-key-derivation';
export { KEY_DERIVATION_VERSION, keySeedMaterial, type KeyKind, type KeyRequest, type KeySize } from './seed-material';
export { KeyPool, type KeyPair, type KeyPoolOptions, type KeyPoolStats } from './key-pool';
export {
  createNativeSigner,
  forgeDigest,
  signRsaPkcs1,
  SIGNATURE_HASHES,
  type ForgeCompatibleSigner,
  type SignatureHash,
} from './native-signer';
export {
  DN_ATTRIBUTES,
  DnSyntaxError,
  dnEquals,
  formatCiscoDn,
  formatDn,
  parseCiscoDn,
  parseDn,
  type Dn,
  type DnAttribute,
  type DnExtraAttribute,
} from './dn';
export { issueCertificate, type CertificateSpec } from './certificate';
export type { CertificateExtensionsSpec } from './x509-extensions';
export { KEY_USAGE_BITS, EXT_KEY_USAGE_OIDS, type KeyUsageName, type ExtKeyUsageName } from './oids';
export { parseCertificate, MAX_CERTIFICATE_INPUT_BYTES } from './parse-certificate';
export { CertificateFormatError, type CertificateFormatProblem } from './certificate-format-error';
export type { CertificateInfo, IssuedCertificate } from './certificate-info';
export { keyIdentifier } from './key-identifier';
export { toPem } from './pem';
