/**
 * Text -> Command. Pure and forgiving about form: case, "#", punctuation, politeness, filler
 * and one-letter slips in command words do not matter ("Could you show me the taks for
 * #405211, please?" works). Strict about what would be written: the incident number must be
 * exactly one plain number and a value must be one Sentinel has, or the command becomes a
 * question (see parsing/numbers.ts and parsing/values.ts). Handlers validate meaning.
 */
import type { Command, Mention, NumberedCommand } from './command';
import { parseFeedCommand } from './feedPhrases';
import { parseAssignTo } from './parsing/assignee';
import { numberLikeIn, readIncidentNumber } from './parsing/numbers';
import { correctCommandWords, correctLeadingWords } from './parsing/typos';
import { namesOnlySeverity, readSeverity, readStatus } from './parsing/values';

export type { Command } from './command';

const FILLER = /\b(please|pls|plz|could you|can you|would you|will you|kindly|hey|hi|hello|bot|thanks|thank you|thx|ty)\b/g;
const LEADING_MENTIONS = /^(?:\s*<at>[^<]{0,200}<\/at>[\s,:]*)+/i;
const LEADING_FILLER = /^(?:(?:please|pls|plz|could you|can you|would you|will you|kindly|hey|hi|hello|bot|ok|okay)\b[\s,]*)+/i;
const TRAILING_FILLER = /[\s,]*(?:\b(?:please|pls|plz|thanks|thank you|thx|ty)\b[\s.!?]*)+$/i;

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

const HELP = /^(help|\?|commands|menu|what can you do|how does this work|usage)\b/;
// The whole message: "sign out", "log me out", "sign out of sentinel"; never part of a longer sentence.
const SIGN_OUT = /^(?:sign|log)\s*(?:me\s+)?(?:out|off)(?:\s+of\s+(?:the\s+)?(?:bot|sentinel|azure|teams))?$/;
const CANCEL = /^(cancel|stop|abort|quit|exit|never ?mind|forget it)\b/;
const REPORT = /^report\b[\s:,.-]*([\s\S]*)$/i;
const NEW_INCIDENT = /^(?:new|create|raise|file|log|open|start)\s+(?:a\s+|an\s+)?(?:new\s+)?incident\b(?!\s*#?\s*\d)[\s:,.-]*([\s\S]*)$/i;
const TASKS = /\btasks?\b|\bto ?dos?\b|\bchecklist\b/;
const ASSIGN = /\b(assign|take|grab|own|claim)\b/;
const ASSIGN_SELF = /\bassign\b.*\bto (me|myself)\b|^assign (me|myself)\b/;
const ME = /\b(me|myself|mine|i)\b|\bill\b/;
const SHOW = /^(show|status|details?|incident|info|open|view|what about|whats|what is|get|display|who owns|who has|who is on|who is handling|whos on|whos handling|owner of)\b/;
// "unassign 405211", "unassign me from 405211", "remove the owner of 405211", "assign 405211 to nobody".
const UNASSIGN = /^(?:unassign|deassign|disown)\b|\b(?:remove|clear|reset|drop|delete)\s+(?:the\s+)?(?:owner|assignee|assignment|owner ?ship)\b|\bassign\b.*\bto\s+(?:nobody|no one|noone|no body|none)\b/;
const SET_FIELD = /\b(severity|sev|status)\b/;
// Values people mean as a severity though Sentinel has no such severity: asked about as severity.
const SEVERITY_LIKE = /\b(critical|urgent|severe|major|minor|sev ?\d|p\d|highest|lowest)\b/;

function needsNumber(command: NumberedCommand, example: string, read: string[]): Command {
  return read.length > 0 ? { kind: 'needsIncidentNumber', command, example, read } : { kind: 'needsIncidentNumber', command, example };
}

/** A number captured by a structured command, checked like any other incident number. */
function numbered(digits: string | undefined, command: NumberedCommand, example: string, build: (incidentNumber: number) => Command): Command {
  const n = readIncidentNumber(digits ?? '');
  return n.ok ? build(n.value) : needsNumber(command, example, n.read);
}

function withNumber(typed: string, kind: 'showTasks' | 'assignToMe' | 'unassign' | 'showIncident' | 'close' | 'taskHistory', example: string): Command {
  const n = readIncidentNumber(typed);
  return n.ok ? { kind, incidentNumber: n.value } : needsNumber(kind, example, n.read);
}

// The whole number-like token (sign, digits of any script, separators), so a signed, decimal or
// over-long number is refused as a whole rather than read in part.
const NUM = String.raw`#?\s*([+\-\u2212\uFF0B\uFF0D]?\p{Nd}+(?:[.,]\p{Nd}+)*)(?!\p{Nd})`;
// Structured commands are matched on the text as typed, so titles and comments keep their case.
const COMMENT = new RegExp(String.raw`^(?:add\s+(?:a\s+)?)?comment\s+(?:on\s+|to\s+|for\s+)?(?:incident\s+)?${NUM}\s*[:,.-]?\s*([\s\S]*)$`, 'iu');
const ADD_TASK = new RegExp(String.raw`^add\s+(?:a\s+)?(?:new\s+)?tasks?\s*:?\s*([\s\S]+?)\s+(?:to|on|for)\s+(?:incident\s+)?${NUM}\s*[.!]?$`, 'iu');
const ADD_TASK_TO = new RegExp(String.raw`^add\s+(?:a\s+)?(?:new\s+)?tasks?\s+(?:to|on|for)\s+(?:incident\s+)?${NUM}(?:\s*[:,.\-\u2013]\s*|\s+)(\S[\s\S]*)$`, 'iu');
const COMPLETE_TASK = new RegExp(String.raw`^(?:complete|finish|close|done(?:\s+with)?|tick(?:\s+off)?|mark)\s+(?:the\s+)?tasks?\s*:?\s*([\s\S]+?)\s+(?:of|on|for|in|from)\s+(?:incident\s+)?${NUM}(?:\s+(?:as\s+)?(?:done|complete|completed))?\s*[.!]?$`, 'iu');
const TITLE_ENDS_WITH_INCIDENT = new RegExp(String.raw`\s(?:to|on|for)\s+(?:incident\s+)?${NUM}\s*$`, 'iu');
const STARTS_WITH_NUMBER = /^(?:[,&]\s*|and\s+)?[+\-\u2212]?\p{Nd}/iu;

function unquote(text: string): string {
  return text.trim().replace(/^["'“‘]\s*/, '').replace(/\s*["'”’]$/, '');
}

function parseComment(comment: RegExpExecArray): Command {
  const example = 'comment 405211 Called the user';
  const text = (comment[2] ?? '').trim();
  // "comment 405211 405212 ..." names two incidents: ask rather than write to the first.
  if (STARTS_WITH_NUMBER.test(text)) return needsNumber('comment', example, [comment[1] ?? '', ...numberLikeIn(text).slice(0, 1)]);
  return numbered(comment[1], 'comment', example, (incidentNumber) => ({ kind: 'comment', incidentNumber, text }));
}

function parseTaskWrites(typed: string): Command | undefined {
  const comment = COMMENT.exec(typed);
  if (comment) return parseComment(comment);
  const addTo = ADD_TASK_TO.exec(typed);
  if (addTo) {
    const title = addTo[2] ?? '';
    // "add task to 405211 405212: ..." names two incidents: ask rather than write to the first.
    if (STARTS_WITH_NUMBER.test(title)) return needsNumber('addTask', 'add task Call the manager to 405211', [addTo[1] ?? '', ...numberLikeIn(title).slice(0, 1)]);
    return numbered(addTo[1], 'addTask', 'add task Call the manager to 405211', (incidentNumber) => ({ kind: 'addTask', incidentNumber, title: unquote(title.replace(TRAILING_FILLER, '')) }));
  }
  const add = ADD_TASK.exec(typed);
  if (add) {
    // "add task x to 405211 to 405212" names two incidents: ask rather than write to the last.
    const earlier = TITLE_ENDS_WITH_INCIDENT.exec(add[1] ?? '');
    if (earlier) return needsNumber('addTask', 'add task Call the manager to 405211', [earlier[1] ?? '', add[2] ?? '']);
    return numbered(add[2], 'addTask', 'add task Call the manager to 405211', (incidentNumber) => ({ kind: 'addTask', incidentNumber, title: unquote(add[1] ?? '') }));
  }
  const complete = COMPLETE_TASK.exec(typed);
  if (complete) {
    const which = unquote(complete[1] ?? '').replace(/^#/, '');
    const task = /^\d{1,3}$/.test(which) ? { index: Number(which) } : { title: which };
    return numbered(complete[2], 'completeTask', 'complete task 2 of 405211', (incidentNumber) => ({ kind: 'completeTask', incidentNumber, task }));
  }
  return undefined;
}

function parseFieldChange(typed: string, normalized: string): Command | undefined {
  if (/^reopen\b/.test(normalized)) {
    const n = readIncidentNumber(typed);
    return n.ok ? { kind: 'setStatus', incidentNumber: n.value, status: 'Active' } : needsNumber('setStatus', 'reopen 405211', n.read);
  }
  // "status 405211 active" changes the status (an unknown value is asked about); "status 405211"
  // alone, with no word left that could be a value, shows it.
  const statusRead = readStatus(normalized);
  const statusWithValue = /^status\b/.test(normalized) && (statusRead.ok || statusRead.read !== undefined);
  if (!statusWithValue && !/^(set|change|make|mark|update|raise|lower|move|put|severity|sev)\b/.test(normalized)) return undefined;
  const field = SET_FIELD.exec(normalized)?.[1];
  const severity = field === 'severity' || field === 'sev' || (!field && (namesOnlySeverity(normalized) || SEVERITY_LIKE.test(normalized)));
  const example = severity ? 'set severity of 405211 to high' : 'set status of 405211 to active';
  const n = readIncidentNumber(typed);
  if (!n.ok) return needsNumber(severity ? 'setSeverity' : 'setStatus', example, n.read);
  if (severity) {
    const value = readSeverity(normalized);
    if (!value.ok) return value.read ? { kind: 'needsValue', field: 'severity', incidentNumber: n.value, read: value.read } : { kind: 'needsValue', field: 'severity', incidentNumber: n.value };
    return { kind: 'setSeverity', incidentNumber: n.value, severity: value.value };
  }
  const value = readStatus(normalized);
  if (!value.ok) return value.read ? { kind: 'needsValue', field: 'status', incidentNumber: n.value, read: value.read } : { kind: 'needsValue', field: 'status', incidentNumber: n.value };
  return value.value === 'Closed' ? { kind: 'close', incidentNumber: n.value } : { kind: 'setStatus', incidentNumber: n.value, status: value.value };
}

function parseQueues(normalized: string): Command | undefined {
  const hasDigit = /\p{Nd}/u.test(normalized);
  if (/\b(my|mine)\b/.test(normalized) && /\b(incidents?|queue|cases?|plate)\b/.test(normalized) && !hasDigit) return { kind: 'myIncidents' };
  if (/^(whats on my plate|mine|my queue)$/.test(normalized)) return { kind: 'myIncidents' };
  if (/\bassigned to (me|myself)\b/.test(normalized) && !hasDigit) return { kind: 'myIncidents' };
  if (/\bloose ?ends?\b/.test(normalized) || /\bopen tasks? (of|on|in) closed incidents?\b/.test(normalized)) return { kind: 'looseEnds' };
  if (/\bclosed incidents?\b/.test(normalized) && /\b(open|unfinished|pending|incomplete) tasks?\b/.test(normalized) && !hasDigit) return { kind: 'looseEnds' };
  return undefined;
}

function parseStructured(typed: string, normalized: string): Command | undefined {
  const write = parseTaskWrites(typed);
  if (write) return write;
  const newIncident = NEW_INCIDENT.exec(typed);
  if (newIncident) return reportTitle(newIncident[1]);
  const queue = parseQueues(normalized);
  if (queue) return queue;
  if (UNASSIGN.test(normalized)) return withNumber(typed, 'unassign', 'unassign 405211');
  if (/\b(history|timeline|audit)\b/.test(normalized)) return withNumber(typed, 'taskHistory', 'task history for 405211');
  const change = parseFieldChange(typed, normalized);
  if (change) return change;
  if (/^(close|resolve|dismiss)\b/.test(normalized) && !/\btasks?\b/.test(normalized)) return withNumber(typed, 'close', 'close 405211');
  return undefined;
}

function reportTitle(rest: string | undefined): Command {
  const title = (rest ?? '').replace(TRAILING_FILLER, '').trim();
  return title ? { kind: 'report', title } : { kind: 'report' };
}

/** `mentions`: the people mentioned in the message, other than the bot. */
export function parseCommand(text: string, mentions: readonly Mention[] = []): Command {
  // A mention that opens the message addresses the bot, even when the client sent no entity for it.
  const trimmed = text.replace(LEADING_MENTIONS, '').trim();
  if (trimmed === '?') return { kind: 'help' };
  const plainNormalized = normalize(trimmed);
  if (plainNormalized === '') return { kind: 'empty' };
  // Help phrases are made of filler words ("what can you do"), so match them before filler is dropped.
  const plain = trimmed.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (HELP.test(plain) || HELP.test(plainNormalized)) return { kind: 'help' };
  if (SIGN_OUT.test(plainNormalized)) return { kind: 'signOut' };
  // Before cancel: "stop watching" is not "stop".
  const feed = parseFeedCommand(plainNormalized);
  if (feed) return feed;
  if (CANCEL.test(plainNormalized)) return { kind: 'cancel' };
  const normalized = correctCommandWords(plainNormalized);
  if (HELP.test(normalized)) return { kind: 'help' };
  if (CANCEL.test(normalized)) return { kind: 'cancel' };
  const typed = correctLeadingWords(trimmed.replace(LEADING_FILLER, ''), 2);

  const assignTo = parseAssignTo(typed, mentions);
  if (assignTo) return assignTo;
  const structured = parseStructured(typed, normalized);
  if (structured) return structured;

  const report = REPORT.exec(typed);
  if (report) return reportTitle(report[1]);
  // "assign" names its assignee: only "to me"/"me" is this command, never an "I" elsewhere in the sentence.
  const assignWord = /\bassign\b/.test(normalized);
  if (assignWord ? ASSIGN_SELF.test(normalized) : ASSIGN.test(normalized) && ME.test(normalized)) return withNumber(typed, 'assignToMe', 'assign 405211 to me');
  if (assignWord) return { kind: 'unknown', text };
  if (/^(take|claim|grab)\b/.test(normalized)) return withNumber(typed, 'assignToMe', 'assign 405211 to me');
  if (TASKS.test(normalized)) return withNumber(typed, 'showTasks', 'show tasks for 405211');
  if (SHOW.test(normalized)) return withNumber(typed, 'showIncident', 'show 405211');
  if (/^[+\-\u2212]?\p{Nd}+(?:[.,]\p{Nd}+)*$/u.test(normalized)) return withNumber(typed, 'showIncident', 'show 405211');
  return { kind: 'unknown', text };
}
