/**
 * The query API's result cache ("Cache" in the Log Analytics API docs): an answer is kept for
 * 2 minutes, per caller, query and timespan. `Cache-Control: no-cache` or `no-store` bypasses
 * it (the query runs); `max-age=N` accepts a cached answer at most N seconds old. An answer
 * served from the cache carries an `Age` header (seconds).
 */
import type { IncomingHttpHeaders } from 'node:http';

export const SERVICE_CACHE_TTL_MS = 120_000;
const MAX_ENTRIES = 500;

export interface CachePolicy {
  /** Use a cached answer at all. */
  read: boolean;
  /** Keep this answer for later requests. */
  write: boolean;
  /** The oldest cached answer acceptable, in ms. */
  maxAgeMs: number;
}

export function cachePolicy(headers: IncomingHttpHeaders, ttlMs: number): CachePolicy {
  const raw = headers['cache-control'];
  const value = (Array.isArray(raw) ? raw.join(',') : raw ?? '').toLowerCase();
  const directives = value.split(',').map((d) => d.trim()).filter(Boolean);
  if (directives.includes('no-store')) return { read: false, write: false, maxAgeMs: 0 };
  if (directives.includes('no-cache')) return { read: false, write: true, maxAgeMs: 0 };
  const maxAge = directives.map((d) => /^max-age=(\d+)$/.exec(d)?.[1]).find((v) => v !== undefined);
  return { read: true, write: true, maxAgeMs: maxAge === undefined ? ttlMs : Math.min(ttlMs, Number(maxAge) * 1000) };
}

interface Entry {
  body: unknown;
  storedAt: number;
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  static key(caller: string, query: string, timespan: string | undefined): string {
    return JSON.stringify([caller, query, timespan ?? '']);
  }

  get(key: string, maxAgeMs: number): { body: unknown; ageSeconds: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const age = this.clock() - entry.storedAt;
    if (age >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    if (age > maxAgeMs) return undefined;
    return { body: entry.body, ageSeconds: Math.floor(age / 1000) };
  }

  set(key: string, body: unknown): void {
    this.entries.delete(key);
    this.entries.set(key, { body, storedAt: this.clock() });
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
