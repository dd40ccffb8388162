import { isAtLeast, isBefore, Release } from '../release/release';
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
  /** The two USB eTokens of a token-based CTL (Token1 signs). */
  tokens?: readonly [CertificateRef, CertificateRef];
}

/** A CTL made by the CTL client with USB eTokens, or by the CLI (`utils ctl`) without them. */
export type CtlKind = 'token' | 'tokenless';

/**
 * Which kinds of CTL a release can make: tokens (the CTL client) up to 12.5 — "CTL client (USB tokens)
 * unsupported from 14" [S14] [SREGEN]; tokenless (`utils ctl`) from 10.0(1) [SITL10] [S125CTL].
 * Returns the reason a kind is not available, or undefined.
 */
export function ctlKindUnavailable(release: Release, kind: CtlKind): string | undefined {
  if (kind === 'token' && isAtLeast(release, '14')) return 'the CTL client (USB eTokens) is not supported from 14 [S14]; use the tokenless CTL';
  if (kind === 'tokenless' && isBefore(release, '10.0')) return 'the tokenless CTL (utils ctl) exists from 10.0(1) [SITL10]; before it the CTL client with USB eTokens makes the CTL';
  return undefined;
}

/**
 * The CTL kind after an upgrade: the CTL client does not exist from 14 [S14], so a token cluster upgraded
 * to 14 makes its next CTL without tokens; the CTL it already serves stays as it is [uncertain].
 */
export function ctlKindAfterUpgrade(kind: CtlKind, to: Release): CtlKind {
  return kind === 'token' && ctlKindUnavailable(to, 'token') ? 'tokenless' : kind;
}

/** A mixed-mode cluster's CTL kind when the scenario does not say: tokens before 10.0, tokenless from it. */
export function defaultCtlKind(release: Release): CtlKind {
  return isBefore(release, '10.0') ? 'token' : 'tokenless';
}

export interface CtlRecordPlan {
  certificate: CertificateRef;
  role: Role;
}

export type CtlSignerPurpose = 'CallManager' | 'ITLRecovery' | 'Token1';

/**
 * Who signs the CTL (domain-reference §5): a token-based one, Token1 [S125CTL]; a tokenless one, the
 * publisher's CallManager key up to 11.5 and ITLRecovery from 12.0 [S125CTL] [STOKENLESS] [SREGEN], and
 * after `utils ctl reset localkey` the CallManager key until the next `utils ctl update CTLFile` [S125DEF] [chapter].
 */
export function ctlSigner(release: Release, mode: 'normal' | 'reset-localkey', kind: CtlKind = 'tokenless'): CtlSignerPurpose {
  // A token-based CTL is signed by the first USB eToken on every release [S125CTL].
  if (kind === 'token') return 'Token1';
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
export function ctlRecords(release: Release, input: CtlContentsInput, kind: CtlKind = 'tokenless'): CtlRecordPlan[] {
  const records: CtlRecordPlan[] = kind === 'token' ? tokenSasts(release, input) : [{ certificate: input.publisherCallManager, role: 'SAST' }];
  if (kind === 'tokenless' && input.itlRecovery && ctlCarriesItlRecovery(release)) records.push({ certificate: input.itlRecovery, role: 'SAST' });
  for (const cm of input.callManagers) records.push({ certificate: cm, role: 'CCM+TFTP' });
  if (input.capf) records.push({ certificate: input.capf, role: 'CAPF' });
  for (const sast of input.phoneSast) records.push({ certificate: sast, role: 'SAST' });
  return records;
}

/**
 * The SAST entries of a token-based CTL [S125CTL] (§5 table): Token1 (the signer) and Token2; from 11.5
 * also ITLRecovery and the publisher's CallManager — which is why phones holding a token CTL made on
 * 11.5 or later accept the tokenless CTL that replaces it, and phones holding an older one do not. The
 * same guide's procedure asks for "the token-based CTL generated on 12.0(1)+" [S125CTL]; this follows its
 * per-release table, so the 11.5 case is [uncertain].
 */
function tokenSasts(release: Release, input: CtlContentsInput): CtlRecordPlan[] {
  if (!input.tokens) throw new RangeError('a token-based CTL needs its two USB eTokens');
  const records: CtlRecordPlan[] = input.tokens.map((certificate) => ({ certificate, role: 'SAST' as const }));
  if (isAtLeast(release, '11.5')) {
    if (input.itlRecovery) records.push({ certificate: input.itlRecovery, role: 'SAST' });
    records.push({ certificate: input.publisherCallManager, role: 'SAST' });
  }
  return records;
}
