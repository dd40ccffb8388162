import { Assumptions } from '../assumptions/assumptions';
import { ocspAllowsConnection, OcspStatus } from '../monitoring/ocsp';

/**
 * The trust stores a node checks for a server or trunk that TLS-connects to it (SIP trunks, CUBE, Unity
 * Connection, Expressway, syslog, ILS, LBM, ...): CallManager-trust and tomcat-trust [chapter] (§2.1).
 */
export const TLS_PEER_TRUST_STORES: readonly string[] = ['CallManager-trust', 'tomcat-trust'];

/** What a node knows when a TLS peer connects, as plain data. */
export interface TlsPeerFacts {
  /** The peer certificate's common name. */
  peer: string;
  /** The node it connects to (named in the refusal). */
  node: string;
  /** The node's trust stores that hold a certificate of that common name. */
  storesHoldingPeer: readonly string[];
  /** Enterprise parameter "Enable OCSP". */
  ocspEnabled: boolean;
  /** What the OCSP responder answers about the peer certificate. */
  ocsp: OcspStatus;
  /** Common Criteria mode. */
  commonCriteria: boolean;
}

/** Accepted (with the OCSP answer, or 'not checked' when OCSP is off) or refused with why. */
export type TlsPeerDecision =
  | { accepted: true; ocsp: OcspStatus | 'not checked' }
  | { accepted: false; ocsp?: OcspStatus; reason: string };

/** Whether one of the stores holding the peer is one a node trusts TLS peers from [chapter] (§2.1). */
export function trustsTlsPeer(storesHoldingPeer: readonly string[]): boolean {
  return storesHoldingPeer.some((store) => TLS_PEER_TRUST_STORES.includes(store));
}

/**
 * Whether a node accepts a TLS peer: its certificate must be in the node's CallManager-trust or
 * tomcat-trust [chapter] (§2.1), and with "Enable OCSP" on the OCSP answer must allow the connection,
 * which depends on Common Criteria mode [chapter "Certificate Revocation"] (§13, monitoring/ocsp.ts).
 */
export function decideTlsPeer(facts: TlsPeerFacts, assumptions: Pick<Assumptions, 'ocspRevokedWithoutCommonCriteria'>): TlsPeerDecision {
  if (!trustsTlsPeer(facts.storesHoldingPeer)) {
    return { accepted: false, reason: `${facts.peer} is in neither CallManager-trust nor tomcat-trust of ${facts.node} [chapter]` };
  }
  if (!facts.ocspEnabled) return { accepted: true, ocsp: 'not checked' };
  const verdict = ocspAllowsConnection(facts.ocsp, facts.commonCriteria, assumptions);
  return verdict.allowed ? { accepted: true, ocsp: facts.ocsp } : { accepted: false, ocsp: facts.ocsp, reason: verdict.reason };
}
