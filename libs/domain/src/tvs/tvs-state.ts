import { EventMeta, unreachable } from '../core/event';
import type { Role } from '../shared/roles';
import type { TvsEvent } from './tvs-events';

/** What a TVS vouches for: certificate fingerprint → the roles it answers with (tvs-roles.ts). */
export interface TvsState {
  readonly vouches: Readonly<Record<string, readonly Role[]>>;
}

export const NO_TVS: TvsState = Object.freeze({ vouches: {} });

export function evolveTvs(state: TvsState, event: TvsEvent, _meta: EventMeta): TvsState {
  switch (event.type) {
    case 'TvsTrustLoaded':
      return { vouches: event.data.vouches };
    default:
      return unreachable(event.type, 'TVS event');
  }
}

const NO_ROLES: readonly Role[] = Object.freeze([]);

/** The roles the TVS answers with for a certificate (none for one it does not know). */
export function rolesFor(state: TvsState, fingerprint: string): readonly Role[] {
  return state.vouches[fingerprint] ?? NO_ROLES;
}
