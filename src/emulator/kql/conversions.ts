/** Value conversions behind tostring/toint/tolong/toreal/tobool/todynamic/gettype. */
import type { KqlType } from './types';
import { integerInRange, isNumericType, isPlainObject, toDynamic, type Value } from './values';

export function toNumber(v: Value, t: KqlType): number | null {
  if (typeof v === 'number') return Number.isFinite(v) || isNumericType(t) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    const n = Number(s);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

/** Kusto's long/int conversion of a datetime or timespan is in 100ns ticks. */
const EPOCH_TICKS = 621_355_968_000_000_000;

export function toInteger(v: Value, t: KqlType, target: 'int' | 'long'): number | null {
  if (t === 'datetime') return (v as number) * 10_000 + EPOCH_TICKS;
  if (t === 'timespan') return Math.round((v as number) * 10_000);
  const n = toNumber(v, t);
  return n === null ? null : integerInRange(Math.trunc(n), target);
}

export function toBool(v: Value): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : null;
  }
  return null;
}

export function parseJson(v: Value, t: KqlType): Value {
  if (t === 'dynamic' && typeof v !== 'string') return v;
  if (typeof v !== 'string') return toDynamic(v, t);
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

export function typeName(v: Value, t: KqlType): string {
  if (v === null || v === undefined) return 'null';
  if (t !== 'dynamic') return t;
  if (Array.isArray(v)) return 'array';
  if (isPlainObject(v)) return 'dictionary';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real';
  return typeof v === 'boolean' ? 'bool' : 'string';
}
