/**
 * Comments and tasks written by typing: "comment 405211: called the user", "add task to 405211:
 * check MFA", "complete task 2 of 405211". Matched on the text as typed, so the comment or title
 * keeps its case and words; the incident number is read as strictly as for any write, and a
 * task is named by one number, ordinal or title, or asked about.
 */
import type { Command, NumberedCommand } from '../command';
import { TRAILING_FILLER, TRAILING_NOISE } from './filler';
import { numberLikeIn, readIncidentNumber } from './numbers';

export function needsNumber(command: NumberedCommand, example: string, read: string[]): Command {
  return read.length > 0 ? { kind: 'needsIncidentNumber', command, example, read } : { kind: 'needsIncidentNumber', command, example };
}

/** A number captured by a structured command, checked like every other incident number. */
export function numbered(digits: string | undefined, command: NumberedCommand, example: string, build: (incidentNumber: number) => Command): Command {
  const n = readIncidentNumber(digits ?? '');
  return n.ok ? build(n.value) : needsNumber(command, example, n.read);
}


// The whole number-like token (sign, digits of any script, separators), so a signed, decimal or
// over-long number is refused as a whole rather than read in part.
const NUM = String.raw`#?\s*([+\-\u2212\uFF0B\uFF0D]?\p{Nd}+(?:[.,]\p{Nd}+)*)(?!\p{Nd})`;
// Structured commands are matched on the text as typed, so titles and comments keep their case.
// What may stand between the incident number and a comment or title: ":", ",", a dash of any length, an arrow.
const SEP = String.raw`(?:\s*(?:->|=>|\u2192|[:,.\-\u2013\u2014])\s*|\s+)`;
const COMMENT = new RegExp(String.raw`^(?:(?:add|leave|post|write|put)\s+(?:a\s+)?)?(?:comment|note)\s*:?\s+(?:on\s+|to\s+|for\s+)?(?:incident\s+)?${NUM}(?:${SEP}([\s\S]*))?$`, 'iu');
// "add task", "add a to-do", "new task", "create a task".
const ADD = String.raw`(?:(?:add|create)\s+(?:a\s+)?(?:new\s+)?|new\s+)(?:tasks?|to-?dos?)`;
const ADD_TASK = new RegExp(String.raw`^${ADD}\s*:?\s*([\s\S]+?)\s+(?:to|on|for)\s+(?:incident\s+)?${NUM}\s*[.!]?$`, 'iu');
const ADD_TASK_TO = new RegExp(String.raw`^${ADD}\s+(?:(?:to|on|for)\s+)?(?:incident\s+)?${NUM}${SEP}(\S[\s\S]*)$`, 'iu');
const ORDINAL = String.raw`first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th)`;
const COMPLETE_TASK = new RegExp(String.raw`^(?:complete|finish|close|done(?:\s+with)?|tick(?:\s+off)?|mark)\s+(?:the\s+)?(?:(${ORDINAL}|last)\s+)?tasks?(?!\p{L})\s*:?\s*([\s\S]*?)\s*(?:\bof|\bon|\bfor|\bin|\bfrom)\s+(?:incident\s+)?${NUM}(?:\s+(?:as\s+)?(?:done|complete|completed|finished))?\s*[.!]?$`, 'iu');
const TITLE_ENDS_WITH_INCIDENT = new RegExp(String.raw`\s(?:to|on|for)\s+(?:incident\s+)?${NUM}\s*$`, 'iu');
const STARTS_WITH_NUMBER = /^(?:[,&]\s*|and\s+)?[+\-\u2212]?\p{Nd}/iu;

function unquote(text: string): string {
  return text.trim().replace(/^["'“‘]\s*/, '').replace(/\s*["'”’]$/, '');
}

function parseComment(comment: RegExpExecArray): Command {
  const example = 'comment 405211 Called the user';
  // A comment wholly in quotes is the text inside them; quotes within it are kept.
  const text = (comment[2] ?? '').trim().replace(/^(["“])([\s\S]+)(["”])$/u, (whole, _open: string, inner: string) => (/["“”]/.test(inner) ? whole : inner.trim()));
  // "comment 405211 405212 ..." names two incidents: ask rather than write to the first.
  if (STARTS_WITH_NUMBER.test(text)) return needsNumber('comment', example, [comment[1] ?? '', ...numberLikeIn(text).slice(0, 1)]);
  // An empty comment is refused by the incident service with its own question.
  return numbered(comment[1], 'comment', example, (incidentNumber) => ({ kind: 'comment', incidentNumber, text }));
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** "2", "#2", "2nd", "second", or a title; undefined when it names no task or several ("1 and 2", "-2"). */
function taskChoice(ordinal: string | undefined, which: string): { index: number } | { title: string } | undefined {
  const word = (ordinal ?? (which.split(/\s+/).length === 1 ? which : '')).toLowerCase();
  if (ordinal && which !== '') return undefined;
  const spelled = ORDINALS.indexOf(word);
  if (spelled >= 0) return { index: spelled + 1 };
  const digits = /^(\d{1,3})(?:st|nd|rd|th)?$/.exec(word);
  if (digits) return Number(digits[1]) > 0 ? { index: Number(digits[1]) } : undefined;
  if (which === '' || /[\p{Nd}+\-\u2212]/u.test(which.charAt(0)) || /\p{Nd}/u.test(which) && /\b(?:and|or|to)\b|[,&]/.test(which)) return undefined;
  return { title: which };
}

// "task for 405211: check MFA": add that task, or list the tasks? Asked, with both as buttons.
// The title has words (two letters at least): "tasks for 405211 :)" only shows them.
const TASK_COLON = new RegExp(String.raw`^tasks?\s+(?:to|on|for)\s+(?:incident\s+)?${NUM}\s*:\s*(?=[\s\S]*\p{L}[\s\S]*\p{L})(\S[\s\S]*)$`, 'iu');

export function parseTaskWrites(typed: string): Command | undefined {
  const colon = TASK_COLON.exec(typed);
  const colonNumber = colon ? readIncidentNumber(colon[1] ?? '') : undefined;
  if (colon && colonNumber?.ok) {
    const n = colonNumber.value;
    return { kind: 'didYouMean', heading: 'Did you mean…', message: `Add "${unquote(colon[2] ?? '').slice(0, 80)}" as a task of incident ${n}, or see its tasks? I changed nothing.`, options: [`add task to ${n}: ${unquote(colon[2] ?? '')}`.slice(0, 500), `show tasks for ${n}`] };
  }
  const comment = COMMENT.exec(typed);
  if (comment) return parseComment(comment);
  const addTo = ADD_TASK_TO.exec(typed);
  if (addTo) {
    const title = addTo[2] ?? '';
    // "add task to 405211 405212: ..." names two incidents: ask rather than write to the first.
    if (STARTS_WITH_NUMBER.test(title)) return needsNumber('addTask', 'add task Call the manager to 405211', [addTo[1] ?? '', ...numberLikeIn(title).slice(0, 1)]);
    return numbered(addTo[1], 'addTask', 'add task Call the manager to 405211', (incidentNumber) => ({ kind: 'addTask', incidentNumber, title: unquote(title.replace(TRAILING_FILLER, '')) }));
  }
  // Thanks or an emoji after the incident number that ends these two.
  const ended = typed.replace(TRAILING_NOISE, '');
  const add = ADD_TASK.exec(ended);
  if (add) {
    // "add task x to 405211 to 405212" names two incidents: ask rather than write to the last.
    const earlier = TITLE_ENDS_WITH_INCIDENT.exec(add[1] ?? '');
    if (earlier) return needsNumber('addTask', 'add task Call the manager to 405211', [earlier[1] ?? '', add[2] ?? '']);
    return numbered(add[2], 'addTask', 'add task Call the manager to 405211', (incidentNumber) => ({ kind: 'addTask', incidentNumber, title: unquote(add[1] ?? '') }));
  }
  const complete = COMPLETE_TASK.exec(ended);
  if (complete) {
    // "close tasks on 405211" names no task: read further (it is asked about as two readings).
    if (complete[1] === undefined && (complete[2] ?? '').trim() === '') return undefined;
    const task = taskChoice(complete[1], unquote((complete[2] ?? '').replace(/\s+(?:as\s+)?(?:done|complete|completed|finished)$/i, '')).replace(/^#/, ''));
    return numbered(complete[3], 'completeTask', 'complete task 2 of 405211', (incidentNumber) =>
      task
        ? { kind: 'completeTask', incidentNumber, task }
        : { kind: 'didYouMean', heading: 'Which task?', message: `Name one task, by its number or title, for example: complete task 2 of ${incidentNumber}. I completed nothing.`, options: [`show tasks for ${incidentNumber}`] },
    );
  }
  return undefined;
}

