/**
 * Two bot instances share the feed's state in Blob Storage (Azurite) and poll the same real
 * emulator at the same time; then one of them is replaced (a restart). Each incident still
 * reaches the channel exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { EMULATOR_DEFAULTS, type WorkspaceConfig } from '../../src/config';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { StaticTokenCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { createStorage } from '../../src/bot/storage';
import { FeedStore } from '../../src/feed/feedStore';
import { FeedPoller, type FeedCard, type FeedPort } from '../../src/feed/poller';
import { silentLogger } from '../../src/logging';
import { startAzurite } from '../helpers/processes';

let dir: string;
let azurite: { connectionString: string; stop(): Promise<void> };
let emulator: RunningEmulator;
let sentinel: SentinelClient;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feed-instances-'));
  azurite = await startAzurite(path.join(dir, 'azurite'));
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: path.join(dir, 'emulator'), seed: 'demo' } });
  const workspace: WorkspaceConfig = { subscriptionId: EMULATOR_DEFAULTS.subscriptionId, resourceGroup: EMULATOR_DEFAULTS.resourceGroup, workspaceName: EMULATOR_DEFAULTS.workspaceName, logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId, armEndpoint: emulator.url, logAnalyticsEndpoint: emulator.url, apiVersion: '2025-09-01' };
  sentinel = new SentinelClient({ workspace, credential: new StaticTokenCredential(), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
}, 60000);
afterAll(async () => {
  await emulator?.close();
  await azurite?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The channel both instances post to: what it ends up showing. */
const channel: string[] = [];
const port: FeedPort = {
  async post(_address, card: FeedCard) {
    if (card.kind === 'incident') channel.push(card.incident.name);
    return `activity-${channel.length}`;
  },
  async update() {},
};

async function instance(): Promise<FeedPoller> {
  const store = new FeedStore(await createStorage({ kind: 'blob', container: 'feed-state', connectionString: azurite.connectionString }));
  return new FeedPoller(sentinel, store, port, { burstThreshold: 1000, logger: silentLogger });
}

it('two instances polling at once, then a restart: every incident is posted exactly once', async () => {
  const a = await instance();
  const b = await instance();
  const store = new FeedStore(await createStorage({ kind: 'blob', container: 'feed-state', connectionString: azurite.connectionString }));
  await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: { severities: [], statuses: [], unassignedOnly: false } });
  await a.poll();
  const created: string[] = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 10; i++) {
      const name = randomUUID();
      await sentinel.createOrUpdateIncident(name, { properties: { title: `Round ${round} hit ${i}`, severity: 'Medium', status: 'New' } });
      created.push(name);
    }
    // The loser of the watermark race fails its poll; its claims already kept it from posting twice.
    await Promise.allSettled([a.poll(), b.poll()]);
  }
  const restarted = await instance();
  await restarted.poll();
  await restarted.poll();
  expect(channel.slice().sort()).toEqual(created.slice().sort());
}, 60000);
