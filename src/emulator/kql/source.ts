/**
 * Reading a table: converts storage rows to evaluation rows, bounds them by the request's
 * timespan, and pushes `where Col == literal` / `Col in (...)` on indexed columns down to
 * the table so it can look rows up instead of scanning.
 */
import type { Expr, TabularOp } from './ast';
import type { Row, ScalarBinding } from './compiled';
import { lazy, type RowSet } from './rowset';
import type { ColumnSchema, KqlTable, KqlType, ScanHint, StorageRow } from './types';
import { isNumericType, parseCanonicalDatetime, parseClockTimespan, parseDatetimeText, type Value } from './values';

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
}

export function scanTable(table: KqlTable, ops: TabularOp[], options: ScanOptions): RowSet {
  const columns: ColumnSchema[] = table.columns.map((c) => ({ name: c.name, type: c.type }));
  const names = columns.map((c) => c.name);
  const converters = columns.map((c) => converterFor(c.type));
  const hint: ScanHint = {};
  const equals = pushdownEquals(table, ops, options.scalars);
  if (equals.length > 0) hint.equals = equals;
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
        yield convertRow(stored, names, converters);
      }
    }),
  };
}

function convertRow(stored: StorageRow, names: string[], converters: Converter[]): Row {
  const row: Row = new Array<Value>(names.length);
  for (let i = 0; i < names.length; i++) row[i] = converters[i](stored[names[i]]);
  return row;
}

/** Conjuncts of the leading `where` operators, the only ones that see raw table rows. */
function leadingConjuncts(ops: TabularOp[]): Expr[] {
  const out: Expr[] = [];
  const split = (e: Expr): void => {
    if (e.kind === 'binary' && e.op === 'and') {
      split(e.left);
      split(e.right);
    } else out.push(e);
  };
  for (const op of ops) {
    if (op.op !== 'where') break;
    split(op.predicate);
  }
  return out;
}

function constantValue(e: Expr, scalars: ReadonlyMap<string, ScalarBinding>, isColumn: (n: string) => boolean): { type: KqlType; value: Value } | undefined {
  if (e.kind === 'literal') return { type: e.type, value: e.value };
  if (e.kind === 'column' && !isColumn(e.name)) return scalars.get(e.name);
  return undefined;
}

/** A value usable as an index key for a column of `type`, or undefined when the types differ. */
function keyFor(type: KqlType, c: { type: KqlType; value: Value }): string | number | undefined {
  if (isNumericType(type) && isNumericType(c.type) && typeof c.value === 'number' && Number.isInteger(c.value)) return c.value;
  if ((type === 'string' || type === 'guid') && (c.type === 'string' || c.type === 'guid') && typeof c.value === 'string') return c.value;
  return undefined;
}

type EqualsHint = { column: string; values: Array<string | number> };

function pushdownEquals(table: KqlTable, ops: TabularOp[], scalars: ReadonlyMap<string, ScalarBinding>): EqualsHint[] {
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  const isColumn = (n: string): boolean => types.has(n);
  const indexed = (e: Expr): string | undefined =>
    e.kind === 'column' && types.has(e.name) && table.indexedColumns.includes(e.name) ? e.name : undefined;
  const result: EqualsHint[] = [];
  for (const c of leadingConjuncts(ops)) {
    if (c.kind === 'binary' && c.op === '==') {
      const col = indexed(c.left) ?? indexed(c.right);
      const other = indexed(c.left) !== undefined ? c.right : c.left;
      const k = col === undefined ? undefined : constantValue(other, scalars, isColumn);
      const key = col === undefined || k === undefined ? undefined : keyFor(types.get(col) as KqlType, k);
      if (col !== undefined && key !== undefined) result.push({ column: col, values: [key] });
    } else if (c.kind === 'inList' && c.op === 'in') {
      const col = indexed(c.left);
      if (col === undefined) continue;
      const values: Array<string | number> = [];
      let ok = c.items.length > 0;
      for (const item of c.items) {
        const k = constantValue(item, scalars, isColumn);
        const key = k === undefined ? undefined : keyFor(types.get(col) as KqlType, k);
        if (key === undefined) ok = false;
        else values.push(key);
      }
      if (ok) result.push({ column: col, values });
    }
  }
  return result;
}
