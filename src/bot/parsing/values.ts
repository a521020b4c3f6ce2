/**
 * Severity and status values as typed. Only Sentinel's own values (and plain abbreviations of
 * them) are accepted; anything else (critical, urgent, resolved, in progress) is reported back
 * as read so the bot asks, rather than guessing a value the person did not choose.
 */
import { SEVERITIES, STATUSES, type Severity, type Status } from '../../incidents/types';

export type ValueRead<T> = { ok: true; value: T } | { ok: false; read?: string };

const SEVERITY_WORDS: Record<string, Severity> = { high: 'High', medium: 'Medium', med: 'Medium', low: 'Low', informational: 'Informational', info: 'Informational' };
const STATUS_WORDS: Record<string, Status> = { new: 'New', active: 'Active', closed: 'Closed' };

// Words that carry no value: the command's own words, prepositions, the incident reference.
const NOT_A_VALUE = new Set([
  'set', 'change', 'make', 'mark', 'update', 'raise', 'lower', 'move', 'put', 'severity', 'status', 'sev', 'of', 'to', 'for',
  'on', 'the', 'as', 'incident', 'its', 'it', 'is', 'be', 'now', 'from', 'into', 'at', 'level', 'priority', 'a', 'an', 'me', 'my', 'i', 'and',
  'prio', 'state', 'back', 'up', 'down', 'drop', 'check', 'should', 'must', 'needs', 'become', 'go', 'being',
  'bump', 'upgrade', 'downgrade', 'escalate', 'deescalate', 'de-escalate', 'prioritise', 'prioritize', 'reprioritise', 'reprioritize', 'inc',
]);
// "sev1", "p2": a level word, kept though it has a digit (a bare digit is never a value).
const LEVEL = /^(?:sev|p)\d$/;

// Exactly one value word and nothing else left over: "very high" or "high or low" is asked about.
function read<T>(normalized: string, words: Record<string, T>): ValueRead<T> {
  const rest = normalized.split(' ').filter((w) => w !== '' && !NOT_A_VALUE.has(w) && (LEVEL.test(w) || !/\p{Nd}/u.test(w)) && !/^[#+-]+$/.test(w));
  const only = rest.length === 1 ? words[rest[0] ?? ''] : undefined;
  if (only !== undefined) return { ok: true, value: only };
  const typed = rest.join(' ').slice(0, 40).trim();
  return typed ? { ok: false, read: typed } : { ok: false };
}

export function readSeverity(normalized: string): ValueRead<Severity> {
  return read(normalized, SEVERITY_WORDS);
}

export function readStatus(normalized: string): ValueRead<Status> {
  return read(normalized, STATUS_WORDS);
}

export const SEVERITY_CHOICES: readonly Severity[] = SEVERITIES;
export const STATUS_CHOICES: readonly Status[] = STATUSES;

/** Does the text name a severity (and no status), so "set 405211 low" means severity? */
export function namesOnlySeverity(normalized: string): boolean {
  const tokens = normalized.split(' ');
  return tokens.some((w) => w in SEVERITY_WORDS) && !tokens.some((w) => w in STATUS_WORDS);
}
