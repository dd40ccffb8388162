import type { DomainEvent } from '../core/event';
import type { Role } from '../shared/roles';

/**
 * The events of a node's Trust Verification Service (stream `tvs-<run>.<cluster>.<node>`): TVS answers
 * phones from what it has loaded of the cluster's certificates and this node's trust stores, and reloads
 * when they change ("automatically reflected" [S125DEF]; re-caching when CTLFile.tlv changes [STOKENLESS]).
 */
export type TvsEvent = DomainEvent<'TvsTrustLoaded', { cause: string; vouches: Readonly<Record<string, readonly Role[]>> }>;
