/**
 * The new owner hears about it: when someone else assigns an incident to a person (typed, or a
 * card's button, as on the channel feed's cards), the bot opens its 1:1 chat with that person
 * through the connector and sends one card naming who assigned it, with the incident's buttons.
 * Assigning yourself sends nothing. Real bot and emulator over HTTP, a local stand-in for Teams.
 */
import { randomUUID } from 'node:crypto';
import { ADA, DEMO_TENANT_ID, GRACE, MEGAN } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, type BotHarness, type Json } from '../helpers/botHarness';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../helpers/fakeConnector';
import { probe } from '../helpers/sentinelProbe';
import { cardButtons } from '../helpers/cardButtons';

let h: BotHarness;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  h = await startBotHarness({ INCIDENT_FEED_POLL_MS: '3600000' });
}, 30000);
afterAll(async () => {
  await h.stop();
  await connector.close();
});
beforeEach(() => {
  connector.calls.length = 0;
});

async function newIncident(title: string): Promise<number> {
  const name = randomUUID();
  const { sentinel } = probe(h);
  await sentinel.createOrUpdateIncident(name, { properties: { title, severity: 'High', status: 'New' } });
  return (await sentinel.getIncident(name)).properties.incidentNumber!;
}

const chatsCreated = (): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
const personalPosts = (who: string): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.path === `/v3/conversations/a:personal-${who}/activities`);

/** Messages are sent after the answer: wait for them, then a little longer to see there is no second one. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 800));
}

describe('the new owner gets a personal message', () => {
  it('Ada assigns Grace in chat: Grace gets one card naming Ada and the incident, with its buttons', async () => {
    const n = await newIncident('Suspicious sign-in from Lagos');
    const replies = await chat(h.botUrl, ADA, { serviceUrl: connector.url }).say(`assign ${n} to Grace Hopper`);
    expect(cardTexts(cardOf(replies[0]))).toContain(`Incident ${n} is now assigned to Grace Hopper.`);
    await connector.waitFor((c) => c.path === `/v3/conversations/a:personal-${GRACE.objectId}/activities`);
    await settle();

    expect(chatsCreated()).toHaveLength(1);
    expect(chatsCreated()[0]!.body).toMatchObject({ isGroup: false, tenantId: DEMO_TENANT_ID, members: [{ id: GRACE.objectId, aadObjectId: GRACE.objectId }] });
    const sent = personalPosts(GRACE.objectId);
    expect(sent).toHaveLength(1);
    const card = (sent[0]!.body.attachments as Array<{ content: Json }>)[0]!.content;
    const texts = cardTexts(card);
    expect(texts).toContain(`Ada Lovelace assigned incident ${n} to you.`);
    expect(texts.join(' ')).toContain('Suspicious sign-in from Lagos');
    expect(cardButtons(card).map((b) => b.title)).toEqual(expect.arrayContaining(['Show tasks']));
    expect(cardButtons(card).map((b) => b.title).length).toBeGreaterThan(1);
  });

  it('a card button in a channel (as on the feed\'s cards) tells the new owner too', async () => {
    const n = await newIncident('Mass download from SharePoint');
    const channel = chat(h.botUrl, ADA, { serviceUrl: connector.url, conversationType: 'channel', conversationId: '19:soc@thread.tacv2' });
    const answer = await channel.press('incident.assignTo', { incidentNumber: String(n), assignee: GRACE.objectId, expectedOwner: 'none' });
    expect(cardTexts(answer.body?.value)).toContain(`Incident ${n} is now assigned to Grace Hopper.`);
    await connector.waitFor((c) => c.path === `/v3/conversations/a:personal-${GRACE.objectId}/activities`);
    await settle();
    expect(personalPosts(GRACE.objectId)).toHaveLength(1);
    expect(cardTexts((personalPosts(GRACE.objectId)[0]!.body.attachments as Array<{ content: Json }>)[0]!.content)).toContain(`Ada Lovelace assigned incident ${n} to you.`);
  });

  it('assigning yourself, or to the owner it already has, sends no personal message', async () => {
    const n = await newIncident('Impossible travel');
    const ada = chat(h.botUrl, ADA, { serviceUrl: connector.url });
    expect(cardTexts(cardOf((await ada.say(`assign ${n} to Ada Lovelace`))[0]))).toContain(`Incident ${n} is now assigned to Ada Lovelace.`);
    await ada.say(`unassign ${n}`);
    await ada.say(`assign ${n} to me`);
    await settle();
    expect(chatsCreated()).toHaveLength(0);
    const m = await newIncident('Impossible travel again');
    await ada.say(`assign ${m} to Grace Hopper`);
    await connector.waitFor((c) => c.path === `/v3/conversations/a:personal-${GRACE.objectId}/activities`);
    connector.calls.length = 0;
    expect(cardTexts(cardOf((await ada.say(`assign ${m} to Grace Hopper`))[0]))).toContain(`Incident ${m} is already assigned to Grace Hopper.`);
    await settle();
    expect(chatsCreated()).toHaveLength(0);
  });

  it('a new owner without the app (Teams refuses the 1:1 chat): the assign stands and the assigner is told', async () => {
    connector.refuse((c) => c.method === 'POST' && c.path === '/v3/conversations' && JSON.stringify(c.body.members).includes(MEGAN.objectId), 403);
    const n = await newIncident('Owner without the app');
    const replies = await chat(h.botUrl, ADA, { serviceUrl: connector.url }).say(`assign ${n} to Megan Bowen`);
    expect(cardTexts(cardOf(replies[0]))).toContain(`Incident ${n} is now assigned to Megan Bowen.`);
    expect(replies.map((r) => r.text ?? '').join(' ')).toMatch(/could not send the new owner a personal message/);
    expect((await probe(h).sentinel.getIncidentByNumber(n)).properties.owner?.objectId).toBe(MEGAN.objectId);
    expect(personalPosts(MEGAN.objectId)).toHaveLength(0);
  });

  it('the same from a card button in a channel: the assign stands and the channel hears the owner was not told', async () => {
    connector.refuse((c) => c.method === 'POST' && c.path === '/v3/conversations' && JSON.stringify(c.body.members).includes(MEGAN.objectId), 403);
    const n = await newIncident('Owner without the app, by button');
    const channelId = '19:soc-notold@thread.tacv2';
    const channel = chat(h.botUrl, ADA, { serviceUrl: connector.url, conversationType: 'channel', conversationId: channelId });
    const answer = await channel.press('incident.assignTo', { incidentNumber: String(n), assignee: MEGAN.objectId, expectedOwner: 'none' });
    expect(cardTexts(answer.body?.value)).toContain(`Incident ${n} is now assigned to Megan Bowen.`);
    const said = await connector.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${channelId}/activities`);
    expect(JSON.stringify(said.body)).toContain('could not send the new owner a personal message');
    expect((await probe(h).sentinel.getIncidentByNumber(n)).properties.owner?.objectId).toBe(MEGAN.objectId);
  });
});
