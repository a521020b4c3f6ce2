/**
 * The HTTP surface: the Bot Framework endpoint and the health probes a platform polls.
 */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from './logging';
import { registerPages, type Pages } from './pages/pages';

/** Teams activities are a few kilobytes; anything near this is not a real activity. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface RunningServer {
  url: string;
  port: number;
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

export interface ServerOptions {
  port: number;
  host: string;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Extra readiness checks (e.g. the emulator is listening). */
  isReady?: () => boolean;
  /** The website, privacy and terms pages the app package links to. */
  pages?: Pages;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { adapter, bot, logger } = options;
  const server = restify.createServer({ name: 'sentinel-teams-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
  let ready = false;

  server.post('/api/messages', async (req, res) => {
    // CloudAdapter authenticates (when an app id is configured), runs the turn and writes the response.
    await adapter.process(req, res, (context) => bot.run(context));
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

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    logger.warn({ method: req.method, path: req.path(), status: err.statusCode, error: err.name }, 'request rejected');
    callback();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as unknown as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${address.port}`,
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
