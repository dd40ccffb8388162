/**
 * A phone export's device type ("Cisco 8845", "Cisco 7937", "Cisco IP Phone 7965") as a model of
 * trustsim's catalogue (CP-8845, CP-7937G, CP-7965G), or nothing when the catalogue does not know it.
 * The mapping file may name a stand-in for a device type the catalogue lacks.
 */
import { knownPhoneModels, phoneModel } from '@trustsim/domain';

const CATALOGUE = knownPhoneModels();

export function catalogueModel(deviceType: string, standIns: ReadonlyMap<string, string> = new Map()): string | undefined {
  const text = deviceType.trim();
  const standIn = standIns.get(text.toLowerCase());
  if (standIn) return standIn;
  if (phoneModel(text)) return text;
  const exact = CATALOGUE.find((m) => m.toLowerCase() === text.toLowerCase());
  if (exact) return exact;
  // BAT writes the product name: "Cisco 8845", "Cisco 7965", sometimes "Cisco IP Phone 7965G".
  const m = /^cisco\s+(?:unified\s+)?(?:ip\s+phone\s+)?(?:cp-)?(\d{4})([a-z]*)$/i.exec(text);
  if (!m) return undefined;
  const digits = m[1];
  const suffix = m[2].toUpperCase();
  return [`CP-${digits}${suffix}`, `CP-${digits}`, `CP-${digits}G`].find((candidate) => phoneModel(candidate));
}
