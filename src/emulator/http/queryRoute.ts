/**
 * The Log Analytics query API (v1): POST /v1/workspaces/{id}/query {query, timespan}, or
 * GET with ?query=&timespan=. Errors use the query API's errorResponse shape.
 */
import { executeQuery, KqlError, parseTimespan } from '../kql';
import type { KqlCatalog } from '../kql/types';
import { EmulatorError } from '../errors';
import type { WorkspaceStore } from '../store/workspaceStore';
import { SECURITY_INCIDENT_TABLE } from '../audit/schema';
import { json, type EmulatorRequest, type EmulatorResponse } from './types';

const QUERY_MAX = 100_000;

export function queryError(status: number, code: string, message: string, inner?: { code: string; message: string; innererror?: { code: string; message: string } }): EmulatorResponse {
  return json(status, { error: { message, code, ...(inner ? { innererror: inner } : {}) } });
}

export function handleQuery(req: EmulatorRequest, workspaceId: string, store: WorkspaceStore, now: () => Date): EmulatorResponse {
  if (workspaceId.toLowerCase() !== store.workspace.logAnalyticsWorkspaceId.toLowerCase()) {
    return queryError(404, 'WorkspaceNotFoundError', `The workspace ${workspaceId} could not be found`);
  }
  if (req.method !== 'POST' && req.method !== 'GET') throw new EmulatorError(405, 'MethodNotAllowed', 'Use GET or POST.');
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  const query = req.method === 'GET' ? req.query.get('query') : body.query;
  const timespan = req.method === 'GET' ? req.query.get('timespan') : body.timespan;
  if (typeof query !== 'string' || query.trim() === '') {
    return queryError(400, 'BadArgumentError', 'The request had some invalid properties', { code: 'QueryValidationError', message: 'A query is required.' });
  }
  if (query.length > QUERY_MAX) {
    return queryError(400, 'BadArgumentError', 'The request had some invalid properties', { code: 'QueryValidationError', message: `The query is longer than ${QUERY_MAX} characters.` });
  }
  const at = now();
  const catalog: KqlCatalog = { getTable: (name) => (name === SECURITY_INCIDENT_TABLE ? store.auditTable : undefined) };
  try {
    const range = typeof timespan === 'string' && timespan !== '' ? parseTimespan(timespan, at) : undefined;
    return json(200, executeQuery(query, catalog, { now: at, timespan: range }));
  } catch (err: unknown) {
    if (!(err instanceof KqlError)) throw err;
    return queryError(400, 'BadArgumentError', 'The request had some invalid properties', {
      code: err.kind,
      message: err.kind === 'SyntaxError' ? 'A recognition error occurred in the query.' : err.kind === 'SemanticError' ? 'A semantic error occurred.' : 'The query uses something the Sentinel emulator does not support.',
      innererror: { code: err.code, message: err.message },
    });
  }
}
