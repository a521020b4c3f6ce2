/**
 * Text -> Command. Pure and forgiving: case, "#", punctuation, politeness and filler words
 * do not matter ("Could you show me the tasks for #405211, please?" works). The parser
 * only recognizes structure; handlers validate meaning (does the incident exist, ...).
 */
import { LIMITS } from '../incidents/limits';
import { SEVERITIES, STATUSES, type Severity, type Status } from '../incidents/types';
import type { Command, NumberedCommand } from './command';

export type { Command } from './command';

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

/** A number captured by a structured command, checked like any other incident number. */
function numbered(digits: string | undefined, command: NumberedCommand, example: string, build: (incidentNumber: number) => Command): Command {
  const n = incidentNumberIn(digits ?? '');
  return n.ok ? build(n.value) : { kind: 'needsIncidentNumber', command, example };
}

function withNumber(normalized: string, kind: 'showTasks' | 'assignToMe' | 'showIncident' | 'close' | 'taskHistory', example: string): Command {
  const n = incidentNumberIn(normalized);
  return n.ok ? { kind, incidentNumber: n.value } : { kind: 'needsIncidentNumber', command: kind, example };
}

// All the digits, so an over-long number is refused as a whole rather than cut short.
const NUM = String.raw`#?\s*(\d+)(?!\d)`;
// Structured commands are matched on the text as typed, so titles and comments keep their case.
const COMMENT = new RegExp(String.raw`^(?:add\s+(?:a\s+)?)?comment\s+(?:on\s+|to\s+)?(?:incident\s+)?${NUM}\s*[:,.-]?\s*([\s\S]*)$`, 'i');
const ADD_TASK = new RegExp(String.raw`^add\s+(?:a\s+)?(?:new\s+)?task\s*:?\s*([\s\S]+?)\s+(?:to|on|for)\s+(?:incident\s+)?${NUM}\s*[.!]?$`, 'i');
const COMPLETE_TASK = new RegExp(String.raw`^(?:complete|finish|close|done(?:\s+with)?|tick(?:\s+off)?|mark)\s+(?:the\s+)?task\s*:?\s*([\s\S]+?)\s+(?:of|on|for|in|from)\s+(?:incident\s+)?${NUM}(?:\s+(?:as\s+)?(?:done|complete|completed))?\s*[.!]?$`, 'i');
const SET_FIELD = /\b(severity|status)\b/;

function enumWord<T extends string>(normalized: string, allowed: readonly T[], aliases: Record<string, T> = {}): T | undefined {
  const words = normalized.split(' ');
  for (const w of words.reverse()) {
    const hit = allowed.find((a) => a.toLowerCase() === w) ?? aliases[w];
    if (hit) return hit;
  }
  return undefined;
}

const STATUS_ALIASES: Record<string, Status> = { open: 'Active', reopen: 'Active', reopened: 'Active', active: 'Active', closed: 'Closed' };
const SEVERITY_ALIASES: Record<string, Severity> = { info: 'Informational', critical: 'High', med: 'Medium' };

function unquote(text: string): string {
  return text.trim().replace(/^["'“‘]\s*/, '').replace(/\s*["'”’]$/, '');
}

function parseStructured(trimmed: string, normalized: string): Command | undefined {
  const comment = COMMENT.exec(trimmed);
  if (comment) return numbered(comment[1], 'comment', 'comment 405211 Called the user', (incidentNumber) => ({ kind: 'comment', incidentNumber, text: (comment[2] ?? '').trim() }));
  const add = ADD_TASK.exec(trimmed);
  if (add) return numbered(add[2], 'addTask', 'add task Call the manager to 405211', (incidentNumber) => ({ kind: 'addTask', incidentNumber, title: unquote(add[1] ?? '') }));
  const complete = COMPLETE_TASK.exec(trimmed);
  if (complete) {
    const which = unquote(complete[1] ?? '').replace(/^#/, '');
    const task = /^\d{1,3}$/.test(which) ? { index: Number(which) } : { title: which };
    return numbered(complete[2], 'completeTask', 'complete task 2 of 405211', (incidentNumber) => ({ kind: 'completeTask', incidentNumber, task }));
  }
  if (/\b(my|mine)\b/.test(normalized) && /\b(incidents?|queue|cases?|plate)\b/.test(normalized) && !/\d/.test(normalized)) return { kind: 'myIncidents' };
  if (/^(whats on my plate|mine|my queue)$/.test(normalized)) return { kind: 'myIncidents' };
  if (/\bloose ends?\b/.test(normalized) || /\bopen tasks? (of|on|in) closed incidents?\b/.test(normalized)) return { kind: 'looseEnds' };
  if (/\b(history|timeline|audit)\b/.test(normalized) && /\btasks?\b|\bhistory\b/.test(normalized)) return withNumber(normalized, 'taskHistory', 'task history for 405211');
  const setting = /^(set|change|make|mark|update|raise|lower|move|reopen|activate)\b/.test(normalized);
  const field = SET_FIELD.exec(normalized)?.[1];
  if (setting && (field === 'severity' || (!field && enumWord(normalized, SEVERITIES, SEVERITY_ALIASES) && !enumWord(normalized, STATUSES, STATUS_ALIASES)))) {
    const severity = enumWord(normalized, SEVERITIES, SEVERITY_ALIASES);
    const n = incidentNumberIn(normalized);
    if (!n.ok || !severity) return { kind: 'needsIncidentNumber', command: 'setSeverity', example: 'set severity of 405211 to high' };
    return { kind: 'setSeverity', incidentNumber: n.value, severity };
  }
  if (setting || /^reopen\b/.test(normalized)) {
    const status = /^reopen\b/.test(normalized) ? 'Active' : enumWord(normalized, STATUSES, STATUS_ALIASES);
    const n = incidentNumberIn(normalized);
    if (!n.ok || !status) return { kind: 'needsIncidentNumber', command: 'setStatus', example: 'set status of 405211 to active' };
    return status === 'Closed' ? { kind: 'close', incidentNumber: n.value } : { kind: 'setStatus', incidentNumber: n.value, status };
  }
  if (/^(close|resolve|dismiss)\b/.test(normalized) && !/\btask\b/.test(normalized)) return withNumber(normalized, 'close', 'close 405211');
  return undefined;
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

  const structured = parseStructured(trimmed, normalized);
  if (structured) return structured;

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
