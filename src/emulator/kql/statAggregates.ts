/** `percentile`, `percentiles` (nearest rank) and `make_bag`. */
import { arity, badArgs, outputName, single, type AggregateBuilder, type BoundAggregate } from './aggregates';
import { bindExpr } from './binder';
import { comparatorFor } from './compare';
import type { Compiled } from './compiled';
import type { Expr } from './ast';
import type { KqlType } from './types';
import { isNumericType, isPlainObject, type Value } from './values';

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

function percentileAggregate(args: Expr[], scope: Parameters<AggregateBuilder>[1], ctx: Parameters<AggregateBuilder>[2], multi: boolean): BoundAggregate {
  arity(args, ctx, 2, multi ? 64 : 2);
  const e = bindExpr(args[0], scope);
  if (!isNumericType(e.type) && e.type !== 'datetime' && e.type !== 'timespan') {
    throw badArgs(ctx, `expects a number, datetime or timespan, got ${e.type}`);
  }
  const ps = args.slice(1).map((a) => constantPercent(a, scope, ctx));
  const type = resultType(e);
  const base = outputName({ ...ctx, alias: undefined }, 'percentile', args[0]);
  const names = ps.map((p) => (ctx.alias !== undefined && ps.length === 1 ? ctx.alias : `${base}_${percentName(p)}`));
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
          return ps.map((p) => nearestRank(sorted, p));
        },
      };
    },
  };
}

export const percentile: AggregateBuilder = (args, scope, ctx) => percentileAggregate(args, scope, ctx, false);
export const percentiles: AggregateBuilder = (args, scope, ctx) => percentileAggregate(args, scope, ctx, true);

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
