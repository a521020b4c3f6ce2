/**
 * The query API's result limits: at most 500,000 rows and about 100 MB of results. Beyond
 * either, Log Analytics answers 200 with the rows that fit and an `error` next to the tables
 * (queryResults.error in the swagger): a partial result. Clients must not take it as
 * complete (@azure/monitor-query-logs turns it into a LogsQueryPartialResult).
 */
import type { QueryResult } from '../kql/types';

export interface ResultLimitSettings {
  maxRows: number;
  maxBytes: number;
}

export const SERVICE_RESULT_LIMITS: Readonly<ResultLimitSettings> = {
  maxRows: 500_000,
  // "~100 MiB" in the service limits.
  maxBytes: 104_857_600,
};

export interface PartialError {
  code: 'PartialError';
  message: string;
  details: Array<{ code: string; message: string; innererror: { code: string; message: string } }>;
}

function partialError(detail: string): PartialError {
  return {
    code: 'PartialError',
    message: 'There were some errors when processing your query.',
    details: [
      {
        code: 'EngineError',
        message: 'Something went wrong processing your query on the server.',
        innererror: { code: 'E_QUERY_RESULT_SET_TOO_LARGE', message: `${detail} (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)` },
      },
    ],
  };
}

/** Cuts a result to the limits. Returns the answer body, whether it was cut, and the rows' size in bytes. */
export function limitResult(result: QueryResult, limits: ResultLimitSettings): { body: QueryResult & { error?: PartialError }; partial: boolean; bytes: number } {
  let rowsLeft = limits.maxRows;
  let bytesLeft = limits.maxBytes;
  let cut: string | undefined;
  const tables = result.tables.map((table) => {
    if (cut) return { ...table, rows: [] };
    let keep = table.rows.length;
    if (keep > rowsLeft) {
      keep = rowsLeft;
      cut = `Query result set has exceeded the internal record count limit ${limits.maxRows}`;
    }
    for (let i = 0; i < keep; i++) {
      // +1 for the comma between rows.
      const size = Buffer.byteLength(JSON.stringify(table.rows[i])) + 1;
      if (size > bytesLeft) {
        keep = i;
        cut = `Query result set has exceeded the internal data size limit ${limits.maxBytes}`;
        break;
      }
      bytesLeft -= size;
    }
    rowsLeft -= keep;
    return keep === table.rows.length ? table : { ...table, rows: table.rows.slice(0, keep) };
  });
  const bytes = limits.maxBytes - bytesLeft;
  if (!cut) return { body: result, partial: false, bytes };
  return { body: { ...result, tables, error: partialError(cut) }, partial: true, bytes };
}
