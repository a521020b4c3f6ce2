/**
 * The Log Analytics query API (v1): `POST /v1/workspaces/{workspaceId}/query` with
 * `{query, timespan}`, or GET with `?query=&timespan=`, answered by the KQL engine over the
 * SecurityIncident table. `timespan` bounds TimeGenerated.
 */
import { Router } from '../http/router';
import { reply, type EmulatorRequest } from '../http/types';
import { executeQuery, KqlError, parseTimespan } from '../kql';
import type { KqlCatalog, QueryOptions } from '../kql/types';
import type { WorkspaceStore } from '../store/workspaceStore';
import { badArgument, QueryApiError } from './queryErrors';

export interface QueryContext {
  req: EmulatorRequest;
  store: WorkspaceStore;
  now: () => Date;
  /**
   * Records written after this instant (epoch ms) are not ingested yet: Log Analytics makes
   * a record queryable only some time after the change. Undefined: everything is visible.
   */
  ingestedUntilMs?: number;
}

/** Longer queries are refused before parsing: nobody types them, and the engine stays quick. */
const QUERY_MAX_CHARS = 100_000;

export function requestFields(req: EmulatorRequest): { query: unknown; timespan: unknown } {
  if (req.method === 'GET') return { query: req.query.get('query') ?? undefined, timespan: req.query.get('timespan') ?? undefined };
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw badArgument('QueryValidationError', 'The request body must be a JSON object with a "query" property.');
  }
  const body = req.body as Record<string, unknown>;
  return { query: body.query, timespan: body.timespan };
}

function fromKqlError(err: KqlError): QueryApiError {
  return badArgument(err.kind, err.message);
}

export function runQuery(ctx: QueryContext, workspaceId: string): ReturnType<typeof reply> {
  const { req, store } = ctx;
  if (workspaceId.toLowerCase() !== store.workspace.logAnalyticsWorkspaceId.toLowerCase()) {
    throw new QueryApiError(404, 'WorkspaceNotFoundError', `The workspace ${workspaceId} could not be found.`);
  }
  const { query, timespan } = requestFields(req);
  if (typeof query !== 'string' || query.trim() === '') throw badArgument('QueryValidationError', 'A query is required ("query" is missing or empty).');
  if (query.length > QUERY_MAX_CHARS) throw badArgument('QueryValidationError', `The query is longer than ${QUERY_MAX_CHARS} characters.`);
  if (timespan !== undefined && timespan !== null && typeof timespan !== 'string') throw badArgument('QueryValidationError', '"timespan" must be an ISO 8601 duration or interval.');
  const now = ctx.now();
  const catalog: KqlCatalog = { getTable: (name) => (name === store.auditTable.name ? store.auditTable : undefined) };
  try {
    const options: QueryOptions = { now };
    if (typeof timespan === 'string' && timespan.trim() !== '') options.timespan = parseTimespan(timespan.trim(), now);
    if (ctx.ingestedUntilMs !== undefined) options.timespan = notIngested(options.timespan, ctx.ingestedUntilMs);
    return reply(200, executeQuery(query, catalog, options));
  } catch (err) {
    if (err instanceof KqlError) throw fromKqlError(err);
    throw err;
  }
}

/** The request's time bound cut at what is ingested (an empty interval when nothing is). */
function notIngested(timespan: QueryOptions['timespan'], ingestedUntilMs: number): NonNullable<QueryOptions['timespan']> {
  const fromMs = timespan?.fromMs ?? Number.NEGATIVE_INFINITY;
  const toMs = Math.min(timespan?.toMs ?? Number.POSITIVE_INFINITY, ingestedUntilMs);
  return { fromMs: Math.min(fromMs, toMs), toMs: fromMs > toMs ? fromMs - 1 : toMs };
}

export function createQueryRouter(): Router<QueryContext> {
  const path = '/v1/workspaces/{workspaceId}/query';
  return new Router<QueryContext>()
    .add('POST', path, 'query', (ctx, { workspaceId }) => runQuery(ctx, workspaceId!))
    .add('GET', path, 'query', (ctx, { workspaceId }) => runQuery(ctx, workspaceId!));
}
