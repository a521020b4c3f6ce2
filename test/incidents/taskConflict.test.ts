/**
 * Completing a task while someone else changes it, against the real emulator: Sentinel
 * refuses the stale write (409), and the bot reads the task again instead of failing.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EMULATOR_DEFAULTS, type WorkspaceConfig } from '../../src/config';
import { ALEX, GRACE } from '../../src/demo/identities';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { IncidentService } from '../../src/incidents/incidentService';
import type { IncidentsApi } from '../../src/incidents/ports';
import { TaskService } from '../../src/incidents/taskService';
import { EmulatorTokenCredential } from '../../src/azure/credentials';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { tempDataDir } from '../emulator/helpers/emulatorHarness';

let emulator: RunningEmulator;
let dir: string;
let bot: SentinelClient;
let grace: SentinelClient;

beforeAll(async () => {
  dir = tempDataDir();
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: dir, seed: 'demo' } });
  const workspace: WorkspaceConfig = { subscriptionId: EMULATOR_DEFAULTS.subscriptionId, resourceGroup: EMULATOR_DEFAULTS.resourceGroup, workspaceName: EMULATOR_DEFAULTS.workspaceName, logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId, armEndpoint: emulator.url, logAnalyticsEndpoint: emulator.url, apiVersion: '2025-09-01' };
  const http = { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 };
  bot = new SentinelClient({ workspace, credential: new EmulatorTokenCredential(workspace.armEndpoint), http });
  grace = new SentinelClient({ workspace, credential: new EmulatorTokenCredential(workspace.armEndpoint, { oid: GRACE.objectId, name: GRACE.name, upn: GRACE.userPrincipalName }), http });
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The bot's client, but Grace acts right before the bot's first task write. */
function racing(other: () => Promise<void>): IncidentsApi {
  let raced = false;
  return new Proxy(bot, {
    get(target, prop, receiver) {
      if (prop === 'createOrUpdateTask') {
        return async (...args: Parameters<SentinelClient['createOrUpdateTask']>) => {
          if (!raced) {
            raced = true;
            await other();
          }
          return target.createOrUpdateTask(...args);
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function newTask(incidentNumber: number, title: string): Promise<{ incidentId: string; taskId: string }> {
  const incident = await bot.getIncidentByNumber(incidentNumber);
  const taskId = randomUUID();
  await bot.createOrUpdateTask(incident.name, taskId, { title, status: 'New' });
  return { incidentId: incident.name, taskId };
}

function services(api: IncidentsApi): TaskService {
  return new TaskService(api, new IncidentService(api));
}

it('says who completed the task when they did it first', async () => {
  const { incidentId, taskId } = await newTask(405208, 'Reimage the laptop');
  const tasks = services(racing(async () => void (await grace.createOrUpdateTask(incidentId, taskId, { title: 'Reimage the laptop', status: 'Completed' }))));
  const result = await tasks.complete(405208, { taskId }, { objectId: ALEX.objectId, name: ALEX.name });
  expect(result).toMatchObject({ kind: 'completed', alreadyDone: true, task: { title: 'Reimage the laptop', status: 'Completed', completedBy: 'Grace Hopper' } });
});

it('completes the task on fresh data when the other change left it open', async () => {
  const { incidentId, taskId } = await newTask(405208, 'Collect the disk image');
  const tasks = services(racing(async () => void (await grace.createOrUpdateTask(incidentId, taskId, { title: 'Collect the disk image', description: 'Use the forensic kit', status: 'New' }))));
  const result = await tasks.complete(405208, { taskId }, { objectId: ALEX.objectId, name: ALEX.name });
  expect(result).toMatchObject({ kind: 'completed', alreadyDone: false });
  const stored = (await bot.listTasks(incidentId)).find((t) => t.name === taskId);
  // Grace's description is kept; the task is completed.
  expect(stored?.properties).toMatchObject({ status: 'Completed', description: 'Use the forensic kit' });
});
