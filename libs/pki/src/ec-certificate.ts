import * as forge from 'node-forge';
import type { CertificateSpec } from './certificate-spec';
import type { IssuedCertificate } from './certificate-info';
import { DER_TAG, encodeDer } from './der';
import { replaceChildren } from './der-write';
import { forgeTbs, placeholderForgePublicKey, startCertificate } from './forge-fields';
import { keyIdentifier } from './key-identifier';
import { EXTENSION_OIDS } from './oids';
import { parseCertificate } from './parse-certificate';
import { keyAlgorithmOf, signatureAlgorithm, signDeterministically } from './signature-algorithm';
import { buildExtensions, forgeExtensionFromRaw, type RawExtension } from './x509-extensions';

/** TBSCertificate children: [0] version, serial, signature (2), issuer, validity, subject, SPKI (6), [3] extensions. */
const TBS_SIGNATURE = 2;
const TBS_SPKI = 6;
const KEY_IDENTIFIER_OIDS: readonly string[] = [EXTENSION_OIDS.subjectKeyIdentifier, EXTENSION_OIDS.authorityKeyIdentifier];

/**
 * Issues an X.509 v3 certificate for an EC subject key (CallManager-ECDSA, tomcat-ECDSA), self-signed with
 * its own key or signed by an RSA or EC issuer key — any mix of the two key types works. Same spec as
 * issueCertificate, and the same promise: same spec, same bytes, on any machine. ECDSA signatures use
 * RFC 6979 nonces (deterministic-ecdsa.ts); for an all-RSA spec the bytes equal issueCertificate's.
 *
 * The TBS is forge's, as for RSA (names, serial, dates, extensions encoded by the same code); only the
 * SubjectPublicKeyInfo and the signature AlgorithmIdentifier are swapped in afterwards (der-write.ts).
 */
export function issueEcCertificate(spec: CertificateSpec): IssuedCertificate {
  return buildCertificate(spec);
}

/**
 * issueEcCertificate plus extensions copied verbatim (a CA honouring a CSR's requested extensions). They go
 * after the spec's own extensions and before the key identifiers; an extension present twice is refused
 * (RFC 5280 §4.2).
 */
export function buildCertificate(spec: CertificateSpec, copiedExtensions: readonly RawExtension[] = []): IssuedCertificate {
  if (spec.issuerPrivateKey.type !== 'private') throw new TypeError(`the issuer private key is a ${spec.issuerPrivateKey.type} key`);
  const issuerAlgorithm = keyAlgorithmOf(spec.issuerPrivateKey, 'issuer private key');
  keyAlgorithmOf(spec.subjectPublicKey, 'subject public key');
  const { cert, hash, subjectSpki, issuerSpki } = startCertificate(spec, 'issueEcCertificate');
  cert.publicKey = placeholderForgePublicKey();
  cert.setExtensions(mergeExtensions(buildExtensions(spec.extensions ?? {}, keyIdentifier(subjectSpki), keyIdentifier(issuerSpki)), copiedExtensions));

  const algorithm = signatureAlgorithm(issuerAlgorithm, hash);
  cert.signatureOid = cert.siginfo.algorithmOid = algorithm.oid;
  const forgeDer = Buffer.from(forge.asn1.toDer(forgeTbs(cert)).getBytes(), 'binary');
  const tbs = replaceChildren(forgeDer, { [TBS_SIGNATURE]: algorithm.der, [TBS_SPKI]: subjectSpki });
  const signature = signDeterministically(spec.issuerPrivateKey, hash, tbs);
  const signatureBits = encodeDer(DER_TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), signature]));
  return parseCertificate(encodeDer(DER_TAG.SEQUENCE, Buffer.concat([tbs, algorithm.der, signatureBits])));
}

function mergeExtensions(built: ReturnType<typeof buildExtensions>, copied: readonly RawExtension[]): ReturnType<typeof buildExtensions> {
  if (copied.length === 0) return built;
  const identifiers = built.filter((extension) => KEY_IDENTIFIER_OIDS.includes(extension.id));
  const merged = [...built.filter((extension) => !KEY_IDENTIFIER_OIDS.includes(extension.id)), ...copied.map(forgeExtensionFromRaw), ...identifiers];
  const seen = new Set<string>();
  for (const { id } of merged) {
    if (seen.has(id)) throw new Error(`extension ${id} would appear twice in the certificate (copied from the request and given in the spec)`);
    seen.add(id);
  }
  return merged;
}
