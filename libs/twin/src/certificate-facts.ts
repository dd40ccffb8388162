/**
 * The facts a twin keeps about a real certificate, and that `check` judges: names, serial, validity,
 * key, signature hash, SANs. Plain data (strings and numbers), so a twin's scenario file and a snapshot
 * of the running simulator describe certificates the same way.
 */
import { formatDn, type CertificateInfo } from '@trustsim/pki';

export type SignatureHash = 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512';

export interface CertificateFacts {
  /** Display form, `CN=pub, OU=Voice, O=hq, L=San Jose, ST=CA, C=US`. */
  subject: string;
  issuer: string;
  commonName: string;
  /** Lower-case hex without leading zeros. */
  serial: string;
  /** UTC ISO, whole seconds. */
  notBefore: string;
  notAfter: string;
  keyType: 'RSA' | 'EC';
  keyLength: number;
  /** The signature's hash; absent when it is none of these (MD5, an unknown OID). */
  hash?: SignatureHash;
  signatureAlgorithm: string;
  sans: string[];
  /** SHA-256 of the DER. */
  fingerprint: string;
  selfSigned: boolean;
  /** Basic Constraints CA:TRUE. */
  ca: boolean;
  extKeyUsage: string[];
}

export function certificateFacts(info: CertificateInfo): CertificateFacts {
  const hash = signatureHash(info.signatureAlgorithm);
  return {
    subject: formatDn(info.subject),
    issuer: formatDn(info.issuer),
    commonName: info.commonName,
    serial: info.serialHex,
    notBefore: isoSeconds(info.notBefore),
    notAfter: isoSeconds(info.notAfter),
    keyType: info.keyType,
    keyLength: info.keyBits,
    ...(hash && { hash }),
    signatureAlgorithm: info.signatureAlgorithm,
    sans: [...info.subjectAltNames],
    fingerprint: info.fingerprint,
    selfSigned: info.selfSigned,
    ca: info.basicConstraints?.ca === true,
    extKeyUsage: [...info.extKeyUsage],
  };
}

/** `sha256WithRSAEncryption`, `ecdsa-with-SHA384`, `sha1WithRSA` → the hash the scenario language names. */
export function signatureHash(algorithm: string): SignatureHash | undefined {
  const m = /sha-?(1|256|384|512)(?!\d)/i.exec(algorithm);
  return m ? (`SHA${m[1]}` as SignatureHash) : undefined;
}

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
