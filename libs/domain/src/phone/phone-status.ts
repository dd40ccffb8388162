export type PhoneStatus = 'trusted' | 'degraded' | 'locked' | 'unregistered' | 'off';

export interface PhoneStatusFacts {
  poweredOn: boolean;
  /** The phone checks trust lists: Security by Default, or a CTL it holds or is offered in mixed mode [STOKENLESS]. */
  securityByDefault: boolean;
  registered: boolean;
  /** It holds the trust list its TFTP server serves now. */
  holdsServedTrustList: boolean;
  /** It would install the served trust list if it were reset now (the same decision, dry run). */
  wouldAcceptServedTrustList: boolean;
  /** The configuration it last downloaded was accepted and is the one served now. */
  configCurrent: boolean;
  /** Its TFTP serves a trust list too big for it to load (more than 39 certificates or 64 KB) [S125DEF]. */
  servedTrustListTooLarge?: boolean;
}

/**
 * A phone's status (docs/scenario-language.md, "Outcomes"):
 * - off: powered off;
 * - unregistered, not locked, when the trust list its TFTP serves is too big to load: its registration
 *   fails [S125DEF], and deleting its ITL would not help — the cluster must serve a smaller one, which
 *   the phone takes at its next reset;
 * - locked: it cannot accept the trust list its TFTP serves and cannot recover by itself — its next
 *   reset would fail the same way, so the ITL must be deleted on the phone or the cluster side restored
 *   [SITL10] [SREGEN-T] (domain-reference §7.8);
 * - unregistered: it cannot register;
 * - degraded: registered with a stale configuration (update failed, signature refused, or not yet
 *   reset since the files changed);
 * - trusted: holds what its TFTP serves now, accepted the configuration, registered.
 * A device without Security by Default ignores the ITL: trusted means registered with its current
 * configuration.
 */
export function phoneStatus(f: PhoneStatusFacts): PhoneStatus {
  if (!f.poweredOn) return 'off';
  if (f.servedTrustListTooLarge) return 'unregistered';
  if (f.securityByDefault && !f.wouldAcceptServedTrustList) return 'locked';
  if (!f.registered) return 'unregistered';
  if (!f.configCurrent) return 'degraded';
  if (f.securityByDefault && !f.holdsServedTrustList) return 'degraded';
  return 'trusted';
}

/** Deleting the ITL by hand is needed exactly when the phone is locked out (§7.8). */
export function needsManualTrustListDelete(f: PhoneStatusFacts): boolean {
  return f.securityByDefault && !f.wouldAcceptServedTrustList && !f.servedTrustListTooLarge;
}
