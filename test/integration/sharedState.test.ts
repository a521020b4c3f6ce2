/**
 * Conversation state in Azure Blob Storage (Azurite here): a report begun on one bot
 * instance survives its restart and continues on a second, separate bot process. With
 * memory state the same journey fails, which shows the test measures the storage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { cardOf, cardTexts, chat, submissionIdOf } from '../helpers/botHarness';
import { startAzurite, startBotProcess } from '../helpers/processes';

let dir: string;
let emulator: RunningEmulator;
let azurite: { connectionString: string; stop(): Promise<void> };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-'));
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: path.join(dir, 'emulator'), seed: 'demo' } });
  azurite = await startAzurite(path.join(dir, 'azurite'));
}, 60000);
afterAll(async () => {
  await azurite?.stop();
  await emulator?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function journey(state: Record<string, string>): Promise<string> {
  const env = { SENTINEL_EMULATOR_URL: emulator.url, ...state };
  const conversationId = `shared-${Date.now()}-${Math.random()}`;
  const first = await startBotProcess(env);
  const c1 = chat(first.url, undefined, { conversationId });
  const id = submissionIdOf(cardOf((await c1.say('report Tailgating at the loading dock'))[0]));
  await first.child.stop(); // the instance that began the report goes away mid-way

  const [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
  try {
    const review = await chat(a.url, undefined, { conversationId }).press('report.submit', { title: 'Tailgating at the loading dock', severity: 'Medium', submissionId: id });
    if (!cardTexts(review.body?.value).includes('Review your report')) return cardTexts(review.body?.value).join(' ');
    const created = await chat(b.url, undefined, { conversationId }).press('report.create', { submissionId: id });
    return cardTexts(created.body?.value).join(' ');
  } finally {
    await Promise.all([a.child.stop(), b.child.stop()]);
  }
}

describe('shared conversation state', () => {
  it('continues a report across a restart and across two processes with blob state', async () => {
    const answer = await journey({ STATE_STORE: 'blob', STATE_BLOB_CONNECTION_STRING: azurite.connectionString, STATE_BLOB_CONTAINER: 'bot-state' });
    expect(answer).toMatch(/Incident \d+ created\. Thank you for reporting!/);
  }, 120000);

  it('loses the report with memory state, as expected of one process', async () => {
    const answer = await journey({ STATE_STORE: 'memory' });
    expect(answer).toContain('cancelled or has expired');
  }, 120000);
});
