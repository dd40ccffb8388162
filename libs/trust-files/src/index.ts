/**
 * @trustsim/trust-files: CUCM ITL and CTL files in Cisco's binary TLV format (build, parse, verify,
 * phone-side limits). Framework-free; needs only DER certificates and private KeyObjects.
 */
export { TrustRole, ROLE_NAMES, trustRoleName, isTrustRole } from './roles';
export { HeaderTag, RecordTag } from './tags';
export type { TrustFileDigest } from './algorithms';
export type {
  TrustRecordInput,
  TrustFileSigner,
  TrustFileInput,
  ParsedTrustRecord,
  ParsedTrustFileSigner,
  ParsedTrustFile,
} from './types';
export { TrustFileFormatError } from './trust-file-format-error';
export { buildTrustFile, TrustFileBuildError } from './build-trust-file';
export { parseTrustFile } from './parse-trust-file';
export { verifyTrustFile, trustFileDigest } from './verify-trust-file';
export type { TrustFileVerification, TrustFileVerificationFailure } from './verify-trust-file';
export {
  checkPhoneLimits,
  MAX_PHONE_CERTIFICATES,
  MAX_PHONE_FILE_BYTES,
  MAX_SAST_RECORDS_DOCUMENTED,
} from './limits';
export type { Finding, FindingCode } from './limits';
