/** The query API's rate window and cache directives, on a clock the test moves. */
import { CallerLimits, ThrottledError } from '../../src/emulator/query/callerLimits';
import { cachePolicy, ResultCache } from '../../src/emulator/query/resultCache';

describe('request rate per caller', () => {
  it('refuses beyond the window with the seconds until a slot frees, then admits again', () => {
    let now = 1_000_000;
    const limits = new CallerLimits({ requestsPerWindow: 3, windowMs: 30_000, concurrentQueries: 5, maxQueueWaitMs: 1000 }, () => now);
    limits.admit('ada');
    now += 10_000;
    limits.admit('ada');
    limits.admit('ada');
    const refused = (() => {
      try {
        limits.admit('ada');
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(ThrottledError);
    // The first request leaves the window 20 s from now.
    expect((refused as ThrottledError).retryAfterSeconds).toBe(20);
    expect(() => limits.admit('grace')).not.toThrow();
    now += 20_000;
    expect(() => limits.admit('ada')).not.toThrow();
    expect(() => limits.admit('ada')).toThrow(ThrottledError);
  });
});

describe('result cache', () => {
  it.each([
    [undefined, { read: true, write: true, maxAgeMs: 120_000 }],
    ['no-cache', { read: false, write: true, maxAgeMs: 0 }],
    ['No-Store', { read: false, write: false, maxAgeMs: 0 }],
    ['max-age=30', { read: true, write: true, maxAgeMs: 30_000 }],
    ['max-age=600', { read: true, write: true, maxAgeMs: 120_000 }],
    ['private, max-age=0', { read: true, write: true, maxAgeMs: 0 }],
  ])('reads Cache-Control %p', (header, policy) => {
    expect(cachePolicy(header === undefined ? {} : { 'cache-control': header }, 120_000)).toEqual(policy);
  });

  it('forgets an answer after 2 minutes and tells its age before that', () => {
    let now = 0;
    const cache = new ResultCache(120_000, () => now);
    const key = ResultCache.key('ada', 'SecurityIncident | count', 'P1D');
    cache.set(key, { tables: [] });
    now = 45_500;
    expect(cache.get(key, 120_000)).toEqual({ body: { tables: [] }, ageSeconds: 45 });
    expect(cache.get(key, 30_000)).toBeUndefined();
    expect(cache.get(ResultCache.key('grace', 'SecurityIncident | count', 'P1D'), 120_000)).toBeUndefined();
    now = 120_000;
    expect(cache.get(key, 120_000)).toBeUndefined();
  });
});
