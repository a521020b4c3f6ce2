/**
 * The pipeline without botbuilder: typed text and card presses parse to the same Command,
 * and the dispatcher answers it with a Reply, against the real emulator through the real
 * clients. No TurnContext anywhere: the caller and the report conversation are plain objects.
 */
import { DEMO_USERS } from '../../src/demo/identities';
import { StaticPeopleDirectory } from '../../src/directory/people';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCardAction } from '../../src/bot/cardCommands';
import { parseCommand } from '../../src/bot/commands';
import { dispatch, dispatchPress } from '../../src/bot/dispatch';
import type { Caller, HandlerContext, ReportConversation } from '../../src/bot/handlers/context';
import { textReply, type Reply } from '../../src/bot/reply';
import { UTC } from '../../src/bot/cards/times';
import { createCredential } from '../../src/azure/credentials';
import { EMULATOR_DEFAULTS, type WorkspaceConfig } from '../../src/config';
import { ALEX, GRACE } from '../../src/demo/identities';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { UserError } from '../../src/incidents/errors';
import { AuditViews } from '../../src/incidents/auditViews';
import { IncidentService } from '../../src/incidents/incidentService';
import { TaskService } from '../../src/incidents/taskService';
import type { Person } from '../../src/incidents/types';
import { silentLogger } from '../../src/logging';
import { AuditLogClient } from '../../src/sentinel/auditLogClient';
import { SentinelClient } from '../../src/sentinel/sentinelClient';

let emulator: RunningEmulator;
let dir: string;
let services: HandlerContext['services'];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dispatch-'));
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: dir, seed: 'demo' } });
  const workspace: WorkspaceConfig = { subscriptionId: EMULATOR_DEFAULTS.subscriptionId, resourceGroup: EMULATOR_DEFAULTS.resourceGroup, workspaceName: EMULATOR_DEFAULTS.workspaceName, logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId, armEndpoint: emulator.url, logAnalyticsEndpoint: emulator.url, apiVersion: '2025-09-01' };
  const options = { workspace, credential: createCredential('emulator', workspace.armEndpoint), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } };
  const sentinel = new SentinelClient(options);
  const incidents = new IncidentService(sentinel);
  services = { incidents, tasks: new TaskService(sentinel, incidents), audit: new AuditViews(new AuditLogClient(options), 'P90D'), people: new StaticPeopleDirectory(DEMO_USERS), logger: silentLogger };
});
afterAll(async () => {
  await services.incidents.attribution.drain();
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function caller(person: Person, options: { responder?: boolean } = {}): Caller {
  return {
    key: person.objectId,
    person: () => person,
    responder: async () => {
      if (options.responder === false) throw new UserError('NOT_RESPONDER');
      return person;
    },
    withDetails: async (p) => p,
    mayTriage: async () => options.responder !== false,
  };
}

const noReport: ReportConversation = { isOpen: async () => false, start: async () => textReply('Report', 'form'), continue: async () => undefined };

function context(person: Person = ALEX, options: { responder?: boolean; report?: ReportConversation } = {}): HandlerContext & { typing: number } {
  const ctx = { services, caller: caller(person, options), pickable: services.people, peoplePicker: false, timeZone: UTC, report: options.report ?? noReport, typing: 0, working: async () => void ctx.typing++ };
  return ctx;
}

/** Every text a reply shows: card TextBlocks and TextRuns, and sentences. */
function texts(reply: Reply): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  for (const item of reply.items) {
    if (item.kind === 'card') walk(item.card);
    else out.push(item.text);
  }
  return out.join(' | ');
}

describe('one Command from text and from cards', () => {
  it.each([
    ['assign 405211 to me', 'incident.assignToMe', { incidentNumber: '405211' }],
    ['show tasks for 405211', 'tasks.show', { incidentNumber: 405211 }],
    ['show 405211', 'incident.show', { incidentNumber: 405211 }],
    ['set severity of 405211 to low', 'incident.setSeverity', { incidentNumber: 405211, severity: 'low' }],
    ['set status of 405211 to active', 'incident.setStatus', { incidentNumber: 405211, status: 'Active' }],
    ['close 405211', 'incident.closeForm', { incidentNumber: 405211 }],
    ['task history for 405211', 'tasks.history', { incidentNumber: 405211 }],
    ['loose ends', 'incidents.looseEnds', {}],
    ['help', 'help.show', {}],
    ['report', 'report.start', {}],
  ])('"%s" and the %s button are the same command', (text, verb, data) => {
    expect(parseCardAction(verb, data)).toEqual(parseCommand(text));
  });

  it('reads a forged reopen confirmation as no confirmation, so the person is asked', () => {
    expect(parseCardAction('incident.reopen', { incidentNumber: 405211, closedAt: "'; drop", then: 'elsewhere', status: 'Closed' })).toEqual({ kind: 'reopen', incidentNumber: 405211 });
    expect(parseCardAction('incident.reopen', { incidentNumber: 405211, closedAt: '2026-12-02T01:07:00.123Z', then: 'tasks', status: 'New' })).toEqual({ kind: 'reopen', incidentNumber: 405211, closedAt: '2026-12-02T01:07:00.123Z', then: 'tasks', status: 'New' });
  });

  it.each([
    ['no.such.verb', {}, 'not supported any more'],
    ['incident.show', { incidentNumber: '405211; drop' }, 'no valid incident number'],
    ['incident.setSeverity', { incidentNumber: 405211, severity: 'extreme' }, 'Choose a severity'],
    ['incident.assignPicked', { incidentNumber: 405211, assignee: '' }, 'Choose a person'],
    ['incident.assignPicked', { incidentNumber: 405211, assignee: '../../me' }, 'not a person I can assign'],
    ['incident.assignPicked', { incidentNumber: 405211, assignee: ['8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90'] }, 'Choose a person'],
    ['__proto__', {}, 'not supported any more'],
    ['toString', {}, 'not supported any more'],
  ])('a %s press with unusable data becomes invalidCard', (verb, data, detail) => {
    const command = parseCardAction(verb, data);
    expect(command.kind).toBe('invalidCard');
    expect(command.kind === 'invalidCard' && command.detail).toContain(detail);
  });
});

describe('dispatch returns the reply as data', () => {
  it('show tasks: the tasks card, after showing the person the bot is working', async () => {
    const ctx = context();
    const reply = await dispatch(ctx, parseCommand('show tasks for 405211'));
    expect(texts(reply)).toContain('Tasks of incident 405211');
    expect(ctx.typing).toBe(1);
    expect(reply.notify).toEqual([]);
  });

  it('assign: the incident card naming the new owner, and a SOC notice to post', async () => {
    const ask = await dispatch(context(GRACE), parseCardAction('incident.assignToMe', { incidentNumber: 405209 }));
    expect(texts(ask)).toContain(`Take incident 405209 from ${ALEX.name}?`);
    expect(ask.notify).toEqual([]);
    const reply = await dispatch(context(GRACE), parseCardAction('incident.takeOver', { incidentNumber: 405209, expectedOwner: ALEX.objectId }));
    expect(texts(reply)).toContain(`Incident 405209 is now assigned to you, ${GRACE.name}.`);
    expect(reply.notify).toHaveLength(1);
    const again = await dispatch(context(GRACE), parseCommand('assign 405209 to me'));
    expect(texts(again)).toContain('You already own incident 405209.');
    expect(again.notify).toEqual([]);
  });

  it('a non-responder gets the refusal as a sentence, and nothing is written', async () => {
    const before = await services.incidents.getIncident(405208);
    const ctx = context(ALEX, { responder: false });
    const reply = await dispatch(ctx, parseCommand('set severity of 405208 to informational'));
    expect(reply.items).toEqual([{ kind: 'text', heading: 'Sorry', text: expect.stringContaining('Only SOC responders') as unknown, tone: 'error' }]);
    expect(ctx.typing).toBe(0);
    expect((await services.incidents.getIncident(405208)).etag).toBe(before.etag);
  });

  it('an unknown incident is a clear sentence naming the number', async () => {
    expect(texts(await dispatch(context(), parseCommand('show 999999')))).toContain("I couldn't find incident 999999.");
  });

  it('help, cancel and unknown text go to an open report first', async () => {
    const report: ReportConversation = { isOpen: async () => true, start: async () => textReply('x', 'x'), continue: async () => textReply('Report in progress', 'Your report card is waiting above') };
    for (const text of ['help', 'cancel', 'blah blah']) expect(texts(await dispatch(context(ALEX, { report }), parseCommand(text)))).toContain('Your report card is waiting above');
    // A misspelt command is offered as meant instead, the report named as still open.
    const misspelt = texts(await dispatch(context(ALEX, { report }), parseCommand('lose ends')));
    expect(misspelt).toContain('Your report is still open above');
    expect(misspelt).not.toContain('Your report card is waiting above');
    expect(texts(await dispatch(context(), parseCommand('cancel')))).toContain("There's nothing to cancel right now.");
  });

  it('a signed or repeated number, or a value Sentinel lacks, is a question naming what was read, and nothing changes', async () => {
    const before = await services.incidents.getIncident(405208);
    const signed = await dispatch(context(GRACE), parseCommand('set severity of -405208 to low'));
    expect(signed.items).toEqual([{ kind: 'text', heading: 'Which incident?', text: expect.stringContaining('"-405208" is not an incident number') as unknown, tone: 'info' }]);
    expect(texts(await dispatch(context(GRACE), parseCommand('assign 405208 405211 to me')))).toContain('more than one number (405208, 405211)');
    const severe = await dispatch(context(GRACE), parseCommand('set severity of 405208 to severe'));
    expect(severe.items).toEqual([{ kind: 'text', heading: 'Which severity?', text: 'Sentinel has no severity "severe", so I did not change 405208. Which severity do you mean: High, Medium, Low or Informational? For example: set severity of 405208 to high', tone: 'info' }]);
    expect(texts(await dispatch(context(GRACE), parseCommand('set status of 405208 to pending')))).toContain('Which status do you mean: New, Active or Closed?');
    expect((await services.incidents.getIncident(405208)).etag).toBe(before.etag);
  });

  it('a report button with no report open says the report expired', async () => {
    expect(texts(await dispatch(context(), parseCardAction('report.submit', { submissionId: 'x' })))).toContain('cancelled or has expired');
  });
});

/** The Action.Execute buttons of a reply's first card, as title, verb and data. */
function buttons(reply: Reply): Array<{ title: string; verb: string; data: Record<string, unknown> }> {
  const out: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push({ title: String(o.title), verb: String(o.verb), data: (o.data ?? {}) as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  const first = reply.items[0];
  if (first?.kind === 'card') walk(first.card);
  return out;
}

describe('a value Sentinel does not have: the mapping said, confirmed with a button', () => {
  const N = 405210;
  beforeEach(async () => {
    await services.incidents.setStatus(N, 'New', GRACE);
    await services.incidents.setSeverity(N, 'Medium', GRACE);
  });

  it('"critical" says Sentinel has no Critical, offers High, and writes only when pressed', async () => {
    const before = await services.incidents.getIncident(N);
    const asked = await dispatch(context(GRACE), parseCommand(`set severity of ${N} to critical`));
    expect(texts(asked)).toContain('Sentinel has no severity "Critical"; the highest is High.');
    expect(buttons(asked).map((b) => b.title)).toEqual(['Set severity to High', 'Cancel']);
    expect((await services.incidents.getIncident(N)).etag).toBe(before.etag);
    const confirm = buttons(asked)[0];
    if (!confirm) throw new Error('no confirm button');
    expect(confirm.data).toMatchObject({ incidentNumber: String(N), field: 'severity', value: 'High', expected: 'Medium' });
    const done = await dispatchPress(context(GRACE), parseCardAction(confirm.verb, confirm.data));
    expect(texts(done)).toContain(`Severity of incident ${N} is now High.`);
    expect((await services.incidents.getIncident(N)).severity).toBe('High');
    // The same button again: already High, said so, nothing written.
    const etag = (await services.incidents.getIncident(N)).etag;
    expect(texts(await dispatchPress(context(GRACE), parseCardAction(confirm.verb, confirm.data)))).toContain(`Severity of incident ${N} is already High, so nothing changed.`);
    expect((await services.incidents.getIncident(N)).etag).toBe(etag);
  });

  it('a press after someone else changed the value asks again and writes nothing', async () => {
    const asked = await dispatch(context(GRACE), parseCommand(`make ${N} urgent`));
    const confirm = buttons(asked)[0];
    if (!confirm) throw new Error('no confirm button');
    await services.incidents.setSeverity(N, 'Low', ALEX);
    const stale = await dispatchPress(context(GRACE), parseCardAction(confirm.verb, confirm.data));
    expect(texts(stale)).toContain(`the severity of incident ${N} changed to Low, so I changed nothing`);
    expect(buttons(stale)[0]?.data).toMatchObject({ value: 'High', expected: 'Low' });
    expect((await services.incidents.getIncident(N)).severity).toBe('Low');
  });

  it.each([
    [{ field: 'severity', value: 'Extreme', expected: 'Medium', typed: 'critical' }],
    [{ field: 'severity', value: 'High', expected: 'Medium', typed: 'banana' }],
    [{ field: 'severity', value: 'Low', expected: 'Medium', typed: 'critical' }],
    [{ field: 'status', value: 'Closed', expected: 'New', typed: 'resolved' }],
    [{ field: 'owner', value: 'High', expected: 'Medium', typed: 'critical' }],
    [{ field: 'severity', value: 'High', typed: 'critical' }],
  ])('a forged press %j is refused inside the incident card, and nothing is written', async (data) => {
    const before = await services.incidents.getIncident(N);
    const reply = await dispatchPress(context(GRACE), parseCardAction('incident.confirmValue', { incidentNumber: N, ...data }));
    expect(texts(reply)).toContain('That button is out of date.');
    expect(texts(reply)).toContain(`Incident ${N}`);
    expect((await services.incidents.getIncident(N)).etag).toBe(before.etag);
  });

  it('"in progress" is Active, confirmed; when it already is, that is said and no button offered', async () => {
    const asked = await dispatch(context(GRACE), parseCommand(`mark ${N} in progress`));
    expect(texts(asked)).toContain('Sentinel has no status "In progress"; an incident being worked on is Active.');
    const confirm = buttons(asked)[0];
    if (!confirm) throw new Error('no confirm button');
    expect(confirm.title).toBe('Set status to Active');
    expect(texts(await dispatchPress(context(GRACE), parseCardAction(confirm.verb, confirm.data)))).toContain(`Status of incident ${N} is now Active.`);
    const already = await dispatch(context(GRACE), parseCommand(`status ${N} in progress`));
    expect(texts(already)).toContain(`Status of incident ${N} is already Active, so nothing changed.`);
    expect(buttons(already).map((b) => b.title)).not.toContain('Set status to Active');
  });

  it('on a closed incident, "in progress" asks to reopen it (the reopen confirmation); a severity change says to reopen first', async () => {
    const closed = 405207;
    expect((await services.incidents.getIncident(closed)).status).toBe('Closed');
    const asked = await dispatch(context(GRACE), parseCommand(`mark ${closed} in progress`));
    expect(buttons(asked).map((b) => b.verb)).toContain('incident.reopen');
    expect(buttons(asked).map((b) => b.verb)).not.toContain('incident.confirmValue');
    expect(texts(await dispatch(context(GRACE), parseCommand(`set severity of ${closed} to critical`)))).toContain(`Incident ${closed} is closed. To change it, reopen it first`);
    expect((await services.incidents.getIncident(closed)).status).toBe('Closed');
  });

  it('"resolved" is Closed: the button opens the close card with its classification, and nothing is closed', async () => {
    const asked = await dispatch(context(GRACE), parseCommand(`set status of ${N} to resolved`));
    expect(texts(asked)).toContain('Sentinel has no status "Resolved"; a finished incident is Closed, with a classification.');
    const confirm = buttons(asked)[0];
    if (!confirm) throw new Error('no confirm button');
    expect(confirm).toMatchObject({ title: `Close incident ${N}…`, verb: 'incident.closeForm' });
    const form = await dispatchPress(context(GRACE), parseCardAction(confirm.verb, confirm.data));
    expect(buttons(form).map((b) => b.verb)).toContain('incident.close');
    expect((await services.incidents.getIncident(N)).status).toBe('New');
  });
});

describe('two readings or several incidents: buttons, and nothing written', () => {
  it('"assign 405211 and 405212 to Ada" asks which incident with one button each, and a press runs exactly that', async () => {
    const before = [await services.incidents.getIncident(405211), await services.incidents.getIncident(405212).catch(() => undefined)];
    const asked = await dispatch(context(GRACE), parseCommand('assign 405211 and 405212 to Ada Lovelace'));
    expect(texts(asked)).toContain('Which incident?');
    expect(texts(asked)).toContain('I read more than one number (405211, 405212) and did nothing.');
    expect(buttons(asked).filter((b) => b.verb === 'suggestion.run').map((b) => b.data.text)).toEqual(['assign 405211 to Ada Lovelace', 'assign 405212 to Ada Lovelace']);
    expect((await services.incidents.getIncident(405211)).etag).toBe(before[0]?.etag);
    expect(parseCardAction('suggestion.run', { text: 'assign 405211 to Ada Lovelace' })).toEqual({ kind: 'assignTo', incidentNumber: 405211, assignee: { name: 'Ada Lovelace' } });
  });

  it('"assign 405211" offers Assign to me and Show, and writes nothing', async () => {
    const before = await services.incidents.getIncident(405211);
    const asked = await dispatch(context(GRACE), parseCommand('assign 405211'));
    expect(texts(asked)).toContain('Assign incident 405211 to whom?');
    expect(buttons(asked).filter((b) => b.verb === 'suggestion.run').map((b) => b.title)).toEqual(['assign 405211 to me', 'show 405211']);
    expect((await services.incidents.getIncident(405211)).etag).toBe(before.etag);
  });

  it('a suggestion longer than any button the bot offers is not run', () => {
    expect(parseCardAction('suggestion.run', { text: `comment 405211 ${'x'.repeat(600)}` })).toEqual({ kind: 'help' });
  });
});
