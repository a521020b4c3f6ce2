/**
 * The feed's watermark: the newest lastModifiedTimeUtc seen plus the incidents already handled at
 * exactly that instant. The API filter is `gt`, so polling from the newest time alone would skip an
 * incident modified in the same millisecond after the previous poll; the poll therefore asks from
 * one millisecond earlier (`gt time - 1ms`) and the tie set drops what was already handled.
 *
 * A modification time far ahead of this machine's clock (a skewed clock, a bad record) does not
 * move the watermark: moved there, every real change until that moment would be skipped. Such an
 * incident is remembered in `ahead` instead, so it is handled once, not again each poll.
 */
export interface Watermark {
  /** ISO time of the newest modification handled; undefined before the first poll. */
  time?: string;
  /** `name|lastModifiedTimeUtc` of every incident handled at exactly `time`. */
  ties: string[];
  /** `name|lastModifiedTimeUtc` of incidents handled whose time is still in the future. */
  ahead?: string[];
}

export interface FeedItem {
  name: string;
  lastModifiedTimeUtc: string;
}

export const EMPTY_WATERMARK: Watermark = { ties: [] };

/** How far ahead of this machine's clock a modification time may be and still move the watermark. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** Normalised so `...00.1230000Z` and `...00.123Z` are the same instant. */
const key = (i: FeedItem): string => `${i.name}|${new Date(Date.parse(i.lastModifiedTimeUtc)).toISOString()}`;
const timeOfKey = (k: string): number => Date.parse(k.slice(k.lastIndexOf('|') + 1));

/** The `$filter` a poll uses, or undefined on the first poll (start from everything or from now). */
export function pollFilter(w: Watermark): string | undefined {
  if (!w.time) return undefined;
  const from = new Date(Date.parse(w.time) - 1).toISOString();
  return `properties/lastModifiedTimeUtc gt ${from}`;
}

/** Items of a poll not yet handled: drops the ones in the tie set (same incident, same instant). */
export function unseen<T extends FeedItem>(w: Watermark, items: readonly T[]): T[] {
  const handled = new Set([...w.ties, ...(w.ahead ?? [])]);
  const cutoff = w.time ? Date.parse(w.time) : -Infinity;
  return items.filter((i) => {
    const t = Date.parse(i.lastModifiedTimeUtc);
    if (!Number.isFinite(t) || t < cutoff) return false;
    return !handled.has(key(i));
  });
}

/** The watermark after handling `items` (all of them, in any order). */
export function advance(w: Watermark, items: readonly FeedItem[], now = Date.now()): Watermark {
  let time = w.time;
  let ties = new Set(w.ties);
  const ahead = new Set(w.ahead ?? []);
  const limit = now + FUTURE_TOLERANCE_MS;
  for (const i of items) {
    const t = Date.parse(i.lastModifiedTimeUtc);
    if (!Number.isFinite(t)) continue;
    if (t > limit) {
      ahead.add(key(i));
      continue;
    }
    const cur = time ? Date.parse(time) : -Infinity;
    if (t > cur) {
      time = new Date(t).toISOString();
      ties = new Set([key(i)]);
    } else if (t === cur) {
      ties.add(key(i));
    }
  }
  // Once the watermark passes a future time, `gt` filters that incident out by itself.
  const cutoff = time ? Date.parse(time) : -Infinity;
  const still = [...ahead].filter((k) => timeOfKey(k) > cutoff).sort();
  return still.length ? { time, ties: [...ties].sort(), ahead: still } : { time, ties: [...ties].sort() };
}
