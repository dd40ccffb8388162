import { isBefore, Release } from '../release/release';

/** DIGEST_ALGORITHM of a trust file's signature (the names of @trustsim/trust-files). */
export type TrustFileDigestName = 'sha1' | 'sha256' | 'sha512';

/**
 * The digest CUCM signs its ITL and CTL files with, by release; an export may ask for another.
 *
 * - Up to 12.5: SHA-1. The published 10.0 and 10.5 dumps label every certificate hash "(SHA1 Hash HEX)"
 *   [STOKENLESS] [SNONSECURE]; the 12.5(1)SU5 guide says of the 7900, 8900 and 9900 phones it supports: "For any
 *   other cryptographic operation that require validation of signature, only SHA-1 is supported"
 *   [S125PHSEC] — they verify ITLs and CTLs, so 12.5 cannot sign those with anything else.
 * - 14 and 15: SHA-1 too, [uncertain]. No source names their digest. The independent public parser
 *   verifies SHA-1 and SHA-512 only, the two values found in real files [SUCM-NZ], so a SHA-512 file comes
 *   from some release; nothing ties it to one. SHA-1 is the only value a Cisco source establishes, and
 *   every phone that reads trust files verifies it; `--digest sha512` exports the other reading.
 *
 * Never SHA-256 (code 2): no real file is known to carry it, and the public parser refuses it
 * ("Unsupported HEADER_DIGEST_ALGORITHM: 2").
 */
export function defaultTrustFileDigest(release: Release): TrustFileDigestName {
  // Kept as two periods, the same today, because only the first is sourced: a source for 14/15 changes one line.
  return isBefore(release, '14') ? DIGEST_UP_TO_12_5 : DIGEST_FROM_14;
}

const DIGEST_UP_TO_12_5: TrustFileDigestName = 'sha1';
const DIGEST_FROM_14: TrustFileDigestName = 'sha1';
