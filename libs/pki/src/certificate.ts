import type { KeyObject } from 'crypto';
import * as forge from 'node-forge';
import type { IssuedCertificate } from './certificate-info';
import { keyIdentifier } from './key-identifier';
import { DER_TAG, encodeDer } from './der';
import { issueEcCertificate } from './ec-certificate';
import { forgeRsaPublicKey, forgeTbs, startCertificate } from './forge-fields';
import { signRsaPkcs1, type SignatureHash } from './native-signer';
import { parseCertificate } from './parse-certificate';
import { RSA_SIGNATURE_ALGORITHMS } from './signature-algorithm';
import type { CertificateSpec } from './certificate-spec';
import { buildExtensions } from './x509-extensions';

export type { CertificateSpec } from './certificate-spec';

/**
 * Issues an X.509 v3 certificate with an RSA subject key, signed by an RSA issuer key (native signing, see
 * native-signer.ts). Same spec, same bytes: nothing random goes in, which the reproducible event log needs.
 * The result is the parsed certificate, so it reads exactly as an uploaded copy of it would.
 *
 * A spec with an EC key on either side (CallManager-ECDSA, tomcat-ECDSA, or a CA signing across key types)
 * is handed to issueEcCertificate, which signs ECDSA deterministically. The RSA-only path below is kept
 * as it was: its bytes are pinned, and it is the fast path for the bulk of a scenario's certificates.
 */
export function issueCertificate(spec: CertificateSpec): IssuedCertificate {
  if (spec.subjectPublicKey.asymmetricKeyType === 'ec' || spec.issuerPrivateKey.asymmetricKeyType === 'ec') return issueEcCertificate(spec);
  requireRsa(spec.subjectPublicKey, 'subject public key');
  requireRsa(spec.issuerPrivateKey, 'issuer private key');
  const { cert, hash, subjectPublicKey, subjectSpki, issuerSpki } = startCertificate(spec, 'issueCertificate');
  cert.publicKey = forgeRsaPublicKey(subjectPublicKey);
  cert.setExtensions(buildExtensions(spec.extensions ?? {}, keyIdentifier(subjectSpki), keyIdentifier(issuerSpki)));
  return parseCertificate(signTbs(cert, hash, spec.issuerPrivateKey));
}

/**
 * What forge's cert.sign(createNativeSigner(key), md) followed by certificateToAsn1 produces (the spec checks
 * the bytes are identical), minus its overhead: the TBS is serialised once instead of twice, and hashed
 * natively rather than in JavaScript. Roughly halves the cost of issuing a certificate.
 */
function signTbs(cert: forge.pki.Certificate, hash: SignatureHash, issuerPrivateKey: KeyObject): Buffer {
  const algorithm = RSA_SIGNATURE_ALGORITHMS[hash];
  cert.signatureOid = cert.siginfo.algorithmOid = algorithm.oid;
  const tbs = Buffer.from(forge.asn1.toDer(forgeTbs(cert)).getBytes(), 'binary');
  const signature = signRsaPkcs1(issuerPrivateKey, hash, tbs);
  const signatureBits = encodeDer(DER_TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), signature]));
  return encodeDer(DER_TAG.SEQUENCE, Buffer.concat([tbs, algorithm.der, signatureBits]));
}

function requireRsa(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType === 'rsa') return; // EC keys were handed to issueEcCertificate above
  throw new Error(`issueCertificate needs an RSA ${what}, got ${key.asymmetricKeyType ?? key.type}`);
}
