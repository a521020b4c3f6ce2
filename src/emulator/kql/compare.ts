/**
 * Equality and ordering. Static types decide which comparisons are legal; dynamic values
 * are compared by their underlying JSON value, and two strings that both read as
 * datetimes compare as datetimes (task timestamps in Tasks are ISO strings).
 */
import { semanticError, SemCode } from './errors';
import type { KqlType } from './types';
import { isNumericType, isPlainObject, parseDatetimeText, type Value } from './values';

type Family = 'number' | 'string' | 'datetime' | 'timespan' | 'bool' | 'dynamic';

export function family(t: KqlType): Family {
  if (isNumericType(t)) return 'number';
  if (t === 'string' || t === 'guid') return 'string';
  return t as Family;
}

/** Throws Kusto's error for comparing, e.g., an int column with a string literal. */
export function checkComparable(left: KqlType, right: KqlType): void {
  const a = family(left);
  const b = family(right);
  if (a === 'dynamic' || b === 'dynamic' || a === b) return;
  throw semanticError(SemCode.typeMismatch, `Cannot compare values of types ${left} and ${right}. Try adding explicit casts`);
}

/** A number on one side and a string on the other: Kusto allows `==`/`!=` between them. */
export function isNumberStringPair(left: KqlType, right: KqlType): boolean {
  const a = family(left);
  const b = family(right);
  return (a === 'number' && b === 'string') || (a === 'string' && b === 'number');
}

const NUMBER_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** The number a string spells, or null (Kusto's implicit conversion for number/string equality). */
export function numberFromText(v: Value): number | null {
  if (typeof v !== 'string' || !NUMBER_TEXT.test(v)) return null;
  return Number(v);
}

/**
 * Reads a dynamic value as a value of `target`'s family so it can be compared with a
 * typed operand. Undefined means "not comparable" (the comparison yields false/null).
 */
export function coerceDynamic(v: Value, target: Family): Value | undefined {
  if (v === null || v === undefined) return null;
  switch (target) {
    case 'number':
      return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : undefined;
    case 'string':
      return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'datetime':
      return typeof v === 'string' ? parseDatetimeText(v) : undefined;
    case 'timespan':
      return typeof v === 'number' ? v : undefined;
    case 'bool':
      return typeof v === 'boolean' ? v : undefined;
    default:
      return v;
  }
}

const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}/;

function asDatetime(s: string): number | undefined {
  return ISO_PREFIX.test(s) ? parseDatetimeText(s) : undefined;
}

function rank(v: Value): number {
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  return 4;
}

/** Orders two non-null dynamic values. */
export function compareDynamic(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    const da = asDatetime(a);
    const db = da === undefined ? undefined : asDatetime(b);
    if (da !== undefined && db !== undefined) return da - db;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export type Comparator = (a: Value, b: Value) => number;

/** Ordering of two non-null values of the same static type (null handling is the caller's). */
export function comparatorFor(t: KqlType): Comparator {
  const f = family(t);
  if (f === 'dynamic') return compareDynamic;
  if (f === 'string') return (a, b) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0);
  if (f === 'bool') return (a, b) => Number(a) - Number(b);
  return (a, b) => (a as number) - (b as number);
}

/**
 * Builds `(a, b) => -1|0|1|null` for operands of the given static types (already checked
 * comparable). null means one side is null or the dynamic side has no comparable value.
 */
export function orderingFor(left: KqlType, right: KqlType): (a: Value, b: Value) => number | null {
  const lf = family(left);
  const rf = family(right);
  if (lf === 'dynamic' && rf === 'dynamic') {
    return (a, b) => (a === null || b === null ? null : compareDynamic(a, b));
  }
  if (lf === 'dynamic' || rf === 'dynamic') {
    const target = lf === 'dynamic' ? rf : lf;
    const cmp = comparatorFor(lf === 'dynamic' ? right : left);
    return (a, b) => {
      const x = lf === 'dynamic' ? coerceDynamic(a, target) : a;
      const y = rf === 'dynamic' ? coerceDynamic(b, target) : b;
      if (x === null || y === null || x === undefined || y === undefined) return null;
      return Math.sign(cmp(x, y));
    };
  }
  const cmp = comparatorFor(left);
  return (a, b) => (a === null || b === null ? null : Math.sign(cmp(a, b)));
}

/** Deep equality of dynamic values, with datetime-aware string comparison. */
export function dynamicEquals(a: Value, b: Value): boolean {
  if (Array.isArray(a) || isPlainObject(a) || Array.isArray(b) || isPlainObject(b)) return JSON.stringify(a) === JSON.stringify(b);
  return compareDynamic(a, b) === 0 && typeof a === typeof b;
}
