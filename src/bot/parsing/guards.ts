/**
 * Checks made once a message has been read as a change, whatever words it used: a change is
 * only made when the message reads as an order to the bot. A question ("should I take
 * 405211?"), a message that opens by addressing someone else ("@Ada take 405211"), code mixed
 * into the command's words ("405211 | union *"), or characters that make the number shown
 * differ from the number sent (a right-to-left override) are answered with "Did you mean"
 * buttons instead, each running the plain command, and nothing is changed.
 */
import type { Command } from '../command';

/** Commands that change an incident on the message alone (close only opens its card, but is asked too). */
const CHANGES = new Set<Command['kind']>(['assignToMe', 'assignTo', 'unassign', 'setSeverity', 'setStatus', 'close', 'comment', 'addTask', 'completeTask', 'confirmValue']);

/** The longest text a button may run: a longer one is not offered (it would be cut). */
const MAX_BUTTON_TEXT = 500;

/** The plain command text for a change, as a button that runs exactly it. */
export function commandText(command: Command): string | undefined {
  switch (command.kind) {
    case 'assignToMe':
      return `assign ${command.incidentNumber} to me`;
    case 'assignTo': {
      const a = command.assignee;
      const who = 'mention' in a ? a.mention.name : 'name' in a ? a.name : undefined;
      return who ? `assign ${command.incidentNumber} to ${who}` : undefined;
    }
    case 'unassign':
      return `unassign ${command.incidentNumber}`;
    case 'setSeverity':
      return `set severity of ${command.incidentNumber} to ${command.severity.toLowerCase()}`;
    case 'setStatus':
      return `set status of ${command.incidentNumber} to ${command.status.toLowerCase()}`;
    case 'close':
      return `close ${command.incidentNumber}`;
    case 'confirmValue':
      return `set ${command.change.field} of ${command.incidentNumber} to ${command.typed}`;
    case 'comment':
      return `comment ${command.incidentNumber} ${command.text}`;
    case 'addTask':
      return `add task to ${command.incidentNumber}: ${command.title}`;
    case 'completeTask':
      return 'index' in command.task ? `complete task ${command.task.index} of ${command.incidentNumber}` : undefined;
    default:
      return undefined;
  }
}

function askInstead(command: Command, heading: string, message: string, offerCommand = true): Command | undefined {
  if (!CHANGES.has(command.kind) || !('incidentNumber' in command)) return undefined;
  const n = command.incidentNumber;
  const plain = offerCommand ? commandText(command) : undefined;
  const options = [...(plain && plain.length <= MAX_BUTTON_TEXT ? [plain] : []), `show ${n}`];
  return { kind: 'didYouMean', heading, message, options };
}

// "should I take 405211?", "did you assign 405211 to me?", "why was 405211 closed": asked, not ordered.
// "can/could/would/will you" are requests, and stay so ("can you close 405211?", "would you mind ...").
const QUESTION = /^(?:(?:should|shall|must|did|do|does|was|were|is|are|am|has|have|had)\s+(?:i|we|you|they|he|she|someone|somebody|anyone|anybody|it|this|that|incident|\d)|why|how|when|who|whom|whose|what if|is it ok|is it okay|is it fine|is it safe)\b/;
const REQUEST = /^(?:do|would) you mind\b/;

/** `normalized`: lowercase, filler and punctuation dropped (so "Hi, should I ..." starts with "should"). */
export function questionNotOrder(normalized: string, command: Command): Command | undefined {
  if (!QUESTION.test(normalized) || REQUEST.test(normalized)) return undefined;
  return askInstead(command, 'Did you mean…', 'That reads as a question, so I changed nothing. To do it, or to see the incident first:');
}

/** Commands whose text after the number is the person's own words (a comment, a task title). */
const FREE_TEXT = new Set<Command['kind']>(['comment', 'addTask']);

// "reopen 405211 and assign it to me": two changes in one message; one is made at a time, so neither is guessed.
const SECOND_CHANGE = /\b(?:and|then|also|plus)\s+(?:then\s+)?(?:assign|reassign|unassign|take|grab|close|resolve|set|mark|comment|add|reopen|change|make|bump|raise|lower|move|complete)\b/;

export function twoChanges(normalized: string, command: Command): Command | undefined {
  if (FREE_TEXT.has(command.kind) || !SECOND_CHANGE.test(normalized)) return undefined;
  return askInstead(command, 'One change at a time', 'Your message asks for more than one change, and I make one at a time, so I changed nothing. Start with:');
}

// Characters of a query or a template among the command's words: a message written to probe, not to ask.
const CODE_LIKE = /[|;`{}\\]|\$\{|<(?!\/?at>)|\b(?:union|drop|select|delete|insert|exec)\b\s*[*(]/i;

export function codeInCommand(typed: string, command: Command): Command | undefined {
  // A task named by its title is matched against the titles as typed: those are words too.
  const titled = command.kind === 'completeTask' && 'title' in command.task;
  if (FREE_TEXT.has(command.kind) || titled || !CODE_LIKE.test(typed)) return undefined;
  return askInstead(command, 'Did you mean…', 'Your message has characters of a query or template in it, so I read it as nothing and changed nothing. Did you mean:');
}

// Overrides and embeddings (and isolates) change the order characters are shown in: "112504" sent
// can be seen as "405211". Marks (U+200E/U+200F) do not reorder digits and are only dropped.
export const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

export function directionControls(raw: string, command: Command): Command | undefined {
  if (!DIRECTION_CONTROLS.test(raw)) return undefined;
  return askInstead(
    command,
    'Which incident?',
    'Your message has invisible characters that change the order text is shown in, so the number you see may not be the one I read. I changed nothing. The number I read is on the button:',
    false,
  );
}

/** `addressed`: the name of the person a message opens by mentioning ("@Ada take 405211"). */
export function addressedToSomeoneElse(addressed: string | undefined, command: Command): Command | undefined {
  if (addressed === undefined || !('incidentNumber' in command)) return undefined;
  const n = command.incidentNumber;
  if (command.kind === 'assignToMe') {
    return { kind: 'didYouMean', heading: `Who should own incident ${n}?`, message: `Your message starts by mentioning ${addressed}, so I changed nothing. Assign it to them, or to you?`, options: [`assign ${n} to ${addressed}`, `assign ${n} to me`, `show ${n}`] };
  }
  return askInstead(command, 'Did you mean…', `Your message starts by mentioning ${addressed}, so I read it as meant for them and changed nothing. Did you mean me to do it?`);
}

/**
 * Invisible characters that change nothing a person sees: zero-width spaces and joiners
 * between letters or digits, the word joiner, the byte-order mark, the soft hyphen, direction
 * marks; and "&nbsp;", which some clients send for the space after a mention. Joiners inside
 * emoji are kept (a comment keeps its emoji). Control characters become spaces.
 */
export function withoutInvisibles(text: string): string {
  return text
    .replace(/&nbsp;/gi, ' ')
    .replace(/[\u200B\u2060\uFEFF\u00AD\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/gu, '')
    .replace(/(?<=[\p{L}\p{Nd}])[\u200C\u200D](?=[\p{L}\p{Nd}])/gu, '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ');
}
