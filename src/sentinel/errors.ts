/**
 * Typed failures of Sentinel and Log Analytics calls. An error carries what code needs
 * to decide (code, status, retryable) and what an operator needs in a log (the service's
 * code and message, the request id) — never the request itself, whose headers hold a token.
 */

export type SentinelErrorCode =
  | 'NOT_FOUND'
  | 'PRECONDITION_FAILED'
  | 'CONFLICT'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'THROTTLED'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'INVALID_QUERY'
  | 'UNKNOWN';

export interface SentinelErrorDetails {
  statusCode?: number;
  retryable?: boolean;
  serviceCode?: string;
  serviceMessage?: string;
  requestId?: string;
  /** Seconds the service asked us to wait (429/503 Retry-After). */
  retryAfterSeconds?: number;
}

export class SentinelError extends Error {
  readonly statusCode?: number;
  readonly retryable: boolean;
  readonly serviceCode?: string;
  readonly serviceMessage?: string;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: SentinelErrorCode,
    message: string,
    details: SentinelErrorDetails = {},
  ) {
    super(message);
    this.name = 'SentinelError';
    this.statusCode = details.statusCode;
    this.retryable = details.retryable ?? false;
    this.serviceCode = details.serviceCode;
    this.serviceMessage = details.serviceMessage;
    this.requestId = details.requestId;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** 408, 429 and 5xx except 501/505 are worth another try; other 4xx are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

export function codeForStatus(status: number, api: 'arm' | 'query'): SentinelErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 412) return 'PRECONDITION_FAILED';
  if (status === 409) return 'CONFLICT';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'THROTTLED';
  if (status === 408) return 'TIMEOUT';
  if (status === 400) return api === 'query' ? 'INVALID_QUERY' : 'BAD_REQUEST';
  if (status >= 500) return 'UNAVAILABLE';
  return 'UNKNOWN';
}
