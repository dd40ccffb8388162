import { decideHttpsServer } from '../phone/https-decision';
import { decideTrustList } from '../phone/trust-list-decision';
import { itl, tvs } from '../test-support/views';
import { askTvs, liveVouch } from './tvs-query';
import { TVS_ANSWER_LIFETIME_MS, TvsCache, tvsCacheAfterReset } from './tvs-cache';

const HOUR = 3_600_000;
const held = itl('held', 'cm1', { cm1: ['SAST', 'CCM+TFTP'], tvs1: ['TVS'] });
const vouching = tvs('sub1', 'tvs1', { tomcat1: ['APP-SERVER'], cm2: ['SAST', 'CCM+TFTP'] });
const regenerated = tvs('sub1', 'tvs2', { tomcat1: ['APP-SERVER'], cm2: ['SAST', 'CCM+TFTP'] });

describe("a phone's cache of positive TVS answers", () => {
  const cache = TvsCache.EMPTY.remember({ fingerprint: 'tomcat1', roles: ['APP-SERVER'], cluster: 'hq', node: 'sub1' }, 0);

  it('[SSECMIG logs] keeps an answer for 24 hours ("expires in 24 hours")', () => {
    expect(TVS_ANSWER_LIFETIME_MS).toBe(24 * HOUR);
    expect(cache.lookup('tomcat1', ['APP-SERVER'], 24 * HOUR - 1)).toMatchObject({ node: 'sub1', expiresAt: 24 * HOUR });
    expect(cache.lookup('tomcat1', ['APP-SERVER'], 24 * HOUR)).toBeUndefined();
  });

  it('[SSECMIG logs] settles only questions for the roles it was given', () => {
    expect(cache.lookup('tomcat1', ['SAST'], HOUR)).toBeUndefined();
    expect(cache.lookup('other', ['APP-SERVER'], HOUR)).toBeUndefined();
  });

  it('[SSECMIG logs] a newer answer for the same certificate replaces the older one; the cache itself never changes', () => {
    const later = cache.remember({ fingerprint: 'tomcat1', roles: ['APP-SERVER'], cluster: 'hq', node: 'pub' }, 10 * HOUR);
    expect(later.lookup('tomcat1', ['APP-SERVER'], 30 * HOUR)).toMatchObject({ node: 'pub', expiresAt: 34 * HOUR });
    expect(cache.lookup('tomcat1', ['APP-SERVER'], 30 * HOUR)).toBeUndefined();
  });

  it('says until when decisions built on it hold: the first expiry still ahead', () => {
    const two = cache.remember({ fingerprint: 'cm2', roles: ['SAST'], cluster: 'hq', node: 'sub1' }, 5 * HOUR);
    expect(two.validUntil(HOUR)).toBe(24 * HOUR);
    expect(two.validUntil(25 * HOUR)).toBe(29 * HOUR);
    expect(two.validUntil(30 * HOUR)).toBe(Infinity);
    expect(TvsCache.EMPTY.validUntil(0)).toBe(Infinity);
  });

  it('[SSECMIG logs] askTvs answers from the cache before any server, and says it did', () => {
    const attempts = askTvs(held, [regenerated], 'tomcat1', ['APP-SERVER'], { cache, now: 2 * HOUR });
    expect(attempts).toEqual([{ cluster: 'hq', node: 'sub1', outcome: 'vouched', roles: ['APP-SERVER'], cachedUntil: '1970-01-02T00:00:00.000Z' }]);
    expect(liveVouch(attempts)).toBeUndefined();
  });

  it('[SSECMIG] [SSECMIG logs] once the answer has expired, the phone asks again and a TVS it cannot verify fails it', () => {
    const attempts = askTvs(held, [regenerated], 'tomcat1', ['APP-SERVER'], { cache, now: 25 * HOUR });
    expect(attempts).toEqual([{ cluster: 'hq', node: 'sub1', outcome: 'handshake-failed', presented: 'tvs2' }]);
  });

  it('only a live positive answer is worth keeping', () => {
    expect(liveVouch(askTvs(held, [vouching], 'tomcat1', ['APP-SERVER']))).toMatchObject({ node: 'sub1', roles: ['APP-SERVER'] });
    expect(liveVouch(askTvs(held, [vouching], 'unknown', ['APP-SERVER']))).toBeUndefined();
  });

  it('[S125DEF] [SSECMIG logs] HTTPS services keep working from the cache after the TVS certificate changed, for 24 hours', () => {
    expect(decideHttpsServer(held, undefined, 'tomcat1', [regenerated], { cache, now: 23 * HOUR })).toMatchObject({ working: true, via: 'tvs' });
    expect(decideHttpsServer(held, undefined, 'tomcat1', [regenerated], { cache, now: 24 * HOUR })).toMatchObject({ working: false });
  });

  it('[S125DEF] [SSECMIG logs] a cached SAST answer lets a phone install an ITL whose signer no reachable TVS vouches for', () => {
    const offered = itl('new', 'cm2', { cm2: ['SAST', 'CCM+TFTP'], tvs2: ['TVS'] });
    const cm2 = TvsCache.EMPTY.remember({ fingerprint: 'cm2', roles: ['SAST', 'CCM+TFTP'], cluster: 'hq', node: 'sub1' }, 0);
    expect(decideTrustList(held, offered, [regenerated], undefined, { cache: cm2, now: HOUR })).toMatchObject({ accepted: true, via: 'tvs' });
    expect(decideTrustList(held, offered, [regenerated], undefined, { cache: undefined, now: HOUR })).toMatchObject({ accepted: false, reason: 'signer-not-trusted' });
  });

  it('[assumption tvsCacheAcrossReset] a reset empties the cache unless the scenario assumes it is kept', () => {
    expect(tvsCacheAfterReset(cache, 'cleared')).toBeUndefined();
    expect(tvsCacheAfterReset(cache, 'kept')).toBe(cache);
  });
});
