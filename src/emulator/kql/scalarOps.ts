/**
 * Type checking and evaluation of scalar operators: comparisons, logic and arithmetic.
 * String operators are in stringOps.ts, `in`, `has_any` and `between` in membershipOps.ts.
 */
import { checkComparable, coerceDynamic, dynamicEquals, family, isNumberStringPair, numberFromText, orderingFor } from './compare';
import type { Compiled, Row } from './compiled';
import { semanticError, SemCode } from './errors';
import type { KqlType } from './types';
import { datetimeInRange, isNumericType, timespanInRange, type Value } from './values';

export function operandError(op: string, a: KqlType, b?: KqlType): Error {
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
export function asNumber(v: Value): number | null {
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
