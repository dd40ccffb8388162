import { hasItlRecovery, ItlSignerPurpose, itlSignerPurpose } from '../release/release-profile';
import { isAtLeast, Release } from '../release/release';
import { Role } from '../shared/roles';

/** A certificate as the ITL planner needs it: whose it is and which one. */
export interface CertificateRef {
  fingerprint: string;
  node: string;
  purpose: string;
}

export interface ItlRecordPlan {
  certificate: CertificateRef;
  role: Role;
}

export interface ItlContentsInput {
  /** The TFTP node's own CallManager certificate. */
  callManager: CertificateRef;
  /** The TFTP node's own CallManager-ECDSA certificate (11.0 and later). */
  callManagerEcdsa?: CertificateRef;
  itlRecovery?: CertificateRef;
  /** TVS certificates of every node of the cluster. */
  tvs: readonly CertificateRef[];
  /** The publisher's CAPF certificate, when the CAPF service runs. */
  capf?: CertificateRef;
}

/** What the ITL's contents depend on besides the certificates. */
export interface ItlContext {
  release: Release;
  /** The cluster security mode the ITL is built in (the CTL's `utils ctl set-cluster` decides it). */
  security: ClusterSecurity;
  /** Assumption itlRecoveryInItlBefore12: whether a 10.x/11.x ITL lists ITLRecovery. */
  itlRecoveryInItlBefore12: boolean;
}

export type ClusterSecurity = 'non-secure' | 'mixed';

/**
 * The records of the ITL a TFTP node builds (domain-reference §4.2) [S125DEF]:
 * - ITLRecovery as SAST (it signs the ITL from 12.0; before, see itlListsItlRecovery);
 * - the TFTP server's own CallManager certificate twice, with the server role (verifies configuration
 *   files) and as SAST (verifies the ITL signature) [S125DEF];
 * - its CallManager-ECDSA certificate beside it with the same server role, never SAST (11.0+;
 *   ecdsaTwinRecords);
 * - every TVS certificate of the cluster; the CAPF certificate when CAPF runs [SREGEN].
 */
export function itlRecords(input: ItlContentsInput, context: ItlContext): ItlRecordPlan[] {
  const records: ItlRecordPlan[] = [];
  if (input.itlRecovery && itlListsItlRecovery(context.release, context.itlRecoveryInItlBefore12)) records.push({ certificate: input.itlRecovery, role: 'SAST' });
  const serverRole = itlServerRole(context.security);
  records.push({ certificate: input.callManager, role: serverRole });
  records.push(...ecdsaTwinRecords(input.callManagerEcdsa, serverRole));
  records.push({ certificate: input.callManager, role: 'SAST' });
  for (const tvs of input.tvs) records.push({ certificate: tvs, role: 'TVS' });
  if (input.capf) records.push({ certificate: input.capf, role: 'CAPF' });
  return records;
}

/**
 * Whether the ITL also lists the TFTP node's Phone-SAST-trust certificates (another cluster's
 * CallManager and ITLRecovery for a migration, EMCC, a proxy TFTP), as SAST like the CTL does [S125CTL]:
 * no source lists them among the ITL's contents [S125DEF] [SREGEN], but the 12.5 guide counts the
 * cluster's certificates against the ITL's limit ("If a Unified Communications Manager cluster has more
 * than 39 certificates, then the ITL file size ... exceeds 64 kilobytes" [S125DEF]) — assumption
 * itlCarriesPhoneSastTrust, false by default.
 */
export function phoneSastTrustItlRecords(phoneSastTrust: readonly string[], itlCarriesPhoneSastTrust: boolean): { fingerprint: string; role: Role }[] {
  return itlCarriesPhoneSastTrust ? phoneSastTrust.map((fingerprint) => ({ fingerprint, role: 'SAST' as const })) : [];
}

/**
 * The role of the TFTP node's own CallManager certificate in its ITL: TFTP while the cluster is
 * non-secure, CCM+TFTP in mixed mode. The Preferred Architecture's role table: "TFTP — CallManager — ...
 * Records with this certificate role are included in the ITL file when Unified CM is not in mixed mode";
 * "CCM+TFTP — CallManager — ... included in the ITL and CTL files when Unified CM is in mixed mode"
 * [SPA12]; the Security Guide: "TFTP or the TFTP and CCM role—To authenticate configuration file
 * signature" [S125DEF]. Phones take either role for a configuration signer (CONFIG_SIGNER_ROLES).
 */
export function itlServerRole(security: ClusterSecurity): Role {
  return security === 'mixed' ? 'CCM+TFTP' : 'TFTP';
}

/**
 * Whether the ITL lists ITLRecovery as SAST. From 12.0 it signs the ITL, so it is in it [SREGEN]
 * [S125DEF]; it exists from 10.0 [SITL10]; for 10.x/11.x the Security Guide's two lists disagree, so the
 * assumption itlRecoveryInItlBefore12 decides [S125DEF] (assumptions.ts).
 */
export function itlListsItlRecovery(release: Release, itlRecoveryInItlBefore12: boolean): boolean {
  if (!hasItlRecovery(release)) return false;
  return isAtLeast(release, '12.0') || itlRecoveryInItlBefore12;
}

/**
 * A node's CallManager-ECDSA certificate joins the ITL and the CTL beside its CallManager certificate,
 * with the same server role and never as SAST (trust files are signed with RSA only) [uncertain],
 * inferred from: "CallManager CallManager-ECDSA — ... update CTL file if the server is in secure mode"
 * [chapter] table 7 (the pair is one CTL entry's subject); "Unified Communications Manager Release 11.0
 * always has an ECDSA certificate and uses that certificate in its SIP interface" [S125DEF]; phones fetch
 * their configuration over HTTPS when the ITL has "an EC (Elliptic Curve) key ... included in
 * ITLFile.tlv with the TFTP function" [SUCM-NZ]. No published dump shows an 11.0+ file.
 */
export function ecdsaTwinRecords(callManagerEcdsa: CertificateRef | undefined, serverRole: Role): ItlRecordPlan[] {
  return callManagerEcdsa ? [{ certificate: callManagerEcdsa, role: serverRole }] : [];
}

/** How the TFTP node signs now: as its release does, or with the temporary key of a bulk reset. */
export type ItlSigningMode = 'normal' | 'reset-localkey' | 'reset-remotekey';

/**
 * Who signs the ITL the TFTP node serves (§4.3): the release's signer [SREGEN] [S125DEF], except after
 * `utils itl reset localkey`, when the publisher's CallManager key signs a "reset ITL" until the TFTP
 * service restarts [S125DEF] [SCLI].
 */
export function itlSigner(release: Release, mode: ItlSigningMode): { purpose: ItlSignerPurpose; publisherOnly: boolean } {
  if (mode === 'reset-localkey') return { purpose: 'CallManager', publisherOnly: true };
  // `utils itl reset remotekey`: the ITLRecovery key imported from the SFTP server (ITLRecovery.p12) [SCLI].
  if (mode === 'reset-remotekey') return { purpose: 'ITLRecovery', publisherOnly: true };
  const purpose = itlSignerPurpose(release);
  return { purpose, publisherOnly: purpose === 'ITLRecovery' };
}

/**
 * Certificate purposes whose change alters the ITL content, so every TFTP node rebuilds and re-signs it
 * (§4.4) [S125DEF]: its own CallManager (and, since the ITL lists it, its CallManager-ECDSA: ecdsaTwinRecords),
 * any TVS, CAPF, ITLRecovery.
 */
export function changeRebuildsItl(purpose: string): boolean {
  return ['CallManager', 'CallManager-ECDSA', 'TVS', 'CAPF', 'ITLRecovery'].includes(purpose);
}

/**
 * "Prepare Cluster for Rollback to pre-8.0" = True: the TFTP serves an ITL with empty TVS and TFTP
 * sections [S125DEF] — only its signer stays, so phones still verify the file itself.
 */
export function rollbackItlRecords(records: readonly ItlRecordPlan[]): ItlRecordPlan[] {
  return records.filter((r) => r.role === 'SAST');
}

/** An ITL with no TVS and no TFTP certificate is the rollback ITL: a phone holding it accepts any new ITL and unsigned configurations [S125DEF]. */
export function isRollbackItl(roles: Iterable<ReadonlySet<Role>>): boolean {
  for (const r of roles) if (r.has('TVS') || r.has('TFTP') || r.has('CCM+TFTP')) return false;
  return true;
}

/** From 10.5, enabling the rollback parameter resets phones by itself; before, they take it within ~10 minutes [S125DEF]. */
export function rollbackParameterResetsPhones(release: Release): boolean {
  return isAtLeast(release, '10.5');
}
