/**
 * What every scalar function definition is made of, shared by the files that define them
 * (functions, dateFunctions, dynamicFunctions) so each can stay about one family.
 */
import type { Compiled } from './compiled';
import { semanticError, SemCode } from './errors';
import type { KqlType } from './types';
import type { Value } from './values';

export interface FunctionContext {
  name: string;
  now: number;
}

export type Builder = (args: Compiled[], ctx: FunctionContext) => Compiled;

export interface FunctionDef {
  min: number;
  max: number;
  build: Builder;
}

export function argError(ctx: FunctionContext, detail: string): Error {
  return semanticError(SemCode.badArguments, `Function '${ctx.name}': ${detail}`);
}

/** A function of one argument that maps a non-null value (null in, null out). */
export function unary(result: KqlType, fn: (v: Value, t: KqlType) => Value, accepts?: (t: KqlType) => boolean): FunctionDef {
  return {
    min: 1,
    max: 1,
    build: ([a], ctx) => {
      if (accepts && !accepts(a.type)) throw argError(ctx, `argument of type ${a.type} is not supported`);
      return {
        type: result,
        eval: (row) => {
          const v = a.eval(row);
          if (v === null || v === undefined) return null;
          const out = fn(v, a.type);
          return out === undefined ? null : out;
        },
      };
    },
  };
}

export function nullOr(v: Value, fn: (v: Value) => Value): Value {
  return v === null || v === undefined ? null : fn(v);
}
