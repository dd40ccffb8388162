/**
 * The typed form of a scenario file (docs/scenario-language.md, a public contract).
 * The parser fills every default, so the simulator never guesses. `loc` keeps the file position of
 * the YAML node each part came from, for error messages and reports.
 */

export interface SourceLocation {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
}

export type ServiceName = 'callmanager' | 'tftp' | 'tvs' | 'capf' | 'ctimanager' | 'tomcat';

export type CertificatePurpose =
  | 'CallManager'
  | 'CallManager-ECDSA'
  | 'tomcat'
  | 'tomcat-ECDSA'
  | 'ipsec'
  | 'CAPF'
  | 'TVS'
  | 'ITLRecovery';

export type SecurityProfile = 'non-secure' | 'authenticated' | 'encrypted';

export interface NodeSpec {
  name: string;
  role: 'publisher' | 'subscriber';
  services: ServiceName[];
  /** Extension (twins): the real node's IP address. */
  address?: string;
  /** Extension (twins): the real node's FQDN. */
  fqdn?: string;
  loc: SourceLocation;
}

/**
 * Extension (twins): what a real certificate says about itself. Subject and issuer in display form
 * (`CN=pub, OU=Voice, O=hq`), serial in lower-case hex without leading zeros, times in UTC ISO form.
 * The simulator mints its own key for such a certificate: private keys stay on the cluster.
 */
export interface CertificateIdentity {
  subject?: string;
  issuer?: string;
  serial?: string;
  notBefore?: string;
  notAfter?: string;
  /** Subject alternative names (DNS names and IP addresses). */
  sans?: string[];
  /** SHA-256 of the real certificate's DER; the minted twin certificate has another. */
  fingerprint?: string;
}

export interface CertificateSpec extends CertificateIdentity {
  node: string;
  purpose: CertificatePurpose;
  keyType?: 'RSA' | 'EC';
  keyLength?: number;
  hash?: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512';
  loc: SourceLocation;
}

/** Extension (twins): a certificate in a trust store of the real cluster, on `nodes` (default: every node). */
export interface TrustCertificateSpec extends CertificateIdentity {
  store: string;
  nodes?: string[];
  subject: string;
  keyType?: 'RSA' | 'EC';
  keyLength?: number;
  hash?: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512';
  loc: SourceLocation;
}

export type TrustListRole = 'SAST' | 'CCM' | 'CCM+TFTP' | 'TFTP' | 'CAPF' | 'APP-SERVER' | 'TVS';

/**
 * Extension (twins): the CTL a real mixed-mode cluster serves, given when it differs from what the current
 * certificates would make (the CTL is never updated by itself [S125CTL]). A record whose serial matches no
 * current certificate of `node`/`purpose` is an older one the CTL still carries.
 */
export interface ServedCtlSpec {
  signer: { subject: string; serial: string };
  records: { role: TrustListRole; subject: string; issuer?: string; serial: string; node?: string; purpose?: CertificatePurpose }[];
  loc: SourceLocation;
}

export interface PhoneGroupSpec {
  group: string;
  /** Generated deterministically from the seed when only `count` was given. */
  names: string[];
  model: string;
  tftp: string[]; // DHCP option 150 order (node names of `cluster`)
  callManagerGroup: string[];
  securityProfile: SecurityProfile;
  trust: 'current' | 'none' | { snapshot: string };
  power: 'on' | 'off';
  lsc?: { issuer: string };
  /** Extension: whether these phones support EC keys (the model catalogue says "unknown" where no source does). */
  ecdsa?: 'yes' | 'no';
  /** Extension: the RSA key sizes of CallManager certificates these phones handle (the model catalogue says "unknown" where no source does). */
  keySizes?: number[];
  cluster: string;
  loc: SourceLocation;
}

export interface ClusterSpec {
  name: string;
  version: string;
  security: 'non-secure' | 'mixed';
  /** Extension: who makes the CTL — the CTL client with USB eTokens or the CLI; default by release (ctl-plan.ts). */
  ctl?: 'token' | 'tokenless';
  parameters: Record<string, string | number | boolean>;
  nodes: NodeSpec[];
  certificates: CertificateSpec[];
  /** Extension (twins): the real cluster's trust-store certificates. */
  trustCertificates?: TrustCertificateSpec[];
  /** Extension (twins): the CTL as the real cluster serves it, when it is stale. */
  servedCtl?: ServedCtlSpec;
  phones: PhoneGroupSpec[];
  loc: SourceLocation;
}

/** `all`, `{group}`, `{model}`, `{cluster}`, `{names}`, or a list of these (union). */
export type PhoneSelector =
  | { all: true }
  | { group: string }
  | { model: string }
  | { cluster: string }
  | { names: string[] }
  | { anyOf: PhoneSelector[] };

export type NodeSelector = { all: true } | { names: string[] };

export type Count = { equals: number } | { atLeast: number } | { atMost: number };

export interface PhoneExpectation {
  kind: 'phones';
  phones: PhoneSelector;
  status?: 'trusted' | 'degraded' | 'locked' | 'unregistered' | 'off';
  itl?: 'accepted' | 'trust-list-update-failed';
  ctl?: 'accepted' | 'trust-list-update-failed';
  config?: 'accepted' | 'rejected';
  registration?: 'secure' | 'non-secure' | 'none';
  itlSigner?: { cluster: string; purpose: CertificatePurpose; generation?: number; node?: string };
  needsManualTrustListDelete?: boolean;
  /** Extension: whether the phone trusts its HTTPS services' server (Security-by-Default phones). */
  httpsServices?: 'working' | 'broken';
  count?: Count;
  loc: SourceLocation;
}

export interface StoreExpectation {
  kind: 'store';
  cluster: string;
  node: string;
  store: string;
  contains?: string;
  lacks?: string;
  serial?: string;
  loc: SourceLocation;
}

export interface UploadExpectation {
  kind: 'upload';
  upload: 'accepted' | 'rejected';
  loc: SourceLocation;
}

export interface EventsExpectation {
  kind: 'events';
  type: string;
  count: Count | number;
  loc: SourceLocation;
}

/** What an identity expectation checks of the CSR pending for the purpose: none, or one with these facts. */
export type PendingCsrFacts = 'none' | { subject?: string; multiServer?: boolean };

/**
 * Extension (issue 20): facts of the identity certificate of `purpose` on each selected node (every one
 * must have them all). `subject` and `issuer` are a common name, or a DN (`CN=x, O=y`) whose every given
 * attribute must match; `serial` is lower-case hex without leading zeros; `hash` the signature's.
 */
export interface IdentityExpectation {
  kind: 'identity';
  cluster: string;
  nodes: NodeSelector;
  purpose: CertificatePurpose;
  subject?: string;
  issuer?: string;
  selfSigned?: boolean;
  serial?: string;
  keyType?: 'RSA' | 'EC';
  keyLength?: number;
  hash?: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512';
  multiServer?: boolean;
  /** 1 at install, +1 at every regeneration or CA-signed upload. */
  generation?: number;
  pendingCsr?: PendingCsrFacts;
  loc: SourceLocation;
}

export type Expectation = PhoneExpectation | StoreExpectation | UploadExpectation | EventsExpectation | IdentityExpectation;

export type CertificateSource =
  | { path: string }
  /** Extension: the built-in test CA of that name signs the node's pending CSR for the store's purpose. */
  | { signedBy: string }
  /** Extension: the root certificate of the built-in test CA of that name. */
  | { caCertificate: string }
  | { from: { cluster: string; node: string; purpose: CertificatePurpose } }
  /**
   * A certificate described by its fields. Any key length X.509 can carry (RSA 512–16384, EC 256/384/521)
   * and any of the four signature hashes: the upload rules, not the schema, refuse what CUCM refuses.
   */
  | {
      subject: string;
      issuer?: string;
      serial?: string;
      notBefore?: string;
      notAfter?: string;
      keyType?: 'RSA' | 'EC';
      keyLength?: number;
      /** Extension (issue 14): the signature hash; the simulator's default is SHA256. */
      hash?: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512';
    };

/** One step; `at` (ms of simulated time) starts it at a fixed time instead of "now". */
export type Step = StepBody & { index: number; at?: number; loc: SourceLocation; text: string };

export type StepBody =
  | { kind: 'regenerate'; cluster: string; nodes: NodeSelector; purpose: CertificatePurpose; keyLength?: number; hash?: string }
  | { kind: 'generateCsr'; cluster: string; nodes: NodeSelector; purpose: CertificatePurpose; distribution?: 'single-server' | 'multi-server' }
  | { kind: 'uploadCertificate'; cluster: string; nodes: NodeSelector; store: string; certificate: CertificateSource }
  | { kind: 'deleteCertificate'; cluster: string; nodes: NodeSelector; store: string; commonName: string }
  | { kind: 'restartService'; cluster: string; nodes: NodeSelector; service: string }
  | { kind: 'cli'; cluster: string; nodes: NodeSelector; command: string }
  | { kind: 'setParameter'; cluster: string; name: string; value: string | number | boolean }
  /** No `batchSize`: every selected phone at once. `interval` (ms between batches) is always filled, 0 by default. */
  | { kind: 'resetPhones'; cluster?: string; phones: PhoneSelector; batchSize?: number; interval?: number }
  /**
   * Exactly one target: `phones` (optionally with `cluster`), `cluster` + `nodes` (those nodes), or
   * `cluster` alone (the whole cluster).
   */
  | { kind: 'power'; state: 'on' | 'off'; phones?: PhoneSelector; cluster?: string; nodes?: NodeSelector }
  | { kind: 'dhcp'; phones: PhoneSelector; tftp: { cluster: string; node: string }[] }
  | { kind: 'bulkCertificates'; action: 'export' | 'consolidate' | 'import'; cluster: string; type: 'TFTP' | 'All' }
  /** `keyOrder` and `keySize` are extensions (CAPF's key order [S125PSP]; RSA Only, 2048 bits by default). */
  /** `onboarding`: set by the `secureOnboarding` step — the MIC is validated as Secure Onboarding does. */
  | { kind: 'capf'; cluster: string; phones: PhoneSelector; operation: 'install' | 'delete'; authMode: string; keyOrder?: string; keySize?: number; onboarding?: true }
  | { kind: 'backup'; cluster: string; name: string }
  | { kind: 'restore'; cluster: string; backup: string }
  | { kind: 'upgrade'; cluster: string; to: string; method: 'refresh' | 'l2' }
  | { kind: 'snapshot'; name: string }
  /** Extension: Extension Mobility Cross Cluster — phones of a visiting cluster log in to (or out of) a home cluster. */
  | { kind: 'emcc'; phones: PhoneSelector; action: 'login' | 'logout'; home: string }
  /** Extension: the cluster's TFTP nodes become a proxy TFTP for `remote`'s phones (they sign its configuration files). */
  | { kind: 'proxyTftp'; cluster: string; remote: string }
  /** Extension: the CTL client with USB eTokens builds a token-based CTL (before 14). */
  | { kind: 'ctlClient'; cluster: string }
  /** Extension: a TLS peer (SIP trunk, syslog, ...) connects to a node; OCSP answers `ocsp` about its certificate. */
  | { kind: 'tlsConnection'; cluster: string; nodes: NodeSelector; peer: string; ocsp: 'good' | 'revoked' | 'unknown' }
  | { kind: 'wait'; duration: number }
  | { kind: 'waitFor'; phones: PhoneSelector; settled: true }
  | { kind: 'expect'; expectations: Expectation[] };

export type AssumptionValue = string | boolean;

export interface Scenario {
  file: string;
  name: string;
  title?: string;
  seed: number;
  /** ISO time the simulated clock starts at (extension; default 2026-01-05T08:00:00Z). */
  start: string;
  clusters: ClusterSpec[];
  steps: Step[];
  expect: Expectation[];
  /** Only the assumptions the file sets; the simulator supplies the defaults. */
  assumptions: Record<string, AssumptionValue>;
  /** Extension: present when the file is a twin of a real cluster made by `trustsim import`. */
  twin?: TwinProvenance;
}

/**
 * Extension: where a twin came from. `keys: 'minted'`: the real private keys stayed on the cluster, the
 * simulator mints its own for the same identities — every report of a twin says so once.
 */
export interface TwinProvenance {
  importedAt: string;
  tool?: string;
  keys: 'minted';
  /** The files read, relative to the scenario file (trust files are read again by `trustsim check`). */
  sources: string[];
  /** What the import had to assume, one sentence each. */
  assumed: string[];
  /** What it could not read, `file:line: why` each. */
  unread: string[];
}
