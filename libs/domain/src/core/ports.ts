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
  /** A twin's generation-1 certificate (or an older one its served CTL still carries): the real one's fields. */
  readonly imported?: ImportedIdentity;
  /**
   * The name a regeneration keeps: the certificate's subject (a twin's real OU, O, L, ST, C too), with the
   * common name CUCM gives its self-signed certificates (the host's, ITLRECOVERY_<host>, CAPF-<hex>).
   */
  readonly keepSubject?: Readonly<Record<string, unknown>>;
}

/** A key the simulator mints for a twin's certificate authority or trust certificate: named, derived from the seed. */
export interface TwinKey {
  /** The key's name, e.g. `twin-ca/CN=Corp Root, O=Corp`: one key per name. */
  readonly name: string;
  readonly keyType: 'RSA' | 'EC';
  readonly keyLength: number;
}

/**
 * What a twin (scenario-language twin fields, written by `trustsim import`) says about a real identity
 * certificate; each field given replaces what the simulator would choose. The key is minted: private keys
 * stay on the cluster.
 */
export interface ImportedIdentity {
  /** Display form (`CN=pub, OU=Voice, O=hq`). */
  readonly subject?: string;
  /** Display form; absent or the subject: self-signed with the minted key. */
  readonly issuer?: string;
  /** The twin CA that signs when the issuer is not the subject (one per issuer name; the chain is not in the twin). */
  readonly issuerKey?: TwinKey;
  /** Hex. */
  readonly serial?: string;
  /** ISO times. */
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly sans?: readonly string[];
  /** One multi-server certificate on several nodes: its key and bytes depend on no node, so each node gets the same one. */
  readonly shared?: boolean;
}

/** A twin's trust certificate (or a CTL record naming no node), minted with the real one's fields. */
export interface TwinCertificateRequest {
  readonly subject: string;
  readonly issuer?: string;
  readonly serial?: string;
  /** ISO times. */
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sans?: readonly string[];
  readonly hash: SignatureHash;
  readonly key: TwinKey;
  /** Signs when the issuer is not the subject. */
  readonly issuerKey?: TwinKey;
  /** A certificate authority (Basic Constraints CA:TRUE, keyCertSign): a root, or the issuer of another twin certificate. */
  readonly ca: boolean;
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
  /** A twin's trust certificate, or a served-CTL record that names no node [twin]. */
  mintTwinCertificate(request: TwinCertificateRequest): IssuedIdentity;
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
