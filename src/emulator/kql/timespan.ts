/**
 * The query API's `timespan` parameter: an ISO 8601 duration ending now, or an interval
 * `start/end`, `start/duration`, `duration/end`.
 */
import { KqlError } from './errors';
import { parseDatetimeText } from './values';

interface Duration {
  years: number;
  months: number;
  /** Everything with a fixed length (weeks, days, hours, minutes, seconds). */
  ms: number;
}

function invalid(timespan: string, detail: string): KqlError {
  return new KqlError('SyntaxError', 'SYN0100', `Invalid timespan '${timespan}': ${detail}`);
}

const DATE_UNITS: Record<string, number> = { W: 7 * 86_400_000, D: 86_400_000 };
const TIME_UNITS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000 };

/** Parses `P1Y2M3W4DT5H6M7.5S`-style durations. Undefined when the text is not a duration. */
export function parseIsoDuration(text: string): Duration | undefined {
  const s = text.trim().toUpperCase();
  if (!s.startsWith('P') || s.length < 2) return undefined;
  const d: Duration = { years: 0, months: 0, ms: 0 };
  let inTime = false;
  let sawComponent = false;
  let i = 1;
  while (i < s.length) {
    if (s[i] === 'T') {
      if (inTime) return undefined;
      inTime = true;
      i++;
      if (i >= s.length) return undefined;
      continue;
    }
    let j = i;
    while (j < s.length && ((s[j] >= '0' && s[j] <= '9') || s[j] === '.' || s[j] === ',')) j++;
    if (j === i || j >= s.length) return undefined;
    const n = Number(s.slice(i, j).replace(',', '.'));
    if (Number.isNaN(n)) return undefined;
    const unit = s[j];
    if (!inTime && unit === 'Y' && Number.isInteger(n)) d.years += n;
    else if (!inTime && unit === 'M' && Number.isInteger(n)) d.months += n;
    else if (!inTime && DATE_UNITS[unit] !== undefined) d.ms += n * DATE_UNITS[unit];
    else if (inTime && TIME_UNITS[unit] !== undefined) d.ms += n * TIME_UNITS[unit];
    else return undefined;
    sawComponent = true;
    i = j + 1;
  }
  return sawComponent ? d : undefined;
}

/** Moves `ms` by the duration in direction `sign`, months and years on the calendar. */
function shift(ms: number, d: Duration, sign: 1 | -1): number {
  const date = new Date(ms);
  if (d.years !== 0 || d.months !== 0) date.setUTCMonth(date.getUTCMonth() + sign * (d.years * 12 + d.months));
  return date.getTime() + sign * d.ms;
}

export function parseTimespan(timespan: string, now: Date): { fromMs: number; toMs: number } {
  const text = timespan.trim();
  if (text === '') throw invalid(timespan, 'it is empty');
  const parts = text.split('/');
  if (parts.length === 1) {
    const d = parseIsoDuration(text);
    if (d === undefined) throw invalid(timespan, 'expected an ISO 8601 duration such as PT12H or P7D, or an interval start/end');
    return { fromMs: shift(now.getTime(), d, -1), toMs: now.getTime() };
  }
  if (parts.length !== 2) throw invalid(timespan, "an interval has exactly one '/'");
  const [a, b] = parts;
  const startMs = parseDatetimeText(a);
  const endMs = parseDatetimeText(b);
  let result: { fromMs: number; toMs: number };
  if (startMs !== undefined && endMs !== undefined) result = { fromMs: startMs, toMs: endMs };
  else if (startMs !== undefined) {
    const d = parseIsoDuration(b);
    if (d === undefined) throw invalid(timespan, `'${b}' is neither a datetime nor a duration`);
    result = { fromMs: startMs, toMs: shift(startMs, d, 1) };
  } else if (endMs !== undefined) {
    const d = parseIsoDuration(a);
    if (d === undefined) throw invalid(timespan, `'${a}' is neither a datetime nor a duration`);
    result = { fromMs: shift(endMs, d, -1), toMs: endMs };
  } else {
    throw invalid(timespan, 'an interval needs at least one ISO 8601 datetime');
  }
  if (result.fromMs > result.toMs) throw invalid(timespan, 'the start is after the end');
  return result;
}
