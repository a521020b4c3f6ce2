/**
 * Logs are JSON lines with one correlation id per turn; they carry ids, never tokens,
 * secrets or what people typed.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging';
import { chat, startBotHarness, type BotHarness } from '../helpers/botHarness';

const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ MicrosoftAppPassword: '' }, {}, createLogger({ level: 'debug', destination: sink }));
});
afterAll(async () => h.stop());

it('one correlation id per turn, on every line of that turn, and no message text or token', async () => {
  lines.length = 0;
  const secretText = 'PASSWORD-IS-Hunter2-do-not-log';
  await chat(h.botUrl).say(`comment 405211 ${secretText}`);
  await chat(h.botUrl).say('show tasks for 999999');
  const turns = lines.filter((l) => l.msg === 'turn');
  expect(turns).toHaveLength(2);
  const ids = turns.map((t) => t.correlationId);
  expect(new Set(ids).size).toBe(2);
  for (const id of ids) expect(typeof id).toBe('string');
  const refusal = lines.find((l) => l.msg === 'turn failed');
  expect(refusal?.correlationId).toBe(ids[1]);
  expect(refusal?.code).toBe('INCIDENT_NOT_FOUND');
  const all = JSON.stringify(lines);
  expect(all).not.toContain(secretText);
  expect(all).not.toMatch(/Bearer [A-Za-z0-9._-]{10,}/);
  expect(all).not.toContain('eyJ');
});
