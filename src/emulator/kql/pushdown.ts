/**
 * Filters the engine hands down to a table (ScanHint): leading `where Col == literal` and
 * `Col in (literals)` on indexed columns, and "only the latest row per key" when the query
 * starts with `summarize arg_max(Time, *) by Key`. Tables may ignore any of them; the
 * engine's own evaluation keeps the answer right either way.
 */
import type { Expr, TabularOp } from './ast';
import type { ScalarBinding } from './compiled';
import type { KqlTable, KqlType } from './types';
import { numberFromText } from './compare';
import { isNumericType, type Value } from './values';

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
  if (isNumericType(type) && c.type === 'string') {
    // `IncidentNumber == "405211"`: Kusto compares as numbers (see compileNumberStringEquality).
    const n = numberFromText(c.value);
    return n !== null && Number.isInteger(n) ? n : undefined;
  }
  if ((type === 'string' || type === 'guid') && (c.type === 'string' || c.type === 'guid') && typeof c.value === 'string') return c.value;
  return undefined;
}

export type EqualsHint = { column: string; values: Array<string | number> };

export function pushdownEquals(table: KqlTable, ops: TabularOp[], scalars: ReadonlyMap<string, ScalarBinding>): EqualsHint[] {
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

/**
 * `summarize arg_max(Col, ...) by Key` only looks at the latest rows of each key. Leading
 * `where`s keep that true only when they constrain nothing but Key (a filter on Key removes
 * whole groups), so every conjunct before the summarize must be a pushed-down Key filter.
 */
export function latestByHint(table: KqlTable, ops: TabularOp[], equals: ReadonlyArray<EqualsHint>): { keyColumn: string; orderColumn: string } | undefined {
  const first = ops.findIndex((op) => op.op !== 'where');
  const op = first < 0 ? undefined : ops[first];
  if (op === undefined || op.op !== 'summarize' || op.aggregates.length !== 1 || op.by.length !== 1) return undefined;
  const agg = op.aggregates[0].expr;
  const key = op.by[0].expr;
  if (agg.kind !== 'call' || agg.name !== 'arg_max' || agg.args.length < 2 || key.kind !== 'column') return undefined;
  const order = agg.args[0];
  // Kept to what an index answers cheaply: the latest records by time of an indexed key.
  if (order.kind !== 'column' || order.name !== table.timeColumn || !table.indexedColumns.includes(key.name)) return undefined;
  const conjuncts = leadingConjuncts(ops.slice(0, first));
  if (conjuncts.length !== equals.length || equals.some((e) => e.column !== key.name)) return undefined;
  return { keyColumn: key.name, orderColumn: order.name };
}
