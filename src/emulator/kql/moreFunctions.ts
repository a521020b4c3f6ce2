/**
 * Text, array and math functions analysts reach for beside the core ones: trim,
 * replace_regex, countof, reverse, strcat_array, array sorting and slicing, set operations,
 * min_of/max_of, ceiling and the usual math.
 */
import { compareDynamic, comparatorFor, dynamicEquals } from './compare';
import type { Compiled, Row } from './compiled';
import { argError, nullOr, unary, type FunctionContext, type FunctionDef } from './functionKit';
import { compileRegex } from './regexFunctions';
import type { KqlType } from './types';
import { isNumericType, toKqlString, type Value } from './values';

function constantRegex(c: Compiled, ctx: FunctionContext, flags: string): RegExp {
  if (c.type !== 'string' || !c.constant) throw argError(ctx, 'the regular expression must be a constant string');
  return compileRegex(String(c.eval([])), flags, `Function '${ctx.name}'`);
}

const text = (c: Compiled, row: Row): string => toKqlString(c.eval(row), c.type);

/** trim(regex, s): the pattern removed from both ends (or one end) as many times as it matches. */
function trimmer(where: 'both' | 'start' | 'end'): FunctionDef {
  return {
    min: 2,
    max: 2,
    build: ([pattern, s], ctx) => {
      const source = constantRegex(pattern, ctx, '').source;
      const start = new RegExp(`^(?:${source})+`, 's');
      const end = new RegExp(`(?:${source})+$`, 's');
      return {
        type: 'string',
        eval: (row) => {
          let v = text(s, row);
          if (where !== 'end') v = v.replace(start, '');
          if (where !== 'start') v = v.replace(end, '');
          return v;
        },
      };
    },
  };
}

/** RE2 rewrites name groups `\1`; JavaScript's replace names them `$1`. */
function rewriteOf(s: string): string {
  return s.replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
}

const replaceRegex: FunctionDef = {
  min: 3,
  max: 3,
  build: ([s, pattern, rewrite], ctx) => {
    const re = constantRegex(pattern, ctx, 'g');
    return { type: 'string', eval: (row) => text(s, row).replace(re, rewriteOf(text(rewrite, row))) };
  },
};

const countof: FunctionDef = {
  min: 2,
  max: 3,
  build: ([s, search, kind], ctx) => {
    const mode = kind === undefined ? 'normal' : String(kind.eval([]));
    if (kind !== undefined && (!kind.constant || (mode !== 'normal' && mode !== 'regex'))) throw argError(ctx, "the kind must be 'normal' or 'regex'");
    const re = mode === 'regex' ? constantRegex(search, ctx, 'g') : undefined;
    return {
      type: 'long',
      eval: (row) => {
        const hay = text(s, row);
        if (re) return [...hay.matchAll(re)].length;
        const needle = text(search, row);
        if (needle === '') return 0;
        let n = 0;
        for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
        return n;
      },
    };
  },
};

const arrayOf = (v: Value): Value[] | null => (Array.isArray(v) ? (v as Value[]) : null);

function requireDynamic(args: Compiled[], ctx: FunctionContext): void {
  for (const a of args) if (a.type !== 'dynamic') throw argError(ctx, `expects dynamic arrays, got ${a.type}`);
}

function arrays(build: (lists: Value[][]) => Value): FunctionDef {
  return {
    min: 1,
    max: 64,
    build: (args, ctx) => {
      requireDynamic(args, ctx);
      return {
        type: 'dynamic',
        eval: (row) => {
          const lists = args.map((a) => arrayOf(a.eval(row)));
          return lists.some((l) => l === null) ? null : build(lists as Value[][]);
        },
      };
    },
  };
}

const key = (v: Value): string => JSON.stringify(v);

function distinct(values: Value[]): Value[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(key(v)) && (seen.add(key(v)), true));
}

/** Nulls last, then Kusto's dynamic ordering. */
function sortValues(values: Value[], desc: boolean): Value[] {
  return [...values].sort((a, b) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    return desc ? compareDynamic(b, a) : compareDynamic(a, b);
  });
}

function extremeOf(kind: 'min' | 'max'): FunctionDef {
  return {
    min: 1,
    max: 64,
    build: (args, ctx) => {
      const types = [...new Set(args.map((a) => a.type))];
      const type: KqlType = types.every(isNumericType) ? (types.some((t) => t === 'real' || t === 'decimal') ? 'real' : 'long') : types.length === 1 ? types[0] : 'dynamic';
      if (type === 'dynamic' && types.length > 1) throw argError(ctx, `arguments must have the same type, got ${types.join(' and ')}`);
      const cmp = comparatorFor(type);
      return {
        type,
        eval: (row) => {
          let best: Value = null;
          for (const a of args) {
            const v = a.eval(row);
            if (v === null || v === undefined) continue;
            if (best === null || (kind === 'max' ? cmp(v, best) > 0 : cmp(v, best) < 0)) best = v;
          }
          return best;
        },
      };
    },
  };
}

function math(fn: (x: number, y?: number) => number, arity = 1): FunctionDef {
  return {
    min: arity,
    max: arity,
    build: (args, ctx) => {
      for (const a of args) if (!isNumericType(a.type) && a.type !== 'dynamic') throw argError(ctx, `expects numbers, got ${a.type}`);
      return {
        type: 'real',
        eval: (row) => {
          const xs = args.map((a) => a.eval(row));
          if (xs.some((x) => typeof x !== 'number')) return null;
          return fn(xs[0] as number, xs[1] as number | undefined);
        },
      };
    },
  };
}

export const MORE_FUNCTIONS: Record<string, FunctionDef> = {
  trim: trimmer('both'),
  trim_start: trimmer('start'),
  trim_end: trimmer('end'),
  replace_regex: replaceRegex,
  countof,
  reverse: { min: 1, max: 1, build: ([s]) => ({ type: 'string', eval: (row) => [...text(s, row)].reverse().join('') }) },
  strcat_array: {
    min: 2,
    max: 2,
    build: ([arr, delim], ctx) => {
      requireDynamic([arr], ctx);
      return {
        type: 'string',
        eval: (row) => {
          const list = arrayOf(arr.eval(row));
          return list === null ? '' : list.map((v) => toKqlString(v, 'dynamic')).join(text(delim, row));
        },
      };
    },
  },
  array_sort_asc: arrays(([list]) => sortValues(list, false)),
  array_sort_desc: arrays(([list]) => sortValues(list, true)),
  array_concat: arrays((lists) => lists.flat()),
  array_reverse: arrays(([list]) => [...list].reverse()),
  set_union: arrays((lists) => distinct(lists.flat())),
  set_intersect: arrays(([first, ...rest]) => distinct(first.filter((v) => rest.every((l) => l.some((x) => dynamicEquals(x, v)))))),
  set_difference: arrays(([first, ...rest]) => distinct(first.filter((v) => !rest.some((l) => l.some((x) => dynamicEquals(x, v)))))),
  array_slice: {
    min: 3,
    max: 3,
    build: ([arr, start, end], ctx) => {
      requireDynamic([arr], ctx);
      return {
        type: 'dynamic',
        eval: (row) => {
          const list = arrayOf(arr.eval(row));
          const s = start.eval(row);
          const e = end.eval(row);
          if (list === null || typeof s !== 'number' || typeof e !== 'number') return null;
          const from = s < 0 ? Math.max(0, list.length + s) : s;
          const to = e < 0 ? list.length + e : e;
          return list.slice(from, to + 1);
        },
      };
    },
  },
  set_has_element: {
    min: 2,
    max: 2,
    build: ([arr, value], ctx) => {
      requireDynamic([arr], ctx);
      return {
        type: 'bool',
        eval: (row) => {
          const list = arrayOf(arr.eval(row));
          const v = value.eval(row);
          return list === null ? null : list.some((x) => x !== null && v !== null && (value.type === 'dynamic' ? dynamicEquals(x, v) : compareDynamic(x, v) === 0));
        },
      };
    },
  },
  min_of: extremeOf('min'),
  max_of: extremeOf('max'),
  ceiling: {
    min: 1,
    max: 1,
    build: ([a], ctx) => {
      if (!isNumericType(a.type)) throw argError(ctx, `expects a number, got ${a.type}`);
      return { type: a.type === 'int' || a.type === 'long' ? 'long' : 'real', eval: (row) => nullOr(a.eval(row), (v) => Math.ceil(v as number)) };
    },
  },
  sqrt: math((x) => Math.sqrt(x)),
  exp: math((x) => Math.exp(x)),
  log: math((x) => Math.log(x)),
  log10: math((x) => Math.log10(x)),
  log2: math((x) => Math.log2(x)),
  pow: math((x, y) => x ** (y as number), 2),
  isnan: unary('bool', (v) => Number.isNaN(v as number), isNumericType),
};
