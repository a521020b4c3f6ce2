/**
 * Scalar functions. Each entry type-checks its (already bound) arguments and returns a
 * typed evaluator; unknown names are reported as unsupported by the binder.
 */
import { coerceDynamic } from './compare';
import { parseJson, toBool, toInteger, toNumber, typeName } from './conversions';
import type { Compiled, Row } from './compiled';
import { CALENDAR_FUNCTIONS } from './calendarFunctions';
import { DATE_FUNCTIONS } from './dateFunctions';
import { DYNAMIC_FUNCTIONS } from './dynamicFunctions';
import { MORE_FUNCTIONS } from './moreFunctions';
import { argError, nullOr, unary, type FunctionContext, type FunctionDef } from './functionKit';
import { parseTimespanLiteralText } from './parseLiterals';
import { REGEX_FUNCTIONS } from './regexFunctions';
import type { KqlType } from './types';
import { isNumericType, parseDatetimeText, toDynamic, toKqlString, type Value } from './values';

/** The common type of iff/case/coalesce branches. */
export function unify(types: KqlType[], ctx: FunctionContext): KqlType {
  const distinct = [...new Set(types)];
  if (distinct.length === 1) return distinct[0];
  if (distinct.every(isNumericType)) return distinct.includes('real') || distinct.includes('decimal') ? 'real' : 'long';
  if (distinct.includes('dynamic')) return 'dynamic';
  throw argError(ctx, `arguments must have the same type, got ${distinct.join(' and ')}`);
}

function convertTo(target: KqlType, c: Compiled): (row: Row) => Value {
  if (c.type === target || (isNumericType(c.type) && isNumericType(target))) return c.eval;
  if (target === 'dynamic') return (row) => toDynamic(c.eval(row), c.type);
  return c.eval;
}

const FUNCTIONS: Record<string, FunctionDef> = {
  ...DATE_FUNCTIONS,
  ...CALENDAR_FUNCTIONS,
  ...REGEX_FUNCTIONS,
  ...MORE_FUNCTIONS,
  ...DYNAMIC_FUNCTIONS,
  isempty: { min: 1, max: 1, build: ([a]) => ({ type: 'bool', eval: (row) => isEmpty(a.eval(row)) }) },
  isnotempty: { min: 1, max: 1, build: ([a]) => ({ type: 'bool', eval: (row) => !isEmpty(a.eval(row)) }) },
  isnull: { min: 1, max: 1, build: ([a]) => ({ type: 'bool', eval: (row) => a.eval(row) === null }) },
  isnotnull: { min: 1, max: 1, build: ([a]) => ({ type: 'bool', eval: (row) => a.eval(row) !== null }) },
  tostring: { min: 1, max: 1, build: ([a]) => ({ type: 'string', eval: (row) => toKqlString(a.eval(row), a.type) }) },
  toint: unary('int', (v, t) => toInteger(v, t, 'int')),
  tolong: unary('long', (v, t) => toInteger(v, t, 'long')),
  toreal: unary('real', (v, t) => toNumber(v, t)),
  todouble: unary('real', (v, t) => toNumber(v, t)),
  todecimal: unary('real', (v, t) => toNumber(v, t)),
  tobool: unary('bool', toBool),
  toboolean: unary('bool', toBool),
  todatetime: unary('datetime', (v, t) => (t === 'datetime' ? v : typeof v === 'string' ? parseDatetimeText(v) : null)),
  totimespan: unary('timespan', (v, t) => (t === 'timespan' ? v : typeof v === 'string' ? parseTimespanLiteralText(v) : null)),
  todynamic: unary('dynamic', parseJson),
  parse_json: unary('dynamic', parseJson),
  tolower: unary('string', (v, t) => toKqlString(v, t).toLowerCase()),
  toupper: unary('string', (v, t) => toKqlString(v, t).toUpperCase()),
  strlen: { min: 1, max: 1, build: ([a]) => ({ type: 'long', eval: (row) => [...toKqlString(a.eval(row), a.type)].length }) },
  not: unary('bool', (v, t) => {
    const b = t === 'dynamic' ? coerceDynamic(v, 'bool') : v;
    return typeof b === 'boolean' ? !b : null;
  }),
  iff: { min: 3, max: 3, build: buildIff },
  iif: { min: 3, max: 3, build: buildIff },
  case: { min: 3, max: 255, build: buildCase },
  coalesce: {
    min: 1,
    max: 64,
    build: (args, ctx) => {
      const type = unify(args.map((a) => a.type), ctx);
      const evals = args.map((a) => convertTo(type, a));
      return {
        type,
        eval: (row) => {
          for (const e of evals) {
            const v = e(row);
            if (v !== null && v !== undefined && !(type === 'string' && v === '')) return v;
          }
          return type === 'string' ? '' : null;
        },
      };
    },
  },
  strcat: {
    min: 1,
    max: 64,
    build: (args) => ({ type: 'string', eval: (row) => args.map((a) => toKqlString(a.eval(row), a.type)).join('') }),
  },
  strcat_delim: {
    min: 2,
    max: 64,
    build: ([d, ...args]) => ({ type: 'string', eval: (row) => args.map((a) => toKqlString(a.eval(row), a.type)).join(toKqlString(d.eval(row), d.type)) }),
  },
  substring: {
    min: 2,
    max: 3,
    build: ([s, start, len]) => ({
      type: 'string',
      eval: (row) => {
        const chars = [...toKqlString(s.eval(row), s.type)];
        const from = Math.max(0, Number(start.eval(row) ?? 0));
        const count = len === undefined ? chars.length : Math.max(0, Number(len.eval(row) ?? 0));
        return chars.slice(from, from + count).join('');
      },
    }),
  },
  indexof: {
    min: 2,
    max: 2,
    build: ([s, sub]) => ({ type: 'long', eval: (row) => toKqlString(s.eval(row), s.type).indexOf(toKqlString(sub.eval(row), sub.type)) }),
  },
  replace_string: {
    min: 3,
    max: 3,
    build: ([s, a, b]) => ({
      type: 'string',
      eval: (row) => toKqlString(s.eval(row), s.type).split(toKqlString(a.eval(row), a.type)).join(toKqlString(b.eval(row), b.type)),
    }),
  },
  split: {
    min: 2,
    max: 3,
    build: ([s, d, i]) => ({
      type: 'dynamic',
      eval: (row) => {
        const parts = toKqlString(s.eval(row), s.type).split(toKqlString(d.eval(row), d.type));
        if (i === undefined) return parts;
        const k = Number(i.eval(row));
        return k >= 0 && k < parts.length ? [parts[k]] : [];
      },
    }),
  },
  gettype: { min: 1, max: 1, build: ([a]) => ({ type: 'string', eval: (row) => typeName(a.eval(row), a.type) }) },
  abs: {
    min: 1,
    max: 1,
    build: ([a], ctx) => {
      if (!isNumericType(a.type) && a.type !== 'timespan') throw argError(ctx, `expects a number, got ${a.type}`);
      return { type: a.type, eval: (row) => nullOr(a.eval(row), (v) => Math.abs(v as number)) };
    },
  },
  round: {
    min: 1,
    max: 2,
    build: ([a, d]) => ({
      type: 'real',
      eval: (row) => {
        const v = a.eval(row);
        if (typeof v !== 'number') return null;
        const p = 10 ** Number(d === undefined ? 0 : (d.eval(row) ?? 0));
        return Math.round(v * p) / p;
      },
    }),
  },
};

function isEmpty(v: Value): boolean {
  return v === null || v === undefined || v === '';
}

function buildIff([cond, a, b]: Compiled[], ctx: FunctionContext): Compiled {
  if (cond.type !== 'bool' && cond.type !== 'dynamic') throw argError(ctx, `the condition must be bool, got ${cond.type}`);
  const type = unify([a.type, b.type], ctx);
  const ea = convertTo(type, a);
  const eb = convertTo(type, b);
  return { type, eval: (row) => (cond.eval(row) === true ? ea(row) : eb(row)) };
}

function buildCase(args: Compiled[], ctx: FunctionContext): Compiled {
  if (args.length % 2 === 0) throw argError(ctx, 'expects condition/value pairs followed by an else value');
  const pairs: Array<[Compiled, Compiled]> = [];
  for (let i = 0; i + 1 < args.length; i += 2) pairs.push([args[i], args[i + 1]]);
  const otherwise = args[args.length - 1];
  const type = unify([...pairs.map((p) => p[1].type), otherwise.type], ctx);
  const branches = pairs.map(([c, v]) => ({ c, v: convertTo(type, v) }));
  const elseEval = convertTo(type, otherwise);
  return {
    type,
    eval: (row) => {
      for (const { c, v } of branches) if (c.eval(row) === true) return v(row);
      return elseEval(row);
    },
  };
}

/** Names of the scalar functions, for the error that names an unsupported one. */
export function scalarFunctionNames(): string[] {
  return ['column_ifexists', ...Object.keys(FUNCTIONS)].sort();
}

export function lookupFunction(name: string): FunctionDef | undefined {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

export function buildFunction(def: FunctionDef, args: Compiled[], ctx: FunctionContext): Compiled {
  if (args.length < def.min || args.length > def.max) {
    const expected = def.min === def.max ? `${def.min}` : `${def.min} to ${def.max}`;
    throw argError(ctx, `expects ${expected} argument(s), got ${args.length}`);
  }
  return def.build(args, ctx);
}
