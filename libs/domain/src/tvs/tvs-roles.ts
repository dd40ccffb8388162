import { Role } from '../shared/roles';

/** What a TVS knows about certificates, from its cluster's database and its node's trust stores. */
export interface TvsKnowledge {
  /** Current CallManager certificates of every node of the cluster. */
  callManagerCertificates: ReadonlySet<string>;
  /** The cluster's current ITLRecovery certificate. */
  itlRecoveryCertificate?: string;
  phoneSastTrust: ReadonlySet<string>;
  /** tomcat identity certificates and tomcat-trust. */
  applicationServers: ReadonlySet<string>;
  tvsVouchesForOwnItlRecovery: boolean;
  /** The roles of the cluster's current CTL (mixed mode): TVS caches the CTL and vouches for its entries [STOKENLESS]. */
  ctlRoles?: ReadonlyMap<string, ReadonlySet<Role>>;
  /** Assumption tvsVouchesForCtlSigners: whether the cached CTL's SAST entries make TVS vouch for a trust-list signer (ctlCacheRoles). */
  tvsVouchesForCtlSigners: boolean;
}

/**
 * The roles a TVS answers with for a certificate, from the role map recorded in CUCM certificate
 * management logs [SCN] (domain-reference §2.1, §14 step 3):
 * - a CallManager certificate of any node of its cluster → SAST and CCM+TFTP;
 * - Phone-SAST-trust → SAST and TFTP (another cluster's CallManager/ITLRecovery in a migration);
 * - tomcat / tomcat-trust → Application Server;
 * - its own cluster's ITLRecovery → no role by default, so the chapter's two-round regeneration is
 *   needed (assumption tvsVouchesForOwnItlRecovery, §16.2);
 * - in mixed mode, a certificate of the cluster's current CTL → its CTL roles (TVS's "CertificateCTLCache")
 *   [STOKENLESS] (§2.1, §14 step 3), but not SAST by default: the CTL does not vouch for its own signer
 *   [SFN] (ctlCacheRoles, assumption tvsVouchesForCtlSigners);
 * - CallManager-trust and every other store → nothing [SCN].
 */
export function tvsRolesFor(knowledge: TvsKnowledge, fingerprint: string): Role[] {
  const roles = new Set<Role>();
  if (knowledge.callManagerCertificates.has(fingerprint)) {
    roles.add('SAST');
    roles.add('CCM+TFTP');
  }
  if (knowledge.phoneSastTrust.has(fingerprint)) {
    roles.add('SAST');
    roles.add('TFTP');
  }
  if (knowledge.tvsVouchesForOwnItlRecovery && knowledge.itlRecoveryCertificate === fingerprint) {
    roles.add('SAST');
  }
  if (knowledge.applicationServers.has(fingerprint)) roles.add('APP-SERVER');
  for (const role of ctlCacheRoles(knowledge.ctlRoles?.get(fingerprint), knowledge.tvsVouchesForCtlSigners)) roles.add(role);
  return [...roles];
}

/**
 * The roles TVS takes from the CTL it caches for a certificate. Every role but SAST: TVS does not vouch
 * for a trust-list signer only because the CTL on the TFTP server lists it — FN70613's endpoints, whose
 * CTL held neither the regenerated ITLRecovery nor the regenerated CallManager, could not validate the
 * CTL `utils ctl update CTLFile` made and needed it deleted by hand [SFN]. A signer TVS knows from the
 * database (a node's CallManager, Phone-SAST-trust) is still vouched for [STOKENLESS]. With assumption
 * tvsVouchesForCtlSigners the SAST role counts too (TAC 214231's one-round procedure [SREGEN]).
 */
export function ctlCacheRoles(roles: ReadonlySet<Role> | undefined, vouchesForCtlSigners: boolean): Role[] {
  if (!roles) return [];
  return [...roles].filter((r) => vouchesForCtlSigners || r !== 'SAST');
}
