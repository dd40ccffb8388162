/**
 * What the trust-store rules answer with: a refusal a person can act on, or follow-up work, as plain data.
 * Tags as in docs/trust-model.md §0.1.
 */

/** Stable, kebab-case reasons an upload or delete is refused (scenario reports and tests key on them). */
export type RefusalCode =
  | 'unknown-store'
  | 'not-a-trust-store'
  | 'not-an-identity-store'
  | 'store-not-in-release'
  | 'publisher-only'
  | 'unsupported-format'
  | 'unreadable-certificate'
  | 'key-too-large'
  | 'wildcard-not-supported'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'not-newer-than-existing'
  | 'duplicate-certificate'
  | 'capf-extensions-missing'
  | 'not-a-trust-certificate'
  | 'certificate-not-found'
  | 'unknown-node'
  | 'not-ca-signable'
  | 'public-key-mismatch'
  | 'chain-incomplete'
  | 'multi-server-not-supported'
  | 'multi-server-publisher-only'
  | 'multi-server-cli-unsupported';

export interface Refusal {
  readonly accepted: false;
  readonly code: RefusalCode;
  /** Names the certificate (CN, serial) and says what to do. */
  readonly reason: string;
  /** The source tag(s) of the rule that refused. */
  readonly source: string;
}

export function refuse(code: RefusalCode, reason: string, source: string): Refusal {
  return { accepted: false, code, reason, source };
}

/**
 * Services the rules ask to restart or stop. The first six are the scenario language's service names;
 * DRF and Certificate Change Notification are not services a scenario controls (yet).
 */
export type ServiceId =
  | 'callmanager'
  | 'tftp'
  | 'tvs'
  | 'capf'
  | 'ctimanager'
  | 'tomcat'
  | 'drf-master'
  | 'drf-local'
  | 'certificate-change-notification';

/** The names Cisco Unified Serviceability shows. */
export const SERVICE_DISPLAY_NAMES: Readonly<Record<ServiceId, string>> = {
  callmanager: 'Cisco CallManager',
  tftp: 'Cisco TFTP',
  tvs: 'Cisco Trust Verification Service',
  capf: 'Cisco Certificate Authority Proxy Function',
  ctimanager: 'Cisco CTIManager',
  tomcat: 'Cisco Tomcat',
  'drf-master': 'Cisco DRF Master',
  'drf-local': 'Cisco DRF Local',
  'certificate-change-notification': 'Cisco Certificate Change Notification',
};

/** Work the administrator has to do, in the order it is listed. */
export type FollowUp =
  | { readonly kind: 'restart' | 'stop' | 'start'; readonly service: ServiceId; readonly nodes: readonly string[]; readonly why: string; readonly source: string }
  /** `utils ctl update CTLFile` on the publisher (mixed mode). */
  | { readonly kind: 'update-ctl'; readonly why: string; readonly source: string };

/** Serial as CUCM pages and the chapter print it: lowercase byte pairs joined by colons ("27:20:41:0c"). */
export function formatSerial(serialHex: string): string {
  const hex = normalizeSerial(serialHex);
  const even = hex.length % 2 === 1 ? `0${hex}` : hex;
  return even.match(/../g)!.join(':');
}

/**
 * A serial reduced to what identifies it: lowercase hex, no separators, no leading zeros ('0' for zero),
 * so "27:20:41:0C", "0x272041 0c" and "0027204 10c" compare equal.
 */
export function normalizeSerial(serialHex: string): string {
  const hex = serialHex.toLowerCase().replace(/^0x/, '').replace(/[^0-9a-f]/g, '').replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}

/** How a refusal names a certificate: `"Example Root CA" (serial 27:20:41:0c:…)`. */
export function describeCertificate(certificate: { readonly commonName: string; readonly serialHex: string }): string {
  const name = certificate.commonName === '' ? 'the certificate without a common name' : `"${certificate.commonName}"`;
  return `${name} (serial ${formatSerial(certificate.serialHex)})`;
}

/** An instant to the second, as X.509 stores it: 2025-01-31T00:00:00Z. */
export function formatInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
