/**
 * The feed against the real emulator over HTTP: incidents created and changed in the workspace
 * reach the watching conversation once each, as one card that is then updated in place.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EMULATOR_DEFAULTS, type WorkspaceConfig } from '../../src/config';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { EmulatorTokenCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { MemoryStateStore } from '../../src/bot/storage';
import { FeedStore } from '../../src/feed/feedStore';
import { FeedPoller, type FeedCard, type FeedPort } from '../../src/feed/poller';
import { silentLogger } from '../../src/logging';
import { tempDataDir } from '../emulator/helpers/emulatorHarness';

let emulator: RunningEmulator;
let dir: string;
let sentinel: SentinelClient;

beforeAll(async () => {
  dir = tempDataDir();
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: dir, seed: 'demo' } });
  const workspace: WorkspaceConfig = { subscriptionId: EMULATOR_DEFAULTS.subscriptionId, resourceGroup: EMULATOR_DEFAULTS.resourceGroup, workspaceName: EMULATOR_DEFAULTS.workspaceName, logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId, armEndpoint: emulator.url, logAnalyticsEndpoint: emulator.url, apiVersion: '2025-09-01' };
  sentinel = new SentinelClient({ workspace, credential: new EmulatorTokenCredential(workspace.armEndpoint), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

class RecordingPort implements FeedPort {
  posts: Array<{ conversation: unknown; card: FeedCard; id: string }> = [];
  updates: Array<{ id: string; card: FeedCard }> = [];
  failNext = 0;
  failStatus = 429;
  async post(address: Record<string, unknown>, card: FeedCard): Promise<string> {
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('refused'), { statusCode: this.failStatus });
    }
    const id = `a${this.posts.length + 1}`;
    this.posts.push({ conversation: address.id, card, id });
    return id;
  }
  async update(_address: Record<string, unknown>, id: string, card: FeedCard): Promise<void> {
    this.updates.push({ id, card });
  }
}

const all = { severities: [], statuses: [], unassignedOnly: false };

async function create(title: string, severity: 'High' | 'Low' = 'High'): Promise<string> {
  const name = randomUUID();
  await sentinel.createOrUpdateIncident(name, { properties: { title, severity, status: 'New' } });
  return name;
}

function setup(threshold = 25, clock?: { now: number }): { poller: FeedPoller; port: RecordingPort; store: FeedStore } {
  const store = new FeedStore(new MemoryStateStore());
  const port = new RecordingPort();
  const now = clock ? () => clock.now : undefined;
  return { poller: new FeedPoller(sentinel, store, port, { burstThreshold: threshold, logger: silentLogger, instanceId: 'this-one', intentStaleMs: 30000, now }), port, store };
}

describe('the incident feed', () => {
  it('does nothing while no conversation watches, and posts no backlog when one starts', async () => {
    const { poller, port, store } = setup();
    expect(await poller.poll()).toMatchObject({ changed: 0 });
    await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: all });
    await poller.poll();
    expect(port.posts).toHaveLength(0);
    expect((await store.watermark()).watermark.time).toBeDefined();
  });

  it('posts each new incident once and updates the same card when it changes', async () => {
    const { poller, port, store } = setup(1000);
    await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: all });
    await poller.poll();
    const names: string[] = [];
    for (let i = 0; i < 100; i++) names.push(await create(`Rule hit ${i}`));
    await poller.poll();
    await poller.poll();
    expect(port.posts).toHaveLength(100);
    expect(new Set(port.posts.map((p) => (p.card.kind === 'incident' ? p.card.incident.name : ''))).size).toBe(100);

    const target = names[42]!;
    const before = port.posts.find((p) => p.card.kind === 'incident' && p.card.incident.name === target)!;
    const current = await sentinel.getIncident(target);
    await sentinel.createOrUpdateIncident(target, { properties: { ...current.properties, status: 'Active', owner: { objectId: randomUUID(), assignedTo: 'Grace' } } }, { ifMatch: current.etag });
    await poller.poll();
    expect(port.posts).toHaveLength(100);
    expect(port.updates).toEqual([expect.objectContaining({ id: before.id })]);
    const updated = port.updates[0]!.card;
    expect(updated.kind === 'incident' && updated.incident.properties.status).toBe('Active');
  });

  it('posts one digest for a burst above the threshold, and changes to those incidents post nothing new', async () => {
    const { poller, port, store } = setup(25);
    await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: all });
    await poller.poll();
    const names: string[] = [];
    for (let i = 0; i < 26; i++) names.push(await create(`Burst ${i}`));
    await poller.poll();
    expect(port.posts).toHaveLength(1);
    expect(port.posts[0]!.card).toMatchObject({ kind: 'digest' });
    expect(port.posts[0]!.card.kind === 'digest' && port.posts[0]!.card.incidents).toHaveLength(26);
    const current = await sentinel.getIncident(names[0]!);
    await sentinel.createOrUpdateIncident(names[0]!, { properties: { ...current.properties, status: 'Active' } }, { ifMatch: current.etag });
    await poller.poll();
    expect(port.posts).toHaveLength(1);
  });

  it('a refused post is tried again next poll, and nothing else is posted twice', async () => {
    const { poller, port, store } = setup(1000);
    await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: { ...all, severities: ['High'] } });
    await poller.poll();
    await create('A');
    await create('B');
    await create('quiet', 'Low');
    port.failNext = 1;
    expect(await poller.poll()).toMatchObject({ posted: 1, failed: 1 });
    expect(await poller.poll()).toMatchObject({ posted: 1, failed: 0 });
    expect(port.posts.map((p) => (p.card.kind === 'incident' ? p.card.incident.properties.title : '')).sort()).toEqual(['A', 'B']);
  });

  it('a conversation the bot was removed from stops watching instead of holding back the feed', async () => {
    const { poller, port, store } = setup(1000);
    await store.watch({ conversationId: 'gone', address: { id: 'gone' }, filter: all });
    await poller.poll();
    await create('After removal');
    port.failNext = 1;
    port.failStatus = 403;
    expect(await poller.poll()).toMatchObject({ failed: 0 });
    expect(await store.watches()).toEqual([]);
    const { watermark } = await store.watermark();
    await create('Later');
    await poller.poll();
    expect(port.posts).toHaveLength(0);
    expect((await store.watermark()).watermark).toEqual(watermark);
  });

  it('a card whose post was begun by a process that stopped is posted once, and later changes update that card', async () => {
    const clock = { now: Date.now() };
    const { poller, port, store } = setup(1000, clock);
    await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: all });
    await poller.poll();
    const left = await create('Left mid-post');
    const other = await create('Not yet begun');
    // What a process killed after writing its intent and before Teams answered leaves behind.
    await store.claimCard('soc', left, { by: 'killed-instance', at: new Date(clock.now).toISOString() });

    // Another instance's fresh intent may be a post in flight: not posted here, and the watermark waits.
    expect(await poller.poll()).toMatchObject({ posted: 1, deferred: 1 });
    expect(port.posts.map((p) => p.card.kind === 'incident' && p.card.incident.name)).toEqual([other]);

    clock.now += 31000;
    expect(await poller.poll()).toMatchObject({ posted: 1, deferred: 0 });
    expect(port.posts.map((p) => p.card.kind === 'incident' && p.card.incident.name)).toEqual([other, left]);
    expect((await store.card('soc', left))?.record).toEqual({ activityId: port.posts[1]!.id, reposted: true });
    // It says it was posted again: the process that stopped may have got it into the channel.
    expect(port.posts[1]!.card).toMatchObject({ kind: 'incident', reposted: true });
    expect(port.posts[0]!.card).toMatchObject({ kind: 'incident', reposted: false });

    const current = await sentinel.getIncident(left);
    await sentinel.createOrUpdateIncident(left, { properties: { ...current.properties, status: 'Active' } }, { ifMatch: current.etag });
    await poller.poll();
    expect(port.posts).toHaveLength(2);
    expect(port.updates.map((u) => u.id)).toContain(port.posts[1]!.id);
  });

  it('a post that failed without an answer (5xx) is posted again by the next poll: an incident is never left without a card', async () => {
    const { poller, port, store } = setup(1000);
    await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: all });
    await poller.poll();
    await create('Gateway error');
    port.failNext = 1;
    port.failStatus = 502;
    expect(await poller.poll()).toMatchObject({ posted: 0, failed: 1 });
    expect(await poller.poll()).toMatchObject({ posted: 1, failed: 0 });
    expect(port.posts).toHaveLength(1);
  });

  it('a digest keeps its incidents, newest first, so its card can list every one', async () => {
    const { poller, port, store } = setup(3);
    await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: all });
    await poller.poll();
    for (let i = 0; i < 5; i++) await create(`Digest ${i}`);
    await poller.poll();
    const card = port.posts[0]!.card;
    if (card.kind !== 'digest') throw new Error('expected a digest');
    const rows = (await store.digest(card.digestKey))!.rows;
    expect(rows.map((r) => r.title)).toEqual(['Digest 4', 'Digest 3', 'Digest 2', 'Digest 1', 'Digest 0']);
  });

  it('an incident dated in the future (clock skew) does not hide the changes made meanwhile', async () => {
    const skewed = new Set<string>();
    const lister = {
      listIncidents: async (options: Parameters<SentinelClient['listIncidents']>[0]) =>
        (await sentinel.listIncidents(options)).map((i) => (skewed.has(i.name) ? { ...i, properties: { ...i.properties, lastModifiedTimeUtc: '2099-01-01T00:00:00.000Z' } } : i)),
    };
    const store = new FeedStore(new MemoryStateStore());
    const port = new RecordingPort();
    const poller = new FeedPoller(lister, store, port, { burstThreshold: 1000, logger: silentLogger });
    await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: all });
    await poller.poll();
    skewed.add(await create('From the future'));
    await poller.poll();
    await create('Made after it');
    await poller.poll();
    await poller.poll();
    const titles = port.posts.map((p) => (p.card.kind === 'incident' ? p.card.incident.properties.title : ''));
    expect(titles).toEqual(['From the future', 'Made after it']);
    expect(port.updates).toHaveLength(0);
  });
});
