/** `percentile`, `percentiles` (nearest rank) and `make_bag`. */
import { arity, badArgs, outputName, requireBool, single, type AggregateBuilder, type BoundAggregate } from './aggregates';
import { bindExpr, deriveName } from './binder';
import { comparatorFor } from './compare';
import type { Compiled } from './compiled';
import type { Expr } from './ast';
import type { KqlType } from './types';
import { isNumericType, isPlainObject, toDynamic, type Value } from './values';

/** Kusto names `percentile(x, 99.5)` `percentile_x_99_5`. */
function percentName(p: number): string {
  return String(p).replace('.', '_');
}

function constantPercent(e: Expr, scope: Parameters<AggregateBuilder>[1], ctx: Parameters<AggregateBuilder>[2]): number {
  const c = bindExpr(e, scope);
  const v = c.eval([]);
  if (!c.constant || typeof v !== 'number' || !isNumericType(c.type) || v < 0 || v > 100) {
    throw badArgs(ctx, 'the percentile must be a constant number between 0 and 100');
  }
  return v;
}

function resultType(c: Compiled): KqlType {
  if (c.type === 'int' || c.type === 'long') return 'long';
  if (isNumericType(c.type)) return 'real';
  if (c.type === 'datetime' || c.type === 'timespan') return c.type;
  return 'dynamic';
}

/** The value at rank ceil(P/100 * N) of the sorted values (the smallest for P = 0). */
function nearestRank(sorted: Value[], p: number): Value {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

type Scope = Parameters<AggregateBuilder>[1];
type Context = Parameters<AggregateBuilder>[2];

/** The percentages of `percentiles_array(x, 50, 95)` or `percentiles_array(x, dynamic([50, 95]))`. */
function percentList(args: Expr[], scope: Scope, ctx: Context): number[] {
  if (args.length === 1) {
    const c = bindExpr(args[0], scope);
    const v = c.eval([]);
    if (c.constant && c.type === 'dynamic' && Array.isArray(v) && v.every((p) => typeof p === 'number' && p >= 0 && p <= 100)) return v as number[];
  }
  return args.map((a) => constantPercent(a, scope, ctx));
}

function percentileAggregate(args: Expr[], scope: Scope, ctx: Context, shape: 'one' | 'columns' | 'array'): BoundAggregate {
  arity(args, ctx, 2, shape === 'one' ? 2 : 64);
  const e = bindExpr(args[0], scope);
  if (!isNumericType(e.type) && e.type !== 'datetime' && e.type !== 'timespan') {
    throw badArgs(ctx, `expects a number, datetime or timespan, got ${e.type}`);
  }
  const ps = shape === 'array' ? percentList(args.slice(1), scope, ctx) : args.slice(1).map((a) => constantPercent(a, scope, ctx));
  const type = shape === 'array' ? 'dynamic' : resultType(e);
  const base = outputName({ ...ctx, alias: undefined }, 'percentile', args[0]);
  const names =
    shape === 'array'
      ? [outputName(ctx, 'percentiles', args[0])]
      : ps.map((p) => (ctx.alias !== undefined && ps.length === 1 ? ctx.alias : `${base}_${percentName(p)}`));
  const cmp = comparatorFor(e.type);
  return {
    columns: names.map((name) => ({ name, type })),
    create: () => {
      const values: Value[] = [];
      return {
        add: (row) => {
          const v = e.eval(row);
          if (typeof v === 'number' && !Number.isNaN(v)) values.push(v);
        },
        result: () => {
          const sorted = [...values].sort(cmp);
          const picked = ps.map((p) => nearestRank(sorted, p));
          return shape === 'array' ? [values.length === 0 ? null : picked.map((v) => toDynamic(v, e.type))] : picked;
        },
      };
    },
  };
}

export const percentile: AggregateBuilder = (args, scope, ctx) => percentileAggregate(args, scope, ctx, 'one');
export const percentiles: AggregateBuilder = (args, scope, ctx) => percentileAggregate(args, scope, ctx, 'columns');
export const percentilesArray: AggregateBuilder = (args, scope, ctx) => percentileAggregate(args, scope, ctx, 'array');

/** Merges the property bags of a group; a key seen twice keeps its first value. Other values are ignored. */
export const makeBag: AggregateBuilder = (args, scope, ctx) => {
  arity(args, ctx, 1, 2);
  const e = bindExpr(args[0], scope);
  if (e.type !== 'dynamic') throw badArgs(ctx, `expects a dynamic property bag, got ${e.type}`);
  const limitExpr = args[1] === undefined ? undefined : bindExpr(args[1], scope);
  const limit = limitExpr?.constant ? Number(limitExpr.eval([])) : 1_048_576;
  return single(outputName(ctx, 'bag', args[0]), 'dynamic', () => {
    const bag: Record<string, unknown> = {};
    let size = 0;
    return {
      add: (row) => {
        const v = e.eval(row);
        if (!isPlainObject(v)) return;
        for (const [k, x] of Object.entries(v)) {
          if (Object.prototype.hasOwnProperty.call(bag, k) || size >= limit) continue;
          bag[k] = x;
          size++;
        }
      },
      value: () => bag,
    };
  });
};

/** How Kusto names the result of `fif(x, predicate)`: from the base name or the expression. */
const CONDITIONAL: Record<string, { base: string; name: (args: Expr[], ctx: Context) => string }> = {
  dcountif: { base: 'dcount', name: (a, ctx) => outputName(ctx, 'dcountif', a[0]) },
  maxif: { base: 'max', name: (a, ctx) => outputName(ctx, 'maxif', a[0]) },
  minif: { base: 'min', name: (a, ctx) => outputName(ctx, 'minif', a[0]) },
  make_bag_if: { base: 'make_bag', name: (a, ctx) => outputName(ctx, 'bag', a[0]) },
  take_anyif: { base: 'take_any', name: (a, ctx) => ctx.alias ?? deriveName(a[0]) ?? 'Column1' },
  anyif: { base: 'take_any', name: (a, ctx) => outputName(ctx, 'anyif', a[0]) },
};

/** The `...if` forms: the base aggregate over the rows where the predicate (second argument) holds. */
export function conditionalAggregates(base: Record<string, AggregateBuilder>): Record<string, AggregateBuilder> {
  const out: Record<string, AggregateBuilder> = {};
  for (const [name, spec] of Object.entries(CONDITIONAL)) {
    out[name] = (args, scope, ctx) => {
      if (args.length < 2) throw badArgs(ctx, 'expects an expression and a predicate');
      const pred = bindExpr(args[1], scope);
      requireBool(pred, ctx);
      const bound = base[spec.base]([args[0], ...args.slice(2)], scope, { ...ctx, alias: spec.name(args, ctx) });
      return {
        columns: bound.columns,
        create: () => {
          const acc = bound.create();
          return { add: (row) => void (pred.eval(row) === true && acc.add(row)), result: () => acc.result() };
        },
      };
    };
  }
  return out;
}
