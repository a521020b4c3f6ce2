/**
 * The feed's watermark: the newest lastModifiedTimeUtc seen plus the incidents already handled at
 * exactly that instant. The API filter is `gt`, so polling from the newest time alone would skip an
 * incident modified in the same millisecond after the previous poll; the poll therefore asks from
 * one millisecond earlier (`gt time - 1ms`) and the tie set drops what was already handled.
 */
export interface Watermark {
  /** ISO time of the newest modification handled; undefined before the first poll. */
  time?: string;
  /** `name|lastModifiedTimeUtc` of every incident handled at exactly `time`. */
  ties: string[];
}

export interface FeedItem {
  name: string;
  lastModifiedTimeUtc: string;
}

export const EMPTY_WATERMARK: Watermark = { ties: [] };

/** Normalised so `...00.1230000Z` and `...00.123Z` are the same instant. */
const key = (i: FeedItem): string => `${i.name}|${new Date(Date.parse(i.lastModifiedTimeUtc)).toISOString()}`;

/** The `$filter` a poll uses, or undefined on the first poll (start from everything or from now). */
export function pollFilter(w: Watermark): string | undefined {
  if (!w.time) return undefined;
  const from = new Date(Date.parse(w.time) - 1).toISOString();
  return `properties/lastModifiedTimeUtc gt ${from}`;
}

/** Items of a poll not yet handled: drops the ones in the tie set (same incident, same instant). */
export function unseen<T extends FeedItem>(w: Watermark, items: readonly T[]): T[] {
  const ties = new Set(w.ties);
  const cutoff = w.time ? Date.parse(w.time) : -Infinity;
  return items.filter((i) => {
    const t = Date.parse(i.lastModifiedTimeUtc);
    if (t < cutoff) return false;
    return !(t === cutoff && ties.has(key(i)));
  });
}

/** The watermark after handling `items` (all of them, in any order). */
export function advance(w: Watermark, items: readonly FeedItem[]): Watermark {
  let time = w.time;
  let ties = new Set(w.ties);
  for (const i of items) {
    const t = Date.parse(i.lastModifiedTimeUtc);
    const cur = time ? Date.parse(time) : -Infinity;
    if (t > cur) {
      time = new Date(t).toISOString();
      ties = new Set([key(i)]);
    } else if (t === cur) {
      ties.add(key(i));
    }
  }
  return { time, ties: [...ties].sort() };
}
