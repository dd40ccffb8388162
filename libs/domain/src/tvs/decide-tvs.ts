import type { TvsEvent } from './tvs-events';
import { tvsRolesFor, type TvsKnowledge } from './tvs-roles';
import type { TvsState } from './tvs-state';
import type { Role } from '../shared/roles';

/**
 * What a TVS vouches for, given what it knows (tvs-roles.ts, [SCN] role map): every certificate one of the
 * knowledge's sets names, with the roles it answers with; certificates with no role are left out (TVS
 * answers "no role" for anything it does not hold [SCN]).
 */
export function vouchTable(knowledge: TvsKnowledge): Record<string, Role[]> {
  const candidates = new Set<string>([...knowledge.callManagerCertificates, ...knowledge.phoneSastTrust, ...knowledge.applicationServers]);
  if (knowledge.itlRecoveryCertificate) candidates.add(knowledge.itlRecoveryCertificate);
  for (const fp of knowledge.ctlRoles?.keys() ?? []) candidates.add(fp);
  const table: Record<string, Role[]> = {};
  for (const fp of candidates) {
    const roles = tvsRolesFor(knowledge, fp);
    if (roles.length) table[fp] = roles;
  }
  return table;
}

/** TVS reloads when what it knows changed; a reload that finds nothing new records nothing. */
export function decideTvsReload(state: TvsState, knowledge: TvsKnowledge, cause: string): TvsEvent[] {
  const vouches = vouchTable(knowledge);
  return sameTable(state.vouches, vouches) ? [] : [{ type: 'TvsTrustLoaded', data: { cause, vouches } }];
}

function sameTable(a: Readonly<Record<string, readonly Role[]>>, b: Readonly<Record<string, readonly Role[]>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => b[k] !== undefined && a[k].length === b[k].length && a[k].every((r, i) => b[k][i] === r));
}
