/**
 * ReportIncidentDialog on its own, with botbuilder-testing's DialogTestClient. Card
 * presses arrive here as message activities carrying `value` (the Action.Submit fallback
 * of channels without Universal Actions); the invoke path is covered by the integration tests.
 * Creation goes to the real emulator through the real clients.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { ReportIncidentDialog } from '../../../src/bot/dialogs/reportIncidentDialog';
import { EMULATOR_DEFAULTS, type WorkspaceConfig } from '../../../src/config';
import { ALEX } from '../../../src/demo/identities';
import { startEmulator } from '../../../src/emulator/startEmulator';
import { IncidentService } from '../../../src/incidents/incidentService';
import { silentLogger } from '../../../src/logging';
import { createCredential } from '../../../src/azure/credentials';
import { SentinelClient } from '../../../src/sentinel/sentinelClient';
import { cardTexts, findInput, submissionIdOf, type Json } from '../../helpers/botHarness';

let emulator: { url: string; close(): Promise<void> };
let dataDir: string;
let incidents: IncidentService;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialog-'));
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir, seed: 'demo' }, logger: silentLogger });
  const workspace: WorkspaceConfig = {
    subscriptionId: EMULATOR_DEFAULTS.subscriptionId,
    resourceGroup: EMULATOR_DEFAULTS.resourceGroup,
    workspaceName: EMULATOR_DEFAULTS.workspaceName,
    logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId,
    armEndpoint: emulator.url,
    logAnalyticsEndpoint: emulator.url,
    apiVersion: '2025-09-01',
  };
  const options = { workspace, credential: createCredential('emulator', workspace.armEndpoint), http: { timeoutInMs: 5000, maxRetries: 0, maxRetryDelayInMs: 0 } };
  incidents = new IncidentService(new SentinelClient(options));
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const from = { id: 'user-alex', name: ALEX.name, aadObjectId: ALEX.objectId };
const card = (a: Partial<Activity> | undefined): Json | undefined => a?.attachments?.[0]?.content as Json | undefined;
const say = (text: string): Partial<Activity> => ({ type: 'message', text, from });
const press = (verb: string, data: Json): Partial<Activity> => ({ type: 'message', value: { verb, ...data }, from });
const valid = { title: 'Tailgating at the side door', severity: 'Medium', status: 'New', owner: 'me', tags: 'physical' };

async function started(options: Json = {}): Promise<{ client: DialogTestClient; submissionId: string; form: Json | undefined }> {
  const client = new DialogTestClient('msteams', new ReportIncidentDialog(() => incidents, silentLogger), options);
  const first = await client.sendActivity(say('report'));
  const form = card(first);
  return { client, submissionId: submissionIdOf(form), form };
}

describe('ReportIncidentDialog', () => {
  it('opens with the form, the title prefilled from "report <text>"', async () => {
    const { form } = await started({ title: 'Odd MFA prompts' });
    expect(findInput(form, 'title')?.value).toBe('Odd MFA prompts');
    expect(findInput(form, 'severity')?.value).toBe('Medium');
    expect(findInput(form, 'status')?.value).toBe('New');
  });

  type Step = { send: (id: string) => Partial<Activity>; expectText?: RegExp; status?: DialogTurnStatus };
  const flows: Array<[string, Step[]]> = [
    ['invalid submit shows the form again', [{ send: (id) => press('report.submit', { ...valid, title: '', submissionId: id }), expectText: /Give the incident a title\./, status: DialogTurnStatus.waiting }]],
    ['valid submit shows the review', [{ send: (id) => press('report.submit', { ...valid, submissionId: id }), expectText: /Review your report/, status: DialogTurnStatus.waiting }]],
    [
      'Edit goes back to the form',
      [
        { send: (id) => press('report.submit', { ...valid, submissionId: id }) },
        { send: (id) => press('report.edit', { submissionId: id }), expectText: /Report suspicious activity/, status: DialogTurnStatus.waiting },
      ],
    ],
    ['typing cancel on the form ends it', [{ send: () => say('cancel'), expectText: /Report cancelled/, status: DialogTurnStatus.complete }]],
    ['Cancel on the form ends it', [{ send: (id) => press('report.cancel', { submissionId: id }), expectText: /Report cancelled/, status: DialogTurnStatus.complete }]],
    [
      'Cancel on the review ends it',
      [
        { send: (id) => press('report.submit', { ...valid, submissionId: id }) },
        { send: (id) => press('report.cancel', { submissionId: id }), expectText: /Report cancelled/, status: DialogTurnStatus.complete },
      ],
    ],
    ['small talk gets a reminder and the form stays open', [{ send: () => say('hmm'), expectText: /Your report card is waiting above/, status: DialogTurnStatus.waiting }]],
    ['help shows help and the form stays open', [{ send: () => say('help'), expectText: /Your report is still open above/, status: DialogTurnStatus.waiting }]],
    ["another report's card is refused", [{ send: () => press('report.submit', { ...valid, submissionId: 'someone-else' }), expectText: /belongs to an earlier report/, status: DialogTurnStatus.waiting }]],
    // Create on a card of this report that is not the current one (another window): the current card comes back, nothing is created.
    ['a Create press on the form shows the form again', [{ send: (id) => press('report.create', { submissionId: id }), expectText: /Report suspicious activity/, status: DialogTurnStatus.waiting }]],
    [
      'a Review press from an older form shows the review it already reached',
      [
        { send: (id) => press('report.submit', { ...valid, title: 'First window', submissionId: id }) },
        { send: (id) => press('report.submit', { ...valid, title: 'Second window', submissionId: id }), expectText: /Review your report.*First window/, status: DialogTurnStatus.waiting },
      ],
    ],
    ['a press from another report is refused', [{ send: () => press('report.create', { submissionId: '0e0e0e0e-0000-4000-8000-000000000000' }), expectText: /belongs to an earlier report/, status: DialogTurnStatus.waiting }]],
    [
      'Create makes the incident and ends',
      [
        { send: (id) => press('report.submit', { ...valid, title: `Dialog create ${Date.now()}`, submissionId: id }) },
        { send: (id) => press('report.create', { submissionId: id }), expectText: /Incident \d+ created\. Thank you for reporting!/, status: DialogTurnStatus.complete },
      ],
    ],
  ];

  it.each(flows)('%s', async (_name, steps) => {
    const { client, submissionId } = await started();
    for (const step of steps) {
      const reply = await client.sendActivity(step.send(submissionId));
      const text = [reply?.text ?? '', ...cardTexts(card(reply))].join(' ');
      if (step.expectText) expect(text).toMatch(step.expectText);
      if (step.status) expect(client.dialogTurnResult.status).toBe(step.status);
    }
  });
});
