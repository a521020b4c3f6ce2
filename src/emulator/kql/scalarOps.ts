/**
 * Type checking and evaluation of scalar operators: comparisons, logic, arithmetic,
 * string operators, `in` and `between`.
 */
import type { InOp } from './ast';
import { checkComparable, coerceDynamic, dynamicEquals, family, isNumberStringPair, numberFromText, orderingFor } from './compare';
import type { Compiled, Row } from './compiled';
import { semanticError, SemCode } from './errors';
import type { KqlType } from './types';
import { datetimeInRange, isNumericType, timespanInRange, toKqlString, type Value } from './values';

function operandError(op: string, a: KqlType, b?: KqlType): Error {
  const types = b === undefined ? `type ${a}` : `types ${a} and ${b}`;
  return semanticError(SemCode.badOperand, `Operator '${op}' cannot be applied to operands of ${types}`);
}

function truthy(v: Value): boolean | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'boolean' ? v : null;
}

export function compileLogical(op: 'and' | 'or', l: Compiled, r: Compiled): Compiled {
  for (const t of [l.type, r.type]) if (t !== 'bool' && t !== 'dynamic') throw operandError(op, l.type, r.type);
  // Three-valued logic: false wins for `and`, true wins for `or`, otherwise null propagates.
  const evalFn =
    op === 'and'
      ? (row: Row): Value => {
          const a = truthy(l.eval(row));
          if (a === false) return false;
          const b = truthy(r.eval(row));
          if (b === false) return false;
          return a === null || b === null ? null : true;
        }
      : (row: Row): Value => {
          const a = truthy(l.eval(row));
          if (a === true) return true;
          const b = truthy(r.eval(row));
          if (b === true) return true;
          return a === null || b === null ? null : false;
        };
  return { type: 'bool', eval: evalFn };
}

/** Equality of two values whose static types passed checkComparable. */
export function equalityFor(lt: KqlType, rt: KqlType): (a: Value, b: Value) => boolean | null {
  const lf = family(lt);
  const rf = family(rt);
  if (lf === 'dynamic' && rf === 'dynamic') return (a, b) => (a === null || b === null ? null : dynamicEquals(a, b));
  if (lf === 'dynamic' || rf === 'dynamic') {
    const ordering = orderingFor(lt, rt);
    return (a, b) => {
      const c = ordering(a, b);
      return c === null ? (a === null || b === null ? null : false) : c === 0;
    };
  }
  return (a, b) => (a === null || b === null ? null : a === b);
}

export function compileComparison(op: string, l: Compiled, r: Compiled): Compiled {
  if ((op === '==' || op === '!=') && isNumberStringPair(l.type, r.type)) return compileNumberStringEquality(op, l, r);
  checkComparable(l.type, r.type);
  if (op === '==' || op === '!=') {
    const eq = equalityFor(l.type, r.type);
    const negate = op === '!=';
    // Kusto's strings have no null (a missing one is ""); other types' nulls compare as the
    // Kusto docs say: null == value is false, null != value true, null against null is null.
    const lv = l.type === 'string' ? (row: Row): Value => l.eval(row) ?? '' : l.eval;
    const rv = r.type === 'string' ? (row: Row): Value => r.eval(row) ?? '' : r.eval;
    return {
      type: 'bool',
      eval: (row) => {
        const a = lv(row);
        const b = rv(row);
        const aNull = a === null || a === undefined;
        const bNull = b === null || b === undefined;
        if (aNull || bNull) return aNull && bNull ? null : negate;
        const e = eq(a, b);
        return e === null ? null : negate ? !e : e;
      },
    };
  }
  const ordering = orderingFor(l.type, r.type);
  const test = op === '<' ? (c: number) => c < 0 : op === '<=' ? (c: number) => c <= 0 : op === '>' ? (c: number) => c > 0 : (c: number) => c >= 0;
  return {
    type: 'bool',
    eval: (row) => {
      const c = ordering(l.eval(row), r.eval(row));
      return c === null ? null : test(c);
    },
  };
}

/**
 * Kusto accepts `==` and `!=` between a number and a string (the seed article writes
 * `IncidentNumber == "405211"`) and compares them as numbers: the string side is read as a
 * number, and a string that is not one makes the comparison null (the row does not match).
 */
/** A number, or the number a string spells (Kusto's conversion between the two), else null. */
function asNumber(v: Value): number | null {
  return typeof v === 'number' ? v : numberFromText(v);
}

function compileNumberStringEquality(op: '==' | '!=', l: Compiled, r: Compiled): Compiled {
  const stringLeft = family(l.type) === 'string';
  const negate = op === '!=';
  return {
    type: 'bool',
    eval: (row) => {
      const a = l.eval(row);
      const b = r.eval(row);
      const x = stringLeft ? numberFromText(a) : a;
      const y = stringLeft ? b : numberFromText(b);
      if (typeof x !== 'number' || typeof y !== 'number') return typeof x === 'number' || typeof y === 'number' ? negate : null;
      return negate ? x !== y : x === y;
    },
  };
}

function isAlnum(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127;
}

/** `has`: the needle must appear as a whole term (bounded by non-alphanumeric characters). */
export function hasTerm(hay: string, needle: string): boolean {
  if (needle === '') return true;
  let from = 0;
  for (;;) {
    const i = hay.indexOf(needle, from);
    if (i < 0) return false;
    const startOk = i === 0 || !isAlnum(needle[0]) || !isAlnum(hay[i - 1]);
    const end = i + needle.length;
    const endOk = end === hay.length || !isAlnum(needle[needle.length - 1]) || !isAlnum(hay[end]);
    if (startOk && endOk) return true;
    from = i + 1;
  }
}

const STRING_TESTS: Record<string, (hay: string, needle: string) => boolean> = {
  has: hasTerm,
  contains: (h, n) => h.includes(n),
  startswith: (h, n) => h.startsWith(n),
  endswith: (h, n) => h.endsWith(n),
  '=~': (h, n) => h === n,
};

export function compileStringOp(op: string, l: Compiled, r: Compiled): Compiled {
  const negated = op.startsWith('!');
  const base = negated ? op.slice(1) : op;
  const caseSensitive = base.endsWith('_cs');
  const name = caseSensitive ? base.slice(0, -3) : base === '~' ? '=~' : base;
  const test = STRING_TESTS[name];
  if (test === undefined) throw semanticError(SemCode.badOperand, `Unknown string operator '${op}'`);
  for (const t of [l.type, r.type]) {
    if (op.endsWith('~') && t !== 'string' && t !== 'guid' && t !== 'dynamic') throw operandError(op, l.type, r.type);
  }
  const norm = caseSensitive ? (s: string) => s : (s: string) => s.toLowerCase();
  return {
    type: 'bool',
    eval: (row) => {
      const hay = norm(toKqlString(l.eval(row), l.type));
      const needle = norm(toKqlString(r.eval(row), r.type));
      const result = test(hay, needle);
      return negated ? !result : result;
    },
  };
}

export function compileArithmetic(op: string, l: Compiled, r: Compiled): Compiled {
  const type = arithmeticType(op, l.type, r.type);
  const lt = l.type;
  const rt = r.type;
  const read = (v: Value, t: KqlType): number | null => {
    if (v === null || v === undefined) return null;
    if (t === 'dynamic') return (coerceDynamic(v, 'number') as number | undefined) ?? null;
    return v as number;
  };
  const integral = type === 'int' || type === 'long';
  const compute = (a: number, b: number): number | null => {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (integral) return b === 0 ? null : Math.trunc(a / b);
        return a / b;
      default:
        if (integral && b === 0) return null;
        return a % b;
    }
  };
  // Results beyond the type's range are null, as in Kusto, rather than text the wire cannot carry.
  const bound = type === 'datetime' ? datetimeInRange : type === 'timespan' ? timespanInRange : undefined;
  return {
    type,
    eval: (row) => {
      const a = read(l.eval(row), lt);
      const b = read(r.eval(row), rt);
      if (a === null || b === null) return null;
      const v = compute(a, b);
      return v === null || bound === undefined ? v : bound(v);
    },
  };
}

function arithmeticType(op: string, a: KqlType, b: KqlType): KqlType {
  if (isNumericType(a) && isNumericType(b)) {
    if (a === 'real' || b === 'real' || a === 'decimal' || b === 'decimal') return 'real';
    return a === 'int' && b === 'int' ? 'int' : 'long';
  }
  if (a === 'dynamic' || b === 'dynamic') {
    const other = a === 'dynamic' ? b : a;
    if (other === 'dynamic' || isNumericType(other)) return 'dynamic';
  }
  const key = `${a}${op}${b}`;
  const table: Record<string, KqlType> = {
    'datetime-datetime': 'timespan',
    'datetime+timespan': 'datetime',
    'datetime-timespan': 'datetime',
    'timespan+datetime': 'datetime',
    'timespan+timespan': 'timespan',
    'timespan-timespan': 'timespan',
    'timespan/timespan': 'real',
    'timespan%timespan': 'timespan',
  };
  if (table[key]) return table[key];
  if (a === 'timespan' && isNumericType(b) && (op === '*' || op === '/')) return 'timespan';
  if (isNumericType(a) && b === 'timespan' && op === '*') return 'timespan';
  throw operandError(op, a, b);
}

export function compileNegate(operand: Compiled): Compiled {
  if (!isNumericType(operand.type) && operand.type !== 'timespan' && operand.type !== 'dynamic') throw operandError('-', operand.type);
  return {
    type: operand.type,
    eval: (row) => {
      const v = operand.eval(row);
      return typeof v === 'number' ? -v : null;
    },
  };
}

/** `has_any` / `has_all`: whole-term matches (as `has`) against a list of terms; a dynamic array stands for its elements. */
function compileHasList(op: 'has_any' | 'has_all', left: Compiled, items: Compiled[]): Compiled {
  const termsOf = (row: Row): string[] =>
    items.flatMap((item) => expandListItem(item.eval(row), item.type).map((e) => toKqlString(e.value, e.type === 'dynamic' && typeof e.value !== 'string' ? 'dynamic' : e.type).toLowerCase()));
  const fixed = items.every((i) => i.constant) ? termsOf([]) : undefined;
  const all = op === 'has_all';
  return {
    type: 'bool',
    eval: (row) => {
      const hay = toKqlString(left.eval(row), left.type).toLowerCase();
      const terms = fixed ?? termsOf(row);
      if (terms.length === 0) return all;
      return all ? terms.every((t) => hasTerm(hay, t)) : terms.some((t) => hasTerm(hay, t));
    },
  };
}

export function compileIn(op: InOp, left: Compiled, items: Compiled[]): Compiled {
  if (op === 'has_any' || op === 'has_all') return compileHasList(op, left, items);
  const negated = op.startsWith('!');
  const insensitive = op.endsWith('~');
  for (const item of items) if (!insensitive && !isNumberStringPair(left.type, item.type)) checkComparable(left.type, item.type);
  const lt = left.type;
  // Constant lists (the usual case) become a Set of normalised keys, looked up once per row.
  if (items.every((i) => i.constant) && lt !== 'dynamic') {
    const keys = new Set<Value>();
    for (const item of items) {
      for (const v of expandListItem(item.eval([]), item.type)) {
        const key = normalizeForIn(v.value, v.type, lt, insensitive);
        if (key !== undefined) keys.add(key);
      }
    }
    return {
      type: 'bool',
      eval: (row) => {
        const v = left.eval(row);
        if (v === null || v === undefined) return negated;
        const hit = keys.has(normalizeForIn(v, lt, lt, insensitive));
        return negated ? !hit : hit;
      },
    };
  }
  return {
    type: 'bool',
    eval: (row) => {
      const v = left.eval(row);
      if (v === null || v === undefined) return negated;
      let hit = false;
      for (const item of items) {
        for (const e of expandListItem(item.eval(row), item.type)) {
          if (inMatch(v, lt, e.value, e.type, insensitive)) {
            hit = true;
            break;
          }
        }
        if (hit) break;
      }
      return negated ? !hit : hit;
    },
  };
}

/** A dynamic array in an `in` list stands for its elements. */
function expandListItem(v: Value, t: KqlType): Array<{ value: Value; type: KqlType }> {
  if (t === 'dynamic' && Array.isArray(v)) return v.map((value: unknown) => ({ value, type: 'dynamic' as KqlType }));
  return [{ value: v, type: t }];
}

function normalizeForIn(v: Value, t: KqlType, target: KqlType, insensitive: boolean): Value | undefined {
  const value = t === 'dynamic' && target !== 'dynamic' ? coerceDynamic(v, family(target)) : !insensitive && isNumberStringPair(t, target) ? asNumber(v) : v;
  if (value === undefined || value === null) return undefined;
  if (insensitive) return toKqlString(value, t === 'dynamic' ? 'string' : t).toLowerCase();
  return value;
}

function inMatch(v: Value, vt: KqlType, item: Value, it: KqlType, insensitive: boolean): boolean {
  if (item === null || item === undefined) return false;
  if (insensitive) return toKqlString(v, vt).toLowerCase() === toKqlString(item, it).toLowerCase();
  if (isNumberStringPair(vt, it)) return asNumber(v) !== null && asNumber(v) === asNumber(item);
  return equalityFor(vt, it)(v, item) === true;
}

export function compileBetween(negated: boolean, left: Compiled, low: Compiled, high: Compiled): Compiled {
  checkComparable(left.type, low.type);
  // `datetime between (start .. 1h)`: a timespan upper bound is relative to the lower one.
  const relative = (left.type === 'datetime' || left.type === 'dynamic') && high.type === 'timespan' && low.type === 'datetime';
  if (!relative) checkComparable(left.type, high.type);
  const lowCmp = orderingFor(left.type, low.type);
  const highCmp = orderingFor(left.type, relative ? 'datetime' : high.type);
  return {
    type: 'bool',
    eval: (row) => {
      const v = left.eval(row);
      const lo = low.eval(row);
      let hi = high.eval(row);
      if (relative && typeof hi === 'number' && typeof lo === 'number') hi = lo + hi;
      const a = lowCmp(v, lo);
      const b = highCmp(v, hi);
      if (a === null || b === null) return null;
      const inside = a >= 0 && b <= 0;
      return negated ? !inside : inside;
    },
  };
}
