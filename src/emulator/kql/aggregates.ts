/**
 * Aggregation functions of `summarize`. Each binds to a set of output columns and makes
 * fresh accumulators per group; arg_max/arg_min keep a reference to the winning row.
 */
import type { Expr, NamedExpr } from './ast';
import { bindExpr, deriveName } from './binder';
import { comparatorFor } from './compare';
import { columnIndex, type Compiled, type Row, type Scope } from './compiled';
import { semanticError, SemCode, unsupportedFunction } from './errors';
import { lookupFunction } from './functions';
import { conditionalAggregates, makeBag, percentile, percentiles, percentilesArray } from './statAggregates';
import type { ColumnSchema, KqlType } from './types';
import { isNumericType, toDynamic, type Value } from './values';

export interface Accumulator {
  add(row: Row): void;
  result(): Value[];
}

export interface BoundAggregate {
  columns: ColumnSchema[];
  create(): Accumulator;
}

export type AggregateBuilder = (args: Expr[], scope: Scope, ctx: AggregateContext) => BoundAggregate;

export interface AggregateContext {
  name: string;
  /** Explicit output name (`N = count()`), if any. */
  alias?: string;
  /** Names produced by `by`, which `arg_max(x, *)` must not repeat. */
  byNames: ReadonlySet<string>;
}

export function badArgs(ctx: AggregateContext, detail: string): Error {
  return semanticError(SemCode.badArguments, `Aggregation '${ctx.name}': ${detail}`);
}

export function arity(args: Expr[], ctx: AggregateContext, min: number, max: number): void {
  if (args.length < min || args.length > max) {
    throw badArgs(ctx, `expects ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`);
  }
}

export function outputName(ctx: AggregateContext, prefix: string, arg?: Expr): string {
  if (ctx.alias !== undefined) return ctx.alias;
  const derived = arg === undefined ? undefined : deriveName(arg);
  return derived === undefined ? `${prefix}_` : `${prefix}_${derived}`;
}

export function requireBool(c: Compiled, ctx: AggregateContext): void {
  if (c.type !== 'bool' && c.type !== 'dynamic') throw badArgs(ctx, `the predicate must be bool, got ${c.type}`);
}

/** Shape shared by simple one-column aggregates. */
export function single(name: string, type: KqlType, make: () => { add(row: Row): void; value(): Value }): BoundAggregate {
  return {
    columns: [{ name, type }],
    create: () => {
      const acc = make();
      return { add: (row) => acc.add(row), result: () => [acc.value()] };
    },
  };
}

function distinctKey(v: Value): Value {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
}

const count: AggregateBuilder = (args, _scope, ctx) => {
  arity(args, ctx, 0, 0);
  return single(ctx.alias ?? 'count_', 'long', () => {
    let n = 0;
    return { add: () => void n++, value: () => n };
  });
};

const countif: AggregateBuilder = (args, scope, ctx) => {
  arity(args, ctx, 1, 1);
  const pred = bindExpr(args[0], scope);
  requireBool(pred, ctx);
  return single(ctx.alias ?? 'countif_', 'long', () => {
    let n = 0;
    return { add: (row) => void (pred.eval(row) === true && n++), value: () => n };
  });
};

const dcount: AggregateBuilder = (args, scope, ctx) => {
  arity(args, ctx, 1, 2);
  const e = bindExpr(args[0], scope);
  return single(outputName(ctx, 'dcount', args[0]), 'long', () => {
    const seen = new Set<Value>();
    return {
      add: (row) => {
        const v = e.eval(row);
        if (v !== null && v !== undefined) seen.add(distinctKey(v));
      },
      value: () => seen.size,
    };
  });
};

function extreme(prefix: 'max' | 'min'): AggregateBuilder {
  return (args, scope, ctx) => {
    arity(args, ctx, 1, 1);
    const e = bindExpr(args[0], scope);
    const cmp = comparatorFor(e.type);
    const better = prefix === 'max' ? (c: number) => c > 0 : (c: number) => c < 0;
    return single(outputName(ctx, prefix, args[0]), e.type, () => {
      let best: Value = null;
      return {
        add: (row) => {
          const v = e.eval(row);
          if (v !== null && v !== undefined && (best === null || better(cmp(v, best)))) best = v;
        },
        value: () => best,
      };
    });
  };
}

function summing(prefix: 'sum' | 'avg', conditional: boolean): AggregateBuilder {
  return (args, scope, ctx) => {
    arity(args, ctx, conditional ? 2 : 1, conditional ? 2 : 1);
    const e = bindExpr(args[0], scope);
    const pred = conditional ? bindExpr(args[1], scope) : undefined;
    if (pred) requireBool(pred, ctx);
    if (!isNumericType(e.type) && e.type !== 'timespan' && e.type !== 'dynamic') throw badArgs(ctx, `cannot sum values of type ${e.type}`);
    const type: KqlType = prefix === 'avg' ? (e.type === 'timespan' ? 'timespan' : 'real') : e.type === 'int' || e.type === 'long' ? 'long' : e.type === 'timespan' ? 'timespan' : 'real';
    return single(outputName(ctx, conditional ? `${prefix}if` : prefix, args[0]), type, () => {
      let total = 0;
      let n = 0;
      return {
        add: (row) => {
          if (pred && pred.eval(row) !== true) return;
          const v = e.eval(row);
          if (typeof v === 'number') {
            total += v;
            n++;
          }
        },
        value: () => (n === 0 ? null : prefix === 'sum' ? total : total / n),
      };
    });
  };
}

function collect(prefix: 'list' | 'set', conditional = false): AggregateBuilder {
  return (args, scope, ctx) => {
    arity(args, ctx, conditional ? 2 : 1, conditional ? 3 : 2);
    const e = bindExpr(args[0], scope);
    const pred = conditional ? bindExpr(args[1], scope) : undefined;
    if (pred) requireBool(pred, ctx);
    const limitArg = args[conditional ? 2 : 1];
    const limitExpr = limitArg === undefined ? undefined : bindExpr(limitArg, scope);
    const limit = limitExpr?.constant ? Number(limitExpr.eval([])) : 1_048_576;
    return single(outputName(ctx, prefix, args[0]), 'dynamic', () => {
      const items: Value[] = [];
      const seen = new Set<Value>();
      return {
        add: (row) => {
          if (pred && pred.eval(row) !== true) return;
          const v = e.eval(row);
          if (v === null || v === undefined || items.length >= limit) return;
          const d = toDynamic(v, e.type);
          if (prefix === 'set') {
            const key = distinctKey(d);
            if (seen.has(key)) return;
            seen.add(key);
          }
          items.push(d);
        },
        value: () => items,
      };
    });
  };
}

/** `take_any(a, b, ...)`: one value per expression, named after it (`any_argN` when it has no name). */
const takeAny: AggregateBuilder = (args, scope, ctx) => {
  if (args.length < 1) throw badArgs(ctx, 'expects at least one expression');
  if (args.some((a) => a.kind === 'star')) throw badArgs(ctx, "'*' is not supported here; name the column");
  const bound = args.map((a) => bindExpr(a, scope));
  const names = args.map((a, i) => (ctx.alias !== undefined && args.length === 1 ? ctx.alias : ctx.name === 'any' ? outputName(ctx, 'any', a) : (deriveName(a) ?? `any_arg${i}`)));
  // Kusto prefers a non-empty value when one exists; all values come from one row.
  return {
    columns: names.map((name, i) => ({ name, type: bound[i].type })),
    create: () => {
      let chosen: Row | undefined;
      let complete = false;
      return {
        add: (row) => {
          if (complete) return;
          const values = bound.map((b) => b.eval(row));
          if (values.every((v) => v === null || v === undefined)) return;
          chosen = row;
          complete = values.every((v) => v !== null && v !== undefined && v !== '');
        },
        result: () => bound.map((b) => (chosen === undefined ? null : (b.eval(chosen) ?? null))),
      };
    },
  };
};

function argExtreme(prefix: 'max' | 'min'): AggregateBuilder {
  return (args, scope, ctx) => {
    if (args.length < 1) throw badArgs(ctx, 'expects an expression to maximize and the columns to return');
    const key = bindExpr(args[0], scope);
    const keyName = args[0].kind === 'column' ? args[0].name : (deriveName(args[0]) === undefined ? `${prefix}_` : `${prefix}_${deriveName(args[0])}`);
    const columns: ColumnSchema[] = [{ name: ctx.alias ?? keyName, type: key.type }];
    const evals: Compiled[] = [];
    const taken = new Set<string>([keyName, ...ctx.byNames]);
    for (const a of args.slice(1)) {
      if (a.kind === 'star') {
        scope.columns.forEach((col, i) => {
          if (taken.has(col.name)) return;
          taken.add(col.name);
          columns.push(col);
          evals.push({ type: col.type, eval: (row) => row[i] });
        });
        continue;
      }
      const c = bindExpr(a, scope);
      const name = deriveName(a) ?? `Column${columns.length}`;
      if (taken.has(name) && columnIndex(columns, name) >= 0) continue;
      taken.add(name);
      columns.push({ name, type: c.type });
      evals.push(c);
    }
    const cmp = comparatorFor(key.type);
    const better = prefix === 'max' ? (c: number) => c > 0 : (c: number) => c < 0;
    return {
      columns,
      create: () => {
        let bestKey: Value = null;
        let bestRow: Row | undefined;
        return {
          add: (row) => {
            const k = key.eval(row);
            if (k === null || k === undefined) {
              if (bestRow === undefined) bestRow = row;
              return;
            }
            if (bestKey === null || better(cmp(k, bestKey))) {
              bestKey = k;
              bestRow = row;
            }
          },
          result: () => {
            const row = bestRow;
            return [bestKey, ...evals.map((e) => (row === undefined ? null : (e.eval(row) ?? null)))];
          },
        };
      },
    };
  };
}

const AGGREGATES: Record<string, AggregateBuilder> = {
  count,
  countif,
  dcount,
  max: extreme('max'),
  min: extreme('min'),
  sum: summing('sum', false),
  sumif: summing('sum', true),
  avg: summing('avg', false),
  avgif: summing('avg', true),
  make_list: collect('list'),
  make_set: collect('set'),
  make_list_if: collect('list', true),
  make_set_if: collect('set', true),
  any: takeAny,
  take_any: takeAny,
  arg_max: argExtreme('max'),
  arg_min: argExtreme('min'),
  percentile,
  percentiles,
  percentiles_array: percentilesArray,
  make_bag: makeBag,
};
Object.assign(AGGREGATES, conditionalAggregates(AGGREGATES));

export function bindAggregate(item: NamedExpr, scope: Scope, byNames: ReadonlySet<string>): BoundAggregate {
  const e = item.expr;
  if (e.kind !== 'call') {
    throw semanticError(SemCode.badArguments, "'summarize' expects aggregation functions such as count() or arg_max(...)");
  }
  const builder = Object.prototype.hasOwnProperty.call(AGGREGATES, e.name) ? AGGREGATES[e.name] : undefined;
  if (builder === undefined) {
    if (lookupFunction(e.name) !== undefined) {
      throw semanticError(SemCode.badArguments, `'${e.name}' is not an aggregation function; 'summarize' expects functions such as count() or arg_max(...)`);
    }
    throw unsupportedFunction(e.name, Object.keys(AGGREGATES).map((n) => `${n}()`));
  }
  return builder(e.args, scope, { name: e.name, alias: item.name, byNames });
}
