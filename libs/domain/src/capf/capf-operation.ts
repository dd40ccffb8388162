import { SecurityProfile } from '../phone/secure-registration';
import { holdsRole, TrustListView } from '../shared/trust-list-view';

/** CAPF authentication modes of a phone's CAPF operation [S125PSP]. */
export type CapfAuthMode =
  | 'By Authentication String'
  | 'By Null String'
  | 'By Existing Certificate (Precedence to LSC)'
  | 'By Existing Certificate (Precedence to MIC)';

export interface CapfPhone {
  hasMic: boolean;
  /** The phone's LSC, by the fingerprint of the CAPF certificate that issued it. */
  lsc?: { issuerFingerprint: string };
  profile: SecurityProfile;
  heldItl?: TrustListView;
  heldCtl?: TrustListView;
}

export type CapfDecision =
  | { outcome: 'issued'; authenticatedWith: 'null-string' | 'lsc' | 'mic' | 'authentication-string' }
  | { outcome: 'deleted' }
  /** Waits for someone at the phone. */
  | { outcome: 'pending'; reason: string }
  | { outcome: 'failed'; reason: 'capf-not-trusted' | 'no-certificate' | 'lsc-issuer-not-trusted' | 'mic-issuer-not-trusted' | 'no-lsc'; detail: string };

type Failure = Extract<CapfDecision, { outcome: 'failed' }>['reason'];

/**
 * The outcome of a CAPF operation on a phone (domain-reference §8):
 * - Delete removes the LSC; with none there is nothing to delete [S125PSP];
 * - Install/Upgrade: the phone first authenticates the CAPF service against its CTL (mixed mode) or the
 *   CAPF entry of its ITL [SGK] [S125DEF], then CAPF authenticates the phone by the chosen mode
 *   (capfAuthentication).
 * A non-secure phone registers first and then fetches its LSC; a secure one does not register until it
 * has one [S15CAPF] — which is why the profile matters only for the authentication string.
 */
export function decideCapfOperation(
  operation: 'install' | 'delete',
  authMode: CapfAuthMode,
  phone: CapfPhone,
  capf: CapfTrust,
): CapfDecision {
  if (operation === 'delete') {
    return phone.lsc ? { outcome: 'deleted' } : failed('no-lsc', 'The phone has no LSC, so there is nothing to delete.');
  }
  if (!holdsRole(phone.heldCtl, capf.fingerprint, ['CAPF']) && !holdsRole(phone.heldItl, capf.fingerprint, ['CAPF'])) {
    return failed(
      'capf-not-trusted',
      'The phone does not find the CAPF certificate in its CTL or ITL, so it does not trust the CAPF service and no LSC is installed.',
    );
  }
  return capfAuthentication(authMode, phone, capf);
}

/** What the cluster trusts when a phone comes to its CAPF. */
export interface CapfTrust {
  /** The CAPF certificate the phone must trust. */
  fingerprint: string;
  /** CAPF certificates whose LSCs it accepts (its own, CAPF-trust, CallManager-trust). */
  trustedIssuerFingerprints: ReadonlySet<string>;
  /** Whether the store that validates MICs (mic-validation.ts) holds the root that signed the phone's MIC. */
  micRootTrusted: boolean;
}

/**
 * How CAPF authenticates the phone, per mode [S125PSP]:
 * - By Null String: no authentication;
 * - By Authentication String: someone types the string on the phone; a phone with an
 *   Authenticated/Encrypted profile never contacts CAPF by itself, so this mode cannot work there [S15CAPF];
 * - By Existing Certificate: the LSC or the MIC, in the order of the mode's precedence, and only one
 *   certificate per operation — an LSC whose issuer CAPF does not trust fails, it does not fall back to
 *   the MIC [S125PSP]; a MIC needs its manufacturing root in the validating store [chapter] (mic-validation.ts).
 */
function capfAuthentication(mode: CapfAuthMode, phone: CapfPhone, capf: CapfTrust): CapfDecision {
  const trustedIssuers = capf.trustedIssuerFingerprints;
  switch (mode) {
    case 'By Null String':
      return { outcome: 'issued', authenticatedWith: 'null-string' };
    case 'By Authentication String':
      return { outcome: 'pending', reason: authenticationStringWait(phone.profile) };
    case 'By Existing Certificate (Precedence to LSC)':
      if (phone.lsc) return byLsc(phone.lsc, trustedIssuers);
      return phone.hasMic ? byMic(capf.micRootTrusted) : noCertificate();
    case 'By Existing Certificate (Precedence to MIC)':
      if (phone.hasMic) return byMic(capf.micRootTrusted);
      return phone.lsc ? byLsc(phone.lsc, trustedIssuers) : noCertificate();
  }
}

function authenticationStringWait(profile: SecurityProfile): string {
  if (profile === 'non-secure') return 'Waiting for someone to enter the authentication string on the phone.';
  return 'Waiting for the authentication string, which will not come: a phone with a secure profile never contacts CAPF by itself, so use Null String or Existing Certificate.';
}

function byLsc(lsc: { issuerFingerprint: string }, trustedIssuers: ReadonlySet<string>): CapfDecision {
  if (trustedIssuers.has(lsc.issuerFingerprint)) return { outcome: 'issued', authenticatedWith: 'lsc' };
  return failed('lsc-issuer-not-trusted', "The phone's LSC was issued by a CAPF this cluster does not trust, so CAPF cannot authenticate the phone with it.");
}

/** A MIC authenticates the phone only if the store that validates MICs holds its manufacturing root [chapter]. */
function byMic(rootTrusted: boolean): CapfDecision {
  if (rootTrusted) return { outcome: 'issued', authenticatedWith: 'mic' };
  return failed('mic-issuer-not-trusted', "The Cisco manufacturing root that signed the phone's MIC is not in the store that validates MICs, so CAPF cannot authenticate the phone with it.");
}

function noCertificate(): CapfDecision {
  return failed('no-certificate', 'The phone has neither an LSC nor a MIC to authenticate with.');
}

function failed(reason: Failure, detail: string): CapfDecision {
  return { outcome: 'failed', reason, detail };
}
