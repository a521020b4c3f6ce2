/**
 * A bounded loopback load: 200 simulated people report an incident at the same time (the
 * whole card conversation) and ask for tasks. Exactly 200 incidents and 200 audit records
 * must result, with no error reply. Throughput and latency are printed, not asserted.
 */
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { EmulatorControl } from '../emulator/helpers/controlClient';
import { mintToken } from '../emulator/helpers/emulatorHarness';
import { cardOf, cardTexts, chat, eventually, startBotHarness, submissionIdOf, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

const USERS = 200;
let h: BotHarness;
beforeAll(async () => {
  // The burst saturates a 2-core runner on purpose. What is checked here is that nothing is
  // lost or doubled; a press that misses the 4 s deadline gets "Working on it…" by design
  // (tested in its own suite), so the deadline is Teams' longest here.
  h = await startBotHarness({ INVOKE_DEADLINE_MS: '15000' });
});
afterAll(async () => h.stop());

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

it(`${USERS} concurrent people report incidents and read tasks`, async () => {
  const run = `load-${randomUUID().slice(0, 8)}`;
  const latencies: number[] = [];
  const errors: string[] = [];
  const timed = async <T>(f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await f();
    } finally {
      latencies.push(performance.now() - t);
    }
  };
  // The SOC's people are responders on the workspace (each acts with their own token and role).
  const people = Array.from({ length: USERS }, (_, i) => `${randomUUID().slice(0, 24)}${String(i).padStart(12, '0')}`);
  const control = new EmulatorControl(h.emulatorUrl);
  for (const objectId of people) await control.grantRole(objectId, 'Responder');
  const started = performance.now();
  await Promise.all(
    Array.from({ length: USERS }, async (_, i) => {
      const objectId = people[i]!;
      const c = chat(h.botUrl, { objectId, name: `Load User ${i}` });
      const title = `${run} report ${i}`;
      const form = await timed(() => c.say(`report ${title}`));
      const id = submissionIdOf(cardOf(form[0]));
      const review = await timed(() => c.press('report.submit', { title, severity: 'Low', owner: 'none', submissionId: id }));
      const created = await timed(() => c.press('report.create', { submissionId: id }));
      const tasks = await timed(() => c.say('show tasks for 405211'));
      const answers = [cardTexts(review.body?.value).join(' '), cardTexts(created.body?.value).join(' '), cardTexts(cardOf(tasks[0])).join(' ')];
      if (!answers[0]!.includes('Review your report')) errors.push(`review ${i}: ${answers[0]}`);
      if (!/Incident \d+ created/.test(answers[1]!)) errors.push(`create ${i}: ${answers[1]}`);
      if (!answers[2]!.includes('Tasks of incident 405211')) errors.push(`tasks ${i}: ${answers[2]}`);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  expect(errors).toEqual([]);

  const incidents = (await probe(h).sentinel.listIncidents({ top: 1000, maxPages: 20 })).filter((x) => x.properties.title.startsWith(run));
  expect(incidents).toHaveLength(USERS);
  expect(new Set(incidents.map((x) => x.properties.incidentNumber)).size).toBe(USERS);
  // Each incident's record is queryable once (the reporter's attribution comment adds a second) Log Analytics (the emulator's ingestion delay) has it.
  const count = async (): Promise<unknown> => {
    const res = await axios.post(`${h.emulatorUrl}/v1/workspaces/11111111-1111-1111-1111-111111111111/query`, { query: `SecurityIncident | where Title startswith "${run}" | distinct IncidentNumber | count`, timespan: 'PT1H' }, { headers: { Authorization: `Bearer ${await mintToken(h.emulatorUrl)}`, 'Cache-Control': 'no-cache' } });
    return res.data.tables[0].rows[0][0];
  };
  expect(await eventually(count, (n) => n === USERS)).toBe(USERS);

  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `load: ${USERS} people, ${latencies.length} turns in ${seconds.toFixed(1)} s = ${(latencies.length / seconds).toFixed(0)} turns/s; ` +
      `latency p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`,
  );
}, 180000);
