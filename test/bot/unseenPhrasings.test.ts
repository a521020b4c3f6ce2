/**
 * Phrasings written after the parser, to check it generalises: none of these was in the
 * corpus when the parser was tuned. Terse, polite, reordered, misspelt, British and American,
 * "pls", emoji, trailing punctuation, capitals, and channel messages with the bot's mention.
 * A value Sentinel does not have is a confirmation, two plausible readings are a question,
 * and no phrasing is a write the person did not ask for.
 */
import type { Command, Mention, NumberedCommand } from '../../src/bot/command';
import { parseCommand } from '../../src/bot/commands';

const N = 405211;
const tasks: Command = { kind: 'showTasks', incidentNumber: N };
const show: Command = { kind: 'showIncident', incidentNumber: N };
const assign: Command = { kind: 'assignToMe', incidentNumber: N };
const unassign: Command = { kind: 'unassign', incidentNumber: N };
const close: Command = { kind: 'close', incidentNumber: N };
const history: Command = { kind: 'taskHistory', incidentNumber: N };
const mine: Command = { kind: 'myIncidents' };
const looseEnds: Command = { kind: 'looseEnds' };
const sev = (severity: 'High' | 'Medium' | 'Low' | 'Informational'): Command => ({ kind: 'setSeverity', incidentNumber: N, severity });
const status = (value: 'New' | 'Active'): Command => ({ kind: 'setStatus', incidentNumber: N, status: value });
const mappedSeverity = (typed: string, value: 'High' | 'Medium' | 'Low' | 'Informational'): Command => ({ kind: 'confirmValue', incidentNumber: N, change: { field: 'severity', value }, typed });
const mappedStatus = (typed: string, value: 'Active' | 'Closed'): Command => ({ kind: 'confirmValue', incidentNumber: N, change: { field: 'status', value }, typed });
const comment = (text: string): Command => ({ kind: 'comment', incidentNumber: N, text });
const addTask = (title: string): Command => ({ kind: 'addTask', incidentNumber: N, title });
const complete = (index: number): Command => ({ kind: 'completeTask', incidentNumber: N, task: { index } });
const toName = (name: string): Command => ({ kind: 'assignTo', incidentNumber: N, assignee: { name } });
const report = (title?: string): Command => (title === undefined ? { kind: 'report' } : { kind: 'report', title });
const ask = (command: NumberedCommand, example: string, ...read: string[]): Command => ({ kind: 'needsIncidentNumber', command, example, read });
const BOT = '<at>Sentinel Incidents</at>';
const ADA: Mention = { text: '<at>Ada</at>', name: 'Ada Lovelace', objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90' };

export const UNSEEN: Array<[string, Command]> = [
  // Tasks
  ['tasks on 405211 pls', tasks],
  ['Show me the tasks on incident 405211, please.', tasks],
  ['pls show tasks 405211 🙏', tasks],
  ['TASKS 405211!!!', tasks],
  ['list the tasks for incident #405211 ta', tasks],
  ['hiya, tasks for 405211?', tasks],
  ['show tasks for 405211 ✅', tasks],
  ['show tasks for 405211...', tasks],
  ['Show Tasks For Incident #405211?!', tasks],
  ['any open tasks on 405211?', tasks],
  // Show
  ['cheers, show 405211', show],
  ['show inc 405211', show],
  ['pull up 405211', show],
  ['look up 405211', show],
  ['can i see 405211?', show],
  ["what's happening with 405211", show],
  ['details on #405211 please 🙂', show],
  ['405211 details', show],
  ['405211 status?', show],
  ['who is assigned to 405211', show],
  ["who's got 405211?", show],
  ['What is the status of incident 405211?', show],
  ['could u show 405211', show],
  ['show 405211 plz thx', show],
  ['Good morning! show 405211', show],
  ['open incident #405211.', show],
  // Assign to me
  ['Assign 405211 to me, please.', assign],
  ['assign me to 405211', assign],
  ["I'll pick up 405211", assign],
  ['take #405211 pls', assign],
  ['TAKE 405211', assign],
  ['assgin 405211 to me', assign],
  ['asign to me 405211', assign],
  ['pls assign 405211 2 me', ask('assignToMe', 'assign 405211 to me', '405211', '2')],
  // Severity, Sentinel's values
  ['set severity of 405211 to High.', sev('High')],
  ['Set the severity of 405211 to HIGH!!', sev('High')],
  ['change 405211 severity to low pls', sev('Low')],
  ['set sev on 405211 to medium', sev('Medium')],
  ['sev of 405211 to low', sev('Low')],
  ['bump 405211 to high', sev('High')],
  ['downgrade 405211 to low', sev('Low')],
  ['prioritise 405211 as high', sev('High')],
  ['prioritize 405211 as low', sev('Low')],
  // Values Sentinel does not have: mapped, to confirm
  ['make 405211 sev1', mappedSeverity('sev1', 'High')],
  ['Set 405211 to P1 please', mappedSeverity('p1', 'High')],
  ['set severity of 405211 to sev 2', mappedSeverity('sev2', 'Medium')],
  ['set severity of 405211 to minor', mappedSeverity('minor', 'Low')],
  ['raise 405211 to urgent!', mappedSeverity('urgent', 'High')],
  ['mark 405211 in progress', mappedStatus('in progress', 'Active')],
  ['status 405211 in progress', mappedStatus('in progress', 'Active')],
  ['set status of 405211 to Resolved.', mappedStatus('resolved', 'Closed')],
  ['mark 405211 as fixed', mappedStatus('fixed', 'Closed')],
  ['set the status of 405211 to investigating', mappedStatus('investigating', 'Active')],
  // Status
  ['mark 405211 as active pls', status('Active')],
  ['set 405211 status to New', status('New')],
  ['move #405211 to Active.', status('Active')],
  ['reopen #405211 pls', status('Active')],
  // Close
  ['close incident 405211 pls', close],
  ['Close 405211 – false positive', close],
  ['can we close 405211?', close],
  ['resolve #405211 thanks!', close],
  ['Please could you close 405211', close],
  // Comment
  ['comment on 405211: spoke to the user, all good 👍', comment('spoke to the user, all good 👍')],
  ['add a note to 405211: user on holiday', comment('user on holiday')],
  ['note on 405211 - user confirmed the sign-in', comment('user confirmed the sign-in')],
  // Tasks written
  ['add task to 405211 - check the mailbox rules', addTask('check the mailbox rules')],
  ['new task for 405211: Call HR', addTask('Call HR')],
  ['add a to-do to 405211: block the IP', addTask('block the IP')],
  ['Complete task 1 on #405211.', complete(1)],
  ['mark task 2 on 405211 done', complete(2)],
  // History
  ['history for 405211 pls', history],
  ['whats the history of 405211', history],
  ['show the audit trail for 405211', history],
  // My incidents, loose ends
  ['my incidents pls', mine],
  ['what am I working on?', mine],
  ['show me my incidents 🙂', mine],
  ['list my open incidents', mine],
  ['anything assigned to me?', mine],
  ['loose ends pls', looseEnds],
  ['closed incidents that still have open tasks', looseEnds],
  // Report
  ['report a phishing email', report('a phishing email')],
  ['I want to report a suspicious login', report('a suspicious login')],
  ['report: lost laptop on the train', report('lost laptop on the train')],
  ['raise a new incident', report()],
  // Unassign, someone else
  ['Unassign 405211 pls', unassign],
  ['take me off 405211', unassign],
  ['hand 405211 to Grace Hopper pls', toName('Grace Hopper')],
  ['give #405211 to grace, ta', toName('grace')],
  // Channels
  [`${BOT} show 405211 pls`, show],
  [`${BOT} whats the status of 405211?`, show],
  [`${BOT} can you take 405211 for me`, assign],
  [`${BOT} mark 405211 in progress`, mappedStatus('in progress', 'Active')],
  [`${BOT} unassign #405211 please`, unassign],
  [`${BOT} help pls`, { kind: 'help' }],
  [`${BOT} what can you do?`, { kind: 'help' }],
  [`${BOT} watch high incidents`, { kind: 'watch', filterText: 'high incidents' }],
  [`${BOT} stop watching`, { kind: 'unwatch' }],
  [`${BOT} what are you watching?`, { kind: 'watching' }],
  [`${BOT} TASKS 405211 PLS`, tasks],
];

/** A second set, written once the first passed, and measured before any fix for it. */
export const UNSEEN_LATER: Array<[string, Command]> = [
  ['pls list tasks 405211', tasks],
  ['what needs doing on 405211?', tasks],
  ['open tasks for #405211', tasks],
  ['checklist on 405211 please', tasks],
  ['Tasks for incident 405211 pls 🙏', tasks],
  ['tsks 405211', tasks],
  ['show me 405211', show],
  ['Whats up with 405211?', show],
  ['quick look at 405211', show],
  ['status on 405211 pls', show],
  ['405211 owner?', show],
  ['who owns incident 405211 atm', show],
  ['INCIDENT 405211', show],
  ['can you grab 405211 for me', assign],
  ["I'm taking 405211", assign],
  ['assign it to me 405211', assign],
  ['put me on 405211', assign],
  ['Assign 405211 to myself pls!', assign],
  ['pls unassign me from 405211', unassign],
  ['remove me from 405211', unassign],
  ['unassign #405211 thx', unassign],
  ['severity 405211 -> low', sev('Low')],
  ['make 405211 low priority', sev('Low')],
  ['set prio of 405211 to high', sev('High')],
  ['change priority of 405211 to medium', sev('Medium')],
  ['set 405211 to informational', sev('Informational')],
  ['lower the severity of 405211 to low', sev('Low')],
  ['upgrade 405211 to high', sev('High')],
  ['set 405211 to sev3', mappedSeverity('sev3', 'Low')],
  ['make 405211 P2', mappedSeverity('p2', 'Medium')],
  ['set severity of 405211 to Critical!!!', mappedSeverity('critical', 'High')],
  ['escalate 405211 to critical', mappedSeverity('critical', 'High')],
  ["mark 405211 as 'in progress'", mappedStatus('in progress', 'Active')],
  ['set 405211 to in-progress', mappedStatus('in-progress', 'Active')],
  ['status of 405211 should be active', status('Active')],
  ['set state of 405211 to active', status('Active')],
  ['close out 405211', close],
  ['close #405211 pls, false positive', close],
  ['close off incident 405211', close],
  ['mark 405211 resolved', mappedStatus('resolved', 'Closed')],
  ['mark 405211 as closed', close],
  ['comment 405211: "User called back"', comment('User called back')],
  ['add comment on 405211 - spoke with Ada', comment('spoke with Ada')],
  ['leave a comment on 405211: escalated to IT', comment('escalated to IT')],
  ['note 405211: laptop reimaged', comment('laptop reimaged')],
  ['add task to #405211: "Reset MFA"', addTask('Reset MFA')],
  ['add a task for incident 405211 – notify legal', addTask('notify legal')],
  ['create task on 405211: check VPN logs', addTask('check VPN logs')],
  ['complete task #1 for 405211 pls', complete(1)],
  ['finish task 3 on incident 405211', complete(3)],
  ['tick task 2 on 405211', complete(2)],
  ['Complete task 2 of 405211 ✅', complete(2)],
  ['history of tasks on 405211', history],
  ['audit log for 405211', history],
  ['whats on my plate today', mine],
  ['show my queue pls', mine],
  ['incidents I own', mine],
  ['list incidents assigned to me', mine],
  ['any loose ends?', looseEnds],
  ['looseends pls', looseEnds],
  ['I need to report a phishing email', report('a phishing email')],
  ['report phishing pls', report('phishing')],
  ['Report - user clicked a link', report('user clicked a link')],
  ['log a new incident', report()],
  ['give 405211 to Ada Lovelace 👍', toName('Ada Lovelace')],
  ['reassign #405211 to Grace, cheers', toName('Grace')],
  [`${BOT} pls show 405211`, show],
  [`${BOT}: tasks 405211?`, tasks],
  [`${BOT} who is on 405211 👀`, show],
  [`${BOT} grab 405211`, assign],
  [`${BOT} set 405211 to high pls`, sev('High')],
  [`${BOT} watch new high incidents pls`, { kind: 'watch', filterText: 'new high incidents' }],
  [`${BOT} stop watching please`, { kind: 'unwatch' }],
  ['<at>Sentinel</at> what are you watching here?', { kind: 'watching' }],
  [`${BOT} Help!`, { kind: 'help' }],
];

/** A third set, about questions, "from ... to ..." and who is named, measured before its fixes. */
export const UNSEEN_THIRD: Array<[string, Command]> = [
  ['whats the latest on 405211', show],
  ['any update on 405211?', show],
  ['status check 405211', show],
  ['can someone take 405211', { kind: 'unknown', text: 'can someone take 405211' }],
  ['who wants 405211?', { kind: 'unknown', text: 'who wants 405211?' }],
  ['close 405211 as false positive', close],
  ['pls close 405211 its a false positive', close],
  ['severity for 405211?', show],
  ['whats the severity of 405211', show],
  ['what sev is 405211', show],
  ['is 405211 closed?', show],
  ['has 405211 got an owner', show],
  ['tasks?', { kind: 'needsIncidentNumber', command: 'showTasks', example: 'show tasks for 405211' }],
  ['405211 405212', { kind: 'needsIncidentNumber', command: 'showIncident', example: 'show 405211', read: ['405211', '405212'], choices: ['405211', '405212'] }],
  ['assign 405211 to @me', assign],
  ['assign 405211 to me and Ada', toName('me and Ada')],
  ['give 405211 to me', assign],
  ['assign it to me', { kind: 'needsIncidentNumber', command: 'assignToMe', example: 'assign 405211 to me' }],
  ['sev 405211 high', sev('High')],
  ['close it', { kind: 'needsIncidentNumber', command: 'close', example: 'close 405211' }],
  ['Close 405211 + 405212', { kind: 'needsIncidentNumber', command: 'close', example: 'close 405211', read: ['405211', '405212'], choices: ['Close 405211', 'Close 405212'] }],
  ['set severity to high for 405211', sev('High')],
  ['change 405211 from medium to high', sev('High')],
  ['move 405211 from new to active', status('Active')],
  ['move 405211 back to new', status('New')],
  ['lower 405211 from high to medium', sev('Medium')],
  ['unassign me', { kind: 'needsIncidentNumber', command: 'unassign', example: 'unassign 405211' }],
  ['downgrade 405211 from high to informational pls', sev('Informational')],
  ['set status of 405211 from active to in progress', mappedStatus('in progress', 'Active')],
  ['what is on my plate?', mine],
];

export const UNSEEN_WITH_MENTIONS: Array<[string, Mention[], Command]> = [
  ['Assign 405211 to <at>Ada</at> pls', [ADA], { kind: 'assignTo', incidentNumber: N, assignee: { mention: ADA } }],
  ['give #405211 to <at>Ada</at> 👍', [ADA], { kind: 'assignTo', incidentNumber: N, assignee: { mention: ADA } }],
  ['hand 405211 over to <at>Ada</at> pls 🙏', [ADA], { kind: 'assignTo', incidentNumber: N, assignee: { mention: ADA } }],
  ['assign 405211 to <at>Ada</at>, thanks!', [ADA], { kind: 'assignTo', incidentNumber: N, assignee: { mention: ADA } }],
];

describe('phrasings the parser was not tuned on', () => {
  it('holds at least 60 of them', () => {
    expect(UNSEEN.length + UNSEEN_LATER.length + UNSEEN_THIRD.length + UNSEEN_WITH_MENTIONS.length).toBeGreaterThanOrEqual(60);
  });

  it.each([...UNSEEN, ...UNSEEN_LATER, ...UNSEEN_THIRD])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each(UNSEEN_WITH_MENTIONS)('%j with mentions', (text, mentions, expected) => {
    expect(parseCommand(text, mentions)).toEqual(expected);
  });
});
