/**
 * Calendar functions: parts of a datetime (datetime_part, dayofweek, hourofday, ...), the
 * start and end of its day, week, month and year, and calendar arithmetic (datetime_diff,
 * datetime_add). Everything is UTC; weeks start on Sunday, as in Kusto.
 */
import type { Compiled } from './compiled';
import { argError, nullOr, type FunctionContext, type FunctionDef } from './functionKit';
import type { KqlType } from './types';
import { datetimeInRange, isNumericType, type Value } from './values';

const DAY_MS = 86_400_000;
/** The end of a period is its start plus the period minus a microsecond (a double cannot hold a 100 ns tick of a current date). */
const TICK_MS = 0.001;

const utc = (ms: number): Date => new Date(Math.floor(ms));

function requireDatetime(c: Compiled, ctx: FunctionContext): void {
  if (c.type !== 'datetime') throw argError(ctx, `expects a datetime, got ${c.type}`);
}

/** A function of one datetime, null in, null out. */
function ofDatetime(result: KqlType, fn: (ms: number) => number | null): FunctionDef {
  return {
    min: 1,
    max: 1,
    build: ([a], ctx) => {
      requireDatetime(a, ctx);
      return { type: result, eval: (row) => nullOr(a.eval(row), (v) => fn(v as number)) };
    },
  };
}

/** ISO 8601 week number: the week with the year's first Thursday is week 1. */
function isoWeek(ms: number): number {
  const d = utc(ms);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const firstThursdayYear = new Date(thursday).getUTCFullYear();
  const jan4 = Date.UTC(firstThursdayYear, 0, 4);
  const jan4Day = (new Date(jan4).getUTCDay() + 6) % 7;
  const week1Thursday = jan4 - jan4Day * DAY_MS + 3 * DAY_MS;
  return 1 + Math.round((thursday - week1Thursday) / (7 * DAY_MS));
}

function dayOfYear(ms: number): number {
  const d = utc(ms);
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
}

type Period = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond' | 'microsecond' | 'nanosecond';

function startOf(period: 'day' | 'week' | 'month' | 'year', ms: number, offset = 0): number | null {
  const d = utc(ms);
  let start: number;
  if (period === 'day') start = Math.floor(ms / DAY_MS) * DAY_MS;
  else if (period === 'week') start = Math.floor(ms / DAY_MS) * DAY_MS - d.getUTCDay() * DAY_MS;
  else if (period === 'month') start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  else start = Date.UTC(d.getUTCFullYear(), 0, 1);
  if (offset === 0) return start;
  if (period === 'day' || period === 'week') return datetimeInRange(start + offset * (period === 'day' ? 1 : 7) * DAY_MS);
  const s = utc(start);
  return datetimeInRange(period === 'month' ? Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + offset, 1) : Date.UTC(s.getUTCFullYear() + offset, 0, 1));
}

function periodBoundary(period: 'day' | 'week' | 'month' | 'year', end: boolean): FunctionDef {
  return {
    min: 1,
    max: 2,
    build: ([a, offset], ctx) => {
      requireDatetime(a, ctx);
      if (offset !== undefined && offset.type !== 'long' && offset.type !== 'int') throw argError(ctx, `the offset must be a whole number, got ${offset.type}`);
      return {
        type: 'datetime',
        eval: (row) => {
          const v = a.eval(row);
          const o = offset === undefined ? 0 : offset.eval(row);
          if (typeof v !== 'number' || typeof o !== 'number') return null;
          if (!end) return startOf(period, v, o);
          const next = startOf(period, v, o + 1);
          return next === null ? null : next - TICK_MS;
        },
      };
    },
  };
}

const PART_NAMES: Record<string, string> = {
  year: 'year', quarter: 'quarter', month: 'month', week_of_year: 'week_of_year', weekofyear: 'week_of_year', week: 'week_of_year',
  day: 'day', dayofyear: 'dayofyear', hour: 'hour', minute: 'minute', second: 'second', millisecond: 'millisecond',
  microsecond: 'microsecond', nanosecond: 'nanosecond',
};

function datetimePart(part: string, ms: number): number {
  const d = utc(ms);
  const fractionTicks = Math.round((ms - Math.floor(ms / 1000) * 1000) * 10_000);
  switch (part) {
    case 'year': return d.getUTCFullYear();
    case 'quarter': return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'month': return d.getUTCMonth() + 1;
    case 'week_of_year': return isoWeek(ms);
    case 'day': return d.getUTCDate();
    case 'dayofyear': return dayOfYear(ms);
    case 'hour': return d.getUTCHours();
    case 'minute': return d.getUTCMinutes();
    case 'second': return d.getUTCSeconds();
    case 'millisecond': return Math.floor(fractionTicks / 10_000);
    case 'microsecond': return Math.floor(fractionTicks / 10);
    default: return fractionTicks * 100;
  }
}

function constantText(c: Compiled, ctx: FunctionContext, what: string): string {
  if (c.type !== 'string' || !c.constant) throw argError(ctx, `the ${what} must be a constant string`);
  return String(c.eval([])).toLowerCase();
}

const PERIODS = new Set<Period>(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond']);
const PERIOD_ALIASES: Record<string, Period> = { years: 'year', quarters: 'quarter', months: 'month', weeks: 'week', days: 'day', hours: 'hour', minutes: 'minute', seconds: 'second', milliseconds: 'millisecond', microseconds: 'microsecond', nanoseconds: 'nanosecond' };

function periodOf(c: Compiled, ctx: FunctionContext): Period {
  const text = constantText(c, ctx, 'period');
  const p = PERIOD_ALIASES[text] ?? text;
  if (!PERIODS.has(p as Period)) throw argError(ctx, `'${text}' is not a period (${[...PERIODS].join(', ')})`);
  return p as Period;
}

const FIXED_MS: Partial<Record<Period, number>> = { day: DAY_MS, hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1, microsecond: 0.001, nanosecond: 0.0001 };

/** Counts the period boundaries between the two instants: both are truncated to the period, then subtracted. */
function diff(period: Period, a: number, b: number): number {
  const da = utc(a);
  const db = utc(b);
  const months = (d: Date): number => d.getUTCFullYear() * 12 + d.getUTCMonth();
  switch (period) {
    case 'year': return da.getUTCFullYear() - db.getUTCFullYear();
    case 'quarter': return Math.floor(months(da) / 3) - Math.floor(months(db) / 3);
    case 'month': return months(da) - months(db);
    case 'week': return Math.round(((startOf('week', a) ?? 0) - (startOf('week', b) ?? 0)) / (7 * DAY_MS));
    default: {
      const unit = FIXED_MS[period] as number;
      return Math.floor(a / unit + 1e-9) - Math.floor(b / unit + 1e-9);
    }
  }
}

function add(period: Period, amount: number, ms: number): number | null {
  const d = utc(ms);
  const rest = ms - Math.floor(ms);
  const shiftMonths = (n: number): number => {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + n;
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()) + rest;
  };
  switch (period) {
    case 'year': return datetimeInRange(shiftMonths(12 * amount));
    case 'quarter': return datetimeInRange(shiftMonths(3 * amount));
    case 'month': return datetimeInRange(shiftMonths(amount));
    case 'week': return datetimeInRange(ms + amount * 7 * DAY_MS);
    default: return datetimeInRange(ms + amount * (FIXED_MS[period] as number));
  }
}

const datetimeDiff: FunctionDef = {
  min: 3,
  max: 3,
  build: ([p, a, b], ctx) => {
    const period = periodOf(p, ctx);
    requireDatetime(a, ctx);
    requireDatetime(b, ctx);
    return {
      type: 'long',
      eval: (row) => {
        const x = a.eval(row);
        const y = b.eval(row);
        return typeof x === 'number' && typeof y === 'number' ? diff(period, x, y) : null;
      },
    };
  },
};

const datetimeAdd: FunctionDef = {
  min: 3,
  max: 3,
  build: ([p, n, a], ctx) => {
    const period = periodOf(p, ctx);
    if (!isNumericType(n.type)) throw argError(ctx, `the amount must be a number, got ${n.type}`);
    requireDatetime(a, ctx);
    return {
      type: 'datetime',
      eval: (row) => {
        const amount = n.eval(row);
        const v = a.eval(row);
        return typeof amount === 'number' && typeof v === 'number' ? add(period, Math.trunc(amount), v) : null;
      },
    };
  },
};

const datetimePartFn: FunctionDef = {
  min: 2,
  max: 2,
  build: ([p, a], ctx) => {
    const text = constantText(p, ctx, 'part');
    const part = PART_NAMES[text];
    if (part === undefined) throw argError(ctx, `'${text}' is not a datetime part (${Object.keys(PART_NAMES).join(', ')})`);
    requireDatetime(a, ctx);
    return { type: 'int', eval: (row) => nullOr(a.eval(row), (v): Value => datetimePart(part, v as number)) };
  },
};

export const CALENDAR_FUNCTIONS: Record<string, FunctionDef> = {
  datetime_diff: datetimeDiff,
  datetime_add: datetimeAdd,
  datetime_part: datetimePartFn,
  dayofweek: ofDatetime('timespan', (ms) => utc(ms).getUTCDay() * DAY_MS),
  dayofmonth: ofDatetime('int', (ms) => utc(ms).getUTCDate()),
  dayofyear: ofDatetime('int', dayOfYear),
  hourofday: ofDatetime('int', (ms) => utc(ms).getUTCHours()),
  getmonth: ofDatetime('int', (ms) => utc(ms).getUTCMonth() + 1),
  monthofyear: ofDatetime('int', (ms) => utc(ms).getUTCMonth() + 1),
  getyear: ofDatetime('int', (ms) => utc(ms).getUTCFullYear()),
  weekofyear: ofDatetime('int', isoWeek),
  week_of_year: ofDatetime('int', isoWeek),
  startofday: periodBoundary('day', false),
  startofweek: periodBoundary('week', false),
  startofmonth: periodBoundary('month', false),
  startofyear: periodBoundary('year', false),
  endofday: periodBoundary('day', true),
  endofweek: periodBoundary('week', true),
  endofmonth: periodBoundary('month', true),
  endofyear: periodBoundary('year', true),
};
