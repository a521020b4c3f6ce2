/**
 * Text -> Command. Pure and forgiving about form: case, "#", punctuation, politeness, filler
 * and one-letter slips in command words do not matter ("Could you show me the taks for
 * #405211, please?" works). Strict about what would be written: the incident number must be
 * exactly one plain number and a value must be one Sentinel has, or the command becomes a
 * question (see parsing/numbers.ts and parsing/values.ts). Handlers validate meaning.
 */
import type { Command, Mention } from './command';
import { parseFeedCommand } from './feedPhrases';
import { parseAssignTo } from './parsing/assignee';
import { FILLER, LEADING_CHATTER, LEADING_FILLER, TRAILING_FILLER } from './parsing/filler';
import { addressedToSomeoneElse, codeInCommand, directionControls, questionNotOrder, twoChanges, withoutInvisibles } from './parsing/guards';
import { choicesPerIncident, negatedOrder, twoReadings } from './parsing/readings';
import { readIncidentNumber } from './parsing/numbers';
import { needsNumber, parseTaskWrites } from './parsing/taskWrites';
import { parseQueues, withoutSpans } from './parsing/queues';
import { numberFirst, numberFirstWithText } from './parsing/reorder';
import { correctCommandWords, correctLeadingWords } from './parsing/typos';
import { namesOnlySeverity, readSeverity, readStatus } from './parsing/values';
import { joinLevelWords, mapValue, mappedField } from './parsing/valueMap';

export type { Command } from './command';

const LEADING_MENTION = /^(<at>[^<]{0,200}<\/at>)[\s,:]*/i;

/** Lowercase, without filler words and punctuation, single-spaced: the shape we match on. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    // "405211 -> me", "severity 405211 → low": an arrow says "to".
    .replace(/\s*(?:->|=>|\u2192|\u21D2|\u27A1\uFE0F?)\s*/gu, ' to ')
    .replace(FILLER, ' ')
    // "pull 405211 up", "pick #405211 up": the particle joins its verb.
    .replace(/\b(pull|bring|pick|look)\s+(#?\s*\p{Nd}+)\s+up\b/gu, '$1 up $2')
    .replace(/[^\p{L}\p{N}#\s-]/gu, ' ')
    .replace(/#\s*(?=\d)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LEADING_CHATTER, '');
}

const HELP = /^(?:help|\?+|commands|menu|usage|what can (?:you|i) do|how does (?:this|it) work|how do i use (?:this|you|it|the bot)|(?:what|which) commands|list (?:the |your )?commands|show (?:me )?(?:the |your )?commands)(?![\p{L}\p{N}])/u;
// The whole message: "sign out", "log me out", "sign out of sentinel"; never part of a longer sentence.
const SIGN_OUT = /^(?:sign|log)\s*(?:me\s+)?(?:out|off)(?:\s+of\s+(?:the\s+)?(?:bot|sentinel|azure|teams))?$/;
const CANCEL = /^(cancel|stop|abort|quit|exit|never ?mind|forget it)\b/;
const REPORT = /^report\b[\s:,.-]*([\s\S]*)$/i;
const NEW_INCIDENT = /^(?:new|create|raise|file|log|open|start)\s+(?:a\s+|an\s+)?(?:new\s+)?incident\b(?!\s*#?\s*\d)[\s:,.-]*([\s\S]*)$/i;
const TASKS = /\btasks?\b|\bto[ -]?dos?\b|\bchecklist\b|\bneeds? doing\b|\bwhats left\b|\bstill to do\b/;
// "2 me" is read as "to me" only to ask about its "2": it is never an incident number here.
const ASSIGN_SELF = /\bassign\b.*\b(?:to|2) (me|myself)\b|^assign (me|myself)\b/;
// The sender as the one who takes it: "I'll take", "I'm taking", "let me grab", "I've got"; only
// when "I" opens the sentence, so "I think Ada should take 405211" is not the sender taking it.
const TAKE_VERBS = String.raw`(?:take|taking|grab|grabbing|own|owning|claim|claiming|pick up|picking up|handle|handling|got|have got|ve got)`;
const SELF_TAKES = new RegExp(String.raw`^(?:i|im|ive|ill|let me|me)(?: (?:will|can|shall|could|would|am|gonna|going to|just|already|now|also|ll|m))* ${TAKE_VERBS}\b|^(?:take|grab|claim|pick up)\b.*\bfor (?:me|myself)\b`);
// Said with no "I": "taking 405211", "dibs on 405211", "self-assign 405211", "on it 405211", "mine: 405211".
const CLAIMS = /^(?:take|taking|claim|claiming|grab|grabbing|pick up|picking up|dibs(?: on)?|self ?-?assign|on it|mine)\b(?! ends?\b)/;
// "put me on 405211", "add me to 405211": the sender, named as the object.
const PUT_ME_ON = /^(?:put|add|sign|stick) me (?:on|to|onto|down for|up for)\b/;
// "take a look at 405211" looks; it does not take.
const LOOK = /^(?:(?:quick|have a|take a|a quick|have a quick|take a quick) )*look(?: at| up| into)?\b/;
const SHOW = /^(show|status|state|severity|sev|details?|incident|inc|info|open|view|see|lemme see|let me see|describe|summary|summari[sz]e|overview|look up|look at|pull up|bring up|check|whats going on|whats happening|tell me about|is (?:anyone|anybody|someone|somebody) (?:on|working on|handling)|what about|whats|what is|get|display|(?:any )?(?:update|updates|news|latest) on|what (?:sev|severity|status|state|priority|prio)|(?:is|has|does|did) (?:incident )?\d+|who owns|who has|who is on|who is handling|whos on|whos handling|whos got|who has got|who is assigned to|whos assigned to|owner of)\b/;
// "405211 details", "405211 status?": the number first, then what to show.
const NUMBER_THEN_SHOW = /^\p{Nd}+ (details?|status|info|owner|summary)$/u;
// "unassign 405211", "unassign me from 405211", "remove the owner of 405211", "assign 405211 to nobody".
const UNASSIGN = /^(?:un-?assign|deassign|disown)\b|\bremove (?:my|the) (?:assignment|ownership)\b|\btake me off\b|\boff (?:me|my plate|my queue|my list)\b|\bremove me (?:from|as)\b|\b(?:remove|clear|reset|drop|delete)\s+(?:the\s+)?(?:owner|assignee|assignment|owner ?ship)\b|\bassign\b.*\bto\s+(?:nobody|no one|noone|no body|none)\b/;
const SET_FIELD = /\b(severity|sev|prio|priority|status|state)\b/;
// Verbs that can only mean a severity change: "bump 405211 to high", "prioritise 405211 as low".
const SEVERITY_VERBS = /^(?:raise|lower|bump|upgrade|downgrade|escalate|de-?escalate|prioriti[sz]e|reprioriti[sz]e)\b|^drop\b(?=.*\bto\b)/;
// Values people mean as a severity though Sentinel has no such severity: asked about as severity.
const SEVERITY_LIKE = /\b(critical|urgent|severe|major|minor|sev ?\d|p\d|highest|lowest)\b/;

const READS = new Set<Command['kind']>(['showTasks', 'showIncident', 'taskHistory']);

function withNumber(typed: string, kind: 'showTasks' | 'assignToMe' | 'unassign' | 'showIncident' | 'close' | 'taskHistory', example: string): Command {
  // "tasks from the last 24 hours": a span is no incident number for a read; a change keeps it, and asks.
  const n = readIncidentNumber(READS.has(kind) ? withoutSpans(typed) : typed);
  return n.ok ? { kind, incidentNumber: n.value } : needsNumber(kind, example, n.read);
}

/** A value as read: Sentinel's own, one the table maps (asked to confirm), or asked about. */
function valueCommand(field: 'severity' | 'status', incidentNumber: number, normalized: string): Command {
  let read: string | undefined;
  if (field === 'severity') {
    const value = readSeverity(normalized);
    if (value.ok) return { kind: 'setSeverity', incidentNumber, severity: value.value };
    read = value.read;
  } else {
    const value = readStatus(normalized);
    if (value.ok) return value.value === 'Closed' ? { kind: 'close', incidentNumber } : { kind: 'setStatus', incidentNumber, status: value.value };
    read = value.read;
  }
  const change = read ? mapValue(field, read) : undefined;
  if (change && read) return { kind: 'confirmValue', incidentNumber, change, typed: read };
  return read ? { kind: 'needsValue', field, incidentNumber, read } : { kind: 'needsValue', field, incidentNumber };
}

function parseFieldChange(typedAsIs: string, normalizedAsIs: string): Command | undefined {
  // "sev 1" is one word, so its digit is not read as a second incident number.
  const typed = joinLevelWords(typedAsIs);
  // "from medium to high": the value after "to" is the one asked for.
  const normalized = joinLevelWords(normalizedAsIs).replace(/\bfrom\b(?:(?!\bto\b).)+\bto\b/, 'to');
  if (/^re-?open\b/.test(normalized)) {
    const n = readIncidentNumber(typed);
    if (!n.ok) return needsNumber('setStatus', 'reopen 405211', n.read);
    // "reopen 405211 as new": the status said is the one set; any other word is asked about.
    const said = readStatus(normalized.replace(/^re-?open\b/, ''));
    if (said.ok) return said.value === 'Closed' ? { kind: 'needsValue', field: 'status', incidentNumber: n.value, read: 'closed' } : { kind: 'setStatus', incidentNumber: n.value, status: said.value };
    return { kind: 'setStatus', incidentNumber: n.value, status: 'Active' };
  }
  // "status 405211 active" changes the status (an unknown value is asked about); "status 405211"
  // alone, with no word left that could be a value, shows it.
  const statusRead = readStatus(normalized);
  const statusWithValue = /^(?:status|state)\b/.test(normalized) && (statusRead.ok || statusRead.read !== undefined);
  // "severity 405211 high" changes it; "severity for 405211?" only asks what it is.
  const severityRead = readSeverity(normalized);
  // "high sev for 405211": the value, then the field.
  const severityWithValue = (/^(?:severity|sev|prio|priority)\b/.test(normalized) && (severityRead.ok || severityRead.read !== undefined)) || /^(?:high|medium|med|low|informational) (?:sev|severity|prio|priority)\b/.test(normalized);
  const severityVerb = SEVERITY_VERBS.test(normalized);
  if (!statusWithValue && !severityWithValue && !severityVerb && !/^(set|change|make|mark|update|move|put)\b/.test(normalized)) return undefined;
  const field = SET_FIELD.exec(normalized)?.[1] ?? (severityVerb ? 'severity' : undefined);
  // "mark all tasks on 405211 as done" is about tasks, not the incident's status.
  if (!field && /\btasks?\b/.test(normalized)) return undefined;
  const mapped = statusRead.ok ? undefined : mappedField(statusRead.read ?? '');
  const severity = field === 'severity' || field === 'sev' || field === 'prio' || field === 'priority' || (!field && (namesOnlySeverity(normalized) || SEVERITY_LIKE.test(normalized) || mapped === 'severity'));
  const example = severity ? 'set severity of 405211 to high' : 'set status of 405211 to active';
  const n = readIncidentNumber(typed);
  if (!n.ok) return needsNumber(severity ? 'setSeverity' : 'setStatus', example, n.read);
  return valueCommand(severity ? 'severity' : 'status', n.value, normalized);
}

function parseStructured(typed: string, normalized: string): Command | undefined {
  const write = parseTaskWrites(typed);
  if (write) return write;
  const newIncident = NEW_INCIDENT.exec(typed);
  if (newIncident) return reportTitle(newIncident[1]);
  const queue = parseQueues(normalized);
  if (queue) return queue;
  if (UNASSIGN.test(normalized)) return withNumber(typed, 'unassign', 'unassign 405211');
  if (/\b(history|timeline|audit|what happened|what chang(?:ed|e) on|who did what|activity log)\b/.test(normalized)) return withNumber(typed, 'taskHistory', 'task history for 405211');
  const change = parseFieldChange(typed, normalized);
  if (change) return change;
  if ((/^(close|closing|resolve|resolving|dismiss)\b/.test(normalized) || /\bclose (?:it|this one|this)$/.test(normalized)) && !/\btasks?\b/.test(normalized)) return withNumber(typed, 'close', 'close 405211');
  return undefined;
}

function reportTitle(rest: string | undefined): Command {
  const title = (rest ?? '').replace(TRAILING_FILLER, '').trim();
  return title ? { kind: 'report', title } : { kind: 'report' };
}

/**
 * The mentions that open a message: the bot's (and tags with no entity) only address the bot and
 * are dropped; a person's mention that opens it says who the message is for (`addressed`).
 */
function openingMentions(text: string, mentions: readonly Mention[]): { rest: string; addressed?: string } {
  let rest = text.trim();
  let addressed: string | undefined;
  for (;;) {
    const greeted = rest.replace(/^(?:hey|hi|hello|yo|ok|okay)\b[\s,!]*(?=<at>)/i, '');
    if (greeted !== rest) rest = greeted;
    const tag = LEADING_MENTION.exec(rest);
    if (!tag) return addressed === undefined ? { rest } : { rest, addressed };
    const person = mentions.find((m) => m.text === tag[1]);
    if (person && addressed === undefined) addressed = person.name || person.text.replace(/<\/?at>/gi, '');
    rest = rest.slice(tag[0].length).trim();
  }
}

/** The command, and the text it was read from: "@Sentinel show 405211" typed without a mention is read without the name. */
function readBody(text: string, trimmed: string, mentions: readonly Mention[]): { command: Command; body: string } {
  const command = parseTrimmed(text, trimmed, mentions);
  // "should I take 405211?": read what it asks about; the question guard then asks instead of doing it.
  const asked = command.kind === 'unknown' ? /^(?:(?:hi|hey|ok|so)[\s,]+)?(?:should|shall|must|may)\s+(?:i|we)\s+(\S[\s\S]*)$/i.exec(trimmed) : null;
  if (asked) {
    const about = parseTrimmed(text, asked[1] ?? '', mentions);
    if (about.kind !== 'unknown') return { command: about, body: trimmed };
  }
  // "can someone with access set 405211 to high?": the change is the same whoever makes it, so it is read;
  // "can someone take 405211" is not (taking it is someone's, not the sender's).
  const anyone = command.kind === 'unknown' ? /^(?:can|could|would|will) (?:someone|somebody|anyone|anybody)(?: with access| here| please)? ((?:set|change|make|mark|bump|raise|lower|upgrade|downgrade|close|resolve|reopen) [\s\S]+)$/.exec(normalize(trimmed)) : null;
  if (anyone) {
    const about = parseTrimmed(text, anyone[1] ?? '', mentions);
    if (about.kind !== 'unknown') return { command: about, body: anyone[1] ?? '' };
  }
  const typedName = command.kind === 'unknown' ? /^@\S+\s+(?:(\p{Lu}\p{L}*)\s+)?(\S[\s\S]*)$/u.exec(trimmed) : null;
  if (!typedName) return { command, body: trimmed };
  for (const body of [typedName[2] ?? '', `${typedName[1] ?? ''} ${typedName[2] ?? ''}`.trim()]) {
    const again = parseTrimmed(text, body, mentions);
    if (again.kind !== 'unknown') return { command: again, body };
  }
  return { command, body: trimmed };
}

/** `mentions`: the people mentioned in the message, other than the bot. */
export function parseCommand(text: string, mentions: readonly Mention[] = []): Command {
  const { rest: trimmed, addressed } = openingMentions(withoutInvisibles(text), mentions);
  const { command, body } = readBody(text, trimmed, mentions);
  const normalized = normalize(body);
  const guarded = negatedOrder(normalized, command) ?? directionControls(text, command) ?? addressedToSomeoneElse(addressed, command) ?? questionNotOrder(normalized, command) ?? twoChanges(normalized, command) ?? codeInCommand(body, command);
  if (guarded) return guarded;
  if (command.kind !== 'needsIncidentNumber' || !command.read) return command;
  const choices = choicesPerIncident(trimmed, command.read, mentions, (candidate) => parseTrimmed(candidate, candidate, []));
  return choices ? { ...command, choices } : command;
}

function parseTrimmed(text: string, trimmed: string, mentions: readonly Mention[], reorder = true): Command {
  if (/^\?+$/.test(trimmed)) return { kind: 'help' };
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

  const withText = reorder ? numberFirstWithText(typed) : undefined;
  if (withText) return parseTrimmed(text, withText, mentions, false);
  const assignTo = parseAssignTo(typed, mentions);
  if (assignTo) return assignTo;
  if (PUT_ME_ON.test(normalized)) return withNumber(typed, 'assignToMe', 'assign 405211 to me');
  const structured = parseStructured(typed, normalized);
  if (structured) return structured;
  if (LOOK.test(normalized)) return TASKS.test(normalized) ? withNumber(typed, 'showTasks', 'show tasks for 405211') : withNumber(typed, 'showIncident', 'show 405211');

  const report = REPORT.exec(typed);
  if (report) return reportTitle(report[1]);
  const twoWays = twoReadings(normalized);
  if (twoWays) return twoWays;
  // "assign" names its assignee: only "to me"/"me" is this command, never an "I" elsewhere in the sentence.
  const assignWord = /\bassign\b/.test(normalized);
  if (assignWord ? ASSIGN_SELF.test(normalized) || CLAIMS.test(normalized) : SELF_TAKES.test(normalized)) return withNumber(typed, 'assignToMe', 'assign 405211 to me');
  if (assignWord) return notUnderstood(text, typed, mentions, reorder);
  if (CLAIMS.test(normalized) && /\p{Nd}/u.test(normalized)) return withNumber(typed, 'assignToMe', 'assign 405211 to me');
  if (/^(take|claim|grab|pick up)\b/.test(normalized)) return withNumber(typed, 'assignToMe', 'assign 405211 to me');
  if (TASKS.test(normalized)) return withNumber(typed, 'showTasks', 'show tasks for 405211');
  if (SHOW.test(normalized) || NUMBER_THEN_SHOW.test(normalized)) return withNumber(typed, 'showIncident', 'show 405211');
  // Numbers alone ("405211", "405211 405212"): show, asking which when there are several.
  if (/^(?:[+\-\u2212]?\p{Nd}+(?:[.,]\p{Nd}+)*(?:\s*(?:,|&|\band\b|\bor\b)?\s*))+$/u.test(normalized)) return withNumber(typed, 'showIncident', 'show 405211');
  return notUnderstood(text, typed, mentions, reorder);
}

/** Last, the incident named before the command ("405211 close"); otherwise not understood. */
function notUnderstood(text: string, typed: string, mentions: readonly Mention[], reorder: boolean): Command {
  const first = reorder ? numberFirst(typed) : undefined;
  if (first) {
    const command = parseTrimmed(text, first.text, mentions, false);
    if (('incidentNumber' in command && String(command.incidentNumber) === first.incidentNumber) || command.kind === 'didYouMean') return command;
  }
  return { kind: 'unknown', text };
}
