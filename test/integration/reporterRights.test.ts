/**
 * With responders configured, anyone may report but only responders triage: a
 * non-responder's form offers no status, classification or people picker, and a forged
 * submission that sets them (report form or "Report to SOC") is refused with a sentence
 * and creates nothing. What a non-responder does report is created New, owned by nobody
 * or by the reporter.
 */
import axios from 'axios';
import { ADA, ALEX, DEMO_TENANT_ID } from '../../src/demo/identities';
import { RESPONDER_ONLY } from '../../src/incidents/reportValidation';
import { cardOf, cardTexts, chat, findInput, startBotHarness, submissionIdOf, type BotHarness, type Json } from '../helpers/botHarness';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
let connector: FakeConnector;
beforeAll(async () => {
  connector = await startFakeConnector({});
  h = await startBotHarness({ RESPONDER_OBJECT_IDS: ADA.objectId });
});
afterAll(async () => {
  await h.stop();
  await connector.close();
});

async function incidentCount(): Promise<number> {
  return (await probe(h).sentinel.listIncidents({ top: 1000 })).length;
}

const FORGED: Array<[string, Json, string[]]> = [
  ['Closed as TruePositive', { status: 'Closed', classification: 'TruePositive:SuspiciousActivity', classificationComment: 'done' }, [RESPONDER_ONLY.status, RESPONDER_ONLY.classification]],
  ['owned by someone else', { owner: ADA.objectId }, [RESPONDER_ONLY.owner]],
  ['Active', { status: 'Active' }, [RESPONDER_ONLY.status]],
];

describe('the report form', () => {
  it('offers a non-responder no status, classification or people picker', async () => {
    const form = cardOf((await chat(h.botUrl, ALEX).say('report'))[0]);
    expect(findInput(form, 'title')).toBeDefined();
    expect(findInput(form, 'severity')).toBeDefined();
    expect(findInput(form, 'status')).toBeUndefined();
    expect(findInput(form, 'classification')).toBeUndefined();
    expect(findInput(form, 'classificationComment')).toBeUndefined();
    const owner = findInput(form, 'owner') as { choices?: Array<{ value: string }>; 'choices.data'?: unknown } | undefined;
    expect(owner?.choices?.map((c) => c.value)).toEqual(['me', 'none']);
    expect(owner?.['choices.data']).toBeUndefined();
    expect(cardTexts(form).join(' ')).toContain('Your report reaches the SOC as a New incident');
  });

  it('offers a responder all of it', async () => {
    const form = cardOf((await chat(h.botUrl, ADA).say('report'))[0]);
    expect(findInput(form, 'status')).toBeDefined();
    expect(findInput(form, 'classification')).toBeDefined();
  });

  it.each(FORGED)('refuses a non-responder report forged as %s, with a sentence, creating nothing', async (_name, fields, sentences) => {
    const before = await incidentCount();
    const c = chat(h.botUrl, ALEX);
    const id = submissionIdOf(cardOf((await c.say('report'))[0]));
    const res = await c.press('report.submit', { title: 'Forged triage', severity: 'High', ...fields, submissionId: id });
    const texts = cardTexts(res.body?.value);
    for (const sentence of sentences) expect(texts).toContain(sentence);
    expect(texts).not.toContain('Review your report');
    // Pressing Create anyway finds no reviewed report to create.
    await c.press('report.create', { submissionId: id });
    expect(await incidentCount()).toBe(before);
  });

  it("creates a non-responder's report as New, owned by the reporter", async () => {
    const c = chat(h.botUrl, ALEX);
    const id = submissionIdOf(cardOf((await c.say('report'))[0]));
    const review = await c.press('report.submit', { title: 'Badge reader beeping oddly', severity: 'Low', owner: 'me', submissionId: id });
    expect(cardTexts(review.body?.value)).toContain('Review your report');
    const created = await c.press('report.create', { submissionId: id });
    const number = Number(/Incident (\d+)/.exec(cardTexts(created.body?.value).join(' '))?.[1]);
    const incident = await probe(h).sentinel.getIncidentByNumber(number);
    expect(incident.properties.status).toBe('New');
    expect(incident.properties.classification).toBeUndefined();
    expect(incident.properties.owner?.objectId).toBe(ALEX.objectId);
  });

  it('lets a responder report an incident already closed and classified', async () => {
    const c = chat(h.botUrl, ADA);
    const id = submissionIdOf(cardOf((await c.say('report'))[0]));
    await c.press('report.submit', { title: 'Known test phish', severity: 'Low', status: 'Closed', classification: 'BenignPositive:SuspiciousButExpected', owner: 'me', submissionId: id });
    const created = await c.press('report.create', { submissionId: id });
    const number = Number(/Incident (\d+)/.exec(cardTexts(created.body?.value).join(' '))?.[1]);
    expect((await probe(h).sentinel.getIncidentByNumber(number)).properties).toMatchObject({ status: 'Closed', classification: 'BenignPositive' });
  });
});

describe('Report to SOC on a message', () => {
  const action = (name: string, value: Json, user = ALEX): Json => ({
    type: 'invoke', name, channelId: 'msteams', serviceUrl: connector.url,
    from: { id: `user-${user.objectId}`, name: user.name, aadObjectId: user.objectId },
    recipient: { id: '28:sentinel-teams-bot' },
    conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    value,
  });
  const payload = { body: { contentType: 'text', content: 'Click here to keep your mailbox' }, from: { user: { displayName: 'Megan Bowen' } } };

  it('opens a form without status, classification or people picker for a non-responder', async () => {
    const res = await axios.post(`${h.botUrl}/api/messages`, action('composeExtension/fetchTask', { commandId: 'reportToSoc', commandContext: 'message', messagePayload: payload }));
    const card = (res.data as { task: { value: { card: { content: Json } } } }).task.value.card.content;
    expect(findInput(card, 'status')).toBeUndefined();
    expect(findInput(card, 'classification')).toBeUndefined();
    expect((findInput(card, 'owner') as { 'choices.data'?: unknown })['choices.data']).toBeUndefined();
  });

  it.each(FORGED)('refuses a non-responder submission forged as %s, creating nothing', async (_name, fields, sentences) => {
    const before = await incidentCount();
    const res = await axios.post(`${h.botUrl}/api/messages`, action('composeExtension/submitAction', { commandId: 'reportToSoc', data: { title: 'Forged from a message', severity: 'High', ...fields } }));
    const task = (res.data as { task: { type: string; value: { card: { content: Json } } } }).task;
    expect(task.type).toBe('continue');
    const texts = cardTexts(task.value.card.content);
    for (const sentence of sentences) expect(texts).toContain(sentence);
    expect(await incidentCount()).toBe(before);
  });

  it("creates a non-responder's report as New, owned by nobody", async () => {
    const res = await axios.post(`${h.botUrl}/api/messages`, action('composeExtension/submitAction', { commandId: 'reportToSoc', data: { title: 'Mailbox phish from Megan', severity: 'Medium', status: 'New', owner: 'none' } }));
    const value = (res.data as { task: { value: string } }).task.value;
    const number = Number(/Incident (\d+)/.exec(value)?.[1]);
    const incident = await probe(h).sentinel.getIncidentByNumber(number);
    expect(incident.properties.status).toBe('New');
    expect(incident.properties.owner?.objectId ?? undefined).toBeUndefined();
  });
});
