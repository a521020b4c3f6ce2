/**
 * The lists that are not about one incident: "my incidents" and "loose ends". Counts and time
 * spans in them ("my top 5 incidents", "from the last 7 days") are not incident numbers; the
 * lists themselves are bounded and paged, so such a count or span is read and not needed.
 */
import type { Command } from '../command';

// "top 5", "last 7 days", "24 hours", "24h", "page 2", "10 latest": numbers that count or measure time.
const SPAN = /\b(?:(?:last|past|next|top|first|latest|previous|page)\s+\p{Nd}+|\p{Nd}+\s*(?:h|hrs?|hours?|d|days?|mins?|minutes?|w|wks?|weeks?|months?|secs?|seconds?)\b|\p{Nd}+\s+(?=(?:latest|newest|oldest|recent|open|high|new|active)?\s*incidents?\b))/giu;

/** The text with its counts and time spans blanked, so what is left holds only incident numbers. */
export function withoutSpans(text: string): string {
  return text.replace(SPAN, ' ');
}

/** Changes that open with the verb: "close all my incidents" is not a request for the list. */
const CHANGE_VERB = /^(?:close|resolve|dismiss|assign|unassign|reassign|set|change|mark|move|update|delete|remove|take|grab|claim)\b/;

export function parseQueues(normalizedAsIs: string): Command | undefined {
  if (CHANGE_VERB.test(normalizedAsIs)) return undefined;
  const normalized = withoutSpans(normalizedAsIs).replace(/\s+/g, ' ').trim();
  const hasDigit = /\p{Nd}/u.test(normalized);
  if (/\b(my|mine)\b/.test(normalized) && /\b(incidents?|queue|cases?|plate)\b/.test(normalized) && !hasDigit) return { kind: 'myIncidents' };
  if (/\b(?:incidents?|cases?|what) (?:that )?(?:i|im) (?:own|have|handle|am on|on|working on)\b/.test(normalized) && !hasDigit) return { kind: 'myIncidents' };
  if (/^(?:whats on my plate|mine|whats mine|list mine|show mine|my queue|what am i working on|what am i on|what do i have|what have i got)(?: open| today| now)?$/.test(normalized)) return { kind: 'myIncidents' };
  if (/\bassigned to (me|myself)\b/.test(normalized) && !hasDigit) return { kind: 'myIncidents' };
  if (/\bloose[ -]?ends?\b/.test(normalized) || /\bopen tasks? (of|on|in) closed incidents?\b/.test(normalized)) return { kind: 'looseEnds' };
  const closedWithTasks = /\b(open|unfinished|pending|incomplete) tasks?\b|\btasks? (?:still )?(?:open|unfinished|pending|incomplete)\b/.test(normalized);
  if (/\bclosed incidents?\b/.test(normalized) && closedWithTasks && !hasDigit) return { kind: 'looseEnds' };
  return undefined;
}
