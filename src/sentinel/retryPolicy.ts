/**
 * When to try again and how long to wait: Retry-After when the service says so (seconds,
 * an HTTP date, or Azure's retry-after-ms headers), else capped exponential backoff with
 * full jitter so that many clients throttled together do not come back together.
 */

export interface RetryOptions {
  maxRetries: number;
  maxRetryDelayInMs: number;
  baseDelayInMs?: number;
  random?: () => number;
  now?: () => number;
}

type HeaderBag = Readonly<Record<string, unknown>>;

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** The wait the service asked for, in milliseconds, if any. */
export function retryAfterMs(headers: HeaderBag, now: () => number = Date.now): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = header(headers, name);
    if (v !== undefined && /^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v));
  }
  const ra = header(headers, 'retry-after');
  if (ra === undefined) return undefined;
  if (/^\d+$/.test(ra.trim())) return Number(ra) * 1000;
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

export function backoffMs(attempt: number, options: RetryOptions): number {
  const base = options.baseDelayInMs ?? 500;
  const cap = Math.min(options.maxRetryDelayInMs, base * 2 ** attempt);
  return Math.round(cap * (options.random ?? Math.random)());
}
