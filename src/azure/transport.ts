/**
 * One HTTP exchange through axios (the project's HTTP client), with keep-alive connections.
 * The pipeline above (httpClient.ts) adds tokens, deadlines, retries and typed errors, so axios
 * is configured to do only what Azure's JSON APIs need: no redirects (a token must never follow
 * one), no proxy picked up from the environment (config.ts owns settings), bounded bodies, and
 * the answer as text, parsed here once.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import axios, { AxiosError, type AxiosInstance } from 'axios';

export interface TransportRequest {
  method: string;
  /** A path below the base URL, or an absolute URL (already checked to be on our origin). */
  url: string;
  params?: Record<string, string | number | undefined>;
  data?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; the text when it is not JSON; '' when empty. */
  data: unknown;
}

/** The failure of an exchange, with Node's error code (ECONNRESET, ENOTFOUND, ABORT_ERR, ...). */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

const DEFAULT_HEADERS = { Accept: 'application/json', 'User-Agent': 'sentinel-teams-bot' };

/** %20 rather than '+' for spaces: OData filters must survive any server's decoding. */
export function serializeParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

export class HttpTransport {
  private readonly client: AxiosInstance;
  private readonly agent: http.Agent;

  constructor(baseUrl: string, maxBodyBytes: number) {
    const base = baseUrl.replace(/\/+$/, '');
    const secure = new URL(base).protocol === 'https:';
    this.agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.client = axios.create({
      // Node's http adapter named outright: axios otherwise looks for one on every request.
      adapter: 'http',
      baseURL: base,
      httpAgent: secure ? undefined : this.agent,
      httpsAgent: secure ? this.agent : undefined,
      proxy: false,
      maxRedirects: 0,
      maxContentLength: maxBodyBytes,
      validateStatus: () => true,
      responseType: 'text',
      // The text as it came: parseBody below reads JSON once, and keeps non-JSON as text.
      transformResponse: [(data: unknown) => data],
      // Appended to the path as built, so a quote in an OData filter goes on the wire as written.
      paramsSerializer: { serialize: (params: Record<string, unknown>) => serializeParams(params) },
      headers: DEFAULT_HEADERS,
    });
  }

  async send(req: TransportRequest): Promise<TransportResponse> {
    const body = req.data === undefined ? undefined : Buffer.from(JSON.stringify(req.data), 'utf8');
    const headers: Record<string, string> = { ...req.headers };
    if (body) headers['Content-Type'] = 'application/json';
    try {
      const res = await this.client.request<string>({ method: req.method, url: req.url, params: req.params, data: body, headers, signal: req.signal });
      return { status: res.status, headers: res.headers as IncomingHttpHeaders, data: parseBody(typeof res.data === 'string' ? res.data : '') };
    } catch (err) {
      throw asTransportError(err);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

function parseBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function asTransportError(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  if (axios.isCancel(err)) return new TransportError('ABORT_ERR', 'request aborted');
  if (err instanceof AxiosError && /maxContentLength/.test(err.message)) return new TransportError('ERR_BODY_TOO_LARGE', 'the answer is larger than allowed');
  // A connection cut mid-answer is a reset, which the pipeline retries like any other.
  if (err instanceof AxiosError && /stream has been aborted/.test(err.message)) return new TransportError('ECONNRESET', 'the connection closed before the answer was complete');
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : e?.name === 'AbortError' ? 'ABORT_ERR' : 'ERR_NETWORK';
  return new TransportError(code, typeof e?.message === 'string' ? e.message : 'request failed');
}
