/**
 * Time and limits of the query API as Log Analytics has them, around the KQL engine:
 * records become queryable only after the ingestion delay, answers are cached per caller,
 * query and timespan, each caller has a request rate and a number of concurrent queries, and
 * a result beyond the row or size limit comes back partial.
 */
import type { Reply } from '../http/types';
import { reply } from '../http/types';
import type { QueryResult } from '../kql/types';
import type { RequestStats } from '../stats';
import { CallerLimits, SERVICE_CALLER_LIMITS, ThrottledError, type CallerLimitSettings } from './callerLimits';
import { requestFields, type QueryContext } from './queryApi';
import { QueryApiError } from './queryErrors';
import { cachePolicy, ResultCache, SERVICE_CACHE_TTL_MS } from './resultCache';
import { limitResult, SERVICE_RESULT_LIMITS, type ResultLimitSettings } from './resultLimits';

export interface QueryFidelitySettings extends CallerLimitSettings, ResultLimitSettings {
  /** How long after a change its audit record becomes queryable. */
  ingestionDelayMs: number;
  cacheTtlMs: number;
  /** Time each query holds its slot, as a query in a real workspace takes time (tests of the queue). */
  queryLatencyMs: number;
}

export const SERVICE_QUERY_FIDELITY: Readonly<QueryFidelitySettings> = {
  ...SERVICE_CALLER_LIMITS,
  ...SERVICE_RESULT_LIMITS,
  ingestionDelayMs: 0,
  cacheTtlMs: SERVICE_CACHE_TTL_MS,
  queryLatencyMs: 0,
};

type Execute = (ctx: QueryContext) => Reply;

/** Answers larger than this are not cached (500 entries of this size stay within memory). */
const CACHEABLE_BYTES_MAX = 1024 * 1024;

function throttled(err: ThrottledError): QueryApiError {
  return new QueryApiError(429, 'ThrottledError', err.message, undefined, { 'Retry-After': String(err.retryAfterSeconds) });
}

export class QueryService {
  private readonly limits: CallerLimits;
  private readonly cache: ResultCache;

  constructor(
    readonly settings: QueryFidelitySettings,
    private readonly stats: RequestStats,
    clock: () => number = Date.now,
  ) {
    this.limits = new CallerLimits(settings, clock);
    this.cache = new ResultCache(settings.cacheTtlMs, clock);
  }

  /** Answers one query request of `caller` (the token's object id or name). */
  async handle(ctx: QueryContext, caller: string, execute: Execute): Promise<Reply> {
    try {
      this.limits.admit(caller);
    } catch (err) {
      if (!(err instanceof ThrottledError)) throw err;
      this.stats.recordQuery('throttled');
      throw throttled(err);
    }
    const key = this.cacheKey(ctx, caller);
    const policy = cachePolicy(ctx.req.headers, this.settings.cacheTtlMs);
    if (key !== undefined && policy.read) {
      const hit = this.cache.get(key, policy.maxAgeMs);
      if (hit) {
        this.stats.recordQuery('cache hit');
        return reply(200, hit.body, { Age: String(hit.ageSeconds) });
      }
    }
    this.stats.recordQuery(policy.read ? 'cache miss' : 'cache bypass');
    let release: () => void;
    try {
      release = await this.limits.acquire(caller, () => this.stats.recordQuery('queued'));
    } catch (err) {
      if (!(err instanceof ThrottledError)) throw err;
      this.stats.recordQuery('throttled');
      throw throttled(err);
    }
    try {
      if (this.settings.queryLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.queryLatencyMs));
      // Without a delay nothing is held back (TimeGenerated may lead the clock by a few ms).
      const delay = this.settings.ingestionDelayMs;
      const answer = execute(delay > 0 ? { ...ctx, ingestedUntilMs: ctx.now().getTime() - delay } : ctx);
      if (answer.status !== 200) return answer;
      const { body, partial, bytes } = limitResult(answer.body as QueryResult, this.settings);
      if (partial) this.stats.recordQuery('partial');
      // The emulator keeps big answers out of its cache to bound its memory; they are just run again.
      if (key !== undefined && policy.write && bytes <= CACHEABLE_BYTES_MAX) this.cache.set(key, body);
      return reply(200, body, answer.headers);
    } finally {
      release();
    }
  }

  private cacheKey(ctx: QueryContext, caller: string): string | undefined {
    try {
      const { query, timespan } = requestFields(ctx.req);
      if (typeof query !== 'string') return undefined;
      return ResultCache.key(caller, query, typeof timespan === 'string' ? timespan : undefined);
    } catch {
      return undefined;
    }
  }
}
