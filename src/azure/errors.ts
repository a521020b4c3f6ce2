/**
 * Typed failures of Azure calls (Sentinel over ARM, Log Analytics, Microsoft Graph), each
 * naming the service that failed. An error carries what code needs
 * to decide (code, status, retryable) and what an operator needs in a log (the service's
 * code and message, the request id) — never the request itself, whose headers hold a token.
 */

import { scrubSecrets } from '../secrets';
import type { SignInReason } from './oboCredential';

export { scrubSecrets };

/** The services the bot calls, as logs and errors name them. */
export type AzureApi = 'arm' | 'query' | 'graph';
export const SERVICE_NAMES: Readonly<Record<AzureApi, AzureServiceName>> = { arm: 'Sentinel', query: 'Log Analytics', graph: 'Microsoft Graph' };
/** Microsoft Entra ID: the person's token (on-behalf-of) could not be had from it. */
export type AzureServiceName = 'Sentinel' | 'Log Analytics' | 'Microsoft Graph' | 'Microsoft Entra ID';

export type AzureErrorCode =
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
  /** The person's token could not be had: they must sign in again or consent (signInReason). */
  | 'SIGN_IN_REQUIRED'
  | 'UNKNOWN';

/**
 * Whose token made the call: the bot's own app identity, or the person it acts for
 * (on-behalf-of). A refusal means a different thing to each, so errors carry it.
 */
export type AzureCaller = 'person' | 'app';

export interface AzureErrorDetails {
  /** Who made the call; absent means the app identity. */
  actingAs?: AzureCaller;
  /** The Log Analytics workspace the call addressed, for a sentence naming it. */
  workspaceName?: string;
  /** Which service failed; absent for failures before any request (an invalid argument). */
  service?: AzureServiceName;
  statusCode?: number;
  retryable?: boolean;
  /** The CloudError code, e.g. `ResourceNotFound`. */
  serviceCode?: string;
  /** The service's own words: for logs only, never for a chat. Scrubbed of tokens. */
  serviceMessage?: string;
  /**
   * The code of the innermost `innererror`: the specific problem under the service's
   * general code, e.g. `SEM0100` under `BadArgumentError` / `SemanticError` for a query.
   */
  serviceDetailCode?: string;
  requestId?: string;
  /** Seconds the service asked us to wait (429/503 Retry-After). */
  retryAfterSeconds?: number;
  /**
   * An earlier attempt of this write got no answer (dropped, timed out): it may have been
   * applied, so a 409/412 on the retry can be our own change. Callers read back to know.
   */
  afterUnansweredAttempt?: boolean;
  /** SIGN_IN_REQUIRED: what Entra asks of the person. */
  signInReason?: SignInReason;
  /** The refused call would have changed something (PUT, PATCH, DELETE), not only read. */
  write?: boolean;
}

const MAX_SERVICE_MESSAGE = 500;

export class AzureError extends Error {
  readonly service?: AzureServiceName;
  readonly statusCode?: number;
  readonly retryable: boolean;
  readonly serviceCode?: string;
  readonly serviceMessage?: string;
  readonly serviceDetailCode?: string;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;
  readonly afterUnansweredAttempt: boolean;
  readonly actingAs: AzureCaller;
  readonly workspaceName?: string;
  readonly signInReason?: SignInReason;
  readonly write: boolean;

  constructor(
    readonly code: AzureErrorCode,
    message: string,
    details: AzureErrorDetails = {},
  ) {
    super(scrubSecrets(message));
    this.name = 'AzureError';
    this.service = details.service;
    this.actingAs = details.actingAs ?? 'app';
    this.workspaceName = details.workspaceName;
    this.afterUnansweredAttempt = details.afterUnansweredAttempt ?? false;
    this.statusCode = details.statusCode;
    this.retryable = details.retryable ?? false;
    this.serviceCode = details.serviceCode === undefined ? undefined : scrubSecrets(details.serviceCode).slice(0, 100);
    this.serviceMessage = details.serviceMessage === undefined ? undefined : scrubSecrets(details.serviceMessage).slice(0, MAX_SERVICE_MESSAGE);
    this.serviceDetailCode = details.serviceDetailCode === undefined ? undefined : scrubSecrets(details.serviceDetailCode).slice(0, 100);
    this.requestId = details.requestId;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.signInReason = details.signInReason;
    this.write = details.write ?? false;
  }

  /** A fixed allow-list, so whatever a future field holds, a logged error stays clean. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      service: this.service,
      code: this.code,
      message: this.message,
      statusCode: this.statusCode,
      retryable: this.retryable,
      serviceCode: this.serviceCode,
      serviceMessage: this.serviceMessage,
      serviceDetailCode: this.serviceDetailCode,
      requestId: this.requestId,
      retryAfterSeconds: this.retryAfterSeconds,
      afterUnansweredAttempt: this.afterUnansweredAttempt,
      signInReason: this.signInReason,
      write: this.write,
    };
  }
}

export function isAzureError(err: unknown, code?: AzureErrorCode): err is AzureError {
  return err instanceof AzureError && (code === undefined || err.code === code);
}

/** The same failure, marked as following an attempt whose answer was lost. */
export function afterUnansweredAttempt(err: AzureError): AzureError {
  if (err.afterUnansweredAttempt) return err;
  return new AzureError(err.code, err.message, { ...err.toJSON(), afterUnansweredAttempt: true } as AzureErrorDetails);
}

/** 408, 429 and 5xx except 501/505 are worth another try; other 4xx are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

export function codeForStatus(status: number, api: AzureApi): AzureErrorCode {
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
