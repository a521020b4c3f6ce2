/**
 * The one HTTP path to Azure: a cached bearer token, a timeout per request, retries for
 * retryable failures only, and typed errors. Headers and bodies are never logged.
 */
import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import type { TokenCredential } from '@azure/identity';
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import { codeForStatus, isRetryableStatus, SentinelError } from './errors';
import { backoffMs, retryAfterMs } from './retryPolicy';
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
  api: 'arm' | 'query';
  http: HttpOptions;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface RequestOptions {
  method: Method;
  /** A path below baseUrl, or an absolute URL (nextLink). */
  url: string;
  params?: Record<string, string | number | undefined>;
  data?: unknown;
  headers?: Record<string, string>;
}

export interface HttpStats {
  requests: number;
  tokenRequests: number;
  retries: number;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

interface CloudErrorBody {
  error?: { code?: unknown; message?: unknown };
}

export class AzureHttpClient {
  private readonly axios: AxiosInstance;
  private readonly tokens: TokenCache;
  private readonly logger: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private counts = { requests: 0, retries: 0 };

  constructor(private readonly options: AzureHttpClientOptions) {
    this.axios = axios.create({
      baseURL: options.baseUrl,
      timeout: options.http.timeoutInMs,
      // Every status is ours to interpret; axios must not throw its own errors for them.
      validateStatus: () => true,
      maxRedirects: 0,
      // %20 rather than '+' for spaces: OData filters must survive any server's decoding.
      paramsSerializer: { serialize: serializeParams },
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    });
    this.tokens = new TokenCache(options.credential, options.scope);
    this.logger = options.logger ?? silentLogger;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  stats(): HttpStats {
    return { ...this.counts, tokenRequests: this.tokens.tokenRequests };
  }

  async request<T>(req: RequestOptions): Promise<AxiosResponse<T>> {
    const { maxRetries, maxRetryDelayInMs } = this.options.http;
    let reauthenticated = false;
    for (let attempt = 0; ; attempt++) {
      let failure: SentinelError;
      let waitMs: number | undefined;
      try {
        const res = await this.send<T>(req);
        if (res.status < 400) return res;
        if (res.status === 401 && !reauthenticated) {
          // A token revoked or rotated early: fetch a fresh one once before giving up.
          reauthenticated = true;
          this.tokens.invalidate();
          attempt--;
          continue;
        }
        failure = this.errorFor(res);
        waitMs = retryAfterMs(res.headers as Record<string, unknown>);
      } catch (err) {
        failure = this.networkError(err);
      }
      if (!failure.retryable || attempt >= maxRetries) throw failure;
      if (waitMs !== undefined && waitMs > maxRetryDelayInMs) {
        // Waiting longer than our budget would leave a person staring at a spinner: say so now.
        throw failure;
      }
      const delay = waitMs ?? backoffMs(attempt, { maxRetries, maxRetryDelayInMs, random: this.options.random });
      this.counts.retries++;
      this.logger.warn({ method: req.method, path: pathOf(req.url), status: failure.statusCode, code: failure.code, attempt: attempt + 1, delayMs: delay }, 'retrying Azure request');
      await this.sleep(delay);
    }
  }

  private async send<T>(req: RequestOptions): Promise<AxiosResponse<T>> {
    const token = await this.tokens.getToken();
    this.counts.requests++;
    return this.axios.request<T>({
      method: req.method,
      url: req.url,
      params: req.params,
      data: req.data,
      headers: { ...req.headers, Authorization: `Bearer ${token}` },
    });
  }

  private errorFor(res: AxiosResponse): SentinelError {
    const body = (typeof res.data === 'object' && res.data !== null ? res.data : {}) as CloudErrorBody;
    const serviceCode = typeof body.error?.code === 'string' ? body.error.code : undefined;
    const serviceMessage = typeof body.error?.message === 'string' ? body.error.message : undefined;
    const requestId = firstHeader(res.headers as Record<string, unknown>, ['x-ms-request-id', 'x-ms-correlation-request-id', 'request-id']);
    const retryAfter = retryAfterMs(res.headers as Record<string, unknown>);
    const code = codeForStatus(res.status, this.options.api);
    return new SentinelError(code, `${this.options.api === 'arm' ? 'Sentinel' : 'Log Analytics'} answered ${res.status}${serviceCode ? ` (${serviceCode})` : ''}`, {
      statusCode: res.status,
      retryable: isRetryableStatus(res.status),
      serviceCode,
      serviceMessage,
      requestId,
      retryAfterSeconds: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
    });
  }

  private networkError(err: unknown): SentinelError {
    if (err instanceof SentinelError) return err;
    const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(err instanceof Error ? err.message : '');
    if (timedOut) return new SentinelError('TIMEOUT', `no answer within ${this.options.http.timeoutInMs} ms`, { retryable: true });
    if (NETWORK_CODES.has(code)) return new SentinelError('NETWORK', `network error ${code}`, { retryable: true });
    return new SentinelError('UNKNOWN', 'request failed before an answer', { retryable: false, serviceMessage: code || undefined });
  }
}

function serializeParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

function firstHeader(headers: Record<string, unknown>, names: string[]): string | undefined {
  for (const n of names) {
    const v = headers[n];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** The path without query string: enough to say which call it was, nothing more. */
function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? '';
}
