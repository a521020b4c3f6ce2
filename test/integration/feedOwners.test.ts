/**
 * The new owner hears about it when someone else assigns them outside the bot (the portal, an
 * automation, the API): the feed sees the owner change, reads who made it from the audit table,
 * and sends one personal message. Not when they took it themselves, and not a second time for an
 * assignment the bot made and already told them about. Real bot and emulator over HTTP, a local
 * stand-in for the Teams connector.
 */
import { randomUUID } from 'node:crypto';
import { ADA, GRACE, type DemoUser } from '../../src/demo/identities';
import { EmulatorTokenCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { cardTexts, chat, startBotHarness, INGESTION_DELAY_MS, type BotHarness, type Chat, type Json } from '../helpers/botHarness';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../helpers/fakeConnector';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
let connector: FakeConnector;
let soc: Chat;
const SOC = '19:owners-soc@thread.tacv2';

beforeAll(async () => {
  connector = await startFakeConnector();
  h = await startBotHarness({ INCIDENT_FEED_POLL_MS: '3600000' });
  soc = chat(h.botUrl, ADA, { conversationId: SOC, conversationType: 'channel', serviceUrl: connector.url });
  expect((await soc.say('watch incidents')).map((a) => a.text ?? '').join(' ')).toMatch(/post all incidents here/);
  await h.app.pollFeed!();
}, 30000);
afterAll(async () => {
  await h.stop();
  await connector.close();
});

/** The workspace as one person sees it through the API (the portal does the same calls). */
function as(user: DemoUser): SentinelClient {
  const workspace = { ...h.app.config.workspace, armEndpoint: h.emulatorUrl, logAnalyticsEndpoint: h.emulatorUrl };
  const credential = new EmulatorTokenCredential(h.emulatorUrl, { oid: user.objectId, name: user.name, upn: user.userPrincipalName });
  return new SentinelClient({ workspace, credential, http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
}

async function newIncident(title: string): Promise<{ name: string; number: number }> {
  const name = randomUUID();
  const { sentinel } = probe(h);
  await sentinel.createOrUpdateIncident(name, { properties: { title, severity: 'High', status: 'New' } });
  return { name, number: (await sentinel.getIncident(name)).properties.incidentNumber! };
}

async function assignIn(by: DemoUser, name: string, to: DemoUser): Promise<void> {
  const client = as(by);
  const current = await client.getIncident(name);
  const owner = { objectId: to.objectId, userPrincipalName: to.userPrincipalName, assignedTo: to.name, email: to.email, ownerType: 'User' as const };
  await client.createOrUpdateIncident(name, { properties: { ...current.properties, owner } }, { ifMatch: current.etag });
}

const personal = (who: DemoUser): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.status === 200 && c.path === `/v3/conversations/a:personal-${who.objectId}/activities`);
const textsOf = (c: ConnectorCall | undefined): string[] => cardTexts((c?.body.attachments as Array<{ content: Json }> | undefined)?.[0]?.content);

/** Polls as the feed would, once the audit record of the change is queryable, then once more. */
async function pollPastIngestion(): Promise<void> {
  await h.app.pollFeed!();
  await new Promise((r) => setTimeout(r, INGESTION_DELAY_MS + 300));
  await h.app.pollFeed!();
  await h.app.pollFeed!();
}

describe('an owner given in the portal, seen by the feed', () => {
  it('Ada assigns Grace in the portal: Grace gets one personal message naming Ada; later polls and changes send no second', async () => {
    const { name, number } = await newIncident('Assigned in the portal');
    await h.app.pollFeed!();
    const before = personal(GRACE).length;
    await assignIn(ADA, name, GRACE);
    await pollPastIngestion();
    expect(personal(GRACE).length - before).toBe(1);
    const texts = textsOf(personal(GRACE).at(-1));
    expect(texts).toContain(`Ada Lovelace assigned incident ${number} to you in Sentinel.`);
    expect(texts.join(' ')).toContain('Assigned in the portal');

    // A later change that leaves the owner as it is tells nobody.
    const { sentinel } = probe(h);
    const current = await sentinel.getIncident(name);
    await sentinel.createOrUpdateIncident(name, { properties: { ...current.properties, status: 'Active' } }, { ifMatch: current.etag });
    await pollPastIngestion();
    expect(personal(GRACE).length - before).toBe(1);
  }, 30000);

  it('Grace takes an incident herself in the portal: no personal message', async () => {
    const { name } = await newIncident('Taken in the portal');
    await h.app.pollFeed!();
    const before = personal(GRACE).length;
    await assignIn(GRACE, name, GRACE);
    await pollPastIngestion();
    expect(personal(GRACE).length - before).toBe(0);
  }, 30000);

  it('Ada assigns Grace through the bot: Grace hears it once (from the bot), not again from the feed', async () => {
    const { number } = await newIncident('Assigned through the bot');
    await h.app.pollFeed!();
    const before = personal(GRACE).length;
    await chat(h.botUrl, ADA, { serviceUrl: connector.url }).say(`assign ${number} to Grace Hopper`);
    await connector.waitFor((c) => c.path === `/v3/conversations/a:personal-${GRACE.objectId}/activities` && textsOf(c).includes(`Ada Lovelace assigned incident ${number} to you.`));
    await pollPastIngestion();
    expect(personal(GRACE).length - before).toBe(1);
  }, 30000);
});
