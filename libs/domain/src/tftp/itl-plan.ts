import { ItlSignerPurpose, itlSignerPurpose } from '../release/release-profile';
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
  itlRecovery?: CertificateRef;
  /** TVS certificates of every node of the cluster. */
  tvs: readonly CertificateRef[];
  /** The publisher's CAPF certificate, when the CAPF service runs. */
  capf?: CertificateRef;
}

/**
 * The records of the ITL a TFTP node builds (domain-reference §4.2) [S125DEF]:
 * the ITLRecovery certificate (SAST: it signs the ITL); the TFTP server's own CallManager certificate
 * twice, as CCM+TFTP (verifies configuration files) and as SAST (verifies the ITL signature); every TVS
 * certificate of the cluster; the CAPF certificate when CAPF runs [SREGEN].
 */
export function itlRecords(input: ItlContentsInput): ItlRecordPlan[] {
  const records: ItlRecordPlan[] = [];
  if (input.itlRecovery) records.push({ certificate: input.itlRecovery, role: 'SAST' });
  records.push({ certificate: input.callManager, role: 'CCM+TFTP' });
  records.push({ certificate: input.callManager, role: 'SAST' });
  for (const tvs of input.tvs) records.push({ certificate: tvs, role: 'TVS' });
  if (input.capf) records.push({ certificate: input.capf, role: 'CAPF' });
  return records;
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
 * (§4.4) [S125DEF]: its own CallManager, any TVS, CAPF, ITLRecovery.
 */
export function changeRebuildsItl(purpose: string): boolean {
  return ['CallManager', 'TVS', 'CAPF', 'ITLRecovery'].includes(purpose);
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
