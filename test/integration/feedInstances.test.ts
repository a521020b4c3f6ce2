/**
 * Two bot instances share the feed's state in Blob Storage (Azurite) and poll the same real
 * emulator at the same time; then one of them is replaced (a restart). Each incident still
 * reaches the channel exactly once. With the poll lease only one of them polls at all, and when
 * it dies the other takes over once the lease has expired.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { EMULATOR_DEFAULTS, type WorkspaceConfig } from '../../src/config';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { EmulatorTokenCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { createStorage } from '../../src/bot/storage';
import { FeedStore } from '../../src/feed/feedStore';
import { FeedPoller, type FeedCard, type FeedPort, type IncidentLister } from '../../src/feed/poller';
import { startFeed, type RunningFeed } from '../../src/feed/feedLoop';
import { createPollLease } from '../../src/bot/pollLease';
import type { StateConfig } from '../../src/config';
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
  sentinel = new SentinelClient({ workspace, credential: new EmulatorTokenCredential(workspace.armEndpoint), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
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

describe('the poll lease', () => {
  const state: StateConfig = { kind: 'blob', container: 'lease-state', connectionString: '' };
  const shown: string[] = [];
  const leasePort: FeedPort = {
    async post(_address, card: FeedCard) {
      if (card.kind === 'incident') shown.push(card.incident.name);
      return `lease-activity-${shown.length}`;
    },
    async update() {},
  };
  const lists: Record<string, number> = {};

  async function leaseInstance(label: string): Promise<RunningFeed> {
    const config = { ...state, connectionString: azurite.connectionString };
    lists[label] = 0;
    // Counts this instance's Sentinel list requests: the instance that does not hold the lease makes none.
    const counting: IncidentLister = {
      listIncidents: (options) => {
        lists[label]!++;
        return sentinel.listIncidents(options);
      },
    };
    const poller = new FeedPoller(counting, new FeedStore(await createStorage(config)), leasePort, { burstThreshold: 1000, logger: silentLogger, intentStaleMs: 15000 });
    return startFeed(poller, await createPollLease(config, 15), 250, silentLogger);
  }

  async function raise(count: number, label: string): Promise<string[]> {
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = randomUUID();
      await sentinel.createOrUpdateIncident(name, { properties: { title: `${label} ${i}`, severity: 'High', status: 'New' } });
      names.push(name);
    }
    return names;
  }

  async function until(check: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('only one of two instances polls; when it dies the other takes over after the lease expires; when it shuts down, at once', async () => {
    const store = new FeedStore(await createStorage({ ...state, connectionString: azurite.connectionString }));
    await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: { severities: [], statuses: [], unassignedOnly: false } });
    const a = await leaseInstance('a');
    await until(() => lists.a! > 0, 10000); // a holds the lease and has set the watermark
    const b = await leaseInstance('b');
    const first = await raise(10, 'Held');
    await until(() => shown.length >= 10, 20000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(lists.b).toBe(0);
    expect(lists.a).toBeGreaterThan(3);

    // a dies without letting go: b polls only once the lease a last renewed has run out.
    await a.stop({ release: false });
    const died = Date.now();
    const second = await raise(5, 'After the crash');
    await until(() => lists.b! > 0, 30000);
    const takeover = Date.now() - died;
    await until(() => shown.length >= 15, 20000);
    process.stdout.write(`feed lease: taken over ${takeover} ms after the holder died (lease 15 s)\n`);
    // a renewed at most 5 s (a third of the lease) before it died.
    expect(takeover).toBeGreaterThanOrEqual(9000);

    // b shuts down properly: c takes over at once.
    const c = await leaseInstance('c');
    await new Promise((r) => setTimeout(r, 1000));
    expect(lists.c).toBe(0);
    await b.stop();
    const released = Date.now();
    const third = await raise(3, 'After the hand-over');
    await until(() => shown.length >= 18, 20000);
    const handover = Date.now() - released;
    process.stdout.write(`feed lease: handed over in ${handover} ms after a clean shutdown\n`);
    // Sooner than b's lease could have run out by itself: b gave it up.
    expect(handover).toBeLessThan(15000);
    await c.stop();
    expect(shown.slice().sort()).toEqual([...first, ...second, ...third].sort());
  }, 90000);
});
