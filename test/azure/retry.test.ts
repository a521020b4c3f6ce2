/** The retry policy as pure functions: Retry-After parsing, backoff, and the decision. */
import { AzureError } from '../../src/azure/errors';
import { backoffMs, decideRetry, isRetryableNetworkCode, retryAfterMs } from '../../src/azure/retry';

const NOW = Date.parse('2026-11-20T09:00:00Z');
const now = (): number => NOW;

describe('retryAfterMs', () => {
  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': ' 12 ' }, 12000],
    [{ 'retry-after': new Date(NOW + 7000).toUTCString() }, 7000],
    [{ 'retry-after': new Date(NOW - 7000).toUTCString() }, 0],
    [{ 'retry-after-ms': '1500' }, 1500],
    [{ 'x-ms-retry-after-ms': '250' }, 250],
    [{ 'retry-after-ms': '100', 'retry-after': '9' }, 100],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-1' }, undefined],
    [{ 'retry-after': '' }, undefined],
    [{}, undefined],
  ])('%j -> %p', (headers, expected) => {
    expect(retryAfterMs(headers, now)).toBe(expected);
  });
});

describe('backoffMs', () => {
  const options = { maxRetries: 5, maxRetryDelayInMs: 3000, retryDelayInMs: 500 };
  it('doubles per attempt up to the cap, scaled by the jitter draw', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffMs(a, options, () => 1))).toEqual([500, 1000, 2000, 3000, 3000]);
    expect([0, 1, 2, 3].map((a) => backoffMs(a, options, () => 0.5))).toEqual([250, 500, 1000, 1500]);
    expect(backoffMs(3, options, () => 0)).toBe(0);
  });

  it('stays within [0, cap] whatever the dice say, even for huge attempt numbers', () => {
    expect(backoffMs(1000, options, () => 2)).toBe(3000);
    expect(backoffMs(1000, options, () => -1)).toBe(0);
  });
});

describe('decideRetry', () => {
  const options = { maxRetries: 2, maxRetryDelayInMs: 8000 };
  const unavailable = new AzureError('UNAVAILABLE', 'x', { statusCode: 503, retryable: true });
  const notFound = new AzureError('NOT_FOUND', 'x', { statusCode: 404 });

  it('never retries what is not retryable', () => {
    expect(decideRetry({ attempt: 0, failure: notFound, options })).toEqual({ retry: false, error: notFound });
  });

  it('retries within the budget, then returns the last failure', () => {
    expect(decideRetry({ attempt: 0, failure: unavailable, options, random: () => 1 })).toEqual({ retry: true, delayInMs: 500 });
    expect(decideRetry({ attempt: 1, failure: unavailable, options, random: () => 1 })).toEqual({ retry: true, delayInMs: 1000 });
    expect(decideRetry({ attempt: 2, failure: unavailable, options })).toEqual({ retry: false, error: unavailable });
  });

  it("prefers the service's Retry-After, up to the cap", () => {
    expect(decideRetry({ attempt: 0, failure: unavailable, retryAfterInMs: 8000, options })).toEqual({ retry: true, delayInMs: 8000 });
  });

  it('turns a Retry-After beyond the cap into THROTTLED, retryable, with the seconds to tell the user', () => {
    const d = decideRetry({ attempt: 0, failure: unavailable, retryAfterInMs: 8001, options });
    expect(d.retry).toBe(false);
    expect(!d.retry && d.error).toMatchObject({ code: 'THROTTLED', statusCode: 503, retryable: true, retryAfterSeconds: 9 });
  });
});

it.each([
  ['ECONNRESET', true],
  ['ECONNREFUSED', true],
  ['ETIMEDOUT', true],
  ['ECONNABORTED', true],
  ['EPIPE', true],
  ['ENOTFOUND', false],
  ['ERR_BAD_REQUEST', false],
])('network code %s retryable: %s', (code, retryable) => {
  expect(isRetryableNetworkCode(code)).toBe(retryable);
});
