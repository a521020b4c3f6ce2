/**
 * The HTTP surface: the Bot Framework endpoint and the health probes a platform polls.
 *
 * Nothing a caller sends can end the process or learn about its insides: the body is read
 * and decoded here with limits (src/requestBody.ts), the activity's shape is checked before
 * botbuilder sees it, and every refusal or failure is answered with a small fixed JSON body
 * (no library message, stack trace, host name or path).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { BotEndpoint } from './bot/adapter';
import { runWithLogContext, type Logger } from './logging';
import { registerPages, type Pages } from './pages/pages';
import { BodyRefusal, readJsonObject } from './requestBody';

/** Teams activities are a few kilobytes; anything near this is not a real activity. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The only bodies an error answer ever has. */
const ERROR_BODIES: Record<number, { code: string; message: string }> = {
  400: { code: 'BadRequest', message: 'The request is not a valid activity.' },
  401: { code: 'Unauthorized', message: 'Unauthorized.' },
  403: { code: 'Forbidden', message: 'Forbidden.' },
  404: { code: 'NotFound', message: 'Not found.' },
  405: { code: 'MethodNotAllowed', message: 'Method not allowed.' },
  406: { code: 'NotAcceptable', message: 'Not acceptable.' },
  413: { code: 'PayloadTooLarge', message: 'The request body is too large.' },
  415: { code: 'UnsupportedMediaType', message: 'Send JSON (application/json, UTF-8), optionally gzip, deflate or br encoded.' },
  503: { code: 'ServiceUnavailable', message: 'Temporarily unavailable. Try again shortly.' },
};

export function errorBody(status: number): { error: { code: string; message: string } } {
  const known = ERROR_BODIES[status];
  if (known) return { error: known };
  return { error: status >= 500 ? { code: 'InternalError', message: 'Something went wrong.' } : { code: 'BadRequest', message: 'The request was refused.' } };
}

export interface RunningServer {
  url: string;
  port: number;
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  port: number;
  host: string;
  endpoint: BotEndpoint;
  logger: Logger;
  /** Extra readiness checks (e.g. the emulator is listening). */
  isReady?: () => boolean;
  /** The website, privacy and terms pages the app package links to. */
  pages?: Pages;
}

function sendJson(res: restify.Response, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.status(status);
    res.end();
    return;
  }
  res.json(status, body);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { endpoint, logger } = options;
  const server = restify.createServer({ name: 'sentinel-teams-bot', handleUncaughtExceptions: false, log: logger as unknown as restify.ServerOptions['log'] });
  let ready = false;

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const correlationId = randomUUID();
    await runWithLogContext({ correlationId }, async () => {
      try {
        const body = await readJsonObject(req, { maxBytes: MAX_BODY_BYTES });
        const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
        const answer = await endpoint.handle(body, authorization);
        if (answer.refusal) {
          logger.warn({ status: answer.status, refusal: answer.refusal }, 'activity refused');
          if (answer.status === 413) res.setHeader('Connection', 'close');
          sendJson(res, answer.status, errorBody(answer.status));
        } else {
          sendJson(res, answer.status, answer.body);
        }
      } catch (err) {
        if (err instanceof BodyRefusal) {
          logger.warn({ status: err.statusCode, refusal: err.code }, 'request body refused');
          // A refused body may still be arriving: close instead of reading the rest.
          if (err.statusCode === 413) res.setHeader('Connection', 'close');
          sendJson(res, err.statusCode, errorBody(err.statusCode));
        } else {
          logger.error({ err }, 'request failed');
          sendJson(res, 500, errorBody(500));
        }
      }
    });
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', (_req, res, next) => {
    const ok = ready && (options.isReady?.() ?? true);
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : 'starting' });
    next();
  });

  if (options.pages) registerPages(server, options.pages);

  // restify's own refusals (unknown route, wrong method, bad URL) carry its message and the
  // path: answer them with the same fixed bodies instead.
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    logger.warn({ method: req.method, status, error: err.name }, 'request rejected');
    sendJson(res, status, errorBody(status));
    callback();
  });

  // Slow or stalled clients are cut off instead of holding sockets open.
  server.server.requestTimeout = 30_000;
  server.server.headersTimeout = 15_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as unknown as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    setReady: (value) => {
      ready = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
