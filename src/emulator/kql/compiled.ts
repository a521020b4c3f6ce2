/** What the binder produces: typed closures over rows, plus the scope they are bound in. */
import type { UserFunction } from './ast';
import type { ColumnSchema, KqlType } from './types';
import type { Value } from './values';

/** A row in evaluation form: one value per column of the current schema, in order. */
export type Row = Value[];

export interface Compiled {
  type: KqlType;
  eval: (row: Row) => Value;
  /** Set when the value does not depend on the row (literals, lets, folded expressions). */
  constant?: boolean;
  /** Set for `typeof(T)` arguments (extract's result type): the type named. */
  typeLiteral?: KqlType;
}

export interface ScalarBinding {
  type: KqlType;
  value: Value;
}

export interface Scope {
  readonly columns: ReadonlyArray<ColumnSchema>;
  /** `let` and query-parameter values, already evaluated. */
  readonly scalars: ReadonlyMap<string, ScalarBinding>;
  /** `now()` for the whole query, epoch ms. */
  readonly now: number;
  /** Functions defined by `let f = (params) { body }`. */
  readonly functions?: ReadonlyMap<string, UserFunction>;
  /** Set where prev()/next()/row_number() may be evaluated: the operator's row cursor. */
  readonly window?: { inputs: Row[]; outputs?: Row[]; index: number };
}

export function constant(type: KqlType, value: Value): Compiled {
  return { type, eval: () => value, constant: true };
}

/** Evaluates now when every input is constant, so `take 2*5` and pushdown see a literal. */
export function foldIfConstant(result: Compiled, inputs: ReadonlyArray<Compiled>): Compiled {
  if (inputs.every((i) => i.constant)) return constant(result.type, result.eval([]));
  return result;
}

export function columnIndex(columns: ReadonlyArray<ColumnSchema>, name: string): number {
  for (let i = 0; i < columns.length; i++) if (columns[i].name === name) return i;
  return -1;
}
