/** A typed stream of rows flowing between tabular operators. */
import type { UserFunction } from './ast';
import type { Row, ScalarBinding, Scope } from './compiled';
import type { ColumnSchema } from './types';

export interface RowSet {
  columns: ColumnSchema[];
  /** Lazy: iterating pulls rows through the pipeline; nothing upstream is buffered unless an operator must. */
  rows: Iterable<Row>;
}

export interface EvalContext {
  now: number;
  scalars: ReadonlyMap<string, ScalarBinding>;
  functions?: ReadonlyMap<string, UserFunction>;
}

export function scopeFor(columns: ReadonlyArray<ColumnSchema>, ctx: EvalContext): Scope {
  return { columns, scalars: ctx.scalars, now: ctx.now, functions: ctx.functions };
}

/** Makes a generator function re-iterable so a RowSet can be read more than once safely. */
export function lazy(make: () => Iterator<Row>): Iterable<Row> {
  return { [Symbol.iterator]: make };
}
