/**
 * The one moment the feed cannot make safe by itself: the process is killed (`kill -9`) after
 * Teams accepted a card's post and before the feed recorded its activity id. Teams cannot be asked
 * whether a post arrived, so the restarted process posts the card again, and that card says so.
 * The earlier copy is found the first time anyone presses one of its buttons, and from then on
 * both are kept current. Real bot process, state in Azurite, the real emulator over HTTP, a local
 * stand-in for the Teams world.connector.
 */
import axios from 'axios';
import { loadConfig } from '../../src/config';
import { createCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { createStorage } from '../../src/bot/storage';
import { FeedStore } from '../../src/feed/feedStore';
import { REPOSTED_NOTE } from '../../src/bot/cards/feedCards';
import { ADA } from '../../src/demo/identities';
import { cardTexts, chat, type Json } from '../helpers/botHarness';
import type { ConnectorCall } from '../helpers/fakeConnector';
import { startFeedWorld, type FeedWorld } from '../helpers/feedWorld';
import { startBotProcess, waitFor } from '../helpers/processes';

let world: FeedWorld;
const CHANNEL = '19:double-card@thread.tacv2';
const TITLE = 'Double card test';

beforeAll(async () => {
  world = await startFeedWorld('feed-double-');
}, 60000);
afterAll(async () => world?.stop());

const cardPosts = (): ConnectorCall[] => world.connector.calls.filter((c) => c.method === 'POST' && c.path === `/v3/conversations/${CHANNEL}/activities` && c.status === 200 && JSON.stringify(c.body).includes(TITLE));
const textsOf = (c: ConnectorCall | undefined): string => cardTexts((c?.body.attachments as Array<{ content: Json }> | undefined)?.[0]?.content).join(' ');

it('killed between Teams taking a post and recording it: the card posted again says so; the first copy, once pressed, is kept current too', async () => {
  const state = { STATE_STORE: 'blob', STATE_BLOB_CONNECTION_STRING: world.azurite.connectionString, STATE_BLOB_CONTAINER: 'feed-double' };
  const env = { SENTINEL_EMULATOR_URL: world.emulator.url, ...state, INCIDENT_FEED_POLL_MS: '1000', INCIDENT_FEED_LEASE_SECONDS: '15', RESPONDER_OBJECT_IDS: ADA.objectId };
  const store = new FeedStore(await createStorage({ kind: 'blob', container: 'feed-double', connectionString: world.azurite.connectionString }));
  let bot = await startBotProcess(env);
  try {
    const channel = (url: string) => chat(url, ADA, { conversationId: CHANNEL, conversationType: 'channel', serviceUrl: world.connector.url });
    expect(JSON.stringify(await channel(bot.url).say('watch incidents'))).toMatch(/post all incidents here/);
    await waitFor(async () => Boolean((await store.watermark()).watermark.time), 'the first poll', 20000);

    const victim = bot;
    world.connector.answerPostThen((c) => JSON.stringify(c.body).includes(TITLE), () => victim.child.process.kill('SIGKILL'));
    const { data } = await axios.post<{ name: string }>(`${world.emulator.url}/_emulator/ruleHits`, { title: TITLE, severity: 'High', tactics: ['Persistence'], alertsCount: 1, ruleName: 'Double card rule' });
    await waitFor(async () => victim.child.process.signalCode !== null || victim.child.process.exitCode !== null, 'the kill', 20000);
    expect(cardPosts()).toHaveLength(1);
    const first = cardPosts()[0]!;
    // Killed inside the window: Teams has the card, the feed has only its intent.
    expect((await store.card(CHANNEL, data.name))?.record).toHaveProperty('posting');

    bot = await startBotProcess(env);
    await waitFor(async () => cardPosts().length === 2, 'the card posted again after the restart', 60000);
    const second = cardPosts()[1]!;
    expect(textsOf(first)).not.toContain(REPOSTED_NOTE);
    expect(textsOf(second)).toContain(REPOSTED_NOTE);
    expect((await store.card(CHANNEL, data.name))?.record).toEqual({ activityId: second.answeredId, reposted: true });

    // Someone presses Refresh on the first copy: it shows the incident as it is now, and it is found.
    const sentinel = new SentinelClient({ workspace: { ...loadConfig({}).workspace, armEndpoint: world.emulator.url, logAnalyticsEndpoint: world.emulator.url }, credential: createCredential('emulator', world.emulator.url), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
    const number = (await sentinel.getIncident(data.name)).properties.incidentNumber!;
    const pressed = await channel(bot.url).press('incident.refresh', { incidentNumber: String(number) }, { replyToId: first.answeredId });
    expect(pressed.status).toBe(200);
    await waitFor(async () => {
      const r = (await store.card(CHANNEL, data.name))?.record;
      return r !== undefined && 'copies' in r && (r.copies ?? []).includes(first.answeredId!);
    }, 'the first copy found', 10000).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${bot.child.output()}`);
    });

    // A change now updates both cards; nothing new is posted.
    const current = await sentinel.getIncident(data.name);
    await sentinel.createOrUpdateIncident(data.name, { properties: { ...current.properties, title: `${TITLE} changed` } }, { ifMatch: current.etag });
    for (const id of [first.answeredId, second.answeredId]) {
      await world.connector.waitFor((c) => c.method === 'PUT' && c.path === `/v3/conversations/${CHANNEL}/activities/${id}` && JSON.stringify(c.body).includes(`${TITLE} changed`), 20000);
    }
    expect(cardPosts()).toHaveLength(2);
  } finally {
    await bot.child.stop();
  }
}, 150000);
