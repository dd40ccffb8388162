/**
 * The DNS_NAME a trust-file record carries. CUCM writes the server's name as it knows it (System > Server):
 * a short host name — "2 DNSNAME 16 cucm-1051-a-pub" for CN=cucm-1051-a-pub [STOKENLESS] — or an IP
 * address where the servers are defined by address — "2 DNSNAME 13 10.48.47.153" for the CAPF record and
 * the stubs of a lab defined that way [SNONSECURE]. A USB eToken is no server: "2 DNSNAME 1", a lone NUL
 * [SNONSECURE] [STOKENLESS].
 */

/** A node's record name: its host name without the domain (trustsim defines servers by host name). */
export function serverRecordName(fqdn: string): string {
  return fqdn.split('.')[0];
}

/** The record name of a USB eToken (and of a Phone-SAST-trust certificate, which names no server of this cluster [uncertain]). */
export const NO_SERVER_RECORD_NAME = '';
