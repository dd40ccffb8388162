/**
 * References the states hold instead of the things themselves: certificates by fingerprint, trust files
 * and configuration files by the SHA-256 of their bytes, private keys by the name of the seed-derived key.
 * States stay small plain data (thousands of phones share them), and no private key enters the event log.
 */

/** The seed-derived key a certificate was issued with (@trustsim/pki KeyRequest): a name, never the key. */
export interface KeyRef {
  readonly label: string;
  readonly kind: 'rsa' | 'ec';
  readonly size: number | string;
}

/** An identity certificate a node holds: which one, which generation, and the key that signs with it. */
export interface IdentityRef {
  readonly fingerprint: string;
  /** 1 at install, +1 at every regeneration or CA-signed upload. */
  readonly generation: number;
  readonly key: KeyRef;
}

/** A TFTP server a phone asks (DHCP option 150), or any node by cluster and name. */
export interface NodeAddress {
  readonly cluster: string;
  readonly node: string;
}

/** Who signed a trust file, as a reader names it. */
export interface SignerRef {
  readonly cluster: string;
  readonly node: string;
  readonly purpose: string;
  readonly generation: number;
  readonly fingerprint: string;
}

/** A trust file a TFTP node serves: the file (SHA-256 of its bytes), its signer, how and when it was built. */
export interface ServedFile<M extends string = string> {
  readonly file: string;
  readonly signer: SignerRef;
  readonly mode: M;
  /** Epoch ms (simulated). */
  readonly builtAt: number;
}

/**
 * The fields of a certificate the rules look at (@trustsim/pki CertificateInfo has them all): the domain
 * reads certificates through these, found by fingerprint.
 */
export interface CertificateFacts {
  readonly fingerprint: string;
  readonly commonName: string;
  readonly serialHex: string;
  readonly subject: Readonly<Record<string, unknown>>;
  readonly issuer: Readonly<Record<string, unknown>>;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyType: 'RSA' | 'EC';
  readonly keyBits: number;
  readonly selfSigned: boolean;
  readonly subjectAltNames: readonly string[];
  readonly keyUsage: readonly string[];
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLen?: number };
  readonly publicKeySpki: Uint8Array;
  /** `sha256WithRSAEncryption`, `ecdsa-with-SHA384`, ... (what a refusal names; no rule depends on it). */
  readonly signatureAlgorithm?: string;
  readonly subjectKeyIdentifier?: string;
  readonly authorityKeyIdentifier?: string;
  readonly der: Uint8Array;
}
