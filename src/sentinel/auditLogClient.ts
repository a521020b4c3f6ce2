/**
 * The SecurityIncident audit table through the Log Analytics query API (v1). Cells are
 * normalized: dynamic values arrive as JSON text and are parsed; numbers and booleans
 * may arrive as text (older responses) and are converted.
 */
import type { TokenCredential } from '@azure/identity';
import type { WorkspaceConfig } from '../config';
import type { Logger } from '../logging';
import { AzureHttpClient, type HttpOptions, type HttpStats } from './azureHttpClient';
import { scopeFor } from './credentials';
import { SentinelError } from './errors';

export interface QueryTable {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
}

interface QueryResponse {
  tables?: Array<{ name: string; columns: { name: string; type: string }[]; rows: unknown[][] }>;
}

export interface AuditLogClientOptions {
  workspace: WorkspaceConfig;
  credential: TokenCredential;
  http: HttpOptions;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export function parseCell(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'dynamic':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    case 'int':
    case 'long':
    case 'real':
    case 'decimal': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isNaN(n) ? null : n;
    }
    case 'bool':
      return typeof value === 'boolean' ? value : value === 'true' || value === 'True' || value === 1;
    default:
      return value;
  }
}

export class AuditLogClient {
  private readonly http: AzureHttpClient;
  private readonly path: string;

  constructor(options: AuditLogClientOptions) {
    const w = options.workspace;
    this.path = `/v1/workspaces/${encodeURIComponent(w.logAnalyticsWorkspaceId)}/query`;
    this.http = new AzureHttpClient({
      baseUrl: w.logAnalyticsEndpoint,
      credential: options.credential,
      scope: scopeFor(w.logAnalyticsEndpoint),
      api: 'query',
      http: options.http,
      logger: options.logger,
      sleep: options.sleep,
      random: options.random,
    });
  }

  stats(): HttpStats {
    return this.http.stats();
  }

  /** Runs a query bounded by `timespan` (ISO 8601 duration or interval) and returns the first table. */
  async query(kql: string, options: { timespan: string }): Promise<QueryTable> {
    if (!options.timespan) throw new SentinelError('INVALID_QUERY', 'every query needs a timespan');
    const res = await this.http.request<QueryResponse>({ method: 'POST', url: this.path, data: { query: kql, timespan: options.timespan } });
    const table = res.data.tables?.[0];
    if (!table) return { columns: [], rows: [] };
    const rows = table.rows.map((row) => {
      const out: Record<string, unknown> = {};
      table.columns.forEach((c, i) => {
        out[c.name] = parseCell(row[i], c.type);
      });
      return out;
    });
    return { columns: table.columns, rows };
  }
}
