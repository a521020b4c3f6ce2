/**
 * Text hygiene for anything a person types. We keep what they meant (emoji, right-to-left
 * scripts, line breaks in long text) and drop what only hides or spoofs content:
 * control characters, zero-width spaces and bidirectional overrides ("Trojan Source").
 */

// Zero-width space, word joiner, BOM, and the bidi embedding/override/isolate controls.
// ZWJ/ZWNJ (U+200C/U+200D) stay: emoji sequences and several scripts need them.
const INVISIBLE = /[\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
// C0 and C1 controls except tab and line feed; carriage returns are normalized first.
const CONTROLS_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const CONTROLS_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/g;

export function cleanText(value: string, options: { multiline?: boolean } = {}): string {
  const normalized = value.normalize('NFC').replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  if (options.multiline) return normalized.replace(CONTROLS_MULTILINE, '').trim();
  // In a single-line field a pasted line break becomes a space rather than vanishing.
  return normalized.replace(/[\n\t]+/g, ' ').replace(CONTROLS_SINGLE_LINE, '').replace(/ {2,}/g, ' ').trim();
}

/** True when nothing visible is left (e.g. only ZWJ characters or spaces). */
export function isBlank(value: string): boolean {
  return value.replace(/[\s\u200C\u200D]/g, '').length === 0;
}

/** Length as a person counts it: one per code point, so an emoji is not "two characters". */
export function visibleLength(value: string): number {
  return Array.from(value).length;
}

/** Cuts at a code point boundary so a surrogate pair is never split. */
export function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}
