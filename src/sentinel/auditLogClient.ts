/**
 * The SecurityIncident audit table through the Log Analytics query API (v1, 2022-10-27):
 * `POST {endpoint}/v1/workspaces/{workspaceId}/query` with `{ query, timespan }`. Every
 * query is bounded in time; a 400 from the service is an INVALID_QUERY.
 *
 * Identical queries in flight at the same time are sent once and share the answer: the
 * service counts every request against the caller's limits (200 per 30 s, 5 at once), and a
 * busy channel asks the same question many times. A partial answer (the service stopped at
 * its row or size limit and said so next to the tables) is never returned as complete.
 */
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import { logAnalyticsScope } from '../azure/credentials';
import { AzureError } from '../azure/errors';
import { AzureHttpClient, type HttpStats } from '../azure/httpClient';
import type { WorkspaceClientOptions } from './clientOptions';
import { parseTable, type QueryTable, type WireTable } from './queryTable';

export { parseCell, type QueryColumn, type QueryTable } from './queryTable';

export type AuditLogClientOptions = WorkspaceClientOptions;

export interface QueryOptions {
  /** ISO 8601 duration (`P90D`, `PT12H`) or interval (`2026-01-01T00:00:00Z/P1D`, `start/end`). */
  timespan: string;
  /**
   * Skip the service's result cache (`Cache-Control: no-cache`): the service keeps an answer
   * for 2 minutes per query, timespan and caller, so without this a change made within that
   * time may not show even once it is ingested.
   */
  fresh?: boolean;
}

/** What the service said about the part it could not return. */
export interface QueryPartialError {
  code: string;
  message: string;
  /** The innermost detail (e.g. the engine's limit message), for logs. */
  detail?: string;
}

/** The answer of one query, complete or not (the shape of @azure/monitor-query-logs' results). */
export type QueryOutcome =
  | { status: 'Success'; table: QueryTable }
  | { status: 'PartialFailure'; partialTable: QueryTable; partialError: QueryPartialError };

interface WireError {
  code?: unknown;
  message?: unknown;
  details?: unknown;
  innererror?: unknown;
}

interface QueryResults {
  tables?: WireTable[];
  error?: WireError;
}

const DURATION = /^-?P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isTimespan(value: string): boolean {
  const parts = value.split('/');
  if (parts.length === 1) return DURATION.test(value);
  if (parts.length !== 2) return false;
  const [a = '', b = ''] = parts;
  return (INSTANT.test(a) && (INSTANT.test(b) || DURATION.test(b))) || (DURATION.test(a) && INSTANT.test(b));
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The deepest message of an error (innererror chains and the first detail), for a log line. */
function innermost(error: WireError): string | undefined {
  let found: string | undefined;
  let node: unknown = error;
  for (let depth = 0; depth < 10 && typeof node === 'object' && node !== null; depth++) {
    const e = node as WireError;
    found = text(e.message) ?? found;
    const detail = Array.isArray(e.details) ? (e.details[0] as unknown) : undefined;
    node = e.innererror ?? detail;
  }
  return found;
}

export class AuditLogClient {
  private readonly http: AzureHttpClient;
  private readonly path: string;
  private readonly logger: Logger;
  private readonly inFlight = new Map<string, Promise<QueryOutcome>>();
  private shared = 0;

  constructor({ workspace: w, ...options }: AuditLogClientOptions) {
    this.path = `/v1/workspaces/${encodeURIComponent(w.logAnalyticsWorkspaceId)}/query`;
    this.logger = options.logger ?? silentLogger;
    this.http = new AzureHttpClient({ ...options, baseUrl: w.logAnalyticsEndpoint, scope: logAnalyticsScope(w), api: 'query', workspaceName: w.workspaceName });
  }

  /** HTTP figures, plus how many calls were answered by a query already in flight. */
  stats(): HttpStats & { sharedInFlight: number } {
    return { ...this.http.stats(), sharedInFlight: this.shared };
  }

  /**
   * Runs a query bounded by `timespan` and returns its first table (PrimaryResult). A
   * partial answer is a PARTIAL_RESULT error: callers that can use part of an answer, and
   * say so, call `queryWorkspace`.
   */
  async query(kql: string, options: QueryOptions): Promise<QueryTable> {
    const outcome = await this.queryWorkspace(kql, options);
    if (outcome.status === 'Success') return outcome.table;
    throw new AzureError('PARTIAL_RESULT', 'the query returned only part of its result', {
      statusCode: 200,
      serviceCode: outcome.partialError.code,
      serviceMessage: outcome.partialError.detail ?? outcome.partialError.message,
    });
  }

  /** Runs a query; a partial answer comes back as such, never as a complete one. */
  queryWorkspace(kql: string, options: QueryOptions): Promise<QueryOutcome> {
    if (typeof kql !== 'string' || kql.trim() === '') return Promise.reject(new AzureError('INVALID_QUERY', 'the query is empty'));
    const timespan = options?.timespan;
    if (typeof timespan !== 'string' || !isTimespan(timespan)) {
      return Promise.reject(new AzureError('INVALID_QUERY', 'every query needs a timespan (ISO 8601 duration or interval)'));
    }
    const fresh = options.fresh === true;
    const key = JSON.stringify([kql, timespan, fresh]);
    const running = this.inFlight.get(key);
    if (running) {
      this.shared++;
      return running;
    }
    const started = this.send(kql, timespan, fresh).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  private async send(kql: string, timespan: string, fresh: boolean): Promise<QueryOutcome> {
    const headers = fresh ? { 'Cache-Control': 'no-cache' } : undefined;
    const res = await this.http.request<QueryResults>({ method: 'POST', url: this.path, data: { query: kql, timespan }, headers }).catch((err: unknown) => {
      if (err instanceof AzureError && err.code === 'INVALID_QUERY') {
        // The innermost detail (SEM0100 and its message) is what tells an operator which part of the query is wrong.
        this.logger.warn(
          { serviceCode: err.serviceCode, detailCode: err.serviceDetailCode, detail: err.serviceMessage, requestId: err.requestId },
          'Log Analytics refused a query',
        );
      }
      throw err;
    });
    const body: QueryResults = typeof res.data === 'object' && res.data !== null ? res.data : {};
    const table = parseTable(body.tables?.[0]);
    if (!body.error) return { status: 'Success', table };
    const partialError: QueryPartialError = {
      code: text(body.error.code) ?? 'PartialError',
      message: text(body.error.message) ?? 'The query returned partial results.',
      detail: innermost(body.error),
    };
    this.logger.warn({ serviceCode: partialError.code, detail: partialError.detail, rows: table.rows.length }, 'query returned partial results');
    return { status: 'PartialFailure', partialTable: table, partialError };
  }
}
