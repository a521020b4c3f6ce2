/**
 * Words people use for a severity or status that Sentinel does not have, and the Sentinel
 * value each is read as. A mapped value is never written on its own: the answer says the
 * mapping and a button confirms it (Closed opens the close card, which asks for a
 * classification). Words not in this table are asked about. Kept small on purpose: every
 * entry is a reading most SOCs would agree with, and each is tested.
 */
import type { Severity, Status } from '../../incidents/types';

export type ValueChange = { field: 'severity'; value: Severity } | { field: 'status'; value: Status };

interface Mapping {
  words: readonly string[];
  change: ValueChange;
  /** Why it reads as that value, after "Sentinel has no <field> X; ". */
  because: string;
}

const MAPPINGS: readonly Mapping[] = [
  { words: ['critical', 'crit', 'urgent', 'highest', 'sev0', 'sev1', 'p0', 'p1'], change: { field: 'severity', value: 'High' }, because: 'the highest is High' },
  { words: ['sev2', 'p2', 'moderate'], change: { field: 'severity', value: 'Medium' }, because: 'its severities are High, Medium, Low and Informational, and this reads as Medium' },
  { words: ['sev3', 'p3', 'sev4', 'p4', 'minor'], change: { field: 'severity', value: 'Low' }, because: 'its severities are High, Medium, Low and Informational, and this reads as Low' },
  { words: ['lowest'], change: { field: 'severity', value: 'Informational' }, because: 'the lowest is Informational' },
  { words: ['in progress', 'inprogress', 'in-progress', 'wip', 'working', 'investigating', 'ongoing', 'started', 'in work'], change: { field: 'status', value: 'Active' }, because: 'an incident being worked on is Active' },
  { words: ['resolved', 'done', 'fixed', 'solved', 'complete', 'completed', 'finished', 'close'], change: { field: 'status', value: 'Closed' }, because: 'a finished incident is Closed, with a classification' },
  { words: ['false positive', 'true positive', 'benign positive', 'benign'], change: { field: 'status', value: 'Closed' }, because: 'that is a classification, chosen when the incident is closed' },
];
// Not mapped on purpose: "open" (New or Active?), "pending" and "on hold" (Sentinel has no
// waiting state), "severe" and "major" (High or Medium, by team): these are asked about.

const BY_WORD = new Map<string, Mapping>(MAPPINGS.flatMap((m) => m.words.map((w): [string, Mapping] => [w, m])));

/** Every word in the table with what it maps to, for tests and help. */
export const VALUE_MAPPINGS: ReadonlyArray<{ word: string; change: ValueChange }> = MAPPINGS.flatMap((m) => m.words.map((word) => ({ word, change: m.change })));

/** "sev 1", "Sev-1", "P 1" are one word: "sev1", "p1". */
export function joinLevelWords(text: string): string {
  return text.replace(/\b(sev|p)[\s-]?(\d)(?!\p{Nd})/giu, (_m, word: string, digit: string) => `${word}${digit}`);
}

/** The Sentinel value a word (already lowercase, as read) maps to for `field`, if the table has one. */
export function mapValue(field: 'severity' | 'status', typed: string): ValueChange | undefined {
  const found = BY_WORD.get(joinLevelWords(typed.trim().toLowerCase()).replace(/\s+/g, ' '));
  return found && found.change.field === field ? found.change : undefined;
}

/** Which field a mapped word belongs to, whichever field was named ("set 405211 to urgent"). */
export function mappedField(typed: string): 'severity' | 'status' | undefined {
  return BY_WORD.get(joinLevelWords(typed.trim().toLowerCase()))?.change.field;
}

/** "Sentinel has no severity "Critical"; the highest is High." */
export function mappingSentence(field: 'severity' | 'status', typed: string): string {
  const found = BY_WORD.get(joinLevelWords(typed.trim().toLowerCase()).replace(/\s+/g, ' '));
  const shown = typed.trim().slice(0, 40);
  const word = shown.charAt(0).toUpperCase() + shown.slice(1);
  return `Sentinel has no ${field} "${word}"; ${found?.because ?? 'so I read it as the nearest value'}.`;
}
