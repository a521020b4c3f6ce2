/**
 * When to try again and how long to wait. Retry-After wins when the service sends it
 * (seconds, an HTTP date, or Azure's retry-after-ms headers); otherwise capped exponential
 * backoff with full jitter, so that many clients throttled together do not return together.
 * Pure functions: the HTTP client supplies the clock and the dice.
 */
import { isRetryableStatus, AzureError } from './errors';

export { isRetryableStatus };

export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** The longest single wait; a Retry-After beyond it is not waited out. */
  maxRetryDelayInMs: number;
  /** The first backoff step before jitter; default 500 ms. */
  retryDelayInMs?: number;
}

export type RetryDecision = { retry: true; delayInMs: number } | { retry: false; error: AzureError };

/** Socket-level failures where the request may not have reached the service, or its answer was lost. */
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

export function isRetryableNetworkCode(code: string): boolean {
  return RETRYABLE_NETWORK_CODES.has(code);
}

export type HeaderBag = Readonly<Record<string, unknown>>;

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** The wait the service asked for, in milliseconds, if any. Header names are lower-case (Node). */
export function retryAfterMs(headers: HeaderBag, now: () => number = Date.now): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = header(headers, name);
    if (v !== undefined && /^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v));
  }
  const ra = header(headers, 'retry-after');
  if (ra === undefined || ra === '') return undefined;
  if (/^\d+$/.test(ra)) return Number(ra) * 1000;
  // HTTP dates (IMF-fixdate, RFC 850, asctime) all begin with a day name.
  if (!/^[A-Za-z]{3}/.test(ra)) return undefined;
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** Full jitter: a uniform wait between 0 and min(cap, base * 2^attempt). */
export function backoffMs(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const base = options.retryDelayInMs ?? 500;
  const ceiling = Math.min(options.maxRetryDelayInMs, base * 2 ** Math.min(attempt, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling * r);
}

/**
 * Decides after failed attempt number `attempt` (0 for the first try) whether to try again.
 * A Retry-After beyond the cap ends the call at once as THROTTLED (still marked retryable),
 * so the person waiting hears "busy, try in a minute" instead of watching a spinner.
 */
export function decideRetry(input: {
  attempt: number;
  failure: AzureError;
  retryAfterInMs?: number;
  options: RetryOptions;
  random?: () => number;
}): RetryDecision {
  const { attempt, failure, retryAfterInMs, options } = input;
  if (!failure.retryable) return { retry: false, error: failure };
  if (retryAfterInMs !== undefined && retryAfterInMs > options.maxRetryDelayInMs) {
    return { retry: false, error: asThrottled(failure, retryAfterInMs) };
  }
  if (attempt >= options.maxRetries) return { retry: false, error: failure };
  return { retry: true, delayInMs: retryAfterInMs ?? backoffMs(attempt, options, input.random) };
}

function asThrottled(failure: AzureError, retryAfterInMs: number): AzureError {
  const retryAfterSeconds = Math.ceil(retryAfterInMs / 1000);
  if (failure.code === 'THROTTLED' && failure.retryAfterSeconds === retryAfterSeconds) return failure;
  return new AzureError('THROTTLED', `${failure.message}; the service asked to wait ${retryAfterSeconds} s`, {
    service: failure.service,
    statusCode: failure.statusCode,
    retryable: true,
    serviceCode: failure.serviceCode,
    serviceMessage: failure.serviceMessage,
    requestId: failure.requestId,
    retryAfterSeconds,
  });
}
