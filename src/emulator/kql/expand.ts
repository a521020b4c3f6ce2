/** `mv-expand`: one row per array element (or per property of a bag). */
import type { Expr, MvExpandItem } from './ast';
import { bindExpr, deriveName } from './binder';
import { coerceDynamic, family } from './compare';
import { columnIndex, type Row } from './compiled';
import { semanticError, SemCode } from './errors';
import { constantCount } from './operators';
import { lazy, scopeFor, type EvalContext, type RowSet } from './rowset';
import type { KqlType } from './types';
import { isPlainObject, parseDatetimeText, type Value } from './values';

/** Kusto: null gives one null element, [] and {} give none, a bag gives one single-key bag per key. */
function elementsOf(v: Value): Value[] {
  if (v === null || v === undefined) return [null];
  if (Array.isArray(v)) return v as Value[];
  if (isPlainObject(v)) return Object.entries(v).map(([k, x]) => ({ [k]: x }));
  return [v];
}

/** `to typeof(T)` casts without parsing: elements of another type become null. */
export function castElement(v: Value, type: KqlType): Value {
  if (type === 'dynamic' || v === null) return v;
  if (type === 'datetime') return typeof v === 'string' ? (parseDatetimeText(v) ?? null) : null;
  const coerced = coerceDynamic(v, family(type));
  if (coerced === undefined) return null;
  if (family(type) === 'string' && typeof v !== 'string') return null;
  return coerced;
}

export function applyMvExpand(input: RowSet, items: MvExpandItem[], limitExpr: Expr | undefined, ctx: EvalContext, itemIndex?: string): RowSet {
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
  let indexColumn = -1;
  if (itemIndex !== undefined) {
    indexColumn = columnIndex(columns, itemIndex);
    if (indexColumn >= 0) columns[indexColumn] = { name: itemIndex, type: 'long' };
    else {
      indexColumn = columns.length;
      columns.push({ name: itemIndex, type: 'long' });
    }
  }
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
          if (indexColumn >= 0) out[indexColumn] = i;
          yield out;
        }
      }
    }),
  };
}
