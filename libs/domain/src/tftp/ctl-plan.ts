import { isAtLeast, Release } from '../release/release';
import { Role } from '../shared/roles';
import { CertificateRef } from './itl-plan';

export interface CtlContentsInput {
  /** The publisher's CallManager certificate (SAST in the tokenless CTL). */
  publisherCallManager: CertificateRef;
  /** CallManager certificates of the nodes running CallManager or TFTP (role CCM+TFTP). */
  callManagers: readonly CertificateRef[];
  itlRecovery?: CertificateRef;
  capf?: CertificateRef;
  /** Certificates of Phone-SAST-trust: joined as SAST at a CTL update (migrations) [S125CTL]. */
  phoneSast: readonly CertificateRef[];
}

export interface CtlRecordPlan {
  certificate: CertificateRef;
  role: Role;
}

export type CtlSignerPurpose = 'CallManager' | 'ITLRecovery';

/**
 * Who signs a tokenless CTL (domain-reference §5) [S125CTL] [STOKENLESS] [SREGEN]: the publisher's
 * CallManager key up to 11.5, ITLRecovery from 12.0; after `utils ctl reset localkey` the CallManager key
 * until the next `utils ctl update CTLFile` [S125DEF] [chapter].
 */
export function ctlSigner(release: Release, mode: 'normal' | 'reset-localkey'): CtlSignerPurpose {
  if (mode === 'reset-localkey') return 'CallManager';
  return isAtLeast(release, '12.0') ? 'ITLRecovery' : 'CallManager';
}

/** ITLRecovery joins the tokenless CTL as a second SAST from 10.5(2) [S125CTL]. */
export function ctlCarriesItlRecovery(release: Release): boolean {
  return isAtLeast(release, '10.5(2)');
}

/**
 * The records of a tokenless CTL (§5) [S125CTL] [SREGEN]: the SAST entries (publisher CallManager, and
 * ITLRecovery from 10.5(2)), a CCM+TFTP entry per CallManager/TFTP node, CAPF, and Phone-SAST-trust
 * certificates as SAST; never TVS [S14].
 */
export function ctlRecords(release: Release, input: CtlContentsInput): CtlRecordPlan[] {
  const records: CtlRecordPlan[] = [{ certificate: input.publisherCallManager, role: 'SAST' }];
  if (input.itlRecovery && ctlCarriesItlRecovery(release)) records.push({ certificate: input.itlRecovery, role: 'SAST' });
  for (const cm of input.callManagers) records.push({ certificate: cm, role: 'CCM+TFTP' });
  if (input.capf) records.push({ certificate: input.capf, role: 'CAPF' });
  for (const sast of input.phoneSast) records.push({ certificate: sast, role: 'SAST' });
  return records;
}
