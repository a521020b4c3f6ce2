/**
 * The emulator's HTTP server. Every request goes the same way: route lookup, counting,
 * injected faults, authentication, body, then the ARM routes, the query API or the control
 * API. Errors leave in the shape of the API that was called.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging';
import { createArmRouter, handleArm } from './arm/armApi';
import { DEMO_DIRECTORY } from './arm/directory';
import { ArmError, cloudError } from './arm/errors';
import { createControlRouter } from './controlApi';
import { FaultInjector, faultCode, type ApiKind, type Fault } from './faults';
import { readBody, RequestBodyError } from './http/body';
import type { Params } from './http/router';
import { reply, type EmulatorRequest, type Reply } from './http/types';
import { tokenRefusal, queryForbidden } from './authErrors';
import { bearerToken, callerFromToken } from './identity';
import type { KustoOracle } from './kusto/oracle';
import { createQueryRouter } from './query/queryApi';
import { QueryApiError } from './query/queryErrors';
import { QueryService, SERVICE_QUERY_FIDELITY, type QueryFidelitySettings } from './query/queryService';
import { RoleAssignments } from './roles';
import { RequestStats } from './stats';
import type { WorkspaceStore } from './store/workspaceStore';
import { ARM_AUDIENCES, QUERY_AUDIENCES, TokenIssuer } from './tokens';

export interface EmulatorServerOptions {
  store: WorkspaceStore;
  host: string;
  port: number;
  dataDir: string;
  logger: Logger;
  now: () => Date;
  /** Judges every query (Kusto.Language). */
  oracle: KustoOracle;
  /** Ingestion delay, cache and per-caller limits of the query API (the service's by default). */
  queryFidelity?: QueryFidelitySettings;
}

export interface EmulatorServer {
  readonly faults: FaultInjector;
  readonly stats: RequestStats;
  readonly roles: RoleAssignments;
  /** The demo tenant's identity provider: issues and checks the tokens. */
  readonly tokens: TokenIssuer;
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

/** The control API is for the machine it runs on: loopback clients only. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && (/^127\./.test(address) || /^::ffff:127\./.test(address) || address === '::1');
}

const WWW_AUTHENTICATE =
  'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token", ' +
  'error_description="The authentication failed because of missing \'Authorization\' header."';

/** An error answer in the shape of the API that was called (both are `{"error":{code,message}}`). */
function errorReply(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  return reply(status, cloudError(code, message), headers);
}

function unauthenticated(api: ApiKind): Reply {
  const headers = { 'WWW-Authenticate': WWW_AUTHENTICATE };
  if (api === 'query') return errorReply(401, 'AuthorizationRequiredError', 'Valid authentication was not provided', headers);
  return errorReply(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", headers);
}

function injectedFault(fault: Fault & { status: number }): Reply {
  const headers: Record<string, string> = { 'x-ms-emulator-fault': 'true' };
  if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
  return errorReply(fault.status, faultCode(fault.status), `Injected fault: ${fault.status} (Sentinel emulator fault rule).`, headers);
}

function send(res: ServerResponse, answer: Reply, requestId: string): void {
  const headers: Record<string, string> = { ...answer.headers, 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId };
  if (answer.body === undefined) {
    // A 204 carries no Content-Length at all (RFC 9110); other empty answers say 0.
    // Not chained: restify, loaded in the same process by `npm start`, patches writeHead to return nothing.
    res.writeHead(answer.status, answer.status === 204 ? headers : { ...headers, 'Content-Length': '0' });
    res.end();
    return;
  }
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function decodeSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

export function createEmulatorServer(options: EmulatorServerOptions): EmulatorServer {
  const { store, logger, now, oracle } = options;
  const faults = new FaultInjector();
  const stats = new RequestStats();
  const roles = new RoleAssignments();
  const tokens = new TokenIssuer(now);
  const armRouter = createArmRouter();
  const queryRouter = createQueryRouter();
  const controlRouter = createControlRouter();
  const queries = new QueryService(options.queryFidelity ?? SERVICE_QUERY_FIDELITY, stats);
  let boundPort = options.port;

  async function handle(req: IncomingMessage, requestId: string): Promise<Reply | undefined> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const segments = decodeSegments(url.pathname);
    if (!segments) return errorReply(400, 'BadRequest', 'The request path is not valid percent-encoding.');
    const request = (body: unknown): EmulatorRequest => ({
      method,
      segments,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      baseUrl: `http://${req.headers.host ?? `${options.host}:${boundPort}`}`,
    });

    if (segments[0] === '_emulator') {
      if (!isLoopbackAddress(req.socket.remoteAddress)) return errorReply(403, 'Forbidden', 'The control API answers loopback clients only.');
      const match = controlRouter.match(method, segments);
      if (!match) return errorReply(404, 'NotFound', `No control route ${method} ${url.pathname}.`);
      if (!match.found) return errorReply(405, 'MethodNotAllowed', `Use ${match.allowed.join(' or ')} on ${url.pathname}.`);
      return match.handler({ req: request(await readBody(req)), faults, stats, roles, tokens, store, dataDir: options.dataDir }, match.params);
    }

    const api: ApiKind = segments[0]?.toLowerCase() === 'v1' ? 'query' : 'arm';
    const armMatch = api === 'arm' ? armRouter.match(method, segments) : undefined;
    const queryMatch = api === 'query' ? queryRouter.match(method, segments) : undefined;
    stats.record(method, (armMatch ?? queryMatch)?.kind ?? 'unknown');

    const fault = faults.take(method, url.pathname, api);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.reset) {
      req.socket.destroy();
      return undefined;
    }
    if (fault?.status !== undefined) return injectedFault({ ...fault, status: fault.status });

    const token = bearerToken(req.headers.authorization);
    if (!token) return unauthenticated(api);
    const base = request(undefined).baseUrl;
    const checked = tokens.check(token, [...(api === 'query' ? QUERY_AUDIENCES : ARM_AUDIENCES), base, `${base}/`]);
    if (!checked.ok) return tokenRefusal(api, checked.failure, tokens.tenantId, requestId);
    const actor = callerFromToken(token);
    const body = await readBody(req);

    if (api === 'query') {
      if (!queryMatch) throw new QueryApiError(404, 'PathNotFoundError', `The requested path ${url.pathname} does not exist.`);
      if (!queryMatch.found) throw new QueryApiError(405, 'MethodNotAllowed', `Use ${queryMatch.allowed.join(' or ')} on ${url.pathname}.`);
      if (!roles.roleOf(actor.objectId)) return queryForbidden(requestId);
      const handler = queryMatch.handler;
      const params = queryMatch.params;
      return await queries.handle({ req: request(body), store, now, oracle }, actor.objectId ?? actor.name, (ctx) => handler(ctx, params));
    }
    if (armMatch?.found) roles.authorize(actor, method, segments, url.pathname);
    if (fault?.conflict && armMatch?.found) concurrentWriter(armMatch.params);
    const answer = await handleArm({ req: request(body), store, actor, directory: DEMO_DIRECTORY }, armMatch);
    if (fault?.dropResponse) {
      req.socket.destroy();
      return undefined;
    }
    return answer;
  }

  /** Fault injection: the resource the request addresses gets a new etag first. */
  function concurrentWriter(params: Params): void {
    const { incidentId, taskId, commentId } = params;
    if (!incidentId) return;
    if (taskId) store.simulateConcurrentWrite(incidentId, { kind: 'task', name: taskId });
    else if (commentId) store.simulateConcurrentWrite(incidentId, { kind: 'comment', name: commentId });
    else store.simulateConcurrentWrite(incidentId);
  }

  function failure(err: unknown, requestId: string): Reply {
    if (err instanceof ArmError) return errorReply(err.status, err.code, err.message, err.headers);
    if (err instanceof QueryApiError) return reply(err.status, err.toBody(requestId), err.headers);
    if (err instanceof RequestBodyError) return errorReply(err.status, err.code, err.message, err.status === 413 ? { Connection: 'close' } : {});
    logger.error({ err }, 'emulator request failed');
    return errorReply(500, 'InternalServerError', 'The Sentinel emulator failed to process the request; see its log.');
  }

  const server = http.createServer((req, res) => {
    const requestId = randomUUID();
    const started = Date.now();
    handle(req, requestId)
      .catch((err: unknown) => failure(err, requestId))
      .then((answer) => {
        if (!answer || res.headersSent || res.destroyed) return;
        send(res, answer, requestId);
        logger.debug({ method: req.method, path: req.url?.split('?')[0], status: answer.status, ms: Date.now() - started }, 'emulator request');
      })
      .catch((err: unknown) => logger.error({ err }, 'emulator could not answer'));
  });
  server.keepAliveTimeout = 5000;

  return {
    faults,
    stats,
    roles,
    tokens,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          boundPort = (server.address() as AddressInfo).port;
          const host = options.host.includes(':') ? `[${options.host}]` : options.host;
          resolve({ url: `http://${host}:${boundPort}`, port: boundPort });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
