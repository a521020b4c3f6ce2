/**
 * Runtime values. Types are static (the binder knows every expression's KqlType), so a
 * value is a plain JS value whose meaning depends on that type:
 * - int/long/real/decimal: number; bool: boolean; string/guid: string
 * - datetime: epoch milliseconds (number); timespan: milliseconds (number, may be fractional)
 * - dynamic: a JSON value (object, array, string, number, boolean)
 * - null for a missing value of any type
 */
import type { KqlType } from './types';

export type Value = unknown;

export function isNumericType(t: KqlType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/** KQL type names as they may appear in `declare query_parameters` and typed literals. */
export function typeFromName(name: string): KqlType | undefined {
  switch (name) {
    case 'int':
    case 'long':
    case 'real':
    case 'string':
    case 'datetime':
    case 'dynamic':
    case 'bool':
    case 'timespan':
    case 'guid':
    case 'decimal':
      return name;
    case 'double':
      return 'real';
    case 'boolean':
      return 'bool';
    case 'date':
      return 'datetime';
    case 'time':
      return 'timespan';
    case 'uuid':
    case 'uniqueid':
      return 'guid';
    default:
      return undefined;
  }
}

/** Kusto's datetime range, 0001-01-01 to 9999-12-31T23:59:59.9999999, in epoch milliseconds. */
const MIN_DATETIME_MS = -62_135_596_800_000;
const MAX_DATETIME_MS = 253_402_300_799_999.9999;
/** A timespan is a signed 64-bit count of 100 ns ticks. */
const MAX_TIMESPAN_MS = 2 ** 63 / 10_000;

/** Kusto gives null where a datetime result falls outside its range (e.g. `ago(100000000d)`). */
export function datetimeInRange(ms: number): number | null {
  return Number.isFinite(ms) && ms >= MIN_DATETIME_MS && ms <= MAX_DATETIME_MS ? ms : null;
}

export function timespanInRange(ms: number): number | null {
  return Number.isFinite(ms) && Math.abs(ms) < MAX_TIMESPAN_MS ? ms : null;
}

/** Whole numbers outside the type's range have no value in Kusto's int/long. */
export function integerInRange(n: number, type: KqlType): number | null {
  const limit = type === 'int' ? 2 ** 31 : 2 ** 63;
  return Number.isFinite(n) && n >= -limit && n < limit ? n : null;
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * Reads the canonical storage form `YYYY-MM-DDTHH:MM:SS[.f{1,7}]Z` with arithmetic only.
 * Tables hand every datetime over in this form, and Date.parse is several times slower,
 * which shows when a query has to read a million rows. NaN when the text is not canonical.
 */
export function parseCanonicalDatetime(s: string): number {
  const n = s.length;
  if (n < 20 || n > 28 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[n - 1] !== 'Z') return NaN;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const mo = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  const h = digit(s, 11) * 10 + digit(s, 12);
  const mi = digit(s, 14) * 10 + digit(s, 15);
  const sec = digit(s, 17) * 10 + digit(s, 18);
  let frac = 0;
  if (n > 20) {
    if (s[19] !== '.' || n === 21) return NaN;
    let scale = 100;
    for (let i = 20; i < n - 1; i++, scale /= 10) frac += digit(s, i) * scale;
  }
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h < 24 && mi < 60 && sec < 60) || Number.isNaN(frac)) return NaN;
  // Days from the civil date (proleptic Gregorian), counted from 1970-01-01.
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  return days * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + frac;
}

const ISO_DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses the datetime forms Kusto accepts in literals and `todatetime`. A value without
 * an offset is UTC (Kusto has no local time). Returns undefined when it is not a datetime.
 */
export function parseDatetimeText(text: string): number | undefined {
  const s = text.trim();
  const m = ISO_DATETIME.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    const fracMs = frac ? Number(`0.${frac}`) * 1000 : 0;
    // setUTCFullYear, because Date.UTC reads years 0-99 as 1900-1999.
    const date = new Date(0);
    date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
    if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1 || Number(y) < 1) return undefined;
    date.setUTCHours(Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0));
    let ms = date.getTime() + fracMs;
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return datetimeInRange(ms) ?? undefined;
  }
  // RFC 822/1123 forms ("Sat, 21 Nov 2026 10:00:00 GMT"): only with an explicit zone, so
  // the host's time zone never leaks into a result.
  if (/[a-z]/i.test(s) && /(GMT|UTC|Z|[+-]\d{4})$/i.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** Storage and wire form of a datetime: whole seconds without a fraction, else milliseconds. */
export function formatDatetime(ms: number): string {
  if (datetimeInRange(ms) === null) return '';
  const iso = new Date(Math.floor(ms)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** `tostring(datetime)` in Kusto prints seven fractional digits when there is a fraction. */
export function datetimeToKqlString(ms: number): string {
  if (datetimeInRange(ms) === null) return '';
  const whole = Math.floor(ms / 1000) * 1000;
  const base = new Date(whole).toISOString().slice(0, 19);
  const ticks = Math.round((ms - whole) * 10_000);
  return ticks === 0 ? `${base}Z` : `${base}.${String(ticks).padStart(7, '0')}Z`;
}

const CLOCK_TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

/** Parses `1.02:03:04.5`, `02:03` (the `d.hh:mm:ss.fffffff` form). Undefined if not one. */
export function parseClockTimespan(text: string): number | undefined {
  const m = CLOCK_TIMESPAN.exec(text.trim());
  if (!m) return undefined;
  const [, neg, d, h, mi, s, frac] = m;
  const ms =
    Number(d ?? 0) * 86_400_000 + Number(h) * 3_600_000 + Number(mi) * 60_000 + Number(s ?? 0) * 1000 + (frac ? Number(`0.${frac}`) * 1000 : 0);
  return neg ? -ms : ms;
}

/** Kusto's timespan text: `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimespan(ms: number): string {
  if (timespanInRange(ms) === null) return '';
  const neg = ms < 0;
  let ticks = Math.round(Math.abs(ms) * 10_000);
  const days = Math.floor(ticks / 864_000_000_000);
  ticks -= days * 864_000_000_000;
  const hours = Math.floor(ticks / 36_000_000_000);
  ticks -= hours * 36_000_000_000;
  const minutes = Math.floor(ticks / 600_000_000);
  ticks -= minutes * 600_000_000;
  const seconds = Math.floor(ticks / 10_000_000);
  ticks -= seconds * 10_000_000;
  const two = (n: number): string => String(n).padStart(2, '0');
  let out = `${two(hours)}:${two(minutes)}:${two(seconds)}`;
  if (days > 0) out = `${days}.${out}`;
  if (ticks > 0) out += `.${String(ticks).padStart(7, '0')}`;
  return neg ? `-${out}` : out;
}

/** A typed value as a dynamic (JSON) value, as make_list or todynamic would store it. */
export function toDynamic(value: Value, type: KqlType): Value {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'datetime':
      return datetimeToKqlString(value as number);
    case 'timespan':
      return formatTimespan(value as number);
    default:
      return value;
  }
}

/** Kusto's `tostring`: null becomes "", dynamic strings are not re-quoted. */
export function toKqlString(value: Value, type: KqlType): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'datetime':
      return datetimeToKqlString(value as number);
    case 'timespan':
      return formatTimespan(value as number);
    case 'dynamic':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'real':
      return formatReal(value as number);
    default:
      return String(value);
  }
}

function formatReal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

export function isPlainObject(v: Value): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
