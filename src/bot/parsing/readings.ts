/**
 * Messages that can be read two ways, answered with "Did you mean ..." buttons instead of a
 * guess: `assign 405211` (to me? or show it?), `405211 high` (set the severity? or show it?),
 * `tasks 405211 done` (which tasks are done? mark them done?). And a message naming several
 * incidents (`assign 405211 and 405212 to Ada`): one button per incident, each running the
 * same message for that incident alone. A button runs exactly the text it shows, so it is
 * checked like typed text when pressed.
 */
import type { Command, Mention } from '../command';
import { readIncidentNumber } from './numbers';
import { mappedField } from './valueMap';

// "info" next to a number asks for the incident's details far more often than for a severity.
const SEVERITY_WORDS = new Set(['high', 'medium', 'med', 'low', 'informational']);
// Verbs, though the value table knows them: "405211 close" is "close 405211".
const VERBS = new Set(['close', 'info']);
const STATUS_WORDS = new Set(['new', 'active', 'closed']);

function didYouMean(heading: string, message: string, options: string[]): Command {
  return { kind: 'didYouMean', heading, message, options };
}

/** "405211 high", "critical 405211": a bare number and a value. */
function numberAndValue(normalized: string): Command | undefined {
  // "405211 high", "405211 should be high", "405211 is critical", "high 405211".
  const m = /^(\d+) (?:is |to |should be |must be |needs to be |= ?)?([a-z]+(?: [a-z]+)?)$/.exec(normalized) ?? /^([a-z]+(?: [a-z]+)?) (\d+)$/.exec(normalized);
  if (!m) return undefined;
  const [n, word] = /^\d/.test(m[1] ?? '') ? [m[1] ?? '', m[2] ?? ''] : [m[2] ?? '', m[1] ?? ''];
  const read = readIncidentNumber(n);
  if (!read.ok || VERBS.has(word)) return undefined;
  const field = SEVERITY_WORDS.has(word) ? 'severity' : STATUS_WORDS.has(word) ? 'status' : mappedField(word);
  if (!field) return undefined;
  const set = field === 'severity' ? `set severity of ${read.value} to ${word}` : word === 'closed' ? `close ${read.value}` : `set status of ${read.value} to ${word}`;
  return didYouMean('Did you mean…', `"${word}" with incident ${read.value}: change its ${field}, or show it? I changed nothing.`, [set, `show ${read.value}`]);
}

/**
 * Two readings of one message, or undefined when it reads one way. `normalized`: lowercase,
 * filler and punctuation dropped, command words corrected.
 */
export function twoReadings(normalized: string): Command | undefined {
  // "assign 405211": to me, or to someone not named?
  const assign = /^(?:re-?assign|assign|give|hand over|hand|pass|transfer)(?: incident)? (\d+)(?: to| over| over to)?$/.exec(normalized);
  if (assign) {
    const n = readIncidentNumber(assign[1] ?? '');
    if (!n.ok) return undefined;
    return didYouMean(`Assign incident ${n.value} to whom?`, `To take it yourself, press below. To hand it to someone, mention them: assign ${n.value} to @name. I changed nothing.`, [`assign ${n.value} to me`, `show ${n.value}`]);
  }
  // "me 405211", "gimme 405211": take it, or only show it?
  const mine = /^(?:me|gimme|give me) (\d+)$/.exec(normalized);
  if (mine) {
    const n = readIncidentNumber(mine[1] ?? '');
    if (n.ok) return didYouMean(`Assign incident ${n.value} to you?`, 'To take it, press below; to see it first, show it. I changed nothing.', [`assign ${n.value} to me`, `show ${n.value}`]);
  }
  // "drop 405211", "release 405211", "I'm off 405211": let go of it, or close it?
  const letGo = /^(?:drop|release|ditch|give up|let go of|im off|i am off)(?: incident)? (\d+)$/.exec(normalized);
  if (letGo) {
    const n = readIncidentNumber(letGo[1] ?? '');
    if (!n.ok) return undefined;
    return didYouMean('Did you mean…', `Stop owning incident ${n.value}, or close it? I changed nothing.`, [`unassign ${n.value}`, `close ${n.value}`, `show ${n.value}`]);
  }
  const value = numberAndValue(normalized);
  if (value) return value;
  // "task 2 of 405211 done": complete it, or only asking?
  const task = /^task (\d{1,3}) (?:of|on|for|in) (?:incident )?(\d+) (?:is )?(?:done|complete|completed|finished)$/.exec(normalized);
  if (task) {
    const n = readIncidentNumber(task[2] ?? '');
    if (!n.ok) return undefined;
    return didYouMean('Did you mean…', `Mark task ${task[1] ?? ''} of incident ${n.value} as done, or see its tasks first? I changed nothing.`, [`complete task ${task[1] ?? ''} of ${n.value}`, `show tasks for ${n.value}`]);
  }
  // "tasks 405211 done", "close tasks on 405211", "complete all tasks of 405211": which tasks, or the incident?
  const tasks = /\btasks\b/.test(normalized) && (/\b(?:done|complete|completed|finished)\b/.test(normalized) || /^(?:close|complete|finish)\b/.test(normalized));
  if (tasks) {
    const n = readIncidentNumber(normalized);
    if (!n.ok) return undefined;
    return didYouMean('Did you mean…', 'Tasks are completed one at a time: the tasks card has a Complete button on each open task, and the history shows who completed which. To close the incident itself, press close. I changed nothing.', [`show tasks for ${n.value}`, `task history for ${n.value}`, `close ${n.value}`]);
  }
  return undefined;
}

// "don't", "not", "never": a sentence that says not to do something is not an order to do it.
const NEGATION = /\b(?:dont|do not|don t|not|never|wont|cant|cannot|shouldnt|mustnt)\b/;
const ORDERS = new Set<Command['kind']>(['assignToMe', 'assignTo', 'unassign', 'setSeverity', 'setStatus', 'confirmValue', 'close']);

/**
 * A change whose words also say "not" ("don't assign 405211 to me", "I'm not taking 405211"):
 * asked about, with the incident to look at, instead of done. Only the command's own words are
 * looked at: a comment or task title may say "not" freely (those kinds are not checked here).
 */
export function negatedOrder(normalized: string, command: Command): Command | undefined {
  if (!ORDERS.has(command.kind) || !('incidentNumber' in command) || !NEGATION.test(normalized)) return undefined;
  const n = command.incidentNumber;
  return didYouMean('Did you mean…', `Your message says "not", so I did not change incident ${n}. To see it and its buttons:`, [`show ${n}`]);
}

// A run of incident numbers in the text as typed: "405211 405212", "#405211, #405212", "405211 and 405212".
/** The longest text a button may run: a longer suggestion is not offered (it would be cut). */
export const MAX_SUGGESTION_TEXT = 500;

const NUMBER_RUN = /(?:#\s*)?\p{Nd}+(?:\s*(?:,|&|\+|\/|-|\band\b|\bor\b)?\s*(?:#\s*)?\p{Nd}+)+/u;

/**
 * The message once per incident, when it named several plain incident numbers side by side and
 * each version reads as the same command for that incident alone. People mentioned stay named
 * (by their full name), so a button's text says who it assigns to.
 */
export function choicesPerIncident(text: string, read: readonly string[], mentions: readonly Mention[], parse: (text: string) => Command): string[] | undefined {
  if (read.length < 2) return undefined;
  const numbers = read.map((r) => readIncidentNumber(r));
  if (!numbers.every((n) => n.ok)) return undefined;
  const run = NUMBER_RUN.exec(text);
  if (!run || (run[0].match(/\p{Nd}+/gu) ?? []).length !== read.length) return undefined;
  const named = mentions.reduce((t, m) => t.split(m.text).join(m.name || m.text.replace(/<\/?at>/gi, '')), text).replace(/<\/?at>/gi, '');
  const runInNamed = NUMBER_RUN.exec(named);
  if (!runInNamed) return undefined;
  const choices: string[] = [];
  for (const n of numbers) {
    if (!n.ok) return undefined;
    const candidate = `${named.slice(0, runInNamed.index)}${n.value}${named.slice(runInNamed.index + runInNamed[0].length)}`.replace(/\s+/g, ' ').trim();
    if (candidate.length > MAX_SUGGESTION_TEXT) return undefined;
    const command = parse(candidate);
    if (!('incidentNumber' in command) || command.incidentNumber !== n.value || command.kind === 'needsValue') return undefined;
    choices.push(candidate);
  }
  return choices;
}
