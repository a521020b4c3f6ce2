/**
 * The one HTTP path to Azure: a cached bearer token, a deadline per attempt, retries for
 * retryable failures only, and typed errors. Headers and bodies are never logged, and
 * nothing axios holds (its config carries the Authorization header) leaves this file.
 */
import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import type { TokenCredential } from '@azure/identity';
import type { WorkspaceConfig } from '../config';
import type { Logger } from '../logging';
import { currentLogContext, silentLogger } from '../logging';
import { codeForStatus, isRetryableStatus, SentinelError } from './errors';
import { decideRetry, isRetryableNetworkCode, retryAfterMs, type HeaderBag } from './retry';
import { TokenCache } from './tokenCache';

export interface HttpOptions {
  timeoutInMs: number;
  maxRetries: number;
  maxRetryDelayInMs: number;
}

export interface AzureHttpClientOptions {
  baseUrl: string;
  credential: TokenCredential;
  scope: string;
  /** Which catalogue a 400 maps to: BAD_REQUEST (ARM) or INVALID_QUERY (query API). */
  api: 'arm' | 'query';
  http: HttpOptions;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Told of every attempt (telemetry); must not throw. */
  observer?: AzureCallObserver;
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

/** What the Sentinel and Log Analytics clients are built from; each derives its endpoint and scope. */
export type WorkspaceClientOptions = Omit<AzureHttpClientOptions, 'baseUrl' | 'scope' | 'api'> & { workspace: WorkspaceConfig };

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
  private readonly axios: AxiosInstance;
  private readonly tokens: TokenCache;
  private readonly logger: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly origin: string;
  private readonly service: string;
  private counts = { requests: 0, retries: 0 };

  constructor(private readonly options: AzureHttpClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopback(base.hostname))) {
      // A bearer token over plain HTTP to another machine would be readable on the wire.
      throw new Error(`refusing to send Azure tokens to ${base.origin}: use https (plain http only on loopback)`);
    }
    this.origin = base.origin;
    this.service = options.api === 'arm' ? 'Sentinel' : 'Log Analytics';
    this.axios = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.http.timeoutInMs,
      // Every status is ours to interpret; axios must not throw its own errors for them.
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: MAX_BODY_BYTES,
      maxBodyLength: MAX_BODY_BYTES,
      // %20 rather than '+' for spaces: OData filters must survive any server's decoding.
      paramsSerializer: { serialize: serializeParams },
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': 'sentinel-teams-bot' },
    });
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.tokens = new TokenCache({ credential: options.credential, scope: options.scope, now: this.now, logger: this.logger });
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
    for (let attempt = 0; ; attempt++) {
      let failure: SentinelError;
      let retryAfterInMs: number | undefined;
      const startedAt = this.now();
      const observe = (status: number | undefined, errorCode?: string): void =>
        this.options.observer?.azureAttempt({ host: new URL(this.origin).hostname, method: req.method, path, status, errorCode, attempt, startedAt, durationMs: this.now() - startedAt });
      try {
        const { res, token } = await this.send<T>({ ...req, url }, clientRequestId);
        observe(res.status, res.status >= 400 ? codeForStatus(res.status, this.options.api) : undefined);
        if (res.status >= 200 && res.status < 300) {
          this.logger.debug({ method: req.method, path, status: res.status, attempt }, 'Azure request');
          return { status: res.status, data: res.data, headers: plainHeaders(res.headers as HeaderBag) };
        }
        // A rejected token is not reused; the caller decides whether to try again.
        if (res.status === 401) this.tokens.invalidate();
        failure = this.errorFor(res, clientRequestId, token);
        if (isRetryableStatus(res.status)) retryAfterInMs = retryAfterMs(res.headers as HeaderBag, this.now);
      } catch (err) {
        failure = err instanceof SentinelError ? err : this.unexpected(err, clientRequestId);
        if (failure.statusCode === undefined) observe(undefined, failure.code);
      }
      const decision = decideRetry({ attempt, failure, retryAfterInMs, options: this.options.http, random: this.options.random });
      if (!decision.retry) {
        this.logger.debug({ method: req.method, path, status: decision.error.statusCode, code: decision.error.code, attempt }, 'Azure request failed');
        throw decision.error;
      }
      this.counts.retries++;
      this.logger.warn(
        { method: req.method, path, status: failure.statusCode, code: failure.code, attempt: attempt + 1, delayMs: decision.delayInMs, requestId: failure.requestId },
        'retrying Azure request',
      );
      await this.sleep(decision.delayInMs);
    }
  }

  /** Relative paths stay relative; an absolute URL must be on our origin, or the token would go elsewhere. */
  private checkedUrl(url: string): string {
    if (url.startsWith('/') && !url.startsWith('//')) return url;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new SentinelError('UNKNOWN', `${this.service} returned a link that is not a URL`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new SentinelError('UNKNOWN', `${this.service} returned a link that is not a URL`);
    }
    if (parsed.origin !== this.origin) throw new SentinelError('UNKNOWN', `${this.service} returned a link to another host (${parsed.origin}); not followed`);
    return url;
  }

  private async send<T>(req: RequestOptions, clientRequestId: string): Promise<{ res: AxiosResponse<T>; token: string }> {
    const token = await this.tokens.getToken();
    this.counts.requests++;
    // axios's own timeout is a socket idle timer: a trickling answer would never trip it.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.options.http.timeoutInMs);
    try {
      const res = await this.axios.request<T>({
        method: req.method,
        url: req.url,
        params: req.params,
        data: req.data,
        headers: { ...req.headers, Authorization: `Bearer ${token}`, 'x-ms-client-request-id': clientRequestId },
        signal: deadline.signal,
      });
      return { res, token };
    } catch (err) {
      throw this.transportError(err, deadline.signal.aborted, clientRequestId);
    } finally {
      clearTimeout(timer);
    }
  }

  private errorFor(res: AxiosResponse, clientRequestId: string, token: string): SentinelError {
    const { serviceCode, serviceMessage: raw } = cloudError(res.data);
    // An opaque token echoed back would not look like a JWT: cut the exact value out too.
    const serviceMessage = raw === undefined ? undefined : raw.split(token).join('[redacted]');
    const headers = res.headers as HeaderBag;
    const requestId = firstHeader(headers, ['x-ms-request-id', 'x-ms-correlation-request-id', 'request-id']) ?? clientRequestId;
    const retryAfter = retryAfterMs(headers, this.now);
    return new SentinelError(codeForStatus(res.status, this.options.api), `${this.service} answered ${res.status}${serviceCode ? ` (${serviceCode})` : ''}`, {
      statusCode: res.status,
      retryable: isRetryableStatus(res.status),
      serviceCode,
      serviceMessage,
      requestId,
      retryAfterSeconds: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
    });
  }

  private transportError(err: unknown, deadlinePassed: boolean, requestId: string): SentinelError {
    const code = errorCode(err);
    const timedOut = deadlinePassed || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_SOCKET_CONNECTION_TIMEOUT';
    if (timedOut) return new SentinelError('TIMEOUT', `${this.service} did not answer within ${this.options.http.timeoutInMs} ms`, { retryable: true, requestId });
    if (isRetryableNetworkCode(code)) return new SentinelError('NETWORK', `${this.service} connection failed (${code})`, { retryable: true, requestId });
    if (code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ERR_NETWORK') {
      return new SentinelError('NETWORK', `${this.service} could not be reached (${code})`, { retryable: false, requestId });
    }
    return this.unexpected(err, requestId);
  }

  private unexpected(err: unknown, requestId: string): SentinelError {
    const code = errorCode(err);
    return new SentinelError('UNKNOWN', `${this.service} request failed before an answer${code ? ` (${code})` : ''}`, { retryable: false, requestId });
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function errorCode(err: unknown): string {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

/** CloudError (ARM) and errorResponse (query API) share `{ error: { code, message, innererror? } }`. */
function cloudError(body: unknown): { serviceCode?: string; serviceMessage?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { code?: unknown; message?: unknown; innererror?: { message?: unknown } };
  const inner = typeof e.innererror?.message === 'string' ? e.innererror.message : undefined;
  const outer = typeof e.message === 'string' ? e.message : undefined;
  return {
    serviceCode: typeof e.code === 'string' ? e.code : undefined,
    serviceMessage: outer && inner ? `${outer} ${inner}` : (outer ?? inner),
  };
}

function serializeParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

function firstHeader(headers: HeaderBag, names: string[]): string | undefined {
  for (const n of names) {
    const v = headers[n];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

function plainHeaders(headers: HeaderBag): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (typeof v === 'string') out[k.toLowerCase()] = v;
    else if (typeof v === 'number') out[k.toLowerCase()] = String(v);
  }
  return out;
}

/** The path without origin or query string: enough to say which call it was, nothing more. */
function pathOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '').split('?')[0] ?? '';
}
