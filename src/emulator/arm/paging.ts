/**
 * List paging as Sentinel does it: `$top` (at most 1000, the swagger's maximum) is the page
 * size, 50 by default, and `nextLink` is an absolute URL carrying the same query plus a
 * `$skipToken`. The token remembers the last item served, so an item created or deleted
 * between two pages neither repeats nor disappears from what follows.
 */
import type { EmulatorRequest } from '../http/types';
import { badRequest } from './errors';
import type { ListPage } from './wireTypes';

export const DEFAULT_PAGE_SIZE = 50;
export const TOP_MAX = 1000;

interface SkipToken {
  /** Name of the last item of the previous page. */
  after: string;
  /** Its position then: where to go on if it has since been deleted. */
  offset: number;
}

function readToken(raw: string): SkipToken {
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<SkipToken>;
    if (typeof t.after === 'string' && Number.isInteger(t.offset) && (t.offset ?? -1) >= 0) return { after: t.after, offset: t.offset! };
  } catch {
    // falls through to the 400
  }
  throw badRequest('The $skipToken is not valid: use the nextLink of the previous page as it is.');
}

/** Like URLSearchParams.toString, but keeps the `$` of OData parameter names, as ARM's links do. */
function queryString(params: URLSearchParams): string {
  return [...params].map(([k, v]) => `${encodeURIComponent(k).replace(/^%24/, '$')}=${encodeURIComponent(v)}`).join('&');
}

export function pageSize(req: EmulatorRequest): number {
  const raw = req.query.get('$top');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const top = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || top < 1 || top > TOP_MAX) throw badRequest(`$top must be an integer between 1 and ${TOP_MAX} (got '${raw}').`);
  return top;
}

/** One page of `items` (already filtered and sorted), named by `nameOf`, mapped by `toWire`. */
export function page<T, W>(req: EmulatorRequest, items: readonly T[], nameOf: (item: T) => string, toWire: (item: T) => W): ListPage<W> {
  const size = pageSize(req);
  let start = 0;
  const raw = req.query.get('$skipToken');
  if (raw !== null) {
    const token = readToken(raw);
    const after = token.after.toLowerCase();
    const at = items.findIndex((i) => nameOf(i).toLowerCase() === after);
    start = at >= 0 ? at + 1 : Math.min(token.offset + 1, items.length);
  }
  const slice = items.slice(start, start + size);
  const result: ListPage<W> = { value: slice.map(toWire) };
  if (start + size < items.length && slice.length > 0) {
    const next = new URLSearchParams(req.query);
    const token: SkipToken = { after: nameOf(slice[slice.length - 1]!), offset: start + slice.length - 1 };
    next.set('$skipToken', Buffer.from(JSON.stringify(token)).toString('base64url'));
    result.nextLink = `${req.baseUrl}${req.path}?${queryString(next)}`;
  }
  return result;
}
