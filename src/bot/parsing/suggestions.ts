/**
 * "Did you mean ...?" for a message that was not understood: the commands it most likely
 * meant, offered as buttons, never run on a guess. Words two edits from a command word
 * (one edit is already read as the word) and common slips of short words are tried; a
 * suggestion is offered only when it reads as a whole command (not "which incident?", not
 * help in other words). A lone incident number suggests looking at it; otherwise the
 * starting points for the place: a personal chat's own queue, a shared place's loose ends.
 */
import type { Command } from '../command';
import { readIncidentNumber } from './numbers';
import { COMMAND_WORDS, editDistance } from './typos';

export const MAX_SUGGESTIONS = 3;
export type SuggestionPlace = 'personal' | 'shared';
/** Offered when nothing in the message points anywhere, by place (as help lists them there). */
export const STARTING_POINTS_BY_PLACE: Readonly<Record<SuggestionPlace, readonly string[]>> = {
  personal: ['my incidents', 'help'],
  shared: ['loose ends', 'help'],
};

// Short words are not typo-corrected when read; as suggestions, their commonest slips are offered.
const SHORT_SLIPS: Record<string, string> = { too: 'to', ot: 'to', fro: 'for', fo: 'for', teh: 'the', mee: 'me', shw: 'show', sho: 'show', tsk: 'task', cls: 'close' };
// Answers that are not a command a button should run: a question back, or nothing.
const INCOMPLETE = new Set<Command['kind']>(['unknown', 'empty', 'needsIncidentNumber', 'needsValue', 'help', 'didYouMean']);

// Words the parser reads as themselves: never offered as a slip of a command word ("take" is not "tasks").
const OWN_WORDS = new Set(['take', 'make', 'mark', 'note', 'done', 'open', 'more', 'last', 'list', 'mine', 'hand', 'give', 'pass', 'move', 'shows', 'post', 'stop', 'close', 'closed']);

function nearMisses(word: string): string[] {
  if (word.length < 4 || !/^\p{L}+$/u.test(word)) return [];
  const lower = word.toLowerCase();
  if ((COMMAND_WORDS as readonly string[]).includes(lower) || OWN_WORDS.has(lower)) return [];
  return COMMAND_WORDS.filter((c) => editDistance(lower, c, 2) <= 2 && Math.abs(c.length - lower.length) <= 2);
}

/** Mentions become the names they show: a button's text is what the person reads. */
function plainText(text: string): string {
  return text.replace(/^(?:\s*<at>[^<]{0,200}<\/at>[\s,:]*)+/i, '').replace(/<at>([^<]{0,200})<\/at>/gi, '$1').trim();
}

/** `parse`: the text parser, so a suggestion is only offered if it is understood. */
export function suggestionsFor(text: string, parse: (text: string) => Command, place: SuggestionPlace = 'personal'): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    if (out.length < MAX_SUGGESTIONS && !out.includes(s)) out.push(s);
  };
  const words = plainText(text).split(/\s+/).slice(0, 12);
  words.forEach((word, i) => {
    const slip = SHORT_SLIPS[word.toLowerCase()];
    for (const fix of [...(slip ? [slip] : []), ...nearMisses(word)]) {
      const candidate = [...words.slice(0, i), fix, ...words.slice(i + 1)].join(' ');
      if (!INCOMPLETE.has(parse(candidate).kind)) add(candidate);
    }
  });
  const n = readIncidentNumber(text);
  if (n.ok) {
    add(`show ${n.value}`);
    add(`show tasks for ${n.value}`);
  }
  STARTING_POINTS_BY_PLACE[place].forEach(add);
  return out;
}
