/**
 * The incident named first, then the command: "405211 close", "405211: add comment called
 * user", "on 405211, add task check MFA", "for 405211 set severity to high". Read as the same
 * command with the number where it usually goes, so it is checked like any typed command.
 */

const LEADING_NUMBER = /^(?:(?:on|for|re|about|incident|inc)\s+)?#?\s*(\p{Nd}+)(?![\p{Nd}.,+\-\u2212]*\p{Nd})\s*(?:->|=>|\u2192|[:,\-\u2013\u2014])?\s*(?:is\s+)?(\S[\s\S]*)$/iu;
// A comment or a task title after the verb: the number goes before the text, never into it.
const FREE_TEXT = /^((?:(?:add|leave|post|write)\s+(?:a\s+)?)?(?:comment|note)|(?:(?:add|create)\s+(?:a\s+)?(?:new\s+)?|new\s+)(?:task|to-?do))(?![\p{L}\p{N}])\s*[:,\-\u2013\u2014]?\s*(\S[\s\S]*)$/iu;

/** A comment or task written after the number ("405211: add comment ..."), as the usual command. */
export function numberFirstWithText(typed: string): string | undefined {
  const m = LEADING_NUMBER.exec(typed.trim());
  const free = m ? FREE_TEXT.exec(m[2] ?? '') : null;
  if (!m || !free) return undefined;
  const verb = free[1] ?? '';
  return /task|to-?do/i.test(verb) ? `${verb} to ${m[1] ?? ''}: ${free[2] ?? ''}` : `${verb} ${m[1] ?? ''}: ${free[2] ?? ''}`;
}

/** Any other command after the number ("405211 close", "405211 is mine"), as the usual command. */
export function numberFirst(typed: string): { text: string; incidentNumber: string } | undefined {
  const m = LEADING_NUMBER.exec(typed.trim());
  const rest = m?.[2] ?? '';
  if (!m || /^[#+\-\u2212]?\p{Nd}/u.test(rest)) return undefined;
  return { text: `${rest} ${m[1] ?? ''}`, incidentNumber: m[1] ?? '' };
}
