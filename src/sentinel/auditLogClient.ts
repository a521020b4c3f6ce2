/**
 * The SecurityIncident audit table through the Log Analytics query API (v1, 2022-10-27):
 * `POST {endpoint}/v1/workspaces/{workspaceId}/query` with `{ query, timespan }`. Every
 * query is bounded in time; a 400 from the service is an INVALID_QUERY.
 */
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import { logAnalyticsScope } from './credentials';
import { SentinelError } from './errors';
import { AzureHttpClient, type HttpStats, type WorkspaceClientOptions } from './httpClient';
import { parseTable, type QueryTable, type WireTable } from './queryTable';

export { parseCell, type QueryColumn, type QueryTable } from './queryTable';

export type AuditLogClientOptions = WorkspaceClientOptions;

export interface QueryOptions {
  /** ISO 8601 duration (`P90D`, `PT12H`) or interval (`2026-01-01T00:00:00Z/P1D`, `start/end`). */
  timespan: string;
}

interface QueryResults {
  tables?: WireTable[];
  error?: { code?: unknown; message?: unknown };
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

export class AuditLogClient {
  private readonly http: AzureHttpClient;
  private readonly path: string;
  private readonly logger: Logger;

  constructor({ workspace: w, ...options }: AuditLogClientOptions) {
    this.path = `/v1/workspaces/${encodeURIComponent(w.logAnalyticsWorkspaceId)}/query`;
    this.logger = options.logger ?? silentLogger;
    this.http = new AzureHttpClient({ ...options, baseUrl: w.logAnalyticsEndpoint, scope: logAnalyticsScope(w), api: 'query' });
  }

  stats(): HttpStats {
    return this.http.stats();
  }

  /** Runs a query bounded by `timespan` and returns its first table (PrimaryResult). */
  async query(kql: string, options: QueryOptions): Promise<QueryTable> {
    if (typeof kql !== 'string' || kql.trim() === '') throw new SentinelError('INVALID_QUERY', 'the query is empty');
    const timespan = options?.timespan;
    if (typeof timespan !== 'string' || !isTimespan(timespan)) {
      throw new SentinelError('INVALID_QUERY', 'every query needs a timespan (ISO 8601 duration or interval)');
    }
    const res = await this.http.request<QueryResults>({ method: 'POST', url: this.path, data: { query: kql, timespan } }).catch((err: unknown) => {
      if (err instanceof SentinelError && err.code === 'INVALID_QUERY') {
        // The innermost detail (SEM0100 and its message) is what tells an operator which part of the query is wrong.
        this.logger.warn(
          { serviceCode: err.serviceCode, detailCode: err.serviceDetailCode, detail: err.serviceMessage, requestId: err.requestId },
          'Log Analytics refused a query',
        );
      }
      throw err;
    });
    const body: QueryResults = typeof res.data === 'object' && res.data !== null ? res.data : {};
    if (body.error) {
      // Partial results: the tables are usable, but an operator should know some data is missing.
      this.logger.warn({ serviceCode: typeof body.error.code === 'string' ? body.error.code : undefined }, 'query returned partial results');
    }
    return parseTable(body.tables?.[0]);
  }
}
