/** Functions about time: ago, now, bin/floor, format_datetime (calendar functions are in calendarFunctions). */
import type { Compiled } from './compiled';
import { KqlError } from './errors';
import { argError, nullOr, type FunctionContext, type FunctionDef } from './functionKit';
import { datetimeInRange, isNumericType } from './values';


function buildBin([v, size]: Compiled[], ctx: FunctionContext): Compiled {
  const ok = (isNumericType(v.type) && isNumericType(size.type)) || ((v.type === 'datetime' || v.type === 'timespan') && size.type === 'timespan');
  if (!ok) throw argError(ctx, `cannot bin ${v.type} by ${size.type}`);
  return {
    type: v.type,
    eval: (row) => {
      const x = v.eval(row);
      const s = size.eval(row);
      if (typeof x !== 'number' || typeof s !== 'number' || s <= 0) return null;
      return Math.floor(x / s) * s;
    },
  };
}

type Part = { literal: string } | { spec: string };

/** Characters Kusto allows between format elements. */
const SEPARATORS = new Set([' ', '/', '-', ':', ',', '.', '_', '[', ']']);
const SPECIFIERS = new Set(['d', 'dd', 'h', 'hh', 'H', 'HH', 'm', 'mm', 'M', 'MM', 's', 'ss', 'y', 'yy', 'yyyy', 'tt']);

function isFraction(run: string): boolean {
  return run.length <= 7 && (/^f+$/.test(run) || /^F+$/.test(run));
}

/**
 * Splits a format into runs of one letter (the specifiers) and separators. A run Kusto
 * does not know is an error rather than text copied through, so a typo cannot pass unseen.
 */
function parseFormat(format: string, ctx: FunctionContext): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (SEPARATORS.has(ch)) {
      parts.push({ literal: ch });
      i++;
      continue;
    }
    let j = i + 1;
    while (j < format.length && format[j] === ch) j++;
    const run = format.slice(i, j);
    if (!SPECIFIERS.has(run) && !isFraction(run)) {
      throw argError(ctx, `'${run}' is not a supported format element (use d, dd, f..fffffff, F..FFFFFFF, h, hh, H, HH, m, mm, M, MM, s, ss, y, yy, yyyy, tt and the separators ${[...SEPARATORS].join(' ')})`);
    }
    parts.push({ spec: run });
    i = j;
  }
  return parts;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function formatPart(spec: string, d: Date, ticks: string): string {
  const hour12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  switch (spec) {
    case 'd': return String(d.getUTCDate());
    case 'dd': return pad(d.getUTCDate(), 2);
    case 'h': return String(hour12);
    case 'hh': return pad(hour12, 2);
    case 'H': return String(d.getUTCHours());
    case 'HH': return pad(d.getUTCHours(), 2);
    case 'm': return String(d.getUTCMinutes());
    case 'mm': return pad(d.getUTCMinutes(), 2);
    case 'M': return String(d.getUTCMonth() + 1);
    case 'MM': return pad(d.getUTCMonth() + 1, 2);
    case 's': return String(d.getUTCSeconds());
    case 'ss': return pad(d.getUTCSeconds(), 2);
    case 'y': return String(d.getUTCFullYear() % 100);
    case 'yy': return pad(d.getUTCFullYear() % 100, 2);
    case 'yyyy': return pad(d.getUTCFullYear(), 4);
    case 'tt': return d.getUTCHours() < 12 ? 'AM' : 'PM';
    default: {
      const digits = ticks.slice(0, spec.length);
      // `F` drops trailing zeros (and prints nothing for a zero fraction); `f` keeps them.
      return spec[0] === 'F' ? digits.replace(/0+$/, '') : digits;
    }
  }
}

function formatDatetimeWith(parts: Part[], ms: number): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const d = new Date(whole);
  const ticks = pad(Math.round((ms - whole) * 10_000), 7);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if ('literal' in p) {
      // As in .NET, a '.' directly before an empty `F` fraction is dropped with it.
      const next = parts[i + 1];
      if (p.literal === '.' && next !== undefined && 'spec' in next && next.spec[0] === 'F' && formatPart(next.spec, d, ticks) === '') continue;
      out += p.literal;
    } else {
      out += formatPart(p.spec, d, ticks);
    }
  }
  return out;
}

function buildFormatDatetime([date, format]: Compiled[], ctx: FunctionContext): Compiled {
  if (date.type !== 'datetime') throw argError(ctx, `expects a datetime, got ${date.type}`);
  if (format.type !== 'string') throw argError(ctx, `expects a format string, got ${format.type}`);
  if (!format.constant) {
    throw new KqlError('UnsupportedError', 'UNSUPPORTED', "A 'format_datetime' format that is not a constant string is not supported by the Sentinel emulator");
  }
  const parts = parseFormat(String(format.eval([])), ctx);
  return { type: 'string', eval: (row) => nullOr(date.eval(row), (v) => formatDatetimeWith(parts, v as number)) };
}

export const DATE_FUNCTIONS: Record<string, FunctionDef> = {
  ago: {
    min: 1,
    max: 1,
    build: ([a], ctx) => {
      if (a.type !== 'timespan') throw argError(ctx, `expects a timespan, got ${a.type}`);
      return { type: 'datetime', eval: (row) => nullOr(a.eval(row), (v) => datetimeInRange(ctx.now - (v as number))) };
    },
  },
  now: {
    min: 0,
    max: 1,
    build: ([a], ctx) => {
      if (a !== undefined && a.type !== 'timespan') throw argError(ctx, `expects a timespan, got ${a.type}`);
      return { type: 'datetime', eval: (row) => (a === undefined ? ctx.now : nullOr(a.eval(row), (v) => datetimeInRange(ctx.now + (v as number)))) };
    },
  },
  bin: { min: 2, max: 2, build: buildBin },
  floor: { min: 2, max: 2, build: buildBin },
  format_datetime: { min: 2, max: 2, build: buildFormatDatetime },
};
