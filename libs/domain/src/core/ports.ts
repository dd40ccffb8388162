import type { Release } from '../release/release';
import type { CertificateFacts, KeyRef } from './refs';

/**
 * What deciders may ask of the outside world: deterministic cryptography and certificate building. Every
 * answer is a function of its inputs (keys derive from the scenario seed, signatures are deterministic),
 * so a decider that uses a port stays reproducible byte for byte; tests pass the real implementation or a
 * stand-in. The application implements them with @trustsim/pki and @trustsim/trust-files.
 */

export type SignatureHash = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** A self-signed identity certificate a node generates (install, Regenerate, a hostname change). */
export interface IdentityRequest {
  readonly cluster: string;
  readonly node: string;
  readonly fqdn: string;
  readonly purpose: string;
  readonly generation: number;
  readonly release: Release;
  readonly keyLength: number;
  readonly hash: SignatureHash;
  /** Epoch ms (simulated). */
  readonly notBefore: number;
}

export interface IssuedIdentity {
  readonly certificate: CertificateFacts;
  readonly key: KeyRef;
}

export interface CertificateChoice {
  readonly purpose: string;
  readonly keyType: 'RSA' | 'EC';
  readonly keyLength: number;
  readonly hash: string;
  readonly fips: boolean;
}

export interface PkiPort {
  issueIdentity(request: IdentityRequest): IssuedIdentity;
  /** The CTL client's USB eToken `n` of a cluster (a certificate from the simulated manufacturing CA). */
  sastToken(cluster: string, publisher: string, n: 1 | 2): IssuedIdentity;
  /** The Generate Self-Signed Certificate page's key/hash rules [chapter Table 6]. */
  checkChoice(choice: CertificateChoice): { ok: true } | { ok: false; reason: string };
  /**
   * A CSR (PEM) from the key of `key`, requesting the key usage and extended key usage of the purpose's
   * row of the chapter's Table 3 ("CSR Key Usage Extensions"), and the DNS names given (none: no SAN).
   */
  csr(request: { purpose: string; key: KeyRef; subject: Readonly<Record<string, unknown>>; subjectAltNames: readonly string[] }): string;
  /** The names of a multi-server (SAN) CSR [chapter Tables 3, 5]. */
  multiServerNames(purpose: string, names: { host: string; domain: string; nodes: readonly string[] }): { commonName: string; subjectAltNames: string[] };
}

/**
 * One record of a trust file to build: a certificate (by fingerprint) in a role, with the node it names;
 * without a fingerprint, the stub CUCM leaves of a server entry after non-secure mode (name, role and
 * address only) [SNONSECURE].
 */
export interface TrustRecordPlan {
  readonly fingerprint?: string;
  readonly role: string;
  readonly dnsName: string;
  readonly ipAddress: string;
  /** Whether the record carries the certificate's SIGNATURE element (not in CTL-client records) [STOKENLESS]. */
  readonly certificateSignature?: boolean;
}

export type TrustFileDigest = 'sha1' | 'sha256' | 'sha512';

export interface TrustFilePort {
  /** Builds and signs an ITL or CTL; the id is the SHA-256 of its bytes. */
  sign(file: {
    readonly fileName: 'ITLFile.tlv' | 'CTLFile.tlv';
    /** Epoch seconds. */
    readonly timestamp: number;
    readonly digest: TrustFileDigest;
    readonly records: readonly TrustRecordPlan[];
    readonly signer: { readonly fingerprint: string; readonly key: KeyRef };
  }): { id: string; bytes: string };
}

export interface ConfigFilePort {
  /** Signs a configuration file (`SEP<MAC>.cnf.xml.sgn`) with a TFTP node's CallManager key. */
  sign(content: string, signer: { readonly fingerprint: string; readonly key: KeyRef }): { id: string; signature: string };
}
