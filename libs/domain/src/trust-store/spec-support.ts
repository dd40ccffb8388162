/**
 * Certificates for the trust-store specs (not exported from the library): real ones from @trustsim/pki
 * with small deterministic keys, and plain objects where a real one would be slow or impossible to make.
 */
import { issueCertificate, KeyPool, type CertificateExtensionsSpec, type CertificateInfo, type Dn, type SignatureHash } from '@trustsim/pki';
import type { TrustStoreEntry, TrustStoreView, UploadCertificate } from './upload-rules';

const pool = new KeyPool({ seed: 'trust-store-rules', cacheDir: false, workers: 0 });

export function key(label: string) {
  return pool.rsa(label, 1024);
}

export interface CertOptions {
  serial?: string;
  notBefore?: string;
  notAfter?: string;
  hash?: SignatureHash;
  extensions?: CertificateExtensionsSpec;
}

const CA_EXTENSIONS: CertificateExtensionsSpec = { basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'] };

/** A self-signed certificate; a CA unless `extensions` says otherwise. */
export function selfSigned(keyLabel: string, subject: Dn, options: CertOptions = {}): CertificateInfo {
  const pair = key(keyLabel);
  return issueCertificate({
    subject,
    serial: (options.serial ?? '01').replace(/:/g, ''),
    notBefore: new Date(options.notBefore ?? '2020-01-01T00:00:00Z'),
    notAfter: new Date(options.notAfter ?? '2035-01-01T00:00:00Z'),
    subjectPublicKey: pair.publicKey,
    issuerPrivateKey: pair.privateKey,
    hash: options.hash,
    extensions: options.extensions ?? CA_EXTENSIONS,
  });
}

/** A certificate for `subjectKeyLabel`'s key, signed by `issuer` (whose key is `issuerKeyLabel`). */
export function issuedBy(
  issuer: CertificateInfo,
  issuerKeyLabel: string,
  subjectKeyLabel: string,
  subject: Dn,
  options: CertOptions = {},
): CertificateInfo {
  return issueCertificate({
    subject,
    issuer: issuer.subject,
    serial: (options.serial ?? '02').replace(/:/g, ''),
    notBefore: new Date(options.notBefore ?? '2024-01-01T00:00:00Z'),
    notAfter: new Date(options.notAfter ?? '2027-01-01T00:00:00Z'),
    subjectPublicKey: key(subjectKeyLabel).publicKey,
    issuerPrivateKey: key(issuerKeyLabel).privateKey,
    hash: options.hash,
    extensions: options.extensions ?? { keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth'] },
  });
}

/** A plain certificate description, for what pki will not issue (8192-bit keys, wildcards as written). */
export function fakeCertificate(overrides: Partial<UploadCertificate> = {}): UploadCertificate {
  return {
    commonName: 'peer.example.com',
    serialHex: '0a1b',
    fingerprint: 'f'.repeat(64),
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
    keyType: 'RSA',
    keyBits: 2048,
    subjectAltNames: [],
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    ...overrides,
  };
}

/** A store holding these certificates under their common names. */
export function storeOf<E extends TrustStoreEntry & { commonName: string }>(name: string, ...certificates: E[]): TrustStoreView<E> {
  return { name, entries: new Map(certificates.map((c) => [c.commonName, c])) };
}

export const NOW = new Date('2025-06-01T12:00:00Z');
