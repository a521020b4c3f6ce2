/**
 * "Did you mean ...?" for a message that was not understood: the commands it most likely
 * meant, offered as buttons, never run on a guess. Words two edits from a command word
 * (one edit is already read as the word) are tried as that word; a lone incident number
 * suggests looking at it; otherwise the commonest starting points.
 */
import type { Command } from '../command';
import { readIncidentNumber } from './numbers';
import { COMMAND_WORDS, editDistance } from './typos';

export const MAX_SUGGESTIONS = 3;
/** Offered when nothing in the message points anywhere. */
export const STARTING_POINTS: readonly string[] = ['my incidents', 'help'];

function nearMisses(word: string): string[] {
  if (word.length < 4 || !/^\p{L}+$/u.test(word)) return [];
  const lower = word.toLowerCase();
  if ((COMMAND_WORDS as readonly string[]).includes(lower)) return [];
  return COMMAND_WORDS.filter((c) => editDistance(lower, c, 2) <= 2 && Math.abs(c.length - lower.length) <= 2);
}

// Short words are not typo-corrected when read; as suggestions, their commonest slips are offered.
const SHORT_SLIPS: Record<string, string> = { too: 'to', ot: 'to', fro: 'for', fo: 'for', teh: 'the', mee: 'me', shw: 'show', sho: 'show' };

/** `parse`: the text parser, so a suggestion is only offered if it is understood. */
export function suggestionsFor(text: string, parse: (text: string) => Command): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    if (out.length < MAX_SUGGESTIONS && !out.includes(s)) out.push(s);
  };
  const words = text.trim().split(/\s+/).slice(0, 12);
  words.forEach((word, i) => {
    const slip = SHORT_SLIPS[word.toLowerCase()];
    for (const fix of [...(slip ? [slip] : []), ...nearMisses(word)]) {
      const candidate = [...words.slice(0, i), fix, ...words.slice(i + 1)].join(' ');
      const kind = parse(candidate).kind;
      if (kind !== 'unknown' && kind !== 'empty') add(candidate);
    }
  });
  const n = readIncidentNumber(text);
  if (n.ok) {
    add(`show ${n.value}`);
    add(`show tasks for ${n.value}`);
  }
  STARTING_POINTS.forEach(add);
  return out;
}
