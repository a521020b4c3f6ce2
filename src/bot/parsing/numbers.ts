/**
 * Reading an incident number out of typed text, strictly: a write must never land on an
 * incident the person did not name. Anything that looks like a number but is not exactly one
 * plain Sentinel incident number (a sign, a decimal or thousands mark, a leading zero, digits
 * of another script, several numbers) is reported back as read, so the bot can ask.
 */
import { LIMITS } from '../../incidents/limits';

export type NumberRead =
  | { ok: true; value: number }
  /** `read` holds the number-like pieces found, as typed (empty when there were none). */
  | { ok: false; read: string[] };

// A sign (ASCII or Unicode minus/plus), digits of any script, and '.'/',' groups, standing alone.
const NUMBER_LIKE = /(?<![\p{L}\p{Nd}])[+\-\u2212\uFF0B\uFF0D]?\p{Nd}+(?:[.,\u066B\u066C]\p{Nd}+)*(?![\p{L}\p{Nd}])/gu;
const PLAIN = /^[1-9][0-9]*$/;

export function numberLikeIn(text: string): string[] {
  return text.match(NUMBER_LIKE) ?? [];
}

export function readIncidentNumber(text: string): NumberRead {
  const found = numberLikeIn(text);
  if (found.length !== 1) return { ok: false, read: found.slice(0, 5) };
  const token = found[0] ?? '';
  if (!PLAIN.test(token)) return { ok: false, read: [token] };
  const value = Number(token);
  if (!Number.isSafeInteger(value) || value > LIMITS.incidentNumberMax) return { ok: false, read: [token] };
  return { ok: true, value };
}
