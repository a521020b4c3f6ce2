/**
 * The feed across `kill -9`: a real bot process (state in Azurite, the real emulator over HTTP,
 * a local stand-in for the Teams connector) is killed while a card's post is in flight, in the
 * middle of 40 new incidents. The restarted process takes the poll lease over once it expires
 * and finishes the run: every incident has exactly one card, and later changes update that card.
 */
import axios from 'axios';
import { loadConfig } from '../../src/config';
import { createCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { createStorage } from '../../src/bot/storage';
import { FeedStore } from '../../src/feed/feedStore';
import { chat } from '../helpers/botHarness';
import type { ConnectorCall } from '../helpers/fakeConnector';
import { startFeedWorld, type FeedWorld } from '../helpers/feedWorld';
import { startBotProcess, waitFor } from '../helpers/processes';

let world: FeedWorld;
const CHANNEL = '19:kill-test@thread.tacv2';
const INCIDENTS = 40;

beforeAll(async () => {
  world = await startFeedWorld('feed-kill-');
}, 60000);
afterAll(async () => world?.stop());

const title = (i: number): string => `Kill test ${String(i).padStart(2, '0')}`;
const titleIn = (c: ConnectorCall): string | undefined => /Kill test \d\d/.exec(JSON.stringify(c.body))?.[0];
/** Cards Teams accepted: new posts it answered. */
const delivered = (): ConnectorCall[] => world.connector.calls.filter((c) => c.method === 'POST' && c.path === `/v3/conversations/${CHANNEL}/activities` && c.status === 200 && titleIn(c));

it('kill -9 mid-post and restart: each incident has exactly one card, and later changes update that same card', async () => {
  const state = { STATE_STORE: 'blob', STATE_BLOB_CONNECTION_STRING: world.azurite.connectionString, STATE_BLOB_CONTAINER: 'feed-kill' };
  const env = { SENTINEL_EMULATOR_URL: world.emulator.url, ...state, INCIDENT_FEED_POLL_MS: '1000', INCIDENT_FEED_LEASE_SECONDS: '15', INCIDENT_FEED_BURST_THRESHOLD: '100' };
  const store = new FeedStore(await createStorage({ kind: 'blob', container: 'feed-kill', connectionString: world.azurite.connectionString }));
  let bot = await startBotProcess(env);
  try {
    const channel = chat(bot.url, undefined, { conversationId: CHANNEL, conversationType: 'channel', serviceUrl: world.connector.url });
    expect(JSON.stringify(await channel.say('watch incidents'))).toMatch(/post all incidents here/);
    await waitFor(async () => Boolean((await store.watermark()).watermark.time), 'the first poll', 20000);

    const inFlight = world.connector.holdPostAfter(15);
    const names = new Map<string, string>();
    for (let i = 0; i < INCIDENTS; i++) {
      const res = await axios.post<{ name: string }>(`${world.emulator.url}/_emulator/ruleHits`, { title: title(i), severity: 'High', tactics: ['CredentialAccess'], alertsCount: 2, ruleName: 'Kill test rule' });
      names.set(title(i), res.data.name);
    }
    const held = await inFlight;
    bot.child.process.kill('SIGKILL');
    await new Promise((resolve) => (bot.child.process.exitCode !== null || bot.child.process.signalCode !== null ? resolve(undefined) : bot.child.process.once('exit', resolve)));
    expect(delivered()).toHaveLength(15);
    const killedAt = Date.now();

    bot = await startBotProcess(env);
    await waitFor(async () => new Set(delivered().map(titleIn)).size === INCIDENTS, 'every card after the restart', 60000);
    process.stdout.write(`feed kill -9: all ${INCIDENTS} cards delivered ${Date.now() - killedAt} ms after the kill (lease 15 s)\n`);
    await new Promise((r) => setTimeout(r, 3000)); // a few more polls: nothing else is posted
    const cards = delivered();
    expect(cards.map(titleIn).sort()).toEqual([...names.keys()].sort());
    expect(held.status).toBeUndefined(); // the post cut short by the kill never reached the channel

    // Changes after the restart: one card posted before the kill, the one cut short, one after.
    const sentinel = new SentinelClient({ workspace: { ...loadConfig({}).workspace, armEndpoint: world.emulator.url, logAnalyticsEndpoint: world.emulator.url }, credential: createCredential('emulator', world.emulator.url), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
    const changed = [title(3), titleIn(held)!, title(INCIDENTS - 1)];
    for (const t of changed) {
      const current = await sentinel.getIncident(names.get(t)!);
      await sentinel.createOrUpdateIncident(names.get(t)!, { properties: { ...current.properties, title: `${t} changed` } }, { ifMatch: current.etag });
    }
    for (const t of changed) {
      const activityId = cards.find((c) => titleIn(c) === t)!.answeredId;
      await world.connector.waitFor((c) => c.method === 'PUT' && c.path === `/v3/conversations/${CHANNEL}/activities/${activityId}` && JSON.stringify(c.body).includes(`${t} changed`), 20000);
    }
    expect(delivered()).toHaveLength(INCIDENTS);
  } finally {
    await bot.child.stop();
  }
}, 150000);
