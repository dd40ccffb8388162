import { createHash } from 'crypto';
import { childrenOf, contentOf, DER_TAG, expectNode, readNode } from './der';

/**
 * Key identifier as RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING (without its
 * unused-bits octet). It is what OpenSSL and CUCM put in SKI/AKI, so chains built here match theirs.
 * Works for any key type: it only looks at the SubjectPublicKeyInfo structure.
 */
export function keyIdentifier(spkiDer: Buffer): Buffer {
  const spki = expectNode(readNode(spkiDer, 0), DER_TAG.SEQUENCE, 'SubjectPublicKeyInfo');
  const [, bitString] = childrenOf(spkiDer, spki);
  const key = contentOf(spkiDer, expectNode(bitString, DER_TAG.BIT_STRING, 'subjectPublicKey'));
  return createHash('sha1').update(key.subarray(1)).digest();
}
