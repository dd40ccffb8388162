/**
 * Names the twin gives things: node names from host names, group names from device pools, and the
 * word lists of purposes and trust stores as the scenario language spells them.
 */
import { PURPOSES, TRUST_STORES, type CertificatePurpose } from '@trustsim/scenarios';

export const PURPOSE_NAMES: readonly CertificatePurpose[] = PURPOSES;

/** The trust stores of the scenario language, in CUCM's spelling. */
export const TRUST_STORE_NAMES: readonly string[] = TRUST_STORES;

const NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;

/**
 * A scenario name (a letter, then letters, digits, `.`, `_`, `-`) for a free text: other characters
 * become `-`, a leading digit gets an `n` (`10.1.1.5` → `n10.1.1.5`).
 */
export function scenarioName(text: string, fallback = 'x'): string {
  let name = text.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  if (name === '') name = fallback;
  if (!/^[A-Za-z]/.test(name)) name = `n${name}`;
  return NAME.test(name) ? name : fallback;
}

/** The host part of an FQDN (`pub.hq.example.com` → `pub`); an IP address stays whole. */
export function hostOf(name: string): string {
  if (/^\d+(\.\d+){3}$/.test(name) || name.includes(':')) return name;
  return name.split('.')[0];
}
