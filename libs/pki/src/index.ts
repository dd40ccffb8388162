/**
 * @trustsim/pki — deterministic keys and X.509 certificates for the simulator. Framework-free on purpose
 * (no @nestjs imports): the domain and the tests use it directly.
 */
export { HmacDrbg } from './drbg';
export { deriveRsaKeyPair, isDerivableRsaSize, RSA_KEY_SIZE_RANGE, RSA_KEY_SIZES, type DerivedKeyPair, type RsaKeySize } from './rsa-key-derivation';
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
export { issueEcCertificate } from './ec-certificate';
export { ecCurveOf, signEcdsaDeterministic } from './deterministic-ecdsa';
export { keyAlgorithmOf, signDeterministically, type KeyAlgorithm } from './signature-algorithm';
export type { RawExtension } from './x509-extensions';
export {
  CERTIFICATE_PURPOSES,
  PURPOSE_PROFILES,
  isCertificatePurpose,
  multiServerNames,
  purposeExtensions,
  purposeProfile,
  type CertificatePurpose,
  type MultiServerNames,
  type PurposeProfile,
} from './purpose-profiles';
export {
  LSC_KEY_LENGTHS,
  SERVER_KEY_LENGTHS,
  allowedHashes,
  allowedKeyLengths,
  allowedKeyTypes,
  checkCertificateChoice,
  type CertificateChoice,
  type ChoicePurpose,
  type ChoiceResult,
} from './certificate-choices';
export { createCsr, type CreatedCsr, type CsrExtensionsSpec, type CsrSpec } from './csr';
export { parseCsr, MAX_CSR_INPUT_BYTES, type CsrInfo, type RequestedExtensions } from './parse-csr';
export { CsrFormatError, type CsrFormatProblem } from './csr-format-error';
export {
  TestCertificateAuthority,
  type SignCsrOptions,
  type TestCertificateAuthorityOptions,
} from './test-certificate-authority';
export { PhoneCertificates, PHONE_KEY_POOL_SIZE, MANUFACTURING_CA, MANUFACTURING_CA_KEY, type LscIssuer, type LscRecord } from './phone-certificates';
