/**
 * Cisco service names as typed in Serviceability (and in `restartService` / `utils service restart`),
 * mapped to the node services of the model. Platform services that every node runs need no mapping.
 */
import type { ServiceName } from './model';

export const SERVICE_NAMES: Readonly<Record<string, ServiceName>> = {
  'Cisco Tftp': 'tftp',
  'Cisco Trust Verification Service': 'tvs',
  'Cisco CallManager': 'callmanager',
  'Cisco Tomcat': 'tomcat',
  'Cisco Certificate Authority Proxy Function': 'capf',
  'Cisco CTIManager': 'ctimanager',
};

/** Network and platform services present on every node, so they may be restarted anywhere. */
export const PLATFORM_SERVICES: readonly string[] = [
  'Cisco Certificate Change Notification',
  'Cisco Certificate Expiry Monitor',
  'Cisco CTL Provider',
  'Cisco DRF Master',
  'Cisco DRF Local',
  'Cisco HAProxy',
  'Cisco Database Layer Monitor',
  'Cisco CallManager Serviceability',
  'Cisco AXL Web Service',
  'Cisco RIS Data Collector',
  'Cisco Tomcat Stats Servlet',
  'Cisco Trace Collection Service',
];

export const ALL_SERVICE_NAMES: readonly string[] = [...Object.keys(SERVICE_NAMES), ...PLATFORM_SERVICES];

/** Canonical spelling of a Cisco service name ("cisco tftp" → "Cisco Tftp"); undefined when unknown. */
export function canonicalServiceName(name: string): string | undefined {
  const key = normalize(name);
  return ALL_SERVICE_NAMES.find((candidate) => normalize(candidate) === key);
}

/** The node service a Cisco service name stands for; undefined for platform services (they run everywhere). */
export function nodeServiceOf(ciscoName: string): ServiceName | undefined {
  const canonical = canonicalServiceName(ciscoName);
  return canonical === undefined ? undefined : SERVICE_NAMES[canonical];
}

function normalize(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
