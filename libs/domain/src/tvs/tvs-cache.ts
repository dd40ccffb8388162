import { Role } from '../shared/roles';

/** How long a phone keeps a positive TVS answer: the phone logs say it "expires in 24 hours" [SSECMIG logs] (§6). */
export const TVS_ANSWER_LIFETIME_MS = 24 * 3_600_000;

/** One positive answer a phone keeps: which certificate, the roles a TVS gave it, who said so, until when. */
export interface CachedTvsAnswer {
  fingerprint: string;
  roles: readonly Role[];
  cluster: string;
  node: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * A phone's cache of positive TVS answers [SSECMIG logs]. Immutable, so that the phones which got the
 * same answers at the same instant share one cache (and decisions keyed by it stay shared).
 * Only positive answers are kept: a refusal or an unreachable TVS is asked again next time.
 */
export class TvsCache {
  static readonly EMPTY = new TvsCache(new Map());

  private constructor(readonly answers: ReadonlyMap<string, CachedTvsAnswer>) {}

  static of(answers: readonly CachedTvsAnswer[]): TvsCache {
    return answers.length ? new TvsCache(new Map(answers.map((a) => [a.fingerprint, a]))) : TvsCache.EMPTY;
  }

  get size(): number {
    return this.answers.size;
  }

  /** The answer that still vouches for the certificate with one of the needed roles at `now`, if any. */
  lookup(fingerprint: string, needed: readonly Role[], now: number): CachedTvsAnswer | undefined {
    const answer = this.answers.get(fingerprint);
    return answer && answer.expiresAt > now && answer.roles.some((r) => needed.includes(r)) ? answer : undefined;
  }

  /** The cache after a TVS vouched for a certificate at `now`: the answer is kept for 24 hours, replacing an older one. */
  remember(answer: Omit<CachedTvsAnswer, 'expiresAt'>, now: number): TvsCache {
    const answers = new Map(this.answers);
    answers.set(answer.fingerprint, { ...answer, expiresAt: now + TVS_ANSWER_LIFETIME_MS });
    return new TvsCache(answers);
  }

  /** When the first answer still valid at `now` expires (Infinity when none): what is decided from this cache holds until then. */
  validUntil(now: number): number {
    let until = Infinity;
    for (const a of this.answers.values()) if (a.expiresAt > now && a.expiresAt < until) until = a.expiresAt;
    return until;
  }
}

/**
 * What a phone's cache holds when it boots after a reset. The documents show the cache and its 24-hour
 * lifetime [SSECMIG logs] but not whether it outlives a reboot: `tvsCacheAcrossReset` (default
 * `cleared`: the cache lives in the phone's memory, and a rehearsal should not count on it).
 */
export function tvsCacheAfterReset(cache: TvsCache | undefined, across: 'cleared' | 'kept'): TvsCache | undefined {
  return across === 'kept' ? cache : undefined;
}
