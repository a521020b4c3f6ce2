/** `mv-expand` (one row per array element) and `evaluate bag_unpack` (one column per bag key). */
import type { Expr, MvExpandItem } from './ast';
import { bindExpr, deriveName } from './binder';
import { coerceDynamic, family } from './compare';
import { columnIndex, type Row } from './compiled';
import { semanticError, SemCode } from './errors';
import { constantCount } from './operators';
import { lazy, scopeFor, type EvalContext, type RowSet } from './rowset';
import type { ColumnSchema, KqlType } from './types';
import { isPlainObject, parseDatetimeText, type Value } from './values';

/** Kusto: null gives one null element, [] and {} give none, a bag gives one single-key bag per key. */
function elementsOf(v: Value): Value[] {
  if (v === null || v === undefined) return [null];
  if (Array.isArray(v)) return v as Value[];
  if (isPlainObject(v)) return Object.entries(v).map(([k, x]) => ({ [k]: x }));
  return [v];
}

/** `to typeof(T)` casts without parsing: elements of another type become null. */
function castElement(v: Value, type: KqlType): Value {
  if (type === 'dynamic' || v === null) return v;
  if (type === 'datetime') return typeof v === 'string' ? (parseDatetimeText(v) ?? null) : null;
  const coerced = coerceDynamic(v, family(type));
  if (coerced === undefined) return null;
  if (family(type) === 'string' && typeof v !== 'string') return null;
  return coerced;
}

export function applyMvExpand(input: RowSet, items: MvExpandItem[], limitExpr: Expr | undefined, ctx: EvalContext): RowSet {
  const scope = scopeFor(input.columns, ctx);
  const columns = [...input.columns];
  const targets: Array<{ index: number; eval: (row: Row) => Value; type: KqlType }> = [];
  let unnamed = 0;
  for (const item of items) {
    const c = bindExpr(item.expr, scope);
    if (c.type !== 'dynamic') {
      throw semanticError(SemCode.badArguments, `'mv-expand' expects a dynamic array or property bag, got ${c.type}`);
    }
    const name = item.name ?? deriveName(item.expr) ?? `Column${++unnamed}`;
    const type = item.toType ?? 'dynamic';
    let index = columnIndex(columns, name);
    if (index >= 0) columns[index] = { name, type };
    else {
      index = columns.length;
      columns.push({ name, type });
    }
    targets.push({ index, eval: c.eval, type });
  }
  const limit = limitExpr === undefined ? Infinity : constantCount(limitExpr, ctx, 'mv-expand limit');
  return {
    columns,
    rows: lazy(function* () {
      for (const row of input.rows) {
        const lists = targets.map((t) => elementsOf(t.eval(row)));
        const n = Math.min(limit, Math.max(...lists.map((l) => l.length)));
        for (let i = 0; i < n; i++) {
          const out = row.slice();
          for (let j = 0; j < targets.length; j++) {
            const v = i < lists[j].length ? lists[j][i] : null;
            out[targets[j].index] = castElement(v ?? null, targets[j].type);
          }
          yield out;
        }
      }
    }),
  };
}

/**
 * The output schema depends on the data (the keys present in the bags), so this operator
 * reads its whole input before later operators can be bound.
 */
export function applyBagUnpack(input: RowSet, column: Expr, prefix: string | undefined, ctx: EvalContext): RowSet {
  if (column.kind !== 'column') {
    throw semanticError(SemCode.badArguments, "'bag_unpack' expects a column of type dynamic");
  }
  const bound = bindExpr(column, scopeFor(input.columns, ctx));
  const index = columnIndex(input.columns, column.name);
  if (bound.type !== 'dynamic' || index < 0) {
    throw semanticError(SemCode.badArguments, `'bag_unpack' expects a column of type dynamic, got ${bound.type}`);
  }
  const rows = [...input.rows];
  const keys = new Set<string>();
  for (const row of rows) {
    const v = row[index];
    if (isPlainObject(v)) for (const k of Object.keys(v)) keys.add(k);
  }
  const sortedKeys = [...keys].sort();
  const kept = input.columns.map((_, i) => i).filter((i) => i !== index);
  const columns: ColumnSchema[] = kept.map((i) => input.columns[i]);
  for (const k of sortedKeys) {
    const name = `${prefix ?? ''}${k}`;
    if (columnIndex(columns, name) >= 0) {
      throw semanticError(SemCode.duplicate, `'bag_unpack': the property '${k}' conflicts with the existing column '${name}'`);
    }
    columns.push({ name, type: 'dynamic' });
  }
  return {
    columns,
    rows: lazy(function* () {
      for (const row of rows) {
        const bag = row[index];
        const out: Row = kept.map((i) => row[i]);
        for (const k of sortedKeys) {
          const v = isPlainObject(bag) && Object.prototype.hasOwnProperty.call(bag, k) ? bag[k] : null;
          out.push(v ?? null);
        }
        yield out;
      }
    }),
  };
}
