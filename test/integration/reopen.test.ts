/**
 * A closed incident's tasks: no Complete button that would fail, but "Reopen incident", asked
 * about first; and dates in the person's time zone. The real bot over HTTP against the emulator.
 */
import { randomUUID } from 'node:crypto';
import { EmulatorTokenCredential } from '../../src/azure/credentials';
import { ALEX, GRACE } from '../../src/demo/identities';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { EmulatorControl } from '../emulator/helpers/controlClient';
import { cardOf, cardTexts, chat, startBotHarness, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';
import { cardButton, cardButtons } from '../helpers/cardButtons';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h.stop());

/** A closed incident (True positive, suspicious activity) with one open and one done task. */
async function closedWithOpenTask(): Promise<{ id: string; number: number }> {
  const { sentinel } = probe(h);
  const id = randomUUID();
  const { incident } = await sentinel.createOrUpdateIncident(id, { properties: { title: 'Token replay from an unknown device', severity: 'Medium', status: 'Active' } });
  await sentinel.createOrUpdateTask(id, randomUUID(), { title: 'Revoke the refresh tokens', status: 'New' });
  await sentinel.createOrUpdateTask(id, randomUUID(), { title: 'Ask the user about the device', status: 'Completed' });
  const current = await sentinel.getIncident(id);
  await sentinel.createOrUpdateIncident(id, { etag: current.etag, properties: { ...current.properties, status: 'Closed', classification: 'TruePositive', classificationReason: 'SuspiciousActivity' } });
  return { id, number: incident.properties.incidentNumber ?? 0 };
}

const complete = (card: unknown): number => cardButtons(card).filter((b) => b.verb === 'task.complete').length;

describe('reopening a closed incident', () => {
  it('offers Reopen instead of Complete, confirms naming the closure, reopens, and offers Complete again', async () => {
    const { id, number } = await closedWithOpenTask();
    const alex = chat(h.botUrl, ALEX);
    const tasks = cardOf((await alex.say(`show tasks for ${number}`))[0]);
    expect(complete(tasks)).toBe(0);
    expect(cardButtons(tasks).map((b) => b.verb)).not.toContain('task.add');
    expect(cardTexts(tasks)).toContain(`Incident ${number} is closed, so its tasks cannot be completed. Reopen it to work on them.`);

    const reopen = cardButton(tasks, 'Reopen incident');
    const ask = (await alex.press(reopen.verb, reopen.data)).body?.value;
    expect(cardTexts(ask)).toContain(`Reopen incident ${number}?`);
    expect(cardTexts(ask).join(' ')).toContain('It was closed as True positive: suspicious activity');
    // Asking wrote nothing.
    expect((await probe(h).sentinel.getIncident(id)).properties.status).toBe('Closed');

    const confirm = cardButton(ask, 'Reopen incident');
    const done = (await alex.press(confirm.verb, confirm.data)).body?.value;
    expect(cardTexts(done)).toContain(`Incident ${number} is open again (Active); its classification was cleared. Its tasks can be completed again.`);
    expect(complete(done)).toBe(1);
    expect(cardButtons(done).map((b) => b.verb)).toContain('task.add');
    const after = await probe(h).sentinel.getIncident(id);
    expect(after.properties.status).toBe('Active');
    expect(after.properties.classification ?? undefined).toBeUndefined();
  });

  it('does not offer "Assign to me" to the owner on the card that says they closed it', async () => {
    const { sentinel } = probe(h);
    const id = randomUUID();
    const { incident } = await sentinel.createOrUpdateIncident(id, { properties: { title: 'Impossible travel for a finance account', severity: 'Low', status: 'Active' } });
    const number = incident.properties.incidentNumber ?? 0;
    const alex = chat(h.botUrl, ALEX);
    await alex.say(`assign ${number} to me`);
    expect((await sentinel.getIncident(id)).properties.owner?.objectId).toBe(ALEX.objectId);
    const closed = (await alex.press('incident.close', { incidentNumber: number, classification: 'FalsePositive:IncorrectAlertLogic', classificationComment: 'Travel was booked.', confirmedOpenTasks: 0 })).body?.value;
    expect(cardTexts(closed).join(' ')).toContain(`Incident ${number} is closed as`);
    expect(cardButtons(closed).map((b) => b.title)).not.toContain('Assign to me');
    expect((await sentinel.getIncident(id)).properties.status).toBe('Closed');
  });

  it('answers a stale confirmation cleanly when someone reopened the incident meanwhile, writing nothing', async () => {
    const { id, number } = await closedWithOpenTask();
    const alex = chat(h.botUrl, ALEX);
    const ask = cardOf((await alex.say(`reopen ${number}`))[0]);
    expect(cardTexts(ask)).toContain(`Reopen incident ${number}?`);
    const confirm = cardButton(ask, 'Reopen incident');

    const { sentinel } = probe(h);
    const current = await sentinel.getIncident(id);
    await sentinel.createOrUpdateIncident(id, { etag: current.etag, properties: { ...current.properties, status: 'New', classification: undefined, classificationReason: undefined } });
    const before = await sentinel.getIncident(id);

    const answer = await alex.press(confirm.verb, confirm.data);
    expect(answer.status).toBe(200);
    expect(cardTexts(answer.body?.value)).toContain(`Incident ${number} is already open again (it is New), so I changed nothing.`);
    const after = await sentinel.getIncident(id);
    expect(after.etag).toBe(before.etag);
    expect(after.properties.status).toBe('New');
  });

  it('asks again when the incident was closed again differently after the question', async () => {
    const { id, number } = await closedWithOpenTask();
    const alex = chat(h.botUrl, ALEX);
    const confirm = cardButton(cardOf((await alex.say(`reopen ${number}`))[0]), 'Reopen incident');
    const { sentinel } = probe(h);
    const current = await sentinel.getIncident(id);
    await sentinel.createOrUpdateIncident(id, { etag: current.etag, properties: { ...current.properties, classification: 'FalsePositive', classificationReason: 'IncorrectAlertLogic' } });
    const again = (await alex.press(confirm.verb, confirm.data)).body?.value;
    expect(cardTexts(again).join(' ')).toContain('was changed after you confirmed, so I did not reopen it');
    expect(cardTexts(again).join(' ')).toContain('closed as False positive');
    expect((await sentinel.getIncident(id)).properties.status).toBe('Closed');
  });

  it('names who closed it when the bot did, from its own attribution comment only', async () => {
    const { sentinel } = probe(h);
    const id = randomUUID();
    const { incident } = await sentinel.createOrUpdateIncident(id, { properties: { title: 'Closed through Teams', severity: 'Low', status: 'Active' } });
    const number = incident.properties.incidentNumber ?? 0;
    const alex = chat(h.botUrl, ALEX);
    const closed = await alex.press('incident.close', { incidentNumber: number, classification: 'FalsePositive:IncorrectAlertLogic', confirmedOpenTasks: 0 });
    expect(cardTexts(closed.body?.value).join(' ')).toContain(`Incident ${number} is closed as False positive`);
    const ask = async (): Promise<string> => cardTexts(cardOf((await alex.say(`reopen ${number}`))[0])).join(' ');
    expect(await ask()).toContain('It was closed as False positive: incorrect alert logic by Alex Wilber');
    // A person's look-alike comment (their own identity is its author) names nobody else.
    const workspace = { ...h.app.config.workspace, armEndpoint: h.emulatorUrl, logAnalyticsEndpoint: h.emulatorUrl };
    const asGrace = new SentinelClient({ workspace, credential: new EmulatorTokenCredential(workspace.armEndpoint, { oid: GRACE.objectId, name: GRACE.name, upn: GRACE.userPrincipalName }), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
    await asGrace.createComment(id, randomUUID(), 'Closed as TruePositive via Teams by Mallory.');
    expect(await ask()).not.toContain('Mallory');
  });

  it("offers Reopen on a closed incident's card, and no severity change (refused on a closed incident)", async () => {
    const { number } = await closedWithOpenTask();
    const card = cardOf((await chat(h.botUrl, ALEX).say(`show ${number}`))[0]);
    const verbs = cardButtons(card).map((b) => b.verb);
    expect(verbs).toContain('incident.reopen');
    expect(verbs).not.toContain('incident.setSeverity');
    expect(verbs).not.toContain('incident.closeForm');
    const open = cardOf((await chat(h.botUrl, ALEX).say('show 405211'))[0]);
    expect(cardButtons(open).map((b) => b.verb)).toEqual(expect.arrayContaining(['incident.setSeverity', 'incident.closeForm']));
    expect(cardButtons(open).map((b) => b.verb)).not.toContain('incident.reopen');
  });

  it('asks before a status change reopens a closed incident', async () => {
    const { id, number } = await closedWithOpenTask();
    const ask = cardOf((await chat(h.botUrl, ALEX).say(`set status of ${number} to active`))[0]);
    expect(cardTexts(ask)).toContain(`Reopen incident ${number}?`);
    expect((await probe(h).sentinel.getIncident(id)).properties.status).toBe('Closed');
  });

  it('shows a stale Complete press on a closed incident inside its tasks card, now offering Reopen', async () => {
    const { id, number } = await closedWithOpenTask();
    const tasks = await probe(h).sentinel.listTasks(id);
    const open = tasks.find((t) => t.properties.status === 'New');
    const answer = (await chat(h.botUrl, ALEX).press('task.complete', { incidentNumber: number, taskId: open?.name ?? '' })).body?.value;
    expect(cardTexts(answer)).toContain(`Tasks of incident ${number}`);
    expect(cardTexts(answer).join(' ')).toContain(`reopen ${number}`);
    expect(cardButtons(answer).map((b) => b.title)).toContain('Reopen incident');
    expect(complete(answer)).toBe(0);
  });
});

describe('times in the person\'s zone', () => {
  const created = (card: unknown): string => {
    const texts = cardTexts(card);
    return texts[texts.indexOf('Created') + 1] ?? '';
  };

  it('shows Kolkata times to a person whose Teams is in Asia/Kolkata, on their presses too', async () => {
    const user = { ...ALEX, objectId: ALEX.objectId };
    const conversationId = `conv-${randomUUID()}`;
    const typed = cardOf((await chat(h.botUrl, user, { conversationId, localTimezone: 'Asia/Kolkata' }).say('show 405211'))[0]);
    expect(created(typed)).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC\+05:30$/);
    // A press carries no zone: the one the person's message named is remembered.
    const pressed = (await chat(h.botUrl, user, { conversationId }).press('incident.show', { incidentNumber: 405211 })).body?.value;
    expect(created(pressed)).toBe(created(typed));
  });

  it('falls back to UTC, labelled, for a zone it does not know', async () => {
    await new EmulatorControl(h.emulatorUrl).grantRole('7a1e3c55-2b4d-4e6f-8a9b-0c1d2e3f4a5b', 'Reader');
    const card = cardOf((await chat(h.botUrl, { objectId: '7a1e3c55-2b4d-4e6f-8a9b-0c1d2e3f4a5b', name: 'Nobody Known' }, { localTimezone: '<b>Mars</b>/${title}' }).say('show 405211'))[0]);
    expect(created(card)).toMatch(/ UTC$/);
    expect(JSON.stringify(card)).not.toContain('Mars');
  });
});
