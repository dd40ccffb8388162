import { bigIntToBytes } from './bigint-bytes';
import { bytesOf, childrenOf, DER_TAG, encodeDer, readNode } from './der';

/**
 * DER writing helpers beyond `encodeDer`: a positive INTEGER, and swapping children of a SEQUENCE.
 *
 * Why splice: node-forge builds TBSCertificate and CertificationRequestInfo for us (names, validity,
 * extensions — the encoding the RSA path already pins), but it only knows RSA keys and always writes NULL
 * algorithm parameters. Rather than keep a second encoder, the EC path lets forge build the structure with
 * a placeholder key and then replaces the two elements forge cannot write (the SubjectPublicKeyInfo, and the
 * signature AlgorithmIdentifier, which for ECDSA has no parameters — RFC 5758 §3.2).
 */

/** INTEGER for a non-negative value: minimal octets, a 00 octet in front when the top bit is set. */
export function encodeDerUnsignedInteger(value: bigint): Buffer {
  let bytes = bigIntToBytes(value);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return encodeDer(DER_TAG.INTEGER, bytes);
}

/**
 * Re-encodes the constructed element `der` (which must be exactly one element) with the children at the
 * given indexes replaced by ready-made DER. Everything else is copied byte for byte.
 */
export function replaceChildren(der: Buffer, replacements: Readonly<Record<number, Buffer>>): Buffer {
  const root = readNode(der, 0);
  if (root.end !== der.length) throw new Error('replaceChildren: input must be exactly one DER element');
  const children = childrenOf(der, root);
  for (const index of Object.keys(replacements).map(Number)) {
    if (!(index >= 0 && index < children.length)) throw new RangeError(`replaceChildren: no child ${index} (${children.length} present)`);
  }
  const parts = children.map((child, index) => replacements[index] ?? bytesOf(der, child));
  return encodeDer(der[0], Buffer.concat(parts));
}
