/** A partial answer from Log Analytics never reaches a person as if it were complete. */
import fs from 'node:fs';
import { EMULATOR_DEFAULTS, type WorkspaceConfig } from '../../src/config';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { AuditViews } from '../../src/incidents/auditViews';
import { toUserError } from '../../src/incidents/serviceErrors';
import { AuditLogClient } from '../../src/sentinel/auditLogClient';
import { createCredential } from '../../src/azure/credentials';
import { tempDataDir } from '../emulator/helpers/emulatorHarness';

let emulator: RunningEmulator;
let dir: string;
let views: AuditViews;

beforeAll(async () => {
  dir = tempDataDir();
  // A row limit of 1 instead of the service's 500,000, so the demo data reaches it.
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: dir, seed: 'demo' }, queryFidelity: { maxRows: 1 } });
  const workspace: WorkspaceConfig = { subscriptionId: EMULATOR_DEFAULTS.subscriptionId, resourceGroup: EMULATOR_DEFAULTS.resourceGroup, workspaceName: EMULATOR_DEFAULTS.workspaceName, logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId, armEndpoint: emulator.url, logAnalyticsEndpoint: emulator.url, apiVersion: '2025-09-01' };
  // Generous: the first query also loads the emulator's KQL checker, slow on a loaded machine; this test is about partial answers, not time.
  views = new AuditViews(new AuditLogClient({ workspace, credential: createCredential('emulator', workspace.armEndpoint), http: { timeoutInMs: 30000, maxRetries: 0, maxRetryDelayInMs: 0 } }), 'P90D');
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('refuses a cut-off history with a sentence saying why', async () => {
  for (const ask of [() => views.taskHistory(405207), () => views.taskHistory(405211)]) {
    const err = await ask().then(() => undefined, (e: unknown) => e);
    const shown = toUserError(err);
    expect(shown.code).toBe('PARTIAL_RESULT');
    expect(shown.userMessage).toContain('The audit log sent only part of the answer');
  }
});

it('still answers what fits within the limit', async () => {
  expect((await views.getTasks(405211)).tasks).toHaveLength(2);
});
