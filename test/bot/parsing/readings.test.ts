/**
 * Messages with two plausible readings are a question with buttons, never a guess; a message
 * naming several incidents offers the same message once per incident. Every button runs
 * exactly its text, so each is checked as typed text.
 */
import type { Command, Mention } from '../../../src/bot/command';
import { parseCommand } from '../../../src/bot/commands';

const WRITES = new Set<Command['kind']>(['assignToMe', 'assignTo', 'unassign', 'setSeverity', 'setStatus', 'closeSubmit', 'comment', 'addTask', 'completeTask']);
const ADA: Mention = { text: '<at>Ada</at>', name: 'Ada Lovelace', objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90' };
const BOT = '<at>Sentinel Incidents</at>';

const options = (command: Command): string[] | undefined => (command.kind === 'didYouMean' ? command.options : command.kind === 'needsIncidentNumber' ? command.choices : undefined);

const TWO_READINGS: Array<[string, string[]]> = [
  ['assign 405211', ['assign 405211 to me', 'show 405211']],
  ['Assign #405211 please', ['assign 405211 to me', 'show 405211']],
  ['give 405211', ['assign 405211 to me', 'show 405211']],
  ['assign 405211 to', ['assign 405211 to me', 'show 405211']],
  ['hand 405211 over', ['assign 405211 to me', 'show 405211']],
  ['reassign incident 405211', ['assign 405211 to me', 'show 405211']],
  [`${BOT} assign 405211`, ['assign 405211 to me', 'show 405211']],
  ['405211 high', ['set severity of 405211 to high', 'show 405211']],
  ['405211 Low?', ['set severity of 405211 to low', 'show 405211']],
  ['high 405211', ['set severity of 405211 to high', 'show 405211']],
  ['405211 critical', ['set severity of 405211 to critical', 'show 405211']],
  ['405211 active', ['set status of 405211 to active', 'show 405211']],
  ['405211 closed', ['close 405211', 'show 405211']],
  ['#405211 resolved', ['set status of 405211 to resolved', 'show 405211']],
  ['405211 in progress', ['set status of 405211 to in progress', 'show 405211']],
  ['tasks 405211 done', ['show tasks for 405211', 'task history for 405211', 'close 405211']],
  ['405211 tasks done?', ['show tasks for 405211', 'task history for 405211', 'close 405211']],
  ['close tasks on 405211', ['show tasks for 405211', 'task history for 405211', 'close 405211']],
  ['complete all tasks of 405211', ['show tasks for 405211', 'task history for 405211', 'close 405211']],
  ['mark all tasks on 405211 as done', ['show tasks for 405211', 'task history for 405211', 'close 405211']],
  ['task 2 of 405211 done', ['complete task 2 of 405211', 'show tasks for 405211']],
  ['task 1 on #405211 is finished', ['complete task 1 of 405211', 'show tasks for 405211']],
];

const SEVERAL_INCIDENTS: Array<[string, Mention[], string[]]> = [
  ['assign 405211 and 405212 to Ada', [], ['assign 405211 to Ada', 'assign 405212 to Ada']],
  ['give 405211, 405212 to <at>Ada</at>', [ADA], ['give 405211 to Ada Lovelace', 'give 405212 to Ada Lovelace']],
  ['assign #405211 & #405212 to <at>Ada</at> pls', [ADA], ['assign 405211 to Ada Lovelace pls', 'assign 405212 to Ada Lovelace pls']],
  ['hand 405211 or 405212 over to Grace Hopper', [], ['hand 405211 over to Grace Hopper', 'hand 405212 over to Grace Hopper']],
  ['reassign incidents 405211, 405212 and 405210 to grace', [], ['reassign incidents 405211 to grace', 'reassign incidents 405212 to grace', 'reassign incidents 405210 to grace']],
  ['assign 405211 and 405212 to me', [], ['assign 405211 to me', 'assign 405212 to me']],
  ['close 405211 405212', [], ['close 405211', 'close 405212']],
  ['set severity of 405211 and 405212 to high', [], ['set severity of 405211 to high', 'set severity of 405212 to high']],
];

describe('two plausible readings: asked with buttons', () => {
  it.each(TWO_READINGS)('%j offers %j', (text, expected) => {
    const command = parseCommand(text);
    expect(command.kind).toBe('didYouMean');
    expect(options(command)).toEqual(expected);
  });

  it.each(TWO_READINGS)('%j: every button is understood, and nothing is written before a press', (text) => {
    const command = parseCommand(text);
    expect(WRITES.has(command.kind)).toBe(false);
    for (const option of options(command) ?? []) expect(['unknown', 'empty', 'didYouMean']).not.toContain(parseCommand(option).kind);
  });
});

describe('several incidents named: "Which incident?", one button each', () => {
  it.each(SEVERAL_INCIDENTS)('%j offers %j and writes nothing', (text, mentions, expected) => {
    const command = parseCommand(text, mentions);
    expect(command.kind).toBe('needsIncidentNumber');
    expect(options(command)).toEqual(expected);
    expected.forEach((choice, i) => {
      const n = Number((/\d{6}/.exec(expected[i] ?? '') ?? [''])[0]);
      expect(parseCommand(choice)).toMatchObject({ incidentNumber: n });
    });
  });

  it('offers no buttons when a number is not plain, or the numbers are apart', () => {
    expect(options(parseCommand('assign -405211 and 405212 to Ada'))).toBeUndefined();
    expect(options(parseCommand('add task x to 405211 to 405212'))).toBeUndefined();
    expect(options(parseCommand('comment 405211 405212 ' + 'x'.repeat(600)))).toBeUndefined();
  });
});
