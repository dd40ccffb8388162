import { Role } from '../shared/roles';
import { holdsRole, TrustListView } from '../shared/trust-list-view';

/** Device Security Mode of the phone security profile [S125PSP]. */
export type SecurityProfile = 'non-secure' | 'authenticated' | 'encrypted';

export interface SecureRegistrationInput {
  profile: SecurityProfile;
  /** The cluster the phone registers to is in mixed mode. */
  clusterMixedMode: boolean;
  /** The CTL the phone holds. */
  heldCtl: TrustListView | undefined;
  /** The CURRENT CallManager certificate of the node it registers to. */
  callManagerFingerprint: string;
  /**
   * The node's CURRENT CallManager-ECDSA certificate (11.0 and later): the one it presents when the TLS
   * connection uses ECDSA ciphers (presentedCertificate).
   */
  callManagerEcdsaFingerprint?: string;
  /** The node's IP address now: a CTL entry names the address it was built with [SHOST]. */
  callManagerAddress?: string;
  /** TLS Ciphers = "ECDSA only", and whether the phone has ECDSA ciphers (unknown where no source says). */
  ecdsaOnly?: boolean;
  phoneEcdsa?: 'yes' | 'no' | 'unknown';
  /** The phone's LSC, by the fingerprint of the CAPF certificate that issued it. */
  lsc?: { issuerFingerprint: string };
  /** CAPF certificates the CallManager trusts for LSCs: its cluster's current CAPF, CAPF-trust and CallManager-trust entries. */
  trustedCapfFingerprints: ReadonlySet<string>;
}

export type SecureRegistrationDecision =
  | { mode: 'secure' | 'non-secure' }
  | {
      mode: 'refused';
      reason: 'no-lsc' | 'lsc-issuer-not-trusted' | 'no-ctl' | 'callmanager-not-in-ctl' | 'callmanager-address-changed' | 'no-ecdsa-ciphers' | 'no-ecdsa-certificate';
      detail: string;
    };

/** CTL roles under which the phone finds a CallManager's certificate for the TLS registration [S125CTL]. */
const CALLMANAGER_ROLES: readonly Role[] = ['CCM', 'CCM+TFTP'];

/**
 * How a phone registers given its security profile (domain-reference §7.5, §8, §14 step 5):
 * - a non-secure profile registers over TCP [SPH7975];
 * - a cluster not in mixed mode (e.g. after `utils ctl set-cluster non-secure-mode`): phones request
 *   unsigned configurations and register non-secure whatever their profile [S125CTL];
 * - an Authenticated/Encrypted phone without an LSC does not register [S15CAPF];
 * - CallManager refuses an LSC whose issuing CAPF it does not trust: another cluster's CAPF [S15CAPF],
 *   or a CAPF regenerated in mixed mode, until the LSCs are re-issued [SREGEN-T];
 * - with no CTL the phone retries fetching one and cannot register securely [SPH7975];
 * - with the TLS Ciphers option "ECDSA only", a device without ECDSA ciphers cannot make a TLS connection
 *   [chapter "Interactions and Restrictions"] (§3); where no source says whether a model has them, the
 *   phone group must say (`ecdsa`), and until it does the phone is taken as not having them;
 * - the CTL must hold the certificate the CallManager presents (presentedCertificate), current: the CTL is
 *   never updated automatically [S125CTL], so after a regeneration or hostname change secure connections
 *   fail until `utils ctl update CTLFile` [SHOST].
 */
export function decideSecureRegistration(input: SecureRegistrationInput): SecureRegistrationDecision {
  if (input.profile === 'non-secure' || !input.clusterMixedMode) return { mode: 'non-secure' };
  const profile = input.profile === 'authenticated' ? 'Authenticated' : 'Encrypted';
  if (!input.lsc) {
    return refused('no-lsc', `The phone has an ${profile} security profile but no LSC, so it does not register until CAPF installs one.`);
  }
  if (!input.trustedCapfFingerprints.has(input.lsc.issuerFingerprint)) {
    return refused(
      'lsc-issuer-not-trusted',
      "The phone's LSC was issued by a CAPF certificate this CallManager does not trust (another cluster's CAPF, or a CAPF since regenerated), so it stays unregistered until the LSC is re-issued.",
    );
  }
  if (!input.heldCtl) {
    return refused('no-ctl', `The phone has an ${profile} security profile but holds no CTL, so it keeps retrying and cannot register securely.`);
  }
  if (input.ecdsaOnly && input.phoneEcdsa !== 'yes') {
    return refused(
      'no-ecdsa-ciphers',
      input.phoneEcdsa === 'no'
        ? 'TLS Ciphers is "ECDSA only" and this phone has no ECDSA ciphers, so it cannot make the TLS connection.'
        : 'TLS Ciphers is "ECDSA only" and no source says whether this model has ECDSA ciphers (say so with ecdsa: yes | no on its group); taken as not.',
    );
  }
  const presented = presentedCertificate(input);
  if (!presented) {
    return refused('no-ecdsa-certificate', 'TLS Ciphers is "ECDSA only" but this CallManager has no CallManager-ECDSA certificate to present, so the TLS connection fails.');
  }
  if (!holdsRole(input.heldCtl, presented.fingerprint, CALLMANAGER_ROLES)) {
    return refused(
      'callmanager-not-in-ctl',
      `The phone's CTL does not hold this CallManager's current certificate${presented.purpose === 'CallManager' ? '' : ` (${presented.purpose}, which it presents over ECDSA ciphers)`}, so the TLS connection fails until \`utils ctl update CTLFile\` is run and the phone is reset.`,
    );
  }
  const listed = input.heldCtl?.addresses?.get(presented.fingerprint);
  if (input.callManagerAddress && listed && listed !== input.callManagerAddress) {
    return refused(
      'callmanager-address-changed',
      `The phone's CTL lists this CallManager at ${listed}, but the node is now at ${input.callManagerAddress}: secure connections fail until \`utils ctl update CTLFile\` [SHOST].`,
    );
  }
  return { mode: 'secure' };
}

/**
 * The certificate the CallManager presents in the TLS handshake, which the phone looks up in its CTL: with
 * TLS Ciphers "ECDSA only" the connection uses TLS_ECDHE_ECDSA ciphers, and "the SIP trunk interface uses
 * the CallManager-ECDSA certificate if the selected cipher suite is TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
 * or TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"; "All SIP connections support the ECDSA ciphers and use ECDSA
 * certificates" [S125DEF] ("ECDSA only": "the value of this parameter are TLS_ECDHE_ECDSA_WITH_AES128_SHA256
 * and TLS_ECDHE_ECDSA_WITH_AES256_SHA384" [chapter]). Otherwise the RSA CallManager certificate.
 * Undefined: ECDSA only, and the node has no CallManager-ECDSA certificate.
 */
export function presentedCertificate(
  input: Pick<SecureRegistrationInput, 'ecdsaOnly' | 'callManagerFingerprint' | 'callManagerEcdsaFingerprint'>,
): { fingerprint: string; purpose: 'CallManager' | 'CallManager-ECDSA' } | undefined {
  if (!input.ecdsaOnly) return { fingerprint: input.callManagerFingerprint, purpose: 'CallManager' };
  return input.callManagerEcdsaFingerprint ? { fingerprint: input.callManagerEcdsaFingerprint, purpose: 'CallManager-ECDSA' } : undefined;
}

function refused(
  reason: Extract<SecureRegistrationDecision, { mode: 'refused' }>['reason'],
  detail: string,
): SecureRegistrationDecision {
  return { mode: 'refused', reason, detail };
}
