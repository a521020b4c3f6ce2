/**
 * "assign 405211 to @Ada", "give #405211 to Ada Lovelace", "assign <at>Ada</at> to 405211":
 * handing an incident to someone else. The incident number is read as strictly as for any
 * write; the person is only named here and found in the directory by the handler, which asks
 * when the name fits several people or nobody.
 */
import type { Assignee, Command, Mention } from '../command';
import { TRAILING_NOISE } from './filler';
import { numberLikeIn, readIncidentNumber } from './numbers';
import { editDistance } from './typos';

const NUM = String.raw`#?\s*([+\-\u2212\uFF0B\uFF0D]?\p{Nd}+(?:[.,]\p{Nd}+)*)(?!\p{Nd})`;
// "405211 and 405212", "#405211, #405212": read whole, so several numbers are asked about.
const ONE = String.raw`[+\-\u2212\uFF0B\uFF0D]?\p{Nd}+(?:[.,]\p{Nd}+)*`;
const NUMS = String.raw`#?\s*(${ONE}(?:\s*(?:,|&|\band\b|\bor\b)?\s*#?\s*${ONE})*)(?!\p{Nd})`;
// "I'll give 405211 to Ada", "we can hand 405211 to grace": the sender doing it.
const SUBJECT = String.raw`(?:(?:i|we)(?:['\u2019]ll|\s+will|\s+can|\s+shall)?\s+)?`;
// "reassign 405211 from me to Ada": who it comes from is the handler's to check.
const FROM = String.raw`(?:from\s+(?:<at>[^<]{0,200}</at>|\S+(?:\s+\S+)?)\s+)?`;
const TO_SOMEONE = new RegExp(String.raw`^${SUBJECT}(?:re-?assign|assign|give|hand(?:\s+over|\s+off)?|pass|transfer)\s+(?:incidents?\s+)?${NUMS}\s+${FROM}(?:over\s+)?(?:to\s+|(?:->|=>|\u2192)\s*)([\s\S]+)$`, 'iu');
// "assign 405211 <at>Ada</at>", "405211 -> <at>Ada</at>", "405211 to Ada": the person named without the verb or "to".
const MENTION_AFTER = new RegExp(String.raw`^(?:re-?assign|assign|give)\s+(?:incident\s+)?${NUM}\s+(<at>[^<]{1,200}</at>)\s*[.!]?$`, 'iu');
const NUMBER_TO = new RegExp(String.raw`^(?:incident\s+)?${NUM}\s*(?:->|=>|\u2192|\s+to\s)\s*([\s\S]+)$`, 'iu');
const SOMEONE_TO = new RegExp(String.raw`^(?:re-?assign|assign)\s+(<at>[\s\S]+?</at>|@\S+)\s+(?:to|on)\s+(?:incident\s+)?${NUM}\s*[.!]?$`, 'iu');
// "me and Ada" names two people, so it is neither.
const SELF = /^@?(?:me|myself)(?![\p{L}\p{N}])(?!\s*(?:and|&|\+|,\s*@?\p{L}+\s*(?:and|&))\s)/iu;
const NOBODY = /^(?:nobody|no one|noone|no body|none|no-one)(?![\p{L}\p{N}])/iu;
export const MAX_ASSIGNEE_NAME = 100;

function nearlySelf(who: string): boolean {
  const word = who.toLowerCase();
  if (!/^\p{L}+$/u.test(word)) return false;
  // Short slips only, never a short name ("Meg", "Mo"): doubled letters and keyboard neighbours.
  return /^(?:m+e{2,}|mw|ne|nme|mme|em)$/.test(word) || (word.length >= 5 && editDistance(word, 'myself', 2) <= 2);
}

function assigneeOf(who: string, mentions: readonly Mention[]): Assignee {
  const mentioned = mentions.filter((m) => who.includes(m.text));
  // The mention alone names the person; "<at>Ada</at> and me" names two, and is searched as typed (fitting nobody).
  const alone = mentioned[0] !== undefined && who.split(mentioned[0].text).join('').replace(/[\s.,!?:;]+/g, '') === '';
  if (mentioned.length === 1 && mentioned[0] && alone) return { mention: mentioned[0] };
  // No entity for the tag (or several): the visible name is searched like a typed one.
  const name = who.replace(/<\/?at>/gi, '').replace(/^@/, '').replace(/\s+/g, ' ').trim();
  return { name };
}

export function parseAssignTo(typed: string, mentions: readonly Mention[]): Command | undefined {
  const numberFirst = NUMBER_TO.exec(typed);
  // Without a verb, only a mention or "me" is a person: "405211 to high" is not someone called High.
  const verbless = numberFirst && /^(?:<at>[^<]{1,200}<\/at>|@?(?:me|myself)(?![\p{L}\p{N}]))/iu.test(numberFirst[2] ?? '') ? numberFirst : null;
  const forward = TO_SOMEONE.exec(typed) ?? MENTION_AFTER.exec(typed) ?? verbless;
  const reversed = forward ? undefined : SOMEONE_TO.exec(typed);
  const digits = forward ? forward[1] : reversed?.[2];
  const whoRaw = forward ? forward[2] : reversed?.[1];
  if (digits === undefined || whoRaw === undefined) return undefined;
  const who = whoRaw.replace(TRAILING_NOISE, '').trim();
  if (who === '' || NOBODY.test(who)) return undefined;
  const n = readIncidentNumber(digits);
  // "assign 405211 to me and 405212 to Ada": two incidents, two people; neither is done alone.
  const more = numberLikeIn(who.replace(/<at>[^<]*<\/at>/gi, ' '));
  if (more.length > 0) return { kind: 'needsIncidentNumber', command: SELF.test(who) ? 'assignToMe' : 'assignTo', example: 'assign 405211 to @Ada', read: [...(n.ok ? [String(n.value)] : n.read), ...more].slice(0, 5) };
  if (SELF.test(who)) return n.ok ? { kind: 'assignToMe', incidentNumber: n.value } : { kind: 'needsIncidentNumber', command: 'assignToMe', example: 'assign 405211 to me', read: n.read };
  if (!n.ok) return { kind: 'needsIncidentNumber', command: 'assignTo', example: 'assign 405211 to @Ada', read: n.read };
  // "to mee", "to myslef": a slip of "me" is not a colleague's name to look up.
  if (nearlySelf(who)) {
    return { kind: 'didYouMean', heading: `Assign incident ${n.value} to whom?`, message: `I read "${who.slice(0, 40)}" as a slip of "me", so I changed nothing. To hand it to someone of that name, mention them (@name).`, options: [`assign ${n.value} to me`, `show ${n.value}`] };
  }
  return { kind: 'assignTo', incidentNumber: n.value, assignee: assigneeOf(who, mentions) };
}
