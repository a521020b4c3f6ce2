/**
 * The rule "no silent wrong write": whatever the wording, a typed write names exactly one
 * plain incident number and a value Sentinel has, or it is not a write at all.
 */
import type { Command } from '../../src/bot/command';
import { parseCommand } from '../../src/bot/commands';

const WRITES = new Set<Command['kind']>(['assignToMe', 'assignTo', 'unassign', 'setSeverity', 'setStatus', 'close', 'comment', 'addTask', 'completeTask']);

// One template per way of asking for each write kind; {n} is where the incident number goes.
const TEMPLATES: Array<[string, Command['kind']]> = [
  ['assign {n} to me', 'assignToMe'],
  ['please assign #{n} to myself', 'assignToMe'],
  ["I'll take {n}", 'assignToMe'],
  ['claim {n}', 'assignToMe'],
  ['assign {n} to Ada Lovelace', 'assignTo'],
  ['give #{n} to @Ada', 'assignTo'],
  ['reassign incident {n} to grace please', 'assignTo'],
  ['unassign {n}', 'unassign'],
  ['remove the owner of #{n}', 'unassign'],
  ['assign {n} to nobody', 'unassign'],
  ['set severity of {n} to low', 'setSeverity'],
  ['set {n} high', 'setSeverity'],
  ['change the severity of #{n} to informational', 'setSeverity'],
  ['set status of {n} to active', 'setStatus'],
  ['mark {n} as new', 'setStatus'],
  ['status {n} active', 'setStatus'],
  ['reopen {n}', 'setStatus'],
  ['close {n}', 'close'],
  ['resolve incident {n}', 'close'],
  ['set status of {n} to closed', 'close'],
  ['comment {n} called the user', 'comment'],
  ['add a comment to #{n}: benign', 'comment'],
  ['add task to {n}: check MFA', 'addTask'],
  ['add task check MFA to {n}', 'addTask'],
  ['complete task 2 of {n}', 'completeTask'],
  ['mark task "reset" on {n} as done', 'completeTask'],
  ['put me on {n}', 'assignToMe'],
  ["I'm taking {n}", 'assignToMe'],
  ['take me off {n}', 'unassign'],
  ['give #{n} to grace, ta', 'assignTo'],
  ['bump {n} to high', 'setSeverity'],
  ['prioritise {n} as low', 'setSeverity'],
  ['set prio of {n} to high', 'setSeverity'],
  ['set state of {n} to active', 'setStatus'],
  ['note on {n}: benign', 'comment'],
  ['leave a comment on {n}: benign', 'comment'],
  ['new task for {n}: call HR', 'addTask'],
  ['complete task 1 of {n} pls ✅', 'completeTask'],
];

const BAD_NUMBERS = [
  '-405211', '+405211', '\u2212405211', '\uFF0D405211', '405211 405212', '405211, 405212', '405211,405212', '405211 and 405212', '405211-405212',
  '٤٠٥٢١١', '۴۰۵۲۱۱', '４０５２１１', '४०५२११', '0405211', '00405211', '405211.0', '405211.5', '405,211', '0', '99999999999',
];

describe('no silent wrong write: incident numbers', () => {
  const cases = TEMPLATES.flatMap(([template, kind]) => BAD_NUMBERS.map((bad): [string, Command['kind']] => [template.replace('{n}', bad), kind]));

  it.each(TEMPLATES)('the template %j is a write of kind %s with a plain number', (template, kind) => {
    expect(parseCommand(template.replace('{n}', '405211'))).toMatchObject({ kind, incidentNumber: 405211 });
  });

  it.each(cases)('%j is not a write', (text) => {
    expect(WRITES.has(parseCommand(text).kind)).toBe(false);
  });
});

describe('no silent wrong write: the assignee', () => {
  it.each(['assign 405211 to Ada, I think', 'assign 405211 to the team I lead', 'assign 405211 to @Ada', 'assign 405211 to grace'])('%j does not assign to the sender', (text) => {
    expect(parseCommand(text).kind).not.toBe('assignToMe');
  });
});

describe('no silent wrong write: the opposite or another write', () => {
  it.each([
    ['take me off 405211', 'assignToMe'],
    ['take a look at 405211', 'assignToMe'],
    ['have a quick look at 405211', 'assignToMe'],
    ['close tasks on 405211', 'completeTask'],
    ['close tasks on 405211', 'close'],
    ['mark all tasks on 405211 as done', 'completeTask'],
    ['mark all tasks on 405211 as done', 'close'],
    ['complete all tasks of 405211', 'completeTask'],
    ['assign 405211', 'assignToMe'],
    ['405211 high', 'setSeverity'],
    ['take 405211 off my plate', 'assignToMe'],
    ["don't assign 405211 to me", 'assignToMe'],
    ["I'm not taking 405211", 'assignToMe'],
    ['please do not close 405211', 'close'],
    ["don't set 405211 to high", 'setSeverity'],
    ['never unassign 405211', 'unassign'],
    ["don't give 405211 to Ada", 'assignTo'],
    ['dont mark 405211 in progress', 'confirmValue'],
    ["don't take a look at 405211", 'assignToMe'],
    ['assign 405211 to me and Ada', 'assignToMe'],
    ['give 405211 to me & Grace', 'assignToMe'],
  ])('%j is never %s', (text, kind) => {
    expect(parseCommand(text).kind).not.toBe(kind);
  });
});

describe('no silent wrong write: "from ... to ..." writes the value after "to"', () => {
  it.each([
    ['change 405211 from high to low', 'Low'],
    ['lower 405211 from medium to informational', 'Informational'],
  ])('%j sets %s', (text, severity) => {
    expect(parseCommand(text)).toEqual({ kind: 'setSeverity', incidentNumber: 405211, severity });
  });
});

describe('no silent wrong write: "not" in a comment or task is its text, not a refusal', () => {
  it.each([
    ['comment 405211 user did not click the link', 'comment'],
    ["add task to 405211: don't reboot the server", 'addTask'],
  ])('%j is still a %s', (text, kind) => {
    expect(parseCommand(text).kind).toBe(kind);
  });
});

describe('no silent wrong write: two incidents in one task', () => {
  it.each(['add task x to 405211 to 405212', 'add task call Ada on #405211 for 405212', 'add task check MFA for incident 405211 to incident 405212'])('%j asks which incident', (text) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'needsIncidentNumber', command: 'addTask' });
  });
});

describe('no silent wrong write: values', () => {
  // Words Sentinel has no value for and the mapping table does not read: asked about.
  const severities = ['severe', 'hgih', 'highh', 'lwo', 'very high', 'high or low', 'major'];
  const statuses = ['open', 'pending', 'closedd', 'actve', 'neww', 'active or new', 'on hold'];
  // Words the table maps: a confirmation naming the mapped value, never a write.
  const mappedSeverities = ['critical', 'urgent', 'p1', 'sev1', 'sev 1', 'Sev-2', 'minor', 'sev4'];
  const mappedStatuses = ['resolved', 'in progress', 'done', 'fixed', 'investigating', 'false positive', 'benign'];
  const severityTemplates = ['set severity of 405211 to {v}', 'change severity 405211 {v}', 'make 405211 {v}'];
  const statusTemplates = ['set status of 405211 to {v}', 'mark 405211 as {v}', 'change the status of #405211 to {v} please', 'status 405211 {v}'];
  const fill = (templates: string[], values: string[]): string[] => templates.flatMap((t) => values.map((v) => t.replace('{v}', v)));

  it.each([...fill(severityTemplates, severities), ...fill(statusTemplates, statuses)])('%j asks which value rather than writing one', (text) => {
    const command = parseCommand(text);
    expect(WRITES.has(command.kind)).toBe(false);
    expect(command.kind).toBe('needsValue');
  });

  it.each([...fill(severityTemplates, mappedSeverities), ...fill(statusTemplates, mappedStatuses)])('%j asks to confirm the mapped value rather than writing it', (text) => {
    const command = parseCommand(text);
    expect(WRITES.has(command.kind)).toBe(false);
    expect(command).toMatchObject({ kind: 'confirmValue', incidentNumber: 405211 });
  });

  it('a mapped word of the other field is asked about, not mapped across', () => {
    expect(parseCommand('set status of 405211 to critical')).toEqual({ kind: 'needsValue', field: 'status', incidentNumber: 405211, read: 'critical' });
    expect(parseCommand('set severity of 405211 to resolved')).toEqual({ kind: 'needsValue', field: 'severity', incidentNumber: 405211, read: 'resolved' });
  });
});
