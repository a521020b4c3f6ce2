/**
 * Row-at-a-time tabular operators: where, project, project-away, project-rename, extend,
 * take, distinct, count. They stream: each output row is produced as its input arrives.
 */
import type { Expr, NamedExpr } from './ast';
import { bindExpr, deriveName, unresolvedName } from './binder';
import { columnIndex, type Compiled, type Row } from './compiled';
import { semanticError, SemCode } from './errors';
import { lazy, scopeFor, type EvalContext, type RowSet } from './rowset';
import type { ColumnSchema } from './types';
import { usesWindow, type WindowCursor } from './windowFunctions';

/** A cursor when any item calls prev/next/row_number: the operator then reads its input first. */
function windowFor(items: NamedExpr[], keepOutputs: boolean): WindowCursor | undefined {
  if (!items.some((i) => usesWindow(i.expr))) return undefined;
  return keepOutputs ? { inputs: [], outputs: [], index: 0 } : { inputs: [], index: 0 };
}

/** Rows of `input` mapped one by one; with a cursor, the whole input is read first and the cursor follows. */
function* mapRows(input: RowSet, cursor: WindowCursor | undefined, map: (row: Row) => Row): Generator<Row> {
  if (cursor === undefined) {
    for (const row of input.rows) yield map(row);
    return;
  }
  cursor.inputs = [...input.rows];
  if (cursor.outputs) cursor.outputs = [];
  for (let i = 0; i < cursor.inputs.length; i++) {
    cursor.index = i;
    const out = map(cursor.inputs[i]);
    cursor.outputs?.push(out);
    yield out;
  }
}

export function applyWhere(input: RowSet, predicate: Expr, ctx: EvalContext): RowSet {
  const pred = bindExpr(predicate, scopeFor(input.columns, ctx));
  if (pred.type !== 'bool' && pred.type !== 'dynamic') {
    throw semanticError(SemCode.badOperand, `The 'where' predicate must be of type bool, got ${pred.type}`);
  }
  return {
    columns: input.columns,
    rows: lazy(function* () {
      for (const row of input.rows) if (pred.eval(row) === true) yield row;
    }),
  };
}

/** Output name for an unnamed item, Kusto style (`Column1`, `Column2`, ...). */
function nameFor(item: NamedExpr, counter: { n: number }): string {
  if (item.name !== undefined) return item.name;
  const derived = deriveName(item.expr);
  if (derived !== undefined) return derived;
  counter.n++;
  return `Column${counter.n}`;
}

export function applyProject(input: RowSet, items: NamedExpr[], ctx: EvalContext): RowSet {
  const cursor = windowFor(items, false);
  const scope = { ...scopeFor(input.columns, ctx), window: cursor };
  const columns: ColumnSchema[] = [];
  const evals: Compiled[] = [];
  const counter = { n: 0 };
  for (const item of items) {
    const compiled = bindExpr(item.expr, scope);
    const name = nameFor(item, counter);
    if (columnIndex(columns, name) >= 0) {
      throw semanticError(SemCode.duplicate, `'project': the column name '${name}' is used more than once`);
    }
    columns.push({ name, type: compiled.type });
    evals.push(compiled);
  }
  return {
    columns,
    rows: lazy(() => mapRows(input, cursor, (row) => evals.map((e) => e.eval(row) ?? null))),
  };
}

export function applyExtend(input: RowSet, items: NamedExpr[], ctx: EvalContext): RowSet {
  // Later items may use earlier ones (`extend a = 1, b = a + 1`), so bind against a growing schema.
  const columns = [...input.columns];
  const steps: Array<{ index: number; eval: Compiled['eval'] }> = [];
  const counter = { n: 0 };
  const cursor = windowFor(items, true);
  for (const item of items) {
    const compiled = bindExpr(item.expr, { ...scopeFor([...columns], ctx), window: cursor });
    const name = nameFor(item, counter);
    let index = columnIndex(columns, name);
    if (index >= 0) columns[index] = { name, type: compiled.type };
    else {
      index = columns.length;
      columns.push({ name, type: compiled.type });
    }
    steps.push({ index, eval: compiled.eval });
  }
  return {
    columns,
    rows: lazy(() =>
      mapRows(input, cursor, (row) => {
        const out = row.slice();
        for (const s of steps) out[s.index] = s.eval(out) ?? null;
        return out;
      }),
    ),
  };
}

function matches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const parts = pattern.split('*');
  if (!name.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = name.indexOf(parts[i], at);
    if (found < 0) return false;
    at = found + parts[i].length;
  }
  const last = parts[parts.length - 1];
  return name.length - last.length >= at && name.endsWith(last);
}

export function applyProjectAway(input: RowSet, patterns: string[]): RowSet {
  for (const p of patterns) {
    if (!p.includes('*') && columnIndex(input.columns, p) < 0) throw unresolvedName(p);
  }
  const keep: number[] = [];
  input.columns.forEach((c, i) => {
    if (!patterns.some((p) => matches(p, c.name))) keep.push(i);
  });
  return selectColumns(input, keep, keep.map((i) => input.columns[i]));
}

/** `project-keep`: only the columns the names or patterns match, in their order. */
export function applyProjectKeep(input: RowSet, patterns: string[]): RowSet {
  for (const p of patterns) {
    if (!p.includes('*') && columnIndex(input.columns, p) < 0) throw unresolvedName(p);
  }
  const keep: number[] = [];
  input.columns.forEach((c, i) => {
    if (patterns.some((p) => matches(p, c.name))) keep.push(i);
  });
  return selectColumns(input, keep, keep.map((i) => input.columns[i]));
}

/** `project-reorder`: the named (or matched) columns first, in the order given, then the rest as they were. */
export function applyProjectReorder(input: RowSet, items: Array<{ pattern: string; order?: 'asc' | 'desc' }>): RowSet {
  const chosen: number[] = [];
  for (const { pattern, order } of items) {
    if (!pattern.includes('*') && columnIndex(input.columns, pattern) < 0) throw unresolvedName(pattern);
    const hits = input.columns.map((c, i) => ({ c, i })).filter(({ c, i }) => matches(pattern, c.name) && !chosen.includes(i));
    if (order !== undefined) {
      hits.sort((a, b) => (a.c.name < b.c.name ? -1 : a.c.name > b.c.name ? 1 : 0) * (order === 'asc' ? 1 : -1));
    }
    chosen.push(...hits.map((h) => h.i));
  }
  const rest = input.columns.map((_, i) => i).filter((i) => !chosen.includes(i));
  const indexes = [...chosen, ...rest];
  return selectColumns(input, indexes, indexes.map((i) => input.columns[i]));
}

export function applyProjectRename(input: RowSet, renames: Array<{ to: string; from: string }>): RowSet {
  const columns = [...input.columns];
  for (const { to, from } of renames) {
    const idx = columnIndex(columns, from);
    if (idx < 0) throw unresolvedName(from);
    const clash = columnIndex(columns, to);
    if (clash >= 0 && clash !== idx) throw semanticError(SemCode.duplicate, `'project-rename': a column named '${to}' already exists`);
    columns[idx] = { name: to, type: columns[idx].type };
  }
  return { columns, rows: input.rows };
}

function selectColumns(input: RowSet, indexes: number[], columns: ColumnSchema[]): RowSet {
  return {
    columns,
    rows: lazy(function* () {
      for (const row of input.rows) yield indexes.map((i) => row[i]);
    }),
  };
}

/** `take`/`limit`/`top` counts must be constant non-negative integers. */
export function constantCount(expr: Expr, ctx: EvalContext, operator: string): number {
  const c = bindExpr(expr, scopeFor([], ctx));
  const v = c.eval([]);
  if (!c.constant || typeof v !== 'number' || !Number.isFinite(v) || (c.type !== 'long' && c.type !== 'int')) {
    throw semanticError(SemCode.badArguments, `'${operator}' expects a constant whole number of rows`);
  }
  return Math.max(0, v);
}

export function applyTake(input: RowSet, n: number): RowSet {
  return {
    columns: input.columns,
    rows: lazy(function* () {
      if (n <= 0) return;
      let taken = 0;
      for (const row of input.rows) {
        yield row;
        if (++taken >= n) return;
      }
    }),
  };
}

export function applyDistinct(input: RowSet, items: NamedExpr[], ctx: EvalContext): RowSet {
  const projected = items.length === 0 ? input : applyProject(input, items, ctx);
  return {
    columns: projected.columns,
    rows: lazy(function* () {
      const seen = new Set<string>();
      for (const row of projected.rows) {
        const key = JSON.stringify(row);
        if (seen.has(key)) continue;
        seen.add(key);
        yield row;
      }
    }),
  };
}

export function applyCount(input: RowSet): RowSet {
  return {
    columns: [{ name: 'Count', type: 'long' }],
    rows: lazy(function* () {
      let n = 0;
      for (const _row of input.rows) n++;
      yield [n] as Row;
    }),
  };
}
