/**
 * Telling an incident's new owner once, whichever instance polls and however often: against the
 * real emulator over HTTP (its audit table lags as Log Analytics' does), with the feed's state in
 * one shared store.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EMULATOR_DEFAULTS, type WorkspaceConfig } from '../../src/config';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { EmulatorTokenCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { AuditLogClient } from '../../src/sentinel/auditLogClient';
import { MemoryStateStore } from '../../src/bot/storage';
import { FeedStore } from '../../src/feed/feedStore';
import { FeedPoller, type FeedPort } from '../../src/feed/poller';
import { OwnerNotices, type OwnerPort } from '../../src/feed/ownerNotices';
import { AuditOwnerHistory } from '../../src/feed/ownerHistory';
import type { Incident } from '../../src/sentinel/types';
import { silentLogger } from '../../src/logging';
import { ADA, GRACE, type DemoUser } from '../../src/demo/identities';
import { tempDataDir } from '../emulator/helpers/emulatorHarness';

const LAG_MS = 600;
let emulator: RunningEmulator;
let dir: string;
let workspace: WorkspaceConfig;

beforeAll(async () => {
  dir = tempDataDir();
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: dir, seed: 'demo', ingestionDelayMs: LAG_MS } });
  workspace = { subscriptionId: EMULATOR_DEFAULTS.subscriptionId, resourceGroup: EMULATOR_DEFAULTS.resourceGroup, workspaceName: EMULATOR_DEFAULTS.workspaceName, logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId, armEndpoint: emulator.url, logAnalyticsEndpoint: emulator.url, apiVersion: '2025-09-01' };
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const http = { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 };
const clientAs = (user?: DemoUser): SentinelClient => new SentinelClient({ workspace, http, credential: user ? new EmulatorTokenCredential(emulator.url, { oid: user.objectId, name: user.name, upn: user.userPrincipalName }) : new EmulatorTokenCredential(emulator.url) });
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, LAG_MS + 200));

class Port implements FeedPort, OwnerPort {
  told: Array<{ ownerId: string; incident: string; by: string | undefined }> = [];
  async post(): Promise<string> {
    return randomUUID();
  }
  async update(): Promise<void> {}
  async notifyOwner(_a: Record<string, unknown>, ownerId: string, incident: Incident, by: string | undefined): Promise<void> {
    this.told.push({ ownerId, incident: incident.name, by });
  }
}

function instance(store: FeedStore, port: Port): FeedPoller {
  const bot = clientAs();
  const owners = new OwnerNotices(store, new AuditOwnerHistory(new AuditLogClient({ workspace, http, credential: new EmulatorTokenCredential(emulator.url) }), 'P1D'), bot, port, { logger: silentLogger, now: Date.now });
  return new FeedPoller(bot, store, port as FeedPort, { burstThreshold: 1000, logger: silentLogger, owners });
}

async function create(title: string): Promise<string> {
  const name = randomUUID();
  await clientAs().createOrUpdateIncident(name, { properties: { title, severity: 'Medium', status: 'New' } });
  return name;
}

async function assign(by: DemoUser, name: string, to: DemoUser): Promise<void> {
  const c = clientAs(by);
  const current = await c.getIncident(name);
  await c.createOrUpdateIncident(name, { properties: { ...current.properties, owner: { objectId: to.objectId, assignedTo: to.name, userPrincipalName: to.userPrincipalName, ownerType: 'User' } } }, { ifMatch: current.etag });
}

async function watching(): Promise<FeedStore> {
  const store = new FeedStore(new MemoryStateStore());
  await store.watch({ conversationId: 'soc', address: { id: 'soc', serviceUrl: 'http://teams.invalid' }, filter: { severities: [], statuses: [], unassignedOnly: false } });
  return store;
}

describe("the new owner of an incident assigned outside the bot", () => {
  it('waits for the audit record, then is told once by one of two instances; a restarted instance tells no one again', async () => {
    const store = await watching();
    const port = new Port();
    const [a, b] = [instance(store, port), instance(store, port)];
    await a.poll();
    const name = await create('Two instances');
    await a.poll();
    await assign(ADA, name, GRACE);
    // The audit record is not queryable yet: nobody is told, nothing is lost.
    await Promise.all([a.poll(), b.poll()]);
    expect(port.told).toEqual([]);
    await settle();
    await Promise.all([a.poll(), b.poll()]);
    await Promise.all([a.poll(), b.poll()]);
    expect(port.told).toEqual([{ ownerId: GRACE.objectId, incident: name, by: 'Ada Lovelace' }]);
    await instance(store, port).poll();
    expect(port.told).toHaveLength(1);
  });

  it('an incident already assigned when the feed began: a later change tells nobody', async () => {
    const name = await create('Assigned before the feed');
    await assign(ADA, name, GRACE);
    await settle();
    const store = await watching();
    const port = new Port();
    const poller = instance(store, port);
    await poller.poll();
    const c = clientAs(ADA);
    const current = await c.getIncident(name);
    await c.createOrUpdateIncident(name, { properties: { ...current.properties, status: 'Active' } }, { ifMatch: current.etag });
    await poller.poll();
    await settle();
    await poller.poll();
    expect(port.told).toEqual([]);
  });

  it('handed on twice between polls: only the owner it has now is told, by whoever gave it to them', async () => {
    const store = await watching();
    const port = new Port();
    const poller = instance(store, port);
    await poller.poll();
    const name = await create('Handed on');
    await poller.poll();
    await assign(ADA, name, ADA);
    await assign(GRACE, name, GRACE);
    await poller.poll();
    await settle();
    await poller.poll();
    // Grace took it herself: nobody is told (Ada had it only in between).
    expect(port.told).toEqual([]);
    await assign(GRACE, name, ADA);
    await poller.poll();
    await settle();
    await poller.poll();
    expect(port.told).toEqual([{ ownerId: ADA.objectId, incident: name, by: 'Grace Hopper' }]);
  });
});
