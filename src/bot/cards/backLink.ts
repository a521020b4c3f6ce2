/**
 * The way back from a detail card to the list it was opened from: a row's press replaces the
 * list card, so the detail card carries a button that shows the list again where it was.
 */
export type Back = { to: 'mine'; page: number } | { to: 'looseEnds'; offset: number };

/** Template data for the "back" button; empty title when there is no list to go back to. */
export function backLink(back: Back | undefined): { backTitle: string; backVerb: string; backPage: number; backOffset: number } {
  if (!back) return { backTitle: '', backVerb: '', backPage: 1, backOffset: 0 };
  return back.to === 'mine'
    ? { backTitle: '← Back to my incidents', backVerb: 'incidents.mine', backPage: back.page, backOffset: 0 }
    : { backTitle: '← Back to loose ends', backVerb: 'incidents.looseEnds', backPage: 1, backOffset: back.offset };
}

/** The list a row's press came from, as the row's data says; anything else is no list. */
export function backFrom(data: Record<string, unknown>): Back | undefined {
  const n = (v: unknown, max: number): number | undefined => {
    const x = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : NaN;
    return Number.isSafeInteger(x) && x >= 0 && x <= max ? x : undefined;
  };
  if (data.back === 'mine') return { to: 'mine', page: Math.max(1, n(data.backPage, 9999) ?? 1) };
  if (data.back === 'looseEnds') return { to: 'looseEnds', offset: n(data.backOffset, 999_999) ?? 0 };
  return undefined;
}
