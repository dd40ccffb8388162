import { createPublicKey, type KeyObject } from 'crypto';
import * as forge from 'node-forge';
import { DER_TAG, encodeDer } from './der';
import { replaceChildren } from './der-write';
import type { Dn } from './dn';
import { forgeAttributes, forgeCertificationRequestInfo, placeholderForgePublicKey } from './forge-fields';
import { SIGNATURE_HASHES, type SignatureHash } from './native-signer';
import { toPem } from './pem';
import { keyAlgorithmOf, signatureAlgorithm, signDeterministically } from './signature-algorithm';
import { buildExtensions, type CertificateExtensionsSpec } from './x509-extensions';

/** What a CSR may ask for. Key identifiers are the issuer's business, so they are not requested. */
export type CsrExtensionsSpec = Omit<CertificateExtensionsSpec, 'subjectKeyIdentifier' | 'authorityKeyIdentifier'>;

export interface CsrSpec {
  subject: Dn;
  /** Optional: derived from `privateKey` when left out; if given it must be that key's public half. */
  publicKey?: KeyObject;
  privateKey: KeyObject;
  /** Default sha256. */
  hash?: SignatureHash;
  /** Sent as the PKCS #9 extensionRequest attribute (purposeExtensions() gives Table 3's per purpose). */
  extensions?: CsrExtensionsSpec;
}

export interface CreatedCsr {
  readonly der: Buffer;
  /** `-----BEGIN CERTIFICATE REQUEST-----`, as CUCM's "Download CSR" gives it. */
  readonly pem: string;
}

/** CertificationRequestInfo children: version, subject, SubjectPublicKeyInfo (2), [0] attributes. */
const CRI_SPKI = 2;

/**
 * A PKCS #10 certificate signing request (RFC 2986) for an RSA or EC key, deterministic like everything
 * here: PKCS #1 v1.5 for RSA (the bytes forge's csr.sign() gives with createNativeSigner — the spec checks),
 * RFC 6979 ECDSA for EC. forge writes the CertificationRequestInfo (same name encoding as certificates);
 * the real SubjectPublicKeyInfo replaces forge's placeholder, since forge cannot encode EC keys.
 */
export function createCsr(spec: CsrSpec): CreatedCsr {
  if (spec.privateKey.type !== 'private') throw new TypeError(`createCsr needs a private key to sign with, got a ${spec.privateKey.type} key`);
  const keyAlgorithm = keyAlgorithmOf(spec.privateKey, 'CSR key');
  const hash = spec.hash ?? 'sha256';
  if (!SIGNATURE_HASHES.includes(hash)) throw new Error(`unsupported hash ${String(hash)} (use ${SIGNATURE_HASHES.join(', ')})`);
  const spki = createPublicKey(spec.privateKey).export({ type: 'spki', format: 'der' });
  if (spec.publicKey) {
    const given = (spec.publicKey.type === 'private' ? createPublicKey(spec.publicKey) : spec.publicKey).export({ type: 'spki', format: 'der' });
    if (!given.equals(spki)) throw new Error('createCsr: publicKey is not the public half of privateKey (the CA could not verify the request)');
  }

  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = placeholderForgePublicKey();
  csr.setSubject(forgeAttributes(spec.subject, 'subject'));
  const requested = { ...spec.extensions, subjectKeyIdentifier: false, authorityKeyIdentifier: false };
  const extensions = buildExtensions(requested, Buffer.alloc(0), Buffer.alloc(0));
  if (extensions.length > 0) csr.setAttributes([{ name: 'extensionRequest', extensions }]);

  const forgeDer = Buffer.from(forge.asn1.toDer(forgeCertificationRequestInfo(csr)).getBytes(), 'binary');
  const info = replaceChildren(forgeDer, { [CRI_SPKI]: spki });
  const algorithm = signatureAlgorithm(keyAlgorithm, hash);
  const signature = signDeterministically(spec.privateKey, hash, info);
  const signatureBits = encodeDer(DER_TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), signature]));
  const der = encodeDer(DER_TAG.SEQUENCE, Buffer.concat([info, algorithm.der, signatureBits]));
  return { der, pem: toPem(der, 'CERTIFICATE REQUEST') };
}
