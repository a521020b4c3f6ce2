/** `summarize aggregates [by keys]`: groups rows in first-seen order and aggregates each group. */
import type { NamedExpr } from './ast';
import { bindAggregate, type Accumulator, type BoundAggregate } from './aggregates';
import { bindExpr, deriveName } from './binder';
import type { Compiled, Row } from './compiled';
import { semanticError, SemCode } from './errors';
import { lazy, scopeFor, type EvalContext, type RowSet } from './rowset';
import type { ColumnSchema } from './types';
import type { Value } from './values';

interface Group {
  keys: Value[];
  accumulators: Accumulator[];
}

/** Kusto disambiguates clashing output names by appending 1, 2, ... */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let i = 1; used.has(candidate); i++) candidate = `${name}${i}`;
  used.add(candidate);
  return candidate;
}

export function applySummarize(input: RowSet, aggregates: NamedExpr[], by: NamedExpr[], ctx: EvalContext): RowSet {
  const scope = scopeFor(input.columns, ctx);
  const keyCols: ColumnSchema[] = [];
  const keyEvals: Compiled[] = [];
  const used = new Set<string>();
  let unnamed = 0;
  for (const item of by) {
    const c = bindExpr(item.expr, scope);
    const base = item.name ?? deriveName(item.expr) ?? `Column${++unnamed}`;
    keyCols.push({ name: uniqueName(base, used), type: c.type });
    keyEvals.push(c);
  }
  const byNames = new Set(keyCols.map((k) => k.name));
  const bound: BoundAggregate[] = aggregates.map((a) => bindAggregate(a, scope, byNames));
  const aggCols = bound.flatMap((b) => b.columns).map((c) => ({ name: uniqueName(c.name, used), type: c.type }));
  if (keyCols.length === 0 && bound.length === 0) {
    throw semanticError(SemCode.badArguments, "'summarize' needs at least one aggregation or 'by' column");
  }
  const columns = [...keyCols, ...aggCols];

  const newGroup = (keys: Value[]): Group => ({ keys, accumulators: bound.map((b) => b.create()) });
  const emit = (g: Group): Row => [...g.keys, ...g.accumulators.flatMap((a) => a.result())];
  // One scalar key (the usual `by IncidentNumber`) is used directly as the Map key.
  const singleKey = keyEvals.length === 1 && keyEvals[0].type !== 'dynamic';
  const keyOf = (values: Value[]): Value => (singleKey ? values[0] : JSON.stringify(values));

  return {
    columns,
    rows: lazy(function* () {
      if (keyEvals.length === 0) {
        const g = newGroup([]);
        for (const row of input.rows) for (const a of g.accumulators) a.add(row);
        yield emit(g);
        return;
      }
      const groups = new Map<Value, Group>();
      const first = keyEvals[0].eval;
      for (const row of input.rows) {
        // The single-key path allocates nothing per row; it is the shape of every bot query.
        const key = singleKey ? (first(row) ?? null) : keyOf(keyEvals.map((k) => k.eval(row) ?? null));
        let g = groups.get(key);
        if (g === undefined) {
          g = newGroup(singleKey ? [key] : keyEvals.map((k) => k.eval(row) ?? null));
          groups.set(key, g);
        }
        const accs = g.accumulators;
        for (let i = 0; i < accs.length; i++) accs[i].add(row);
      }
      for (const g of groups.values()) yield emit(g);
    }),
  };
}
