/**
 * Text -> Command. Pure and forgiving: case, "#", punctuation, politeness and filler words
 * do not matter ("Could you show me the tasks for #405211, please?" works). The parser
 * only recognizes structure; handlers validate meaning (does the incident exist, ...).
 */
import { LIMITS } from '../incidents/limits';

export type Command =
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'report'; title?: string }
  | { kind: 'showTasks'; incidentNumber: number }
  | { kind: 'assignToMe'; incidentNumber: number }
  | { kind: 'showIncident'; incidentNumber: number }
  /** The command was recognized but its incident number is missing or not a valid number. */
  | { kind: 'needsIncidentNumber'; command: 'showTasks' | 'assignToMe' | 'showIncident'; example: string }
  | { kind: 'empty' }
  | { kind: 'unknown'; text: string };

const FILLER = /\b(please|pls|plz|could you|can you|would you|kindly|hey|hi|hello|bot|thanks|thank you)\b/g;

/** Lowercase, without filler words and punctuation, single-spaced: the shape we match on. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .replace(FILLER, ' ')
    .replace(/[^\p{L}\p{N}#\s-]/gu, ' ')
    .replace(/#\s*(?=\d)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

type NumberLookup = { ok: true; value: number } | { ok: false };

/** The incident number in the text: the one run of digits (with or without "#"). */
function incidentNumberIn(normalized: string): NumberLookup {
  const runs = normalized.match(/\b\d+\b/g) ?? [];
  if (runs.length !== 1) return { ok: false };
  const value = Number(runs[0]);
  if (!Number.isSafeInteger(value) || value < 1 || value > LIMITS.incidentNumberMax) return { ok: false };
  return { ok: true, value };
}

const HELP = /^(help|\?|commands|menu|what can you do|how does this work|usage)\b/;
const CANCEL = /^(cancel|stop|abort|quit|exit|never ?mind|forget it)\b/;
const REPORT = /^\s*(?:please\s+)?report\b[\s:,.-]*([\s\S]*)$/i;
const TASKS = /\btasks?\b|\bto ?dos?\b|\bchecklist\b/;
const ASSIGN = /\b(assign|take|grab|own|claim)\b/;
const ME = /\b(me|myself|mine|i)\b|\bill\b/;
const SHOW = /^(show|status|details?|incident|info|open|view|what about|whats|what is|get|display)\b/;

function withNumber(
  normalized: string,
  kind: 'showTasks' | 'assignToMe' | 'showIncident',
  example: string,
): Command {
  const n = incidentNumberIn(normalized);
  return n.ok ? { kind, incidentNumber: n.value } : { kind: 'needsIncidentNumber', command: kind, example };
}

export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  if (trimmed === '?') return { kind: 'help' };
  const normalized = normalize(text);
  if (normalized === '') return { kind: 'empty' };
  // Help phrases are made of filler words ("what can you do"), so match them before filler is dropped.
  const plain = trimmed.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (HELP.test(plain) || HELP.test(normalized)) return { kind: 'help' };
  if (CANCEL.test(normalized)) return { kind: 'cancel' };

  const report = REPORT.exec(text.trim());
  if (report) {
    const title = (report[1] ?? '').trim();
    return title ? { kind: 'report', title } : { kind: 'report' };
  }
  if (ASSIGN.test(normalized) && ME.test(normalized)) return withNumber(normalized, 'assignToMe', 'assign 405211 to me');
  if (/^(take|claim|grab)\b/.test(normalized)) return withNumber(normalized, 'assignToMe', 'assign 405211 to me');
  if (TASKS.test(normalized)) return withNumber(normalized, 'showTasks', 'show tasks for 405211');
  if (SHOW.test(normalized)) return withNumber(normalized, 'showIncident', 'show 405211');
  if (/^\d+$/.test(normalized)) return withNumber(normalized, 'showIncident', 'show 405211');
  return { kind: 'unknown', text };
}
