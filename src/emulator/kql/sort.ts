/** `sort by` / `order by` and `top`: the only operators that must see every row before emitting. */
import type { SortKey } from './ast';
import { bindExpr } from './binder';
import { comparatorFor } from './compare';
import type { Row } from './compiled';
import { lazy, scopeFor, type EvalContext, type RowSet } from './rowset';
import type { Value } from './values';

type RowComparator = (a: { keys: Value[] }, b: { keys: Value[] }) => number;

function buildComparator(input: RowSet, keys: SortKey[], ctx: EvalContext): { evals: Array<(row: Row) => Value>; compare: RowComparator } {
  const scope = scopeFor(input.columns, ctx);
  const bound = keys.map((k) => {
    const c = bindExpr(k.expr, scope);
    return {
      eval: c.eval,
      cmp: comparatorFor(c.type),
      sign: k.desc ? -1 : 1,
      // Kusto's default: nulls last when descending, first when ascending.
      nullsFirst: k.nullsFirst ?? !k.desc,
    };
  });
  const compare: RowComparator = (a, b) => {
    for (let i = 0; i < bound.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      const k = bound[i];
      const xNull = x === null || x === undefined;
      const yNull = y === null || y === undefined;
      if (xNull || yNull) {
        if (xNull && yNull) continue;
        return xNull === k.nullsFirst ? -1 : 1;
      }
      const c = k.cmp(x, y);
      if (c !== 0) return c * k.sign;
    }
    return 0;
  };
  return { evals: bound.map((b) => b.eval), compare };
}

/** Sorted rows, with the sort keys computed once per row; Array.prototype.sort is stable. */
function sortedRows(input: RowSet, keys: SortKey[], ctx: EvalContext): () => Row[] {
  const { evals, compare } = buildComparator(input, keys, ctx);
  return () => {
    const decorated: Array<{ row: Row; keys: Value[] }> = [];
    for (const row of input.rows) decorated.push({ row, keys: evals.map((e) => e(row)) });
    decorated.sort(compare);
    return decorated.map((d) => d.row);
  };
}

export function applySort(input: RowSet, keys: SortKey[], ctx: EvalContext): RowSet {
  const run = sortedRows(input, keys, ctx);
  return {
    columns: input.columns,
    rows: lazy(function* () {
      yield* run();
    }),
  };
}

export function applyTop(input: RowSet, n: number, key: SortKey, ctx: EvalContext): RowSet {
  const run = sortedRows(input, [key], ctx);
  return {
    columns: input.columns,
    rows: lazy(function* () {
      yield* run().slice(0, n);
    }),
  };
}
