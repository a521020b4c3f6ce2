/**
 * The feed's state store goes away and comes back (Azurite restarted; a Blob Storage outage): polls
 * in between fail and are logged, nothing is posted from half-read state, and once the store is back
 * the feed picks up where it was: every incident of the outage gets its card once, none is repeated,
 * and later changes update the same cards. Real bot and emulator over HTTP, state in Azurite, a
 * local stand-in for the Teams connector.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { ADA } from '../../src/demo/identities';
import { chat, startBotHarness, type BotHarness } from '../helpers/botHarness';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../helpers/fakeConnector';
import { startAzurite, waitFor } from '../helpers/processes';
import { probe } from '../helpers/sentinelProbe';

let dir: string;
let azurite: Awaited<ReturnType<typeof startAzurite>>;
let connector: FakeConnector;
let h: BotHarness;
const CHANNEL = '19:azurite-restart@thread.tacv2';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feed-azurite-'));
  azurite = await startAzurite(dir);
  connector = await startFakeConnector();
  h = await startBotHarness({ STATE_STORE: 'blob', STATE_BLOB_CONNECTION_STRING: azurite.connectionString, STATE_BLOB_CONTAINER: 'feed-azurite', INCIDENT_FEED_POLL_MS: '1000', INCIDENT_FEED_LEASE_SECONDS: '15', RESPONDER_OBJECT_IDS: ADA.objectId });
}, 60000);
afterAll(async () => {
  await h?.stop();
  await connector?.close();
  await azurite?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const titleIn = (c: ConnectorCall): string | undefined => /Outage test \d/.exec(JSON.stringify(c.body))?.[0];
const posted = (): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.path === `/v3/conversations/${CHANNEL}/activities` && c.status === 200 && titleIn(c));

it('Azurite stops and comes back: every incident gets one card, none twice, and changes update the same card', async () => {
  const channel = chat(h.botUrl, ADA, { conversationId: CHANNEL, conversationType: 'channel', serviceUrl: connector.url });
  expect(JSON.stringify(await channel.say('watch incidents'))).toMatch(/post all incidents here/);
  const { sentinel } = probe(h);
  const create = async (title: string): Promise<string> => {
    const name = randomUUID();
    await sentinel.createOrUpdateIncident(name, { properties: { title, severity: 'High', status: 'New' } });
    return name;
  };
  await new Promise((r) => setTimeout(r, 2500)); // the first poll sets the watermark
  const names = [await create('Outage test 1')];
  await waitFor(async () => posted().length === 1, 'the card before the outage', 20000);

  await azurite.stop();
  names.push(await create('Outage test 2'), await create('Outage test 3'));
  await new Promise((r) => setTimeout(r, 3000)); // polls fail meanwhile
  expect(posted()).toHaveLength(1);
  // The bot itself stays up meanwhile.
  expect((await axios.get(`${h.botUrl}/healthz`, { validateStatus: () => true })).status).toBe(200);

  azurite = await startAzurite(dir, azurite.port);
  await waitFor(async () => new Set(posted().map(titleIn)).size === 3, 'the cards of the outage once Azurite is back', 40000);
  await new Promise((r) => setTimeout(r, 2500)); // a few more polls: nothing else is posted
  expect(posted().map(titleIn).sort()).toEqual(['Outage test 1', 'Outage test 2', 'Outage test 3']);

  const first = posted()[0]!;
  const current = await sentinel.getIncident(names[0]!);
  await sentinel.createOrUpdateIncident(names[0]!, { properties: { ...current.properties, title: 'Outage test 1 changed' } }, { ifMatch: current.etag });
  await connector.waitFor((c) => c.method === 'PUT' && c.path === `/v3/conversations/${CHANNEL}/activities/${first.answeredId}` && JSON.stringify(c.body).includes('Outage test 1 changed'), 20000);
  expect(posted()).toHaveLength(3);
}, 120000);
