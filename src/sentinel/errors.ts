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
  /** Log Analytics stopped at a result limit: what came back is not the whole answer. */
  | 'PARTIAL_RESULT'
  | 'UNKNOWN';

export interface SentinelErrorDetails {
  statusCode?: number;
  retryable?: boolean;
  /** The CloudError code, e.g. `ResourceNotFound`. */
  serviceCode?: string;
  /** The service's own words: for logs only, never for a chat. Scrubbed of tokens. */
  serviceMessage?: string;
  requestId?: string;
  /** Seconds the service asked us to wait (429/503 Retry-After). */
  retryAfterSeconds?: number;
}

const MAX_SERVICE_MESSAGE = 500;

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
    super(scrubSecrets(message));
    this.name = 'SentinelError';
    this.statusCode = details.statusCode;
    this.retryable = details.retryable ?? false;
    this.serviceCode = details.serviceCode === undefined ? undefined : scrubSecrets(details.serviceCode).slice(0, 100);
    this.serviceMessage = details.serviceMessage === undefined ? undefined : scrubSecrets(details.serviceMessage).slice(0, MAX_SERVICE_MESSAGE);
    this.requestId = details.requestId;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** A fixed allow-list, so whatever a future field holds, a logged error stays clean. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      statusCode: this.statusCode,
      retryable: this.retryable,
      serviceCode: this.serviceCode,
      serviceMessage: this.serviceMessage,
      requestId: this.requestId,
      retryAfterSeconds: this.retryAfterSeconds,
    };
  }
}

export function isSentinelError(err: unknown, code?: SentinelErrorCode): err is SentinelError {
  return err instanceof SentinelError && (code === undefined || err.code === code);
}

/**
 * Services sometimes echo a request back in an error text. Anything shaped like a bearer
 * credential or a JWT is cut out before the text is kept anywhere.
 */
export function scrubSecrets(text: string): string {
  return text
    .replace(/(authorization["']?\s*[:=]\s*["']?)(?:(?:bearer|pop)\s+)?[^"',;\s}]+/gi, '$1[redacted]')
    .replace(/\b(bearer)\s+[A-Za-z0-9\-._~+/]{6,}=*/gi, '$1 [redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g, '[redacted]');
}

/** 408, 429 and 5xx except 501/505 are worth another try; other 4xx are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

export function codeForStatus(status: number, api: 'arm' | 'query'): SentinelErrorCode {
  switch (status) {
    case 400:
      return api === 'query' ? 'INVALID_QUERY' : 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 408:
      return 'TIMEOUT';
    case 409:
      return 'CONFLICT';
    case 412:
      return 'PRECONDITION_FAILED';
    case 429:
      return 'THROTTLED';
    default:
      return status >= 500 ? 'UNAVAILABLE' : 'UNKNOWN';
  }
}
