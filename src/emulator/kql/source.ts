/**
 * Reading a table: converts storage rows to evaluation rows, bounds them by the request's
 * timespan, and pushes `where Col == literal` / `Col in (...)` on indexed columns down to
 * the table so it can look rows up instead of scanning.
 */
import type { TabularOp } from './ast';
import { neededColumns } from './columnUsage';
import { latestByHint, pushdownEquals } from './pushdown';
import type { Row, ScalarBinding } from './compiled';
import { lazy, type RowSet } from './rowset';
import type { ColumnSchema, KqlTable, KqlType, ScanHint, StorageRow } from './types';
import { parseCanonicalDatetime, parseClockTimespan, parseDatetimeText, type Value } from './values';

type Converter = (v: unknown) => Value;

function toDatetimeMs(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const fast = parseCanonicalDatetime(v);
  if (!Number.isNaN(fast)) return fast;
  return parseDatetimeText(v) ?? null;
}

function converterFor(type: KqlType): Converter {
  switch (type) {
    case 'datetime':
      return toDatetimeMs;
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return (v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);
    case 'bool':
      return (v) => (typeof v === 'boolean' ? v : null);
    case 'string':
      // Kusto strings are never null: a missing string is empty.
      return (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
    case 'guid':
      return (v) => (typeof v === 'string' ? v : null);
    case 'timespan':
      return (v) => (typeof v === 'number' ? v : typeof v === 'string' ? (parseClockTimespan(v) ?? null) : null);
    case 'dynamic':
      return (v) => (v === undefined ? null : v);
  }
}

export interface ScanOptions {
  timespan?: { fromMs: number; toMs: number };
  scalars: ReadonlyMap<string, ScalarBinding>;
  /** Leave the columns no operator can observe unconverted (see columnUsage). */
  pruneColumns: boolean;
}

export function scanTable(table: KqlTable, ops: TabularOp[], options: ScanOptions): RowSet {
  const columns: ColumnSchema[] = table.columns.map((c) => ({ name: c.name, type: c.type }));
  const needed = options.pruneColumns ? neededColumns(ops) : undefined;
  // Unneeded cells stay undefined: cheaper than converting, and nothing reads them.
  const wanted = columns.map((c, i) => ({ i, c })).filter(({ c }) => needed === undefined || needed.has(c.name));
  const indexes = wanted.map((w) => w.i);
  const names = wanted.map((w) => w.c.name);
  const converters = wanted.map((w) => converterFor(w.c.type));
  const width = columns.length;
  const hint: ScanHint = {};
  const equals = pushdownEquals(table, ops, options.scalars);
  if (equals.length > 0) hint.equals = equals;
  const latest = latestByHint(table, ops, equals);
  if (latest !== undefined) hint.latestBy = latest;
  const range = options.timespan;
  const timeColumn = table.timeColumn;
  if (range) hint.timeRange = { fromMs: range.fromMs, toMs: range.toMs };
  return {
    columns,
    rows: lazy(function* () {
      for (const stored of table.scan(hint)) {
        // The table may ignore the hint; the request's timespan is enforced here regardless.
        if (range && timeColumn !== undefined) {
          const t = toDatetimeMs(stored[timeColumn]);
          if (t === null || t < range.fromMs || t > range.toMs) continue;
        }
        yield convertRow(stored, width, indexes, names, converters);
      }
    }),
  };
}

function convertRow(stored: StorageRow, width: number, indexes: number[], names: string[], converters: Converter[]): Row {
  const row: Row = new Array<Value>(width);
  for (let i = 0; i < names.length; i++) row[indexes[i]] = converters[i](stored[names[i]]);
  return row;
}
