/**
 * The contract between the KQL engine and the tables it reads.
 *
 * The engine knows nothing about incidents or files: a table hands it rows in
 * "storage form" and may accept a pushed-down filter so that the common query
 * shape `T | where IncidentNumber == N | ...` reads a handful of rows instead of
 * scanning the whole table.
 */

/** Column types as the Log Analytics query API names them (swagger `logsColumnType`). */
export type KqlType =
  | 'bool'
  | 'datetime'
  | 'dynamic'
  | 'int'
  | 'long'
  | 'real'
  | 'string'
  | 'guid'
  | 'decimal'
  | 'timespan';

export interface ColumnSchema {
  name: string;
  type: KqlType;
}

/**
 * A row in storage form, keyed by column name:
 * - datetime: ISO 8601 string in UTC (e.g. "2026-11-20T09:15:00.000Z") or null
 * - int/long/real: number or null
 * - bool: boolean or null
 * - string/guid: string (a missing string is "" in Kusto; tables may also give null)
 * - dynamic: a JSON value of whatever kind (object, array, string, number, boolean) or null
 */
export type StorageRow = Readonly<Record<string, unknown>>;

/**
 * Filters the engine may push down to a table. Every constraint is conjunctive and
 * the table must return at least the rows that satisfy all of them (returning more
 * is allowed: the engine still evaluates the full `where`).
 */
export interface ScanHint {
  /** Only rows whose column value is one of these (only for columns in `indexedColumns`). */
  equals?: ReadonlyArray<{ column: string; values: ReadonlyArray<string | number> }>;
  /** Only rows whose `timeColumn` lies in [fromMs, toMs] (epoch milliseconds, inclusive). */
  timeRange?: { fromMs?: number; toMs?: number };
  /**
   * Only the latest rows per key are needed. Set when the query starts
   * `T [| where <keyColumn constraints>] | summarize arg_max(orderColumn, ...) by keyColumn`,
   * with `keyColumn` one of `indexedColumns` and `orderColumn` the table's `timeColumn`.
   * A table honouring it returns, for each value of `keyColumn`, at least every row whose
   * `orderColumn` equals the greatest value among the rows that satisfy the other
   * constraints (timeRange included), in scan order. Ignoring it is always correct.
   */
  latestBy?: { keyColumn: string; orderColumn: string };
}

export interface KqlTable {
  readonly name: string;
  readonly columns: ReadonlyArray<ColumnSchema>;
  /** Columns for which `ScanHint.equals` is honoured (looked up by index, not scanned). */
  readonly indexedColumns: ReadonlyArray<string>;
  /** The datetime column that `ScanHint.timeRange` and the request's `timespan` bound (TimeGenerated). */
  readonly timeColumn?: string;
  scan(hint: ScanHint): Iterable<StorageRow>;
}

export interface KqlCatalog {
  /** Table names are case-sensitive in KQL. */
  getTable(name: string): KqlTable | undefined;
}

export interface QueryOptions {
  /** The instant `now()` and `ago()` are evaluated against (fixed for the whole query). */
  now: Date;
  /** The request's `timespan` resolved to an interval; bounds every table's timeColumn. */
  timespan?: { fromMs: number; toMs: number };
}

/** One result table in the wire form of the query API (`queryResults.tables[i]`). */
export interface ResultTable {
  name: string;
  columns: ColumnSchema[];
  /**
   * Cells in wire form: datetime as ISO 8601 "Z" strings, dynamic as JSON-encoded strings,
   * numbers as numbers, bool as booleans, timespan as "d.hh:mm:ss.fffffff"-style strings, null for missing.
   */
  rows: unknown[][];
}

export interface QueryResult {
  tables: ResultTable[];
}
