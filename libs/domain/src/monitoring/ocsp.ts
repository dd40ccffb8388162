import { Assumptions } from '../assumptions/assumptions';

/** What an OCSP responder answers about a peer certificate [chapter "Certificate Revocation"]. */
export type OcspStatus = 'good' | 'revoked' | 'unknown';

export type OcspVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether a TLS connection (SIP trunk, syslog, ILS, LBM, ... [chapter]) goes ahead after the OCSP check
 * (domain-reference §13):
 * - Good: it does;
 * - Common Criteria on: it fails on Revoked and on Unknown [chapter];
 * - Common Criteria off: it succeeds on Unknown [chapter]; on Revoked the chapter is silent — assumption
 *   ocspRevokedWithoutCommonCriteria (§13 recommends failing).
 */
export function ocspAllowsConnection(status: OcspStatus, commonCriteria: boolean, assumptions: Pick<Assumptions, 'ocspRevokedWithoutCommonCriteria'>): OcspVerdict {
  if (status === 'good') return { allowed: true };
  if (commonCriteria) return { allowed: false, reason: `OCSP answered ${status} and Common Criteria mode is on: the connection fails [chapter]` };
  if (status === 'unknown') return { allowed: true };
  return assumptions.ocspRevokedWithoutCommonCriteria === 'refused'
    ? { allowed: false, reason: 'OCSP answered revoked: the connection fails (assumption ocspRevokedWithoutCommonCriteria=refused)' }
    : { allowed: true };
}
