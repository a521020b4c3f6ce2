/**
 * The emulator's HTTP server: ARM routes, the query API and a control API for tests
 * (/_emulator/faults, /_emulator/stats, /_emulator/health). Bound to loopback by default.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../logging';
import { checkApiVersion, handleArm, securityInsightsTail } from '../arm/armRoutes';
import { EmulatorError } from '../errors';
import { FaultInjector, RequestStats, routeKind } from '../faults';
import type { WorkspaceStore } from '../store/workspaceStore';
import { actorFromToken, bearerToken } from './callerIdentity';
import { handleQuery, queryError } from './queryRoute';
import { json, type EmulatorRequest, type EmulatorResponse } from './types';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface EmulatorServerOptions {
  store: WorkspaceStore;
  host: string;
  port: number;
  logger: Logger;
  now: () => Date;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: EmulatorResponse): void {
  const headers: Record<string, string> = { ...answer.headers, 'x-ms-request-id': randomUUID() };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
}

const cloudError = (e: EmulatorError): EmulatorResponse => json(e.status, { error: { code: e.code, message: e.message } }, e.headers);

export function createEmulatorServer(options: EmulatorServerOptions): { listen(): Promise<{ url: string; port: number }>; close(): Promise<void>; faults: FaultInjector; stats: RequestStats } {
  const { store, logger, now } = options;
  const faults = new FaultInjector();
  const stats = new RequestStats();

  async function control(method: string, segments: string[], body: unknown): Promise<EmulatorResponse> {
    const what = segments.join('/');
    if (what === 'health' && method === 'GET') return json(200, { status: 'ok', incidents: store.listIncidents().length, auditRecords: store.auditTable.size });
    if (what === 'faults' && method === 'PUT') {
      faults.set(body);
      return json(204);
    }
    if (what === 'faults' && method === 'DELETE') {
      faults.clear();
      return json(204);
    }
    if (what === 'stats' && method === 'GET') return json(200, stats.snapshot());
    if (what === 'stats/reset' && method === 'POST') {
      stats.reset();
      return json(204);
    }
    throw new EmulatorError(404, 'NotFound', `No control route ${method} /_emulator/${what}.`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const segments = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    const method = (req.method ?? 'GET').toUpperCase();
    const api: 'arm' | 'query' | 'control' = segments[0] === '_emulator' ? 'control' : segments[0] === 'v1' ? 'query' : 'arm';

    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) return send(res, cloudError(new EmulatorError(413, 'RequestEntityTooLarge', `The request body is larger than ${MAX_BODY_BYTES} bytes.`)));
      throw err;
    }
    let body: unknown;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(res, cloudError(new EmulatorError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.')));
      }
    }
    if (api === 'control') return send(res, await control(method, segments.slice(1), body));

    stats.record(method, routeKind(segments, api));
    const fault = faults.take(method, url.pathname, api);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.reset) {
      req.socket.destroy();
      return;
    }
    if (fault?.status) {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      const code = fault.status === 429 ? 'TooManyRequests' : fault.status === 503 ? 'ServiceUnavailable' : 'InternalServerError';
      return send(res, json(fault.status, { error: { code, message: `Injected fault ${fault.status}.` } }, headers));
    }

    const token = bearerToken(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
    if (!token) {
      if (api === 'query') return send(res, queryError(401, 'AuthorizationRequiredError', 'Valid authentication was not provided'));
      return send(
        res,
        json(401, { error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." } }, {
          'WWW-Authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
        }),
      );
    }
    const host = req.headers.host ?? `${options.host}:${options.port}`;
    const request: EmulatorRequest = { method, segments, query: url.searchParams, headers: req.headers, body, actor: actorFromToken(token), baseUrl: `http://${host}`, path: url.pathname };

    if (api === 'query') {
      if (segments.length !== 4 || segments[1] !== 'workspaces' || segments[3] !== 'query') return send(res, queryError(404, 'PathNotFoundError', `The path ${url.pathname} is not supported.`));
      return send(res, handleQuery(request, segments[2]!, store, now));
    }
    const tail = securityInsightsTail(segments, store.workspace);
    if (!tail) throw new EmulatorError(404, 'NotFound', `The path ${url.pathname} is not served by the Sentinel emulator.`);
    checkApiVersion(url.searchParams);
    if (fault?.conflict && tail[1]) store.bumpEtag(tail[1]);
    const answer = handleArm(request, tail, store);
    if (fault?.dropResponse) {
      req.socket.destroy();
      return;
    }
    send(res, answer);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof EmulatorError) return send(res, cloudError(err));
      logger.error({ err }, 'emulator request failed');
      send(res, json(500, { error: { code: 'InternalServerError', message: 'The emulator failed to process the request.' } }));
    });
  });

  return {
    faults,
    stats,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          const { port } = server.address() as AddressInfo;
          resolve({ url: `http://${options.host}:${port}`, port });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
