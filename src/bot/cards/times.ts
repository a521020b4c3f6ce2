/**
 * Every date and time the bot shows, in the reader's time zone and labelled with it:
 * "2 Dec 2026, 14:45 UTC+05:30", "8 Mar 2026, 03:30 PDT". Teams says each person's zone
 * (an IANA name) with their messages; a zone that is missing or unknown gives UTC, labelled
 * "UTC", so a time is never shown without saying which clock it is on. Cards seen by a whole
 * channel (the feed, SOC notices) are formatted in UTC.
 */

/** An IANA time zone name this runtime knows, checked by `timeZoneOf`. */
export type TimeZone = string & { readonly __timeZone: true };

export const UTC = 'UTC' as TimeZone;

/**
 * IANA names are letters, digits, "_", "+", "-" in up to four "/" parts ("America/Argentina/
 * Buenos_Aires", "Etc/GMT+5"). Anything else (markup, "${...}", an offset such as "+05:30",
 * which only some Node versions accept) is refused before Intl sees it, so a zone string never
 * reaches a card except as a name Intl has resolved.
 */
const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,3}$/;
const ZONE_MAX = 64;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Formatters are costly to build and a process sees few zones: kept per zone, bounded. */
const FORMATTERS_MAX = 200;
const formatters = new Map<string, { parts: Intl.DateTimeFormat; short: Intl.DateTimeFormat; offset: Intl.DateTimeFormat }>();

function formattersFor(zone: string): { parts: Intl.DateTimeFormat; short: Intl.DateTimeFormat; offset: Intl.DateTimeFormat } {
  let f = formatters.get(zone);
  if (!f) {
    f = {
      parts: new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      short: new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }),
      offset: new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }),
    };
    if (formatters.size >= FORMATTERS_MAX) formatters.delete(formatters.keys().next().value as string);
    formatters.set(zone, f);
  }
  return f;
}

/** The zone as this runtime knows it, or undefined for anything that is not a known IANA name. */
export function timeZoneOf(name: unknown): TimeZone | undefined {
  if (typeof name !== 'string') return undefined;
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > ZONE_MAX || !ZONE_SHAPE.test(trimmed)) return undefined;
  try {
    formattersFor(trimmed);
    return trimmed as TimeZone;
  } catch {
    // RangeError: not a zone this runtime's time zone data has.
    return undefined;
  }
}

function partOf(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/**
 * The zone's name at that moment: an abbreviation where one is common ("PST", "PDT", "EST"),
 * else the offset ("UTC+05:30"); UTC itself is "UTC".
 */
export function zoneLabel(date: Date, zone: TimeZone): string {
  if (zone === UTC) return 'UTC';
  const f = formattersFor(zone);
  const short = partOf(f.short.formatToParts(date), 'timeZoneName');
  if (/^[A-Z]{2,5}$/.test(short)) return short === 'GMT' ? 'UTC' : short;
  const offset = partOf(f.offset.formatToParts(date), 'timeZoneName').replace(/^GMT/, '');
  return offset === '' || offset === '+00:00' ? 'UTC' : `UTC${offset}`;
}

function dateOf(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function wallClock(d: Date, zone: TimeZone): { day: string; month: string; year: string; time: string } {
  // UTC (every reader whose zone Teams has not said) needs no time zone data: Intl's parts are
  // a measurable share of a card's cost.
  if (zone === UTC) return { day: String(d.getUTCDate()), month: MONTHS[d.getUTCMonth()] ?? '', year: String(d.getUTCFullYear()), time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` };
  const parts = formattersFor(zone).parts.formatToParts(d);
  // Some ICU versions write midnight as "24" even with h23.
  const hour = partOf(parts, 'hour') === '24' ? '00' : partOf(parts, 'hour');
  return { day: partOf(parts, 'day'), month: MONTHS[Number(partOf(parts, 'month')) - 1] ?? '', year: partOf(parts, 'year'), time: `${hour}:${partOf(parts, 'minute')}` };
}

/** "20 Nov 2026, 14:45 UTC+05:30": unambiguous for a team spread over time zones. */
export function formatTime(iso: string | undefined, zone: TimeZone): string {
  const d = dateOf(iso);
  if (!d) return '';
  const w = wallClock(d, zone);
  return `${w.day} ${w.month} ${w.year}, ${w.time} ${zoneLabel(d, zone)}`;
}

/** "19:05 UTC+05:30": the time of day alone, for "changed 19:05 ..." in a sentence about today. */
export function formatClock(iso: string | undefined, zone: TimeZone): string {
  const d = dateOf(iso);
  if (!d) return '';
  return `${wallClock(d, zone).time} ${zoneLabel(d, zone)}`;
}

/** "by Ada Lovelace, 20 Nov 2026, 09:15 UTC", leaving out what is unknown. */
export function byAt(by: string | undefined, at: string | undefined, zone: TimeZone): string {
  return [by ? `by ${by}` : '', formatTime(at, zone)].filter(Boolean).join(', ');
}
