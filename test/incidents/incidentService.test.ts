/**
 * Read-modify-write against the real emulator, with a second writer stepping in between
 * the bot's read and its write: the bot must never overwrite the other person's change.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMULATOR_DEFAULTS, type WorkspaceConfig } from '../../src/config';
import { ALEX, GRACE } from '../../src/demo/identities';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { IncidentService, ownerInfo } from '../../src/incidents/incidentService';
import type { IncidentsApi } from '../../src/incidents/ports';
import { UserError } from '../../src/incidents/errors';
import { writableInput } from '../../src/incidents/views';
import type { AzureError } from '../../src/azure/errors';
import { createCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';

let emulator: RunningEmulator;
let dir: string;
let client: SentinelClient;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'svc-'));
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: dir, seed: 'demo' } });
  const workspace: WorkspaceConfig = { subscriptionId: EMULATOR_DEFAULTS.subscriptionId, resourceGroup: EMULATOR_DEFAULTS.resourceGroup, workspaceName: EMULATOR_DEFAULTS.workspaceName, logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId, armEndpoint: emulator.url, logAnalyticsEndpoint: emulator.url, apiVersion: '2025-09-01' };
  client = new SentinelClient({ workspace, credential: createCredential('emulator', workspace.armEndpoint), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } });
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The real client, but another writer acts right before the bot's first write. */
function racing(other: (c: SentinelClient) => Promise<void>): IncidentsApi {
  let raced = false;
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'createOrUpdateIncident') {
        return async (...args: Parameters<SentinelClient['createOrUpdateIncident']>) => {
          if (!raced) {
            raced = true;
            await other(target);
          }
          return target.createOrUpdateIncident(...args);
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('IncidentService read-modify-write', () => {
  it('re-applies a change on fresh data when the other writer touched another field', async () => {
    const service = new IncidentService(racing(async (c) => {
      const current = await c.getIncidentByNumber(405209);
      const input = writableInput(current);
      await c.createOrUpdateIncident(current.name, { ...input, properties: { ...input.properties, severity: 'Low' } }, { ifMatch: current.etag });
    }));
    const result = await service.assign(405209, { objectId: GRACE.objectId, name: GRACE.name });
    expect(result.changed).toBe(true);
    const after = await client.getIncidentByNumber(405209);
    expect(after.properties.owner?.objectId).toBe(GRACE.objectId);
    expect(after.properties.severity).toBe('Low');
  });

  it('refuses to overwrite when the other writer changed the same field, and says who has it', async () => {
    const service = new IncidentService(racing(async (c) => {
      const current = await c.getIncidentByNumber(405211);
      const input = writableInput(current);
      await c.createOrUpdateIncident(current.name, { ...input, properties: { ...input.properties, owner: ownerInfo({ objectId: GRACE.objectId, name: GRACE.name }) } }, { ifMatch: current.etag });
    }));
    const refused = await service.assign(405211, { objectId: ALEX.objectId, name: ALEX.name }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(UserError);
    const err = refused as UserError;
    expect(err.code).toBe('CONFLICT');
    // Sentinel's answer to the stale etag was a 409, handled like a 412.
    expect((err.cause as AzureError).statusCode).toBe(409);
    expect(err.userMessage).toMatch(/^Someone else changed incident 405211 while I was saving yours: it is now assigned to Grace Hopper \(changed \d\d:\d\d UTC\)\. I didn't overwrite their change/);
    expect((await client.getIncidentByNumber(405211)).properties.owner?.objectId).toBe(GRACE.objectId);
  });
});
