/**
 * One HTTP exchange over Node's own http/https, with keep-alive connections. The pipeline
 * above (httpClient.ts) adds tokens, deadlines, retries and typed errors. A generic client
 * library cost a tenth of a busy bot's CPU per call in merging configs and transforming
 * answers; this does only what Azure's JSON APIs need: no redirects, bounded bodies.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

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
  private readonly base: string;
  private readonly agent: http.Agent;
  private readonly secure: boolean;

  constructor(
    baseUrl: string,
    private readonly maxBodyBytes: number,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.secure = new URL(this.base).protocol === 'https:';
    this.agent = this.secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  send(req: TransportRequest): Promise<TransportResponse> {
    const query = req.params ? serializeParams(req.params) : '';
    const target = /^[a-z][a-z0-9+.-]*:\/\//i.test(req.url) ? req.url : `${this.base}${req.url}`;
    const url = query ? `${target}${target.includes('?') ? '&' : '?'}${query}` : target;
    const body = req.data === undefined ? undefined : Buffer.from(JSON.stringify(req.data), 'utf8');
    const headers: Record<string, string | number> = { ...DEFAULT_HEADERS, ...req.headers };
    if (body) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = body.length;
    }
    const request = this.secure ? https.request : http.request;
    // The path goes on the wire as built: a URL object would re-encode it (' becomes %27).
    const origin = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]+)(.*)$/i.exec(url);
    const { hostname, port } = new URL(origin?.[1] ?? url);
    const path = origin?.[2] || '/';
    return new Promise((resolve, reject) => {
      const fail = (err: unknown): void => reject(asTransportError(err));
      const options = { method: req.method, hostname: hostname.replace(/^\[|\]$/g, ''), port, path, headers, agent: this.agent, signal: req.signal };
      const r = request(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let ended = false;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxBodyBytes) {
            res.destroy(new TransportError('ERR_BODY_TOO_LARGE', `the answer is larger than ${this.maxBodyBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          ended = true;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, data: parseBody(Buffer.concat(chunks).toString('utf8')) });
        });
        res.on('error', fail);
        res.on('close', () => {
          if (!ended) fail(new TransportError('ECONNRESET', 'the connection closed before the answer was complete'));
        });
      });
      r.on('error', fail);
      r.end(body);
    });
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
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : e?.name === 'AbortError' ? 'ABORT_ERR' : 'ERR_NETWORK';
  return new TransportError(code, typeof e?.message === 'string' ? e.message : 'request failed');
}
