/** Membership operators: `in` / `!in` (and `~` forms), `has_any` / `has_all`, `between`. */
import type { InOp } from './ast';
import { checkComparable, coerceDynamic, family, isNumberStringPair, orderingFor } from './compare';
import type { Compiled, Row } from './compiled';
import { asNumber, equalityFor } from './scalarOps';
import { hasTerm } from './stringOps';
import type { KqlType } from './types';
import { toKqlString, type Value } from './values';

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
