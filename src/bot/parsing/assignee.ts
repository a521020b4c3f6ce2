/**
 * "assign 405211 to @Ada", "give #405211 to Ada Lovelace", "assign <at>Ada</at> to 405211":
 * handing an incident to someone else. The incident number is read as strictly as for any
 * write; the person is only named here and found in the directory by the handler, which asks
 * when the name fits several people or nobody.
 */
import type { Assignee, Command, Mention } from '../command';
import { TRAILING_NOISE } from './filler';
import { readIncidentNumber } from './numbers';

const NUM = String.raw`#?\s*([+\-\u2212\uFF0B\uFF0D]?\p{Nd}+(?:[.,]\p{Nd}+)*)(?!\p{Nd})`;
// "405211 and 405212", "#405211, #405212": read whole, so several numbers are asked about.
const ONE = String.raw`[+\-\u2212\uFF0B\uFF0D]?\p{Nd}+(?:[.,]\p{Nd}+)*`;
const NUMS = String.raw`#?\s*(${ONE}(?:\s*(?:,|&|\band\b|\bor\b)?\s*#?\s*${ONE})*)(?!\p{Nd})`;
const TO_SOMEONE = new RegExp(String.raw`^(?:re-?assign|assign|give|hand(?:\s+over)?|pass|transfer)\s+(?:incidents?\s+)?${NUMS}\s+(?:over\s+)?to\s+([\s\S]+)$`, 'iu');
const SOMEONE_TO = new RegExp(String.raw`^(?:re-?assign|assign)\s+(<at>[\s\S]+?</at>|@\S+)\s+(?:to|on)\s+(?:incident\s+)?${NUM}\s*[.!]?$`, 'iu');
// "me and Ada" names two people, so it is neither.
const SELF = /^@?(?:me|myself)(?![\p{L}\p{N}])(?!\s*(?:and|&|\+|,\s*@?\p{L}+\s*(?:and|&))\s)/iu;
const NOBODY = /^(?:nobody|no one|noone|no body|none|no-one)(?![\p{L}\p{N}])/iu;
export const MAX_ASSIGNEE_NAME = 100;

function assigneeOf(who: string, mentions: readonly Mention[]): Assignee {
  const mentioned = mentions.filter((m) => who.includes(m.text));
  if (mentioned.length === 1 && mentioned[0]) return { mention: mentioned[0] };
  // No entity for the tag (or several): the visible name is searched like a typed one.
  const name = who.replace(/<\/?at>/gi, '').replace(/^@/, '').replace(/\s+/g, ' ').trim();
  return { name };
}

export function parseAssignTo(typed: string, mentions: readonly Mention[]): Command | undefined {
  const forward = TO_SOMEONE.exec(typed);
  const reversed = forward ? undefined : SOMEONE_TO.exec(typed);
  const digits = forward ? forward[1] : reversed?.[2];
  const whoRaw = forward ? forward[2] : reversed?.[1];
  if (digits === undefined || whoRaw === undefined) return undefined;
  const who = whoRaw.replace(TRAILING_NOISE, '').trim();
  if (who === '' || NOBODY.test(who)) return undefined;
  const n = readIncidentNumber(digits);
  if (SELF.test(who)) return n.ok ? { kind: 'assignToMe', incidentNumber: n.value } : { kind: 'needsIncidentNumber', command: 'assignToMe', example: 'assign 405211 to me', read: n.read };
  if (!n.ok) return { kind: 'needsIncidentNumber', command: 'assignTo', example: 'assign 405211 to @Ada', read: n.read };
  return { kind: 'assignTo', incidentNumber: n.value, assignee: assigneeOf(who, mentions) };
}
