/**
 * `mv-apply Item = Array [to typeof(T)] on (subquery)`: each input row is expanded as
 * mv-expand would, the subquery runs over that row's expansion, and its rows come out
 * alongside the row's other columns. The subquery is bound once, over a row set whose
 * rows are swapped for each input row.
 */
import type { Expr, MvExpandItem, TabularOp } from './ast';
import { columnIndex, type Row } from './compiled';
import { unsupported } from './errors';
import { applyMvExpand } from './expand';
import { lazy, type EvalContext, type RowSet } from './rowset';
import type { ColumnSchema } from './types';

export type RunOperators = (input: RowSet, ops: TabularOp[]) => RowSet;

export function applyMvApply(input: RowSet, items: MvExpandItem[], limit: Expr | undefined, subquery: TabularOp[], ctx: EvalContext, run: RunOperators, itemIndex?: string): RowSet {
  if (subquery.some((op) => op.op === 'bag_unpack' && op.schema === undefined)) {
    throw unsupported("'evaluate bag_unpack' without an output schema inside 'mv-apply'");
  }
  let current: Row[] = [];
  const one: RowSet = { columns: input.columns, rows: lazy(() => current[Symbol.iterator]()) };
  const expanded = applyMvExpand(one, items, limit, ctx, itemIndex);
  // The expanded columns are those mv-expand added or replaced.
  const itemNames = new Set(expanded.columns.slice(0).filter((c, i) => i >= input.columns.length || c !== input.columns[i]).map((c) => c.name));
  for (const item of items) if (item.name !== undefined) itemNames.add(item.name);
  const inner = run(expanded, subquery);
  const others = input.columns.map((c, i) => ({ c, i })).filter(({ c }) => !itemNames.has(c.name));
  const columns: ColumnSchema[] = [];
  // For each output column: take it from the subquery's row (>= 0) or from the input row (-1 - index).
  const sources: number[] = [];
  for (const { c, i } of others) {
    const j = columnIndex(inner.columns, c.name);
    columns.push(j >= 0 ? inner.columns[j] : c);
    sources.push(j >= 0 ? j : -1 - i);
  }
  inner.columns.forEach((c, j) => {
    if (columnIndex(columns, c.name) >= 0) return;
    columns.push(c);
    sources.push(j);
  });
  return {
    columns,
    rows: lazy(function* () {
      for (const row of input.rows) {
        current = [row];
        for (const sub of inner.rows) yield sources.map((s) => (s >= 0 ? sub[s] : row[-1 - s]));
      }
    }),
  };
}
