/**
 * Typo tolerance on command words only: a word of four or more letters one edit (insert,
 * delete, substitute, swap of neighbours) away from a command word is read as that word.
 * Numbers and values are never corrected, so a slip can change which question is asked but
 * never which incident or value is written.
 */

import { VALUE_MAPPINGS } from './valueMap';

// Words that decide intent. Values (high, low, active ...) are deliberately absent.
export const COMMAND_WORDS = [
  'tasks', 'task', 'show', 'assign', 'unassign', 'assigned', 'severity', 'status', 'incident', 'incidents',
  'comment', 'complete', 'history', 'timeline', 'loose', 'looseends', 'report', 'reopen',
  'change', 'close', 'details', 'checklist', 'owns', 'help', 'cancel', 'update',
] as const;

// Real words one edit from a command word, and every value word: never "corrected".
const KEEP = new Set(['assignee', 'closed', 'active', 'high', 'medium', 'informational', 'resolved', 'mind', 'mine', 'shows', 'taken', 'takes', 'post', 'shop', 'stop', 'slow', 'snow', 'lose', 'chose', 'those', 'hold', 'helps', 'hello']);

// The mapping table's words are values too ("completed" is not a slip of "complete").
for (const { word } of VALUE_MAPPINGS) KEEP.add(word);

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) { row.push(j); continue; }
      const prev = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

/** The command word a typed word stands for, or the word itself. */
export function correctWord(word: string): string {
  if (word.length < 4 || !/^\p{Ll}+$/u.test(word)) return word;
  if (KEEP.has(word) || (COMMAND_WORDS as readonly string[]).includes(word)) return word;
  return COMMAND_WORDS.find((c) => editDistance(word, c, 1) <= 1) ?? word;
}

/** Corrects every word of already-normalized (lowercase, single-spaced) text. */
export function correctCommandWords(normalized: string): string {
  return normalized.split(' ').map(correctWord).join(' ');
}

/** Corrects only the first `count` words of text as typed, keeping the rest (titles, comments) intact. */
export function correctLeadingWords(text: string, count: number): string {
  const parts = text.split(/(\s+)/);
  let seen = 0;
  return parts
    .map((part) => {
      if (/^\s*$/.test(part) || seen >= count) return part;
      seen++;
      const lower = part.toLowerCase();
      const fixed = correctWord(lower);
      return fixed === lower ? part : fixed;
    })
    .join('');
}
