/**
 * The incident card's "Assign to…" typeahead: Teams asks the bot (`application/search` invoke,
 * dataset "people") as the person types, and shows the people answered. The query is untrusted
 * text from the client: anything but a string is an empty query (the first people), a long one
 * is cut, and it only ever reaches the directory as a checked, escaped filter (people.ts).
 */
import type { PeopleDirectory } from '../directory/people';
import type { Logger } from '../logging';
import type { HandlerContext } from './handlers/context';

export const PEOPLE_DATASET = 'people';
export const SEARCH_RESPONSE_TYPE = 'application/vnd.microsoft.search.searchResponse';

/** Longer than any name a person types to find someone; the directory sees only the first word anyway. */
export const MAX_QUERY = 100;
const DEFAULT_TOP = 15;
const MAX_TOP = 25;
const MAX_SKIP = 100;

export interface PeopleQuery {
  text: string;
  skip: number;
  top: number;
}

function count(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? Math.min(value, max) : fallback;
}

/** The query as Teams sent it, bounded; undefined for a dataset this bot does not answer. */
export function readPeopleQuery(value: unknown): PeopleQuery | undefined {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (v.dataset !== PEOPLE_DATASET) return undefined;
  const options = typeof v.queryOptions === 'object' && v.queryOptions !== null ? (v.queryOptions as Record<string, unknown>) : {};
  const text = typeof v.queryText === 'string' ? Array.from(v.queryText.replace(/\p{C}/gu, ' ').trim()).slice(0, MAX_QUERY).join('') : '';
  return { text, skip: count(options.skip, 0, MAX_SKIP), top: Math.max(1, count(options.top, DEFAULT_TOP, MAX_TOP)) };
}

export interface PeopleChoice {
  title: string;
  value: string;
}

/** "Ada Lovelace (ada@contoso.com)": two people of one name are told apart. */
export async function searchPeople(pickable: PeopleDirectory, query: PeopleQuery): Promise<PeopleChoice[]> {
  // Nothing to match yet (empty, or only punctuation): the first people, as a picker opens.
  const typed = /[\p{L}\p{N}]/u.test(query.text);
  const found = typed ? await pickable.search(query.text, query.skip + query.top) : await pickable.first(query.skip + query.top);
  return found.slice(query.skip, query.skip + query.top).map((p) => {
    const detail = p.userPrincipalName ?? p.email;
    return { title: detail && detail !== p.name ? `${p.name} (${detail})` : p.name, value: p.objectId };
  });
}

/** The invoke's answer: only a person who may assign gets anyone; a failure is an empty list (and a log line). */
export async function answerPeopleSearch(value: unknown, ctx: Pick<HandlerContext, 'caller' | 'pickable'>, logger: Logger): Promise<{ status: number; body: unknown }> {
  const query = readPeopleQuery(value);
  if (!query) return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'This search is not supported.' } } };
  let results: PeopleChoice[] = [];
  try {
    if (await ctx.caller.mayTriage()) results = await searchPeople(ctx.pickable, query);
  } catch (err) {
    // The person sees an empty list and can type again; the cause goes to the log only.
    logger.warn({ code: (err as { code?: unknown }).code }, 'people search failed');
  }
  return { status: 200, body: { statusCode: 200, type: SEARCH_RESPONSE_TYPE, value: { results } } };
}
