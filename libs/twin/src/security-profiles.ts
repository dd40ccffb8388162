/**
 * The device security mode behind a Phone Security Profile's name. The phone export names the profile,
 * not its mode; CUCM's own profiles say it in the name ("Cisco 8845 - Standard SIP Non-Secure Profile"),
 * custom ones often do ("8845 SIP Encrypted"). When the name does not settle it, the mapping file can.
 */
import type { SecurityProfile } from '@trustsim/scenarios';

export interface ProfileReading {
  mode: SecurityProfile;
  /** True when the name did not say and the mode is a guess the import reports. */
  assumed: boolean;
  why?: string;
}

export function readSecurityProfile(name: string | undefined, mapped: ReadonlyMap<string, SecurityProfile>): ProfileReading {
  const text = (name ?? '').trim();
  const explicit = mapped.get(text.toLowerCase());
  if (explicit) return { mode: explicit, assumed: false };
  if (text === '') return { mode: 'non-secure', assumed: true, why: 'no security profile in the export: taken as non-secure' };
  if (/non[\s_-]?secure/i.test(text)) return { mode: 'non-secure', assumed: false };
  if (/encrypt/i.test(text)) return { mode: 'encrypted', assumed: false };
  if (/authenticat/i.test(text)) return { mode: 'authenticated', assumed: false };
  if (/secure/i.test(text)) return { mode: 'encrypted', assumed: true, why: `security profile '${text}' says "secure" without saying authenticated or encrypted: taken as encrypted` };
  return { mode: 'non-secure', assumed: true, why: `security profile '${text}' does not say its mode: taken as non-secure` };
}
