/**
 * Teams-native behaviour over HTTP: invoke answers, refresh, @mentions, the Report to SOC
 * message action, SOC channel posts and card updates (to a local fake connector), and
 * attribution comments in the emulator.
 */
import axios from 'axios';
import { ADA, ALEX, GRACE } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, findInput, startBotHarness, type BotHarness, type Json } from '../helpers/botHarness';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector';
import { probe } from '../helpers/sentinelProbe';

const SOC_CHANNEL = '19:soc-incidents@thread.tacv2';
let h: BotHarness;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector({ 'user-alex': { userPrincipalName: 'alexw@contoso.com', email: 'alexw@contoso.com', name: 'Alex Wilber' } });
  h = await startBotHarness({ SOC_CHANNEL_CONVERSATION_ID: SOC_CHANNEL, INVOKE_DEADLINE_MS: '1500' });
});
afterAll(async () => {
  await h.stop();
  await connector.close();
});
beforeEach(() => {
  connector.calls.length = 0;
});

async function comments(incidentNumber: number): Promise<string[]> {
  // Attribution comments are written in the background, after the answer.
  await h.app.attributions.drain();
  const { sentinel } = probe(h);
  const incident = await sentinel.getIncidentByNumber(incidentNumber);
  return (await sentinel.listComments(incident.name)).map((c) => c.properties.message);
}

const messageAction = (name: string, value: Json): Json => ({
  type: 'invoke',
  name,
  channelId: 'msteams',
  serviceUrl: connector.url,
  from: { id: 'user-alex', name: 'Alex Wilber', aadObjectId: ALEX.objectId },
  recipient: { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' },
  conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: '9c1e7f3a-2b4d-4e6f-8a0b-1c2d3e4f5a6b' },
  channelData: { tenant: { id: '9c1e7f3a-2b4d-4e6f-8a0b-1c2d3e4f5a6b' } },
  value,
});

// Shapes from Teams' documentation of message actions (composeExtension/fetchTask with a messagePayload).
const PAYLOAD = {
  id: '1700000000000',
  createdDateTime: '2026-11-20T09:15:00.000Z',
  linkToMessage: 'https://teams.microsoft.com/l/message/19:general@thread.tacv2/1700000000000',
  from: { user: { id: 'user-megan', displayName: 'Megan Bowen' } },
  body: { contentType: 'html', content: '<p>Hi all, please <b>verify</b> your payroll details here:</p><p>https://contoso-payroll.co/login &amp; reply ASAP</p>' },
};

describe('message action: Report to SOC', () => {
  it('opens the report form prefilled from the message, with HTML stripped', async () => {
    const res = await axios.post(`${h.botUrl}/api/messages`, messageAction('composeExtension/fetchTask', { commandId: 'reportToSoc', commandContext: 'message', messagePayload: PAYLOAD }));
    expect(res.status).toBe(200);
    const card = res.data.task.value.card.content as Json;
    expect(res.data.task.type).toBe('continue');
    expect(findInput(card, 'title')?.value).toBe('Suspicious message from Megan Bowen: Hi all, please verify your payroll details here:');
    expect(findInput(card, 'description')?.value).toBe(
      'Hi all, please verify your payroll details here:\nhttps://contoso-payroll.co/login & reply ASAP\n\nReported from a message by Megan Bowen on 20 Nov 2026, 09:15 UTC: https://teams.microsoft.com/l/message/19:general@thread.tacv2/1700000000000',
    );
    expect(JSON.stringify(card)).not.toContain('<b>');
  });

  it('creates exactly one incident with the message as description, however often it is submitted', async () => {
    const fetched = await axios.post(`${h.botUrl}/api/messages`, messageAction('composeExtension/fetchTask', { commandId: 'reportToSoc', commandContext: 'message', messagePayload: PAYLOAD }));
    const card = fetched.data.task.value.card.content as Json;
    const submissionId = ((card.actions as Array<{ data: { submissionId: string } }>)[0]!).data.submissionId;
    const data = { submissionId, title: findInput(card, 'title')?.value, description: findInput(card, 'description')?.value, severity: 'High', status: 'New', owner: 'none', tags: 'reported-message, phishing' };
    const submit = (): Promise<{ data: { task: { type: string; value: string } } }> =>
      axios.post(`${h.botUrl}/api/messages`, messageAction('composeExtension/submitAction', { commandId: 'reportToSoc', commandContext: 'message', data }));
    const first = await submit();
    const second = await submit();
    expect(first.data.task).toMatchObject({ type: 'message', value: expect.stringMatching(/^Incident \d+ created from a reported message/) });
    expect(second.data.task.value).toMatch(/already created as incident \d+/);
    const number = Number(/Incident (\d+)/.exec(first.data.task.value)?.[1]);
    const incident = await probe(h).sentinel.getIncidentByNumber(number);
    // The reporter is named under the message, with the address Teams gave for them.
    expect(incident.properties.description).toBe(`${data.description}\n\nReported by Alex Wilber (alexw@contoso.com) from Microsoft Teams`);
    const all = await probe(h).sentinel.listIncidents({ top: 1000 });
    expect(all.filter((i) => i.properties.title === data.title)).toHaveLength(1);
    const posted = await connector.waitFor((c) => c.method === 'POST' && c.path.includes('19:general@thread.tacv2'));
    expect(JSON.stringify(posted.body)).toContain(`Incident ${number} created from a reported message`);
    const soc = await connector.waitFor((c) => c.method === 'POST' && c.path.includes(SOC_CHANNEL));
    expect(JSON.stringify(soc.body)).toContain(`New incident ${number} reported from a message via Teams.`);
  });

  it('shows the dialog again with the error when the submission is invalid', async () => {
    const res = await axios.post(`${h.botUrl}/api/messages`, messageAction('composeExtension/submitAction', { commandId: 'reportToSoc', data: { title: '', severity: 'Critical', tags: 'x' } }));
    const card = res.data.task.value.card.content as Json;
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['Give the incident a title.', expect.stringContaining('Choose a severity')]));
    expect(findInput(card, 'tags')?.value).toBe('x');
  });
});

describe('channels, mentions and notifications', () => {
  it('strips the @mention before parsing, in a channel', async () => {
    const res = await chat(h.botUrl, ALEX, { conversationType: 'channel' }).raw({
      type: 'message',
      text: '<at>Sentinel Incidents</at> show tasks for 405211',
      entities: [{ type: 'mention', mentioned: { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' }, text: '<at>Sentinel Incidents</at>' }],
      channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies',
      from: { id: 'u', name: 'Alex Wilber', aadObjectId: ALEX.objectId }, recipient: { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' },
      conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true },
    });
    const activities = (res.data as { activities: Array<{ attachments?: Array<{ content: Json }> }> }).activities;
    expect(cardTexts(activities.find((a) => a.attachments)?.attachments?.[0]?.content)).toContain('Tasks of incident 405211');
  });

  it('posts a card to the SOC channel when someone takes an incident, and comments who did it', async () => {
    await chat(h.botUrl, ADA, { serviceUrl: connector.url }).say('assign 405208 to me');
    const post = await connector.waitFor((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${SOC_CHANNEL}/activities`));
    expect(JSON.stringify(post.body)).toContain('Incident 405208 was taken by Ada Lovelace via Teams.');
    // A new post in the channel, not a reply to a message that does not exist there.
    expect(post.path).toBe(`/v3/conversations/${SOC_CHANNEL}/activities`);
    expect(post.body.replyToId).toBeUndefined();
    // In the channel, Teams refreshes the card only for listed users: the person who acted, and a Refresh button for the rest.
    const card = ((post.body.attachments as Array<{ content: Json }>)[0]?.content ?? {}) as Json;
    expect((card.refresh as { userIds?: string[] }).userIds).toEqual([`user-${ADA.objectId}`]);
    expect((card.actions as Array<{ verb?: string; title?: string }>).filter((a) => a.verb === 'incident.refresh').map((a) => a.title)).toEqual(['Refresh']);
    expect(await comments(405208)).toContain('Assigned to Ada Lovelace via Teams by Ada Lovelace.');
  });

  it('looks up the UPN in the Teams roster for the owner', async () => {
    // Taking it from Ada, confirmed ("Take it").
    await chat(h.botUrl, { ...ALEX, id: 'user-alex' }, { serviceUrl: connector.url }).press('incident.takeOver', { incidentNumber: '405210', expectedOwner: ADA.objectId });
    const owner = (await probe(h).sentinel.getIncidentByNumber(405210)).properties.owner;
    expect(owner).toMatchObject({ objectId: ALEX.objectId, userPrincipalName: 'alexw@contoso.com', email: 'alexw@contoso.com' });
  });

  it('asks the roster once for a person who makes several changes', async () => {
    const lookups = (): number => connector.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/members/user-grace')).length;
    const grace = chat(h.botUrl, { ...GRACE, id: 'user-grace' }, { serviceUrl: connector.url });
    await grace.say('set severity of 405209 to high');
    await grace.say('set severity of 405209 to low');
    await grace.say('add task Check the mailbox to 405209');
    expect(lookups()).toBe(1);
  });
});

describe('Universal Actions', () => {
  it('answers a card button with the replacement card and its content type', async () => {
    const res = await chat(h.botUrl).press('incident.show', { incidentNumber: 405211 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect((res.body?.value as Json).type).toBe('AdaptiveCard');
  });

  it('carries a refresh action, and answers the refresh with current data and the banner kept', async () => {
    const card = cardOf((await chat(h.botUrl).say('show 405211'))[0]) as Json & { refresh: { action: { verb: string; data: Json } } };
    expect(card.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'incident.refresh', data: { incidentNumber: 405211 } });
    const refreshed = await chat(h.botUrl).press('incident.refresh', { incidentNumber: 405211, banner: 'Incident 405211 created.' });
    expect(cardTexts(refreshed.body?.value)).toContain('Incident 405211 created.');
  });

  it('answers a slow button within the deadline, then updates the card when Sentinel answers', async () => {
    await axios.put(`${h.emulatorUrl}/_emulator/faults`, [{ match: { api: 'arm', method: 'GET' }, fault: { delayMs: 2500 }, times: 1 }]);
    const started = Date.now();
    const res = await chat(h.botUrl, ALEX, { serviceUrl: connector.url }).raw({
      type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-message-1', channelId: 'msteams', serviceUrl: connector.url,
      from: { id: 'user-alex', name: 'Alex Wilber', aadObjectId: ALEX.objectId }, recipient: { id: '28:sentinel-teams-bot' }, conversation: { id: 'slow-conv', tenantId: '9c1e7f3a-2b4d-4e6f-8a0b-1c2d3e4f5a6b' },
      value: { action: { type: 'Action.Execute', verb: 'incident.show', data: { incidentNumber: 405207 } } },
    });
    expect(Date.now() - started).toBeLessThan(2400);
    expect(cardTexts((res.data as { value: Json }).value)).toContain('Working on it…');
    const update = await connector.waitFor((c) => c.method === 'PUT' && c.path === '/v3/conversations/slow-conv/activities/card-message-1');
    expect(JSON.stringify(update.body)).toContain('Incident 405207');
  });
});
