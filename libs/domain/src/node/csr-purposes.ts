import { isIdentityStoreName, storeInfo } from '../trust-store/store-catalogue';

/**
 * Why CUCM makes no CSR for `purpose`, or undefined when it does. "Customers who currently use third-party
 * CAs should use the CSR mechanism to issue certificates for: Unified Communications Manager, CAPF, IPSec,
 * Tomcat, TVS" [chapter "Support for Certificates from External CAs"], and Table 3 gives the CSR
 * extensions of those and of the -ECDSA pair [chapter Table 3]. ITLRecovery is in neither: the catalogue's
 * `caSignable` says the same for the upload (a CA-signed certificate answers a CSR).
 */
export function csrUnavailable(purpose: string): string | undefined {
  if (!isIdentityStoreName(purpose)) return `there is no certificate purpose "${purpose}" to generate a CSR for [chapter Table 6]`;
  const info = storeInfo(purpose);
  if (info.caSignable.value) return undefined;
  return `CUCM makes no CSR for ${purpose}: the CSR purposes are CallManager, CallManager-ECDSA, tomcat, tomcat-ECDSA, ipsec, CAPF and TVS ${info.caSignable.source}; regenerate ${purpose} instead`;
}
