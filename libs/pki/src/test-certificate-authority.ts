import { createHash, createPublicKey } from 'crypto';
import type { CertificateSpec } from './certificate';
import type { IssuedCertificate } from './certificate-info';
import type { Dn } from './dn';
import { buildCertificate } from './ec-certificate';
import type { EcCurve } from './ec-key-derivation';
import type { KeyPair, KeyPool } from './key-pool';
import type { SignatureHash } from './native-signer';
import { EXTENSION_OIDS } from './oids';
import { parseCsr } from './parse-csr';
import type { RsaKeySize } from './rsa-key-derivation';
import type { CertificateExtensionsSpec, RawExtension } from './x509-extensions';

export interface TestCertificateAuthorityOptions {
  /** Default RSA (what enterprise CAs in CUCM deployments mostly are). */
  keyType?: 'RSA' | 'EC';
  /** RSA key size, default 2048 (tests: 1024 derives much faster). */
  rsaBits?: RsaKeySize;
  /** EC curve, default P-384. */
  curve?: EcCurve;
  /** Put an issuing (intermediate) CA under the root; it then signs the CSRs. Default false. */
  intermediate?: boolean;
  /** Hash of the CA certificates' own signatures, default sha256. */
  hash?: SignatureHash;
  /** Validity of the CA certificates; default 2000-01-01 to 2099-12-31, so any scenario date falls inside. */
  notBefore?: Date;
  notAfter?: Date;
  /** Default `CN=<name> Root CA, O=trustsim test CA` and `CN=<name> Issuing CA, O=trustsim test CA`. */
  rootSubject?: Dn;
  intermediateSubject?: Dn;
}

export interface SignCsrOptions {
  /** Hex; default derived from the CA name, the CSR and the validity (see serialFor). */
  serial?: string;
  notBefore: Date;
  notAfter: Date;
  /** Hash of the CA's signature, default sha256. */
  hash?: SignatureHash;
  /**
   * Default true: every extension the CSR requests goes into the certificate verbatim (OpenSSL's
   * copy_extensions = copyall) — key usage with its Data Encipherment bit ("Ensure that 'Data
   * Encipherment' bit is not changed or removed" [chapter]), EKU, SANs, and CAPF's CA:TRUE/pathlen 0.
   * The CSR's own key identifiers are not copied: the CA writes SKI and AKI itself.
   */
  copyExtensions?: boolean;
  /** Further extensions the CA adds (or, with copyExtensions false, the only ones). A duplicate is refused. */
  extensions?: CertificateExtensionsSpec;
  /** Subject to issue to; default the CSR's subject. */
  subject?: Dn;
}

const DEFAULT_NOT_BEFORE = new Date('2000-01-01T00:00:00Z');
const DEFAULT_NOT_AFTER = new Date('2099-12-31T23:59:59Z');
const KEY_IDENTIFIER_OIDS: readonly string[] = [EXTENSION_OIDS.subjectKeyIdentifier, EXTENSION_OIDS.authorityKeyIdentifier];

/**
 * A third-party CA for scenarios ("the customer's enterprise CA"): signs CUCM's CSRs so CA-signed identity
 * certificates, chains and trust-store uploads can be simulated. Deterministic like the rest: keys come
 * from the KeyPool under `ca/<name>/root` and `ca/<name>/intermediate`, serials from SHA-256 of the CA name
 * and what is signed, and nothing reads the clock — the same pool seed and calls give the same bytes.
 *
 * Simulation only: its private keys are derivable by anyone who knows the scenario seed.
 */
export class TestCertificateAuthority {
  readonly root: IssuedCertificate;
  readonly intermediate?: IssuedCertificate;
  private readonly issuerKey: KeyPair;

  constructor(
    keys: KeyPool,
    readonly name: string,
    options: TestCertificateAuthorityOptions = {},
  ) {
    if (typeof name !== 'string' || name.trim() === '') throw new TypeError('TestCertificateAuthority needs a non-empty name');
    const keyFor = (role: 'root' | 'intermediate'): KeyPair =>
      options.keyType === 'EC' ? keys.ec(`ca/${name}/${role}`, options.curve ?? 'P-384') : keys.rsa(`ca/${name}/${role}`, options.rsaBits ?? 2048);
    const common = {
      notBefore: options.notBefore ?? DEFAULT_NOT_BEFORE,
      notAfter: options.notAfter ?? DEFAULT_NOT_AFTER,
      hash: options.hash ?? 'sha256',
    };

    const rootKey = keyFor('root');
    const rootSubject = options.rootSubject ?? { CN: `${name} Root CA`, O: 'trustsim test CA' };
    this.root = buildCertificate({
      ...common,
      subject: rootSubject,
      serial: this.serialFor('root'),
      subjectPublicKey: rootKey.publicKey,
      issuerPrivateKey: rootKey.privateKey,
      extensions: { basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'] },
    });
    this.issuerKey = rootKey;

    if (options.intermediate) {
      const intermediateKey = keyFor('intermediate');
      this.intermediate = buildCertificate({
        ...common,
        subject: options.intermediateSubject ?? { CN: `${name} Issuing CA`, O: 'trustsim test CA' },
        issuer: rootSubject,
        serial: this.serialFor('intermediate'),
        subjectPublicKey: intermediateKey.publicKey,
        issuerPrivateKey: rootKey.privateKey,
        // No path length limit: a CA-signed CAPF certificate is itself a CA (CA:TRUE, pathlen 0, issuing
        // LSCs), so the issuing CA must allow one more CA below it.
        extensions: { basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'] },
      });
      this.issuerKey = intermediateKey;
    }
  }

  /** The certificate that signs CSRs: the intermediate when there is one, else the root. */
  get issuer(): IssuedCertificate {
    return this.intermediate ?? this.root;
  }

  /** What to upload to a trust store, issuing CA first: [intermediate, root] or [root]. */
  chain(): IssuedCertificate[] {
    return this.intermediate ? [this.intermediate, this.root] : [this.root];
  }

  /**
   * Issues a certificate for a PKCS #10 request (PEM or DER). Refuses a request whose signature does not
   * verify, as a CA must (it proves the requester holds the key). RSA and EC requests alike, whatever the
   * CA's own key type.
   */
  signCsr(csr: Buffer | string, options: SignCsrOptions): IssuedCertificate {
    const request = parseCsr(csr);
    if (!request.signatureValid) {
      throw new Error(
        `${this.name}: the CSR for ${JSON.stringify(request.commonName)} has an invalid signature ` +
          '(altered, or not signed by its own key); refusing to sign',
      );
    }
    const hash = options.hash ?? 'sha256';
    const copied: RawExtension[] =
      options.copyExtensions === false ? [] : request.requestedExtensions.raw.filter((extension) => !KEY_IDENTIFIER_OIDS.includes(extension.oid));
    const spec: CertificateSpec = {
      subject: options.subject ?? request.subject,
      issuer: this.issuer.subject,
      serial: options.serial ?? this.serialFor('leaf', request.fingerprint, options.notBefore, options.notAfter, hash),
      notBefore: options.notBefore,
      notAfter: options.notAfter,
      subjectPublicKey: createPublicKey({ key: request.publicKeySpki, format: 'der', type: 'spki' }),
      issuerPrivateKey: this.issuerKey.privateKey,
      hash,
      extensions: options.extensions ?? {},
    };
    return buildCertificate(spec, copied);
  }

  /**
   * 16-byte positive serial from SHA-256 of the CA name and what is being signed. Derived from the request
   * rather than a counter, so the serial does not depend on the order of signings: signing the same CSR
   * for the same validity gives the same certificate, and anything else a different serial.
   */
  private serialFor(role: string, ...parts: (string | Date)[]): string {
    const text = JSON.stringify(['trustsim-test-ca', this.name, role, ...parts.map((part) => (part instanceof Date ? part.toISOString() : part))]);
    const hash = createHash('sha256').update(text).digest();
    hash[0] = (hash[0] & 0x7f) | 0x10; // positive, and always 16 octets long
    return hash.subarray(0, 16).toString('hex');
  }
}
