/**
 * The one HTTP path to Azure, shared by Sentinel (ARM), Log Analytics and Microsoft Graph:
 * a cached bearer token, a deadline per attempt, retries for retryable failures only, a
 * client request id per call, and typed errors naming the service. Headers and bodies are never logged, and
 * nothing the transport holds (the request carries the Authorization header) leaves this file.
 */
import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import type { Logger } from '../logging';
import { currentLogContext, silentLogger } from '../logging';
import { afterUnansweredAttempt, AzureError, codeForStatus, isRetryableStatus, SERVICE_NAMES, type AzureApi, type AzureCaller, type AzureServiceName } from './errors';
import { decideRetry, isRetryableNetworkCode, retryAfterMs, type HeaderBag } from './retry';
import { cloudError, errorCode, firstHeader, plainHeaders } from './responseDetails';
import { TokenCache } from './tokenCache';
import { HttpTransport, type TransportResponse } from './transport';

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

export interface HttpOptions {
  timeoutInMs: number;
  maxRetries: number;
  maxRetryDelayInMs: number;
}

export interface AzureHttpClientOptions {
  baseUrl: string;
  credential: TokenCredential;
  scope: string;
  /** Which service this is (named in logs and errors); a 400 of the query API is INVALID_QUERY. */
  api: AzureApi;
  http: HttpOptions;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Told of every attempt (telemetry); must not throw. */
  observer?: AzureCallObserver;
  /** Whose token `credential` issues: the app's own (default) or the person's (on-behalf-of). */
  actingAs?: AzureCaller;
  /** The workspace this client addresses, named in errors. */
  workspaceName?: string;
  /**
   * The person's token comes from their sign-in (single sign-on): a token refused even fresh
   * asks them to sign in again. Otherwise such a refusal is UNAUTHORIZED, for an admin to fix.
   */
  renewBySignIn?: boolean;
  /** Also counted here: the sum over many clients (each person's own), for stats and benchmarks. */
  tally?: HttpTally;
}

/** Requests, retries and token fetches summed over the clients that share it. */
export class HttpTally {
  private counts: HttpStats = { requests: 0, tokenRequests: 0, retries: 0 };

  add(kind: keyof HttpStats): void {
    this.counts[kind]++;
  }

  stats(): HttpStats {
    return { ...this.counts };
  }
}

/** One attempt as the pipeline saw it: no headers, no body, no query string. */
export interface AzureAttemptRecord {
  host: string;
  method: string;
  path: string;
  status?: number;
  errorCode?: string;
  attempt: number;
  startedAt: number;
  durationMs: number;
}

export interface AzureCallObserver {
  azureAttempt(record: AzureAttemptRecord): void;
}


export interface RequestOptions {
  method: Method;
  /** A path below baseUrl, or an absolute URL on the same origin (a nextLink). */
  url: string;
  params?: Record<string, string | number | undefined>;
  data?: unknown;
  headers?: Record<string, string>;
}

/** What callers get back: no request, no config, so no token. */
export interface HttpResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

export interface HttpStats {
  requests: number;
  tokenRequests: number;
  retries: number;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class AzureHttpClient {
  private readonly transport: HttpTransport;
  private readonly tokens: TokenCache;
  private readonly logger: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly origin: string;
  private readonly service: AzureServiceName;
  private counts = { requests: 0, retries: 0 };

  constructor(private readonly options: AzureHttpClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopback(base.hostname))) {
      // A bearer token over plain HTTP to another machine would be readable on the wire.
      throw new Error(`refusing to send Azure tokens to ${base.origin}: use https (plain http only on loopback)`);
    }
    this.origin = base.origin;
    this.service = SERVICE_NAMES[options.api];
    this.transport = new HttpTransport(options.baseUrl, MAX_BODY_BYTES);
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.tokens = new TokenCache({ credential: options.credential, scope: options.scope, now: this.now, logger: this.logger, onFetch: () => options.tally?.add('tokenRequests') });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  stats(): HttpStats {
    return { ...this.counts, tokenRequests: this.tokens.tokenRequests };
  }

  async request<T>(req: RequestOptions): Promise<HttpResponse<T>> {
    const url = this.checkedUrl(req.url);
    // The turn's correlation id, so a support case can quote one id for the turn and its Azure calls.
    const clientRequestId = currentLogContext()?.correlationId ?? randomUUID();
    const path = pathOf(url);
    const service = this.service;
    const isWrite = req.method.toUpperCase() !== 'GET';
    // A write whose answer was lost may have been applied: a later 409/412 may be our own change.
    let unanswered = false;
    let tokenRenewed = false;
    for (let attempt = 0; ; attempt++) {
      let failure: AzureError;
      let retryAfterInMs: number | undefined;
      const startedAt = this.now();
      const observe = (status: number | undefined, errorCode?: string): void =>
        this.options.observer?.azureAttempt({ host: new URL(this.origin).hostname, method: req.method, path, status, errorCode, attempt, startedAt, durationMs: this.now() - startedAt });
      try {
        const { res, token } = await this.send<T>({ ...req, url }, clientRequestId);
        observe(res.status, res.status >= 400 ? codeForStatus(res.status, this.options.api) : undefined);
        if (res.status >= 200 && res.status < 300) {
          this.logger.debug({ service, method: req.method, path, status: res.status, attempt, requestId: clientRequestId }, 'Azure request');
          return { status: res.status, data: res.data, headers: plainHeaders(res.headers as HeaderBag) };
        }
        // A rejected token is not reused. One more try with a fresh one, as Azure's bearer policy
        // does: the token may have expired or been revoked since it was cached (nothing was applied).
        if (res.status === 401) {
          this.tokens.invalidate();
          if (!tokenRenewed) {
            tokenRenewed = true;
            this.countRetry();
            continue;
          }
        }
        failure = this.errorFor(res, clientRequestId, token, req.method);
        if (isRetryableStatus(res.status)) retryAfterInMs = retryAfterMs(res.headers as HeaderBag, this.now);
      } catch (err) {
        failure = err instanceof AzureError ? err : this.unexpected(err, clientRequestId);
        if (failure.statusCode === undefined) observe(undefined, failure.code);
        if (isWrite && (failure.code === 'NETWORK' || failure.code === 'TIMEOUT')) unanswered = true;
      }
      const decision = decideRetry({ attempt, failure, retryAfterInMs, options: this.options.http, random: this.options.random });
      if (!decision.retry) {
        const error = unanswered ? afterUnansweredAttempt(decision.error) : decision.error;
        this.logger.debug({ service, method: req.method, path, status: error.statusCode, code: error.code, attempt, requestId: error.requestId }, 'Azure request failed');
        throw error;
      }
      this.countRetry();
      this.logger.warn(
        { service, method: req.method, path, status: failure.statusCode, code: failure.code, attempt: attempt + 1, delayMs: decision.delayInMs, requestId: failure.requestId },
        'retrying Azure request',
      );
      await this.sleep(decision.delayInMs);
    }
  }

  private countRetry(): void {
    this.counts.retries++;
    this.options.tally?.add('retries');
  }

  /** Relative paths stay relative; an absolute URL must be on our origin, or the token would go elsewhere. */
  private checkedUrl(url: string): string {
    if (url.startsWith('/') && !url.startsWith('//')) return url;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new AzureError('UNKNOWN', `${this.service} returned a link that is not a URL`, { service: this.service });
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AzureError('UNKNOWN', `${this.service} returned a link that is not a URL`, { service: this.service });
    }
    if (parsed.origin !== this.origin) throw new AzureError('UNKNOWN', `${this.service} returned a link to another host (${parsed.origin}); not followed`, { service: this.service });
    return url;
  }

  private async send<T>(req: RequestOptions, clientRequestId: string): Promise<{ res: TransportResponse & { data: T }; token: string }> {
    const token = await this.tokens.getToken();
    this.counts.requests++;
    this.options.tally?.add('requests');
    // One deadline for the whole exchange: a socket idle timer would never trip on a trickling answer.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.options.http.timeoutInMs);
    try {
      const res = await this.transport.send({
        method: req.method,
        url: req.url,
        params: req.params,
        data: req.data,
        headers: { ...req.headers, Authorization: `Bearer ${token}`, 'x-ms-client-request-id': clientRequestId },
        signal: deadline.signal,
      });
      return { res: res as TransportResponse & { data: T }, token };
    } catch (err) {
      throw this.transportError(err, deadline.signal.aborted, clientRequestId);
    } finally {
      clearTimeout(timer);
    }
  }

  private errorFor(res: TransportResponse, clientRequestId: string, token: string, method: string): AzureError {
    const { serviceCode, serviceMessage: raw, serviceDetailCode } = cloudError(res.data);
    // An opaque token echoed back would not look like a JWT: cut the exact value out too.
    const serviceMessage = raw === undefined ? undefined : raw.split(token).join('[redacted]');
    const headers = res.headers as HeaderBag;
    const requestId = firstHeader(headers, ['x-ms-request-id', 'x-ms-correlation-request-id', 'request-id']) ?? clientRequestId;
    const retryAfter = retryAfterMs(headers, this.now);
    // The person's token refused even fresh: only signing in again can help (Entra revoked it, or a policy changed).
    const personRefused = res.status === 401 && this.options.actingAs === 'person' && this.options.renewBySignIn === true;
    return new AzureError(personRefused ? 'SIGN_IN_REQUIRED' : codeForStatus(res.status, this.options.api), `${this.service} answered ${res.status}${serviceCode ? ` (${serviceCode})` : ''}`, {
      service: this.service,
      statusCode: res.status,
      retryable: isRetryableStatus(res.status),
      serviceCode,
      serviceMessage,
      serviceDetailCode,
      requestId,
      retryAfterSeconds: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
      actingAs: this.options.actingAs,
      workspaceName: this.options.workspaceName,
      ...(personRefused ? { signInReason: 'expired' as const } : {}),
      // A query is a read even though it is a POST.
      write: this.options.api !== 'query' && !['GET', 'HEAD', 'POST'].includes(method.toUpperCase()),
    });
  }

  private transportError(err: unknown, deadlinePassed: boolean, requestId: string): AzureError {
    const code = errorCode(err);
    const timedOut = deadlinePassed || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_SOCKET_CONNECTION_TIMEOUT';
    if (timedOut) return new AzureError('TIMEOUT', `${this.service} did not answer within ${this.options.http.timeoutInMs} ms`, { service: this.service, retryable: true, requestId });
    if (isRetryableNetworkCode(code)) return new AzureError('NETWORK', `${this.service} connection failed (${code})`, { service: this.service, retryable: true, requestId });
    if (code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ERR_NETWORK') {
      return new AzureError('NETWORK', `${this.service} could not be reached (${code})`, { service: this.service, retryable: false, requestId });
    }
    return this.unexpected(err, requestId);
  }

  private unexpected(err: unknown, requestId: string): AzureError {
    const code = errorCode(err);
    return new AzureError('UNKNOWN', `${this.service} request failed before an answer${code ? ` (${code})` : ''}`, { service: this.service, retryable: false, requestId });
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The path without origin or query string: enough to say which call it was, nothing more. */
function pathOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '').split('?')[0] ?? '';
}
