/**
 * Bounded lists. Teams refuses a message over 100 KB, and a card listing every task of a busy
 * incident crossed it at about 60 tasks: every list card shows at most PAGE_SIZE rows and a
 * "Show 10 more" button that asks for the next window by its offset.
 */
export const PAGE_SIZE = 10;

/** What a list template needs to show its window and the buttons around it. */
export interface Paging {
  offset: number;
  /** "Showing 11–20 of 94"; empty when everything fits. */
  range: string;
  hasMore: boolean;
  moreTitle: string;
  nextOffset: number;
  hasPrevious: boolean;
  previousTitle: string;
  previousOffset: number;
}

/** The offset a card may ask for: a whole number from 0 below a bound, anything else is 0. */
export function offsetFrom(raw: unknown): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,6}$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n >= 0 && n < 1_000_000 ? n : 0;
}

/** The start of the last window: where a newly added row (at the end) is seen. */
export function lastPageOffset(total: number, size = PAGE_SIZE): number {
  return total <= size ? 0 : Math.floor((total - 1) / size) * size;
}

/** An offset past the end (the list shrank since the card was shown) shows the last window. */
export function pageOf<T>(all: readonly T[], requested: number, size = PAGE_SIZE): { rows: T[]; paging: Paging } {
  const offset = Math.min(Math.max(0, requested), lastPageOffset(all.length, size));
  const rows = all.slice(offset, offset + size);
  const left = all.length - offset - rows.length;
  const next = Math.min(size, left);
  return {
    rows,
    paging: {
      offset,
      range: all.length > size ? `Showing ${offset + 1}–${offset + rows.length} of ${all.length}` : '',
      hasMore: left > 0,
      moreTitle: `Show ${next} more`,
      nextOffset: offset + rows.length,
      hasPrevious: offset > 0,
      previousTitle: `Show previous ${Math.min(size, offset)}`,
      previousOffset: Math.max(0, offset - size),
    },
  };
}
