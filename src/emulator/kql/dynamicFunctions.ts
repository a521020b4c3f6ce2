/** Functions over dynamic arrays and property bags. */
import type { Compiled } from './compiled';
import { argError, unary, type FunctionContext, type FunctionDef } from './functionKit';
import { equalityFor } from './scalarOps';
import type { KqlType } from './types';
import { isPlainObject, toDynamic, toKqlString } from './values';

const dyn = (t: KqlType): boolean => t === 'dynamic';

function buildPack(args: Compiled[], ctx: FunctionContext): Compiled {
  if (args.length % 2 !== 0) throw argError(ctx, 'expects key/value pairs');
  return {
    type: 'dynamic',
    eval: (row) => {
      const bag: Record<string, unknown> = {};
      for (let i = 0; i < args.length; i += 2) bag[toKqlString(args[i].eval(row), args[i].type)] = toDynamic(args[i + 1].eval(row), args[i + 1].type);
      return bag;
    },
  };
}

/** `array_index_of(array, value [, start])`: -1 when absent, null when not an array. */
function buildArrayIndexOf([arr, value, start]: Compiled[], ctx: FunctionContext): Compiled {
  if (arr.type !== 'dynamic') throw argError(ctx, `expects a dynamic array, got ${arr.type}`);
  if (start !== undefined && start.type !== 'long' && start.type !== 'int') throw argError(ctx, `the start index must be a whole number, got ${start.type}`);
  const eq = equalityFor('dynamic', value.type);
  return {
    type: 'long',
    eval: (row) => {
      const a = arr.eval(row);
      if (!Array.isArray(a)) return null;
      const v = value.eval(row);
      if (v === null || v === undefined) return null;
      const s = start === undefined ? 0 : Number(start.eval(row) ?? 0);
      const from = s < 0 ? Math.max(0, a.length + s) : s;
      for (let i = from; i < a.length; i++) if (eq(a[i] as unknown, v) === true) return i;
      return -1;
    },
  };
}

export const DYNAMIC_FUNCTIONS: Record<string, FunctionDef> = {
  array_length: unary('long', (v) => (Array.isArray(v) ? v.length : null), dyn),
  bag_keys: unary('dynamic', (v) => (isPlainObject(v) ? Object.keys(v) : null), dyn),
  array_index_of: { min: 2, max: 3, build: buildArrayIndexOf },
  pack_array: { min: 1, max: 64, build: (args) => ({ type: 'dynamic', eval: (row) => args.map((a) => toDynamic(a.eval(row), a.type)) }) },
  bag_pack: { min: 0, max: 128, build: buildPack },
  pack: { min: 0, max: 128, build: buildPack },
};
