/**
 * Action.Execute verb + data -> Command: the card buttons' parser, the twin of `commands.ts`
 * for typed text. Card data comes back from the client and is untrusted: every field is
 * checked here, and a press that cannot be used becomes `invalidCard` with the sentence to show.
 */
import { SEVERITIES, STATUSES } from '../incidents/types';
import { backFrom, type Back } from './cards/backLink';
import { offsetFrom } from './cards/paging';
import type { Command } from './command';
import { parseCommand } from './commands';
import { mapValue } from './parsing/valueMap';
import { MAX_SUGGESTION_TEXT } from './parsing/readings';

type Data = Record<string, unknown>;

/** An incident number from card data: cards carry it as a number or a numeric string. */
export function incidentNumberFrom(data: Data): number | undefined {
  const raw = data.incidentNumber;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,10}$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= 2147483647 ? n : undefined;
}

const NO_NUMBER = 'That card has no valid incident number. Type "show 405211" with the number you mean.';
const RETIRED = 'That button is not supported any more. Type "help" to see what I can do.';

function invalid(verb: string, detail: string): Command {
  return { kind: 'invalidCard', verb, detail };
}

function pick<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' ? allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase()) : undefined;
}

/** A list card's window: left out for the first, so a press and the typed command are one Command. */
function windowOf(data: Data): { offset?: number } {
  const offset = offsetFrom(data.offset);
  return offset > 0 ? { offset } : {};
}

/** The incident card's choices as pressed, to show them again beside an error. */
function inputsOf(data: Data): { severity?: string; status?: string } {
  const severity = pick(data.severity, SEVERITIES);
  const status = pick(data.status, ['New', 'Active'] as const);
  return { ...(severity ? { severity } : {}), ...(status ? { status } : {}) };
}

function withBack(data: Data): { back?: Back } {
  const back = backFrom(data);
  return back ? { back } : {};
}

const text = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The owner a confirm card was shown ("none" for nobody); anything else is not a confirmation. */
function expectedOwnerFrom(data: Data): string | undefined {
  const expected = typeof data.expectedOwner === 'string' ? data.expectedOwner.trim().toLowerCase() : '';
  return expected === 'none' || GUID.test(expected) ? expected : undefined;
}

const STALE_VALUE = 'That button is out of date. Type the change again, for example "set severity of 405211 to high".';

/**
 * A mapped value's confirm button: the field, the value and the value the card showed must all
 * be ones Sentinel has (Closed only through the close card), or the press is refused.
 */
function confirmedValue(incidentNumber: number, data: Data, verb: string): Command {
  const typed = text(data.typed, 40).trim();
  // The word must be one the table maps to this value: the card says what it was read as.
  const mapped = data.field === 'severity' || data.field === 'status' ? mapValue(data.field, typed) : undefined;
  if (mapped?.value !== data.value) return { kind: 'invalidCard', verb, detail: STALE_VALUE, incidentNumber };
  if (data.field === 'severity') {
    const value = pick(data.value, SEVERITIES);
    const expected = pick(data.expected, SEVERITIES);
    if (value && expected) return { kind: 'confirmValue', incidentNumber, change: { field: 'severity', value }, typed, expected };
  } else if (data.field === 'status') {
    const value = pick(data.value, ['New', 'Active'] as const);
    const expected = pick(data.expected, STATUSES);
    if (value && expected) return { kind: 'confirmValue', incidentNumber, change: { field: 'status', value }, typed, expected };
  }
  return { kind: 'invalidCard', verb, detail: STALE_VALUE, incidentNumber };
}

/**
 * The sentence a card keeps across refreshes comes back from the client, so it could be anyone's
 * words shown as the bot's to everyone who sees the card. Only what the bot writes is kept: a
 * sentence about this incident or the feed's note of its source, with no link, address or markup.
 */
function refreshBanner(incidentNumber: number, banner: string): string {
  // The bot's sentences name the incident; the feed's banner says where it came from ("From Microsoft Sentinel · 3 alerts").
  if (!new RegExp(`\\bincident ${incidentNumber}\\b`, 'i').test(banner) && !/^(From |New in Sentinel)/.test(banner)) return '';
  return /[[\]<>`*_~#|\\@]|:\/\/|[a-z0-9-]\.[a-z]{2,}/i.test(banner) ? '' : banner;
}

/** Verbs that address one incident: the number is checked once for all of them. */
const NUMBERED: Record<string, (incidentNumber: number, data: Data, verb: string) => Command> = {
  'incident.show': (incidentNumber, data) => ({ kind: 'showIncident', incidentNumber, ...withBack(data) }),
  'incident.refresh': (incidentNumber, data) => {
    const tone = pick(data.tone, ['good', 'warning'] as const);
    return { kind: 'refreshIncident', incidentNumber, banner: refreshBanner(incidentNumber, text(data.banner, 200)), ...(tone && tone !== 'good' ? { tone } : {}) };
  },
  'incident.assignToMe': (incidentNumber) => ({ kind: 'assignToMe', incidentNumber }),
  'incident.takeOver': (incidentNumber, data) => {
    const expectedOwner = expectedOwnerFrom(data);
    return expectedOwner ? { kind: 'assignToMe', incidentNumber, expectedOwner } : { kind: 'assignToMe', incidentNumber };
  },
  'incident.unassign': (incidentNumber, data) => {
    const expectedOwner = expectedOwnerFrom(data);
    return expectedOwner ? { kind: 'unassign', incidentNumber, expectedOwner } : { kind: 'unassign', incidentNumber };
  },
  'incident.assignTo': (incidentNumber, data, verb) => {
    const objectId = typeof data.assignee === 'string' ? data.assignee.trim().toLowerCase() : '';
    if (!GUID.test(objectId)) return invalid(verb, 'That card does not say who to assign. Type "assign 405211 to @name" with the person you mean.');
    const expectedOwner = expectedOwnerFrom(data);
    return expectedOwner ? { kind: 'assignTo', incidentNumber, assignee: { objectId }, expectedOwner } : { kind: 'assignTo', incidentNumber, assignee: { objectId } };
  },
  'incident.assignPicked': (incidentNumber, data, verb) => {
    const objectId = typeof data.assignee === 'string' ? data.assignee.trim().toLowerCase() : '';
    if (GUID.test(objectId)) return { kind: 'assignPicked', incidentNumber, objectId };
    const detail = objectId === '' ? 'Choose a person in "Assign to…", then press Assign.' : 'That is not a person I can assign. Choose one from the list in "Assign to…", then press Assign.';
    return { ...invalid(verb, detail), incidentNumber, inputs: inputsOf(data) };
  },
  'incident.setSeverity': (incidentNumber, data, verb) => {
    const severity = pick(data.severity, SEVERITIES);
    return severity ? { kind: 'setSeverity', incidentNumber, severity } : { ...invalid(verb, `Choose a severity: ${SEVERITIES.join(', ')}.`), incidentNumber, inputs: inputsOf(data) };
  },
  'incident.setStatus': (incidentNumber, data, verb) => {
    const status = pick(data.status, ['New', 'Active'] as const);
    return status ? { kind: 'setStatus', incidentNumber, status } : { ...invalid(verb, 'Choose a status, New or Active, then press Set status.'), incidentNumber, inputs: inputsOf(data) };
  },
  'incident.closeForm': (incidentNumber) => ({ kind: 'close', incidentNumber }),
  'incident.reopen': (incidentNumber, data) => {
    // Only a timestamp counts as the confirmation; anything else asks again.
    const closedAt = typeof data.closedAt === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]{5,20}(?:Z|[+-]\d\d:\d\d)$/.test(data.closedAt) ? data.closedAt : undefined;
    const status = pick(data.status, ['New', 'Active'] as const);
    return { kind: 'reopen', incidentNumber, ...(status === 'New' ? { status } : {}), ...(closedAt ? { closedAt } : {}), ...(data.then === 'tasks' ? { then: 'tasks' as const } : {}) };
  },
  'incident.close': (incidentNumber, data) => {
    const confirmed = Number(data.confirmedOpenTasks);
    return {
      kind: 'closeSubmit',
      incidentNumber,
      classification: text(data.classification, 2000),
      classificationComment: text(data.classificationComment, 2000),
      confirmedOpenTasks: Number.isInteger(confirmed) && confirmed >= 0 ? confirmed : 0,
    };
  },
  'tasks.show': (incidentNumber, data) => ({ kind: 'showTasks', incidentNumber, ...windowOf(data), ...withBack(data) }),
  'tasks.history': (incidentNumber, data) => ({ kind: 'taskHistory', incidentNumber, ...windowOf(data) }),
  'task.complete': (incidentNumber, data) => {
    const taskId = typeof data.taskId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(data.taskId) ? data.taskId : '';
    return { kind: 'completeTask', incidentNumber, task: { taskId }, ...windowOf(data) };
  },
  'task.add': (incidentNumber, data) => ({ kind: 'addTask', incidentNumber, title: typeof data.title === 'string' ? data.title : '' }),
  'incident.confirmValue': (incidentNumber, data, verb) => confirmedValue(incidentNumber, data, verb),
};

/** Every verb the bot's cards use. */
export const CARD_VERBS: readonly string[] = [
  'help.show',
  'report.start',
  'report.submit',
  'report.edit',
  'report.cancel',
  'report.create',
  'incidents.mine',
  'incidents.looseEnds',
  'feed.digest',
  'suggestion.run',
  ...Object.keys(NUMBERED),
];

export function parseCardAction(verb: string, data: Data): Command {
  switch (verb) {
    case 'help.show':
      return { kind: 'help' };
    case 'report.start':
      return { kind: 'report' };
    case 'report.submit':
    case 'report.edit':
    case 'report.cancel':
      return { kind: 'reportStep' };
    case 'report.create':
      return { kind: 'reportCreate', submissionId: data.submissionId };
    case 'incidents.mine': {
      const page = Number(data.page);
      return { kind: 'myIncidents', page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1 };
    }
    case 'incidents.looseEnds':
      return { kind: 'looseEnds', ...windowOf(data) };
    case 'feed.digest': {
      const digest = typeof data.digest === 'string' && /^[0-9a-f-]{36}$/i.test(data.digest) ? data.digest : '';
      return digest ? { kind: 'feedDigest', digest, ...windowOf(data) } : invalid(verb, RETIRED);
    }
    case 'suggestion.run': {
      // A "Did you mean" button: the command it shows, read like typed text (so checked the same way).
      // Longer than any button the bot offers: forged, and never run cut short.
      const typed = typeof data.text === 'string' && data.text.length <= MAX_SUGGESTION_TEXT ? data.text : '';
      const command = parseCommand(typed);
      return command.kind === 'unknown' || command.kind === 'empty' ? { kind: 'help' } : command;
    }
  }
  const numbered = Object.prototype.hasOwnProperty.call(NUMBERED, verb) ? NUMBERED[verb] : undefined;
  if (!numbered) return invalid(verb, RETIRED);
  const incidentNumber = incidentNumberFrom(data);
  return incidentNumber === undefined ? invalid(verb, NO_NUMBER) : numbered(incidentNumber, data, verb);
}
