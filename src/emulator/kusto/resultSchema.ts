/**
 * Holds the engine's answer to the result schema Kusto's binder computes for the query:
 * column names, types and order. Where the binder cannot know a column's type (`unknown`,
 * e.g. a bag_unpack column) the engine's type, taken from the data, stands; where the
 * binder's table is open (its columns depend on the data) columns the engine found in the
 * data are kept in the engine's order. Anything else that differs is the engine's
 * shortcoming and is reported, so the emulator refuses instead of answering differently.
 */
import { castElement } from '../kql/expand';
import type { ColumnSchema, KqlType, ResultTable } from '../kql/types';
import { toWireCell } from '../kql/wire';
import type { KustoAnalysis, KustoColumn } from './oracle';

export type Conformed = { ok: true; table: ResultTable } | { ok: false; detail: string };

const INTEGERS = new Set<string>(['int', 'long']);

/** The engine's type may stand for the binder's: the same type, or int for long (both integers on the wire). */
function sameOnTheWire(engine: KqlType, kusto: string): boolean {
  return engine === kusto || (INTEGERS.has(engine) && INTEGERS.has(kusto));
}

const SCALARS = new Set<string>(['bool', 'datetime', 'int', 'long', 'real', 'string', 'timespan', 'decimal', 'guid']);

/**
 * A column the engine typed from data (string or dynamic) where the binder knows the type,
 * e.g. `column_ifexists("lastModifiedTimeUtc", datetime(null))` over a bag_unpack column:
 * its cells are converted as Kusto's result type says, as a cast would.
 */
function convertible(engine: KqlType, kusto: string): boolean {
  return (engine === 'dynamic' || engine === 'string') && (SCALARS.has(kusto) || kusto === 'dynamic');
}

function convertCell(cell: unknown, from: KqlType, to: KqlType): unknown {
  if (cell === null || cell === undefined) return null;
  if (to === 'dynamic') return from === 'dynamic' ? cell : JSON.stringify(cell);
  const value = from === 'dynamic' && typeof cell === 'string' ? (JSON.parse(cell) as unknown) : cell;
  return toWireCell(castElement(value as never, to), to);
}

function typeFor(engine: ColumnSchema, kusto: KustoColumn): KqlType {
  return kusto.type === 'unknown' ? engine.type : (kusto.type as KqlType);
}

export function conformToKusto(table: ResultTable, analysis: KustoAnalysis): Conformed {
  const expected = analysis.columns;
  if (!expected) return { ok: true, table };
  const index = new Map<string, number>();
  table.columns.forEach((c, i) => {
    if (!index.has(c.name)) index.set(c.name, i);
  });
  for (const k of expected) {
    const i = index.get(k.name);
    if (i === undefined) {
      return { ok: false, detail: `the column '${k.name}' that Kusto's binder expects in this query's result (the engine produced ${list(table.columns)})` };
    }
    const engine = table.columns[i]!;
    if (k.type !== 'unknown' && !sameOnTheWire(engine.type, k.type) && !convertible(engine.type, k.type)) {
      return { ok: false, detail: `the column '${k.name}' typed ${k.type} as Kusto computes it (the engine's evaluation gives ${engine.type})` };
    }
  }
  const known = new Map(expected.map((k) => [k.name, k]));
  const expectedNames = new Set(expected.map((k) => k.name));
  let order: number[];
  if (analysis.open) {
    // Data-dependent columns: the engine's order, the binder's types where it knows them.
    order = table.columns.map((_, i) => i);
  } else {
    const extra = table.columns.filter((c) => !expectedNames.has(c.name));
    if (extra.length > 0) {
      return { ok: false, detail: `the result columns Kusto computes for this query (the engine also produced ${list(extra)})` };
    }
    order = expected.map((k) => index.get(k.name)!);
  }
  const columns = order.map((i) => {
    const c = table.columns[i]!;
    const k = known.get(c.name);
    return k ? { name: c.name, type: typeFor(c, k) } : c;
  });
  const casts = order.map((i, j) => (table.columns[i]!.type !== columns[j]!.type && !sameOnTheWire(table.columns[i]!.type, columns[j]!.type) ? j : -1)).filter((j) => j >= 0);
  const identity = order.length === table.columns.length && order.every((i, j) => i === j);
  if (identity && casts.length === 0) return { ok: true, table: { ...table, columns } };
  const rows = table.rows.map((r) => {
    const out = identity ? [...r] : order.map((i) => r[i]);
    for (const j of casts) out[j] = convertCell(out[j], table.columns[order[j]!]!.type, columns[j]!.type);
    return out;
  });
  return { ok: true, table: { ...table, columns, rows } };
}

function list(columns: ReadonlyArray<{ name: string }>): string {
  return columns.length === 0 ? 'no columns' : columns.map((c) => `'${c.name}'`).join(', ');
}
