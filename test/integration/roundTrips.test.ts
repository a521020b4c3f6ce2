/**
 * Every action in the fewest Azure round trips, counted by the emulator (/_emulator/stats)
 * through the real bot over HTTP. The attribution comment is written in the background and
 * counted apart: exactly one per change. "Cold" is an incident the bot has never seen (its
 * number is looked up once); "warm" is one it has (the name is known).
 */
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { cardOf, cardTexts, chat, startBotHarness, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h.stop());

type Counts = Record<string, number>;

async function counted(action: () => Promise<unknown>): Promise<{ requests: Counts; total: number; attribution: number }> {
  await h.app.attributions.drain();
  await axios.post(`${h.emulatorUrl}/_emulator/stats/reset`);
  await action();
  await h.app.attributions.drain();
  const byRoute = ((await axios.get(`${h.emulatorUrl}/_emulator/stats`)).data as { byRoute: Counts }).byRoute;
  const { 'PUT comment': comments = 0, ...requests } = byRoute;
  return { requests, total: Object.values(requests).reduce((a, b) => a + b, 0), attribution: comments };
}

/** A new incident the bot has never seen, with open tasks. */
async function freshIncident(tasks: string[] = []): Promise<number> {
  const { sentinel } = probe(h);
  const name = randomUUID();
  const { incident } = await sentinel.createOrUpdateIncident(name, { properties: { title: `Round trips ${name}`, severity: 'Medium', status: 'New' } });
  for (const title of tasks) await sentinel.createOrUpdateTask(name, randomUUID(), { title, status: 'New' });
  return incident.properties.incidentNumber!;
}

const say = async (text: string): Promise<string> => (await chat(h.botUrl).say(text)).flatMap((r) => [r.text ?? '', ...cardTexts(cardOf(r))]).join(' ');
const press = async (verb: string, data: Record<string, unknown>): Promise<string> => cardTexts((await chat(h.botUrl).press(verb, data)).body?.value).join(' ');

describe('round trips per action', () => {
  it('show tasks: one query, nothing from ARM', async () => {
    const c = await counted(() => say('show tasks for 405211'));
    expect(c.requests).toEqual({ 'POST query': 1 });
  });

  it.each(['cold', 'warm'])('assign (%s): one read, one write, one attribution comment', async (which) => {
    const n = await freshIncident();
    if (which === 'warm') await say(`show ${n}`);
    const c = await counted(async () => expect(await say(`assign ${n} to me`)).toContain(`Incident ${n} is now assigned to you`));
    expect(c.total).toBe(2);
    expect(c.requests['PUT incident']).toBe(1);
    expect(c.attribution).toBe(1);
  });

  it.each([
    ['severity', 'set severity of {n} to high'],
    ['status', 'set status of {n} to active'],
  ])('%s: one read, one write, one attribution comment', async (_, template) => {
    const n = await freshIncident();
    const c = await counted(() => say(template.replace('{n}', String(n))));
    expect(c.total).toBe(2);
    expect(c.requests['PUT incident']).toBe(1);
    expect(c.attribution).toBe(1);
  });

  it('comment: the comment plus the number lookup the first time, the comment alone after', async () => {
    const n = await freshIncident();
    const cold = await counted(() => say(`comment ${n} Called the user`));
    expect(cold).toMatchObject({ total: 1, requests: { 'GET incidents': 1 }, attribution: 1 });
    const warm = await counted(() => say(`comment ${n} Called the user again`));
    expect(warm).toMatchObject({ total: 0, attribution: 1 });
  });

  it.each(['cold', 'warm'])('add task (%s): at most three requests, one attribution comment', async (which) => {
    const n = await freshIncident(['First']);
    if (which === 'warm') await say(`show ${n}`);
    const c = await counted(async () => expect(await say(`add task Call the manager to ${n}`)).toContain('Added "Call the manager"'));
    expect(c.total).toBeLessThanOrEqual(3);
    expect(c.requests['PUT task']).toBe(1);
    expect(c.attribution).toBe(1);
  });

  it.each(['cold', 'warm'])('complete task (%s): at most three requests, one attribution comment', async (which) => {
    const n = await freshIncident(['First', 'Second']);
    if (which === 'warm') await say(`show ${n}`);
    const c = await counted(async () => expect(await say(`complete task 2 of ${n}`)).toContain('Completed "Second"'));
    expect(c.total).toBeLessThanOrEqual(3);
    expect(c.requests['PUT task']).toBe(1);
    expect(c.attribution).toBe(1);
  });

  it('complete task by its button: at most three requests', async () => {
    const n = await freshIncident(['Only']);
    const [task] = await probe(h).sentinel.listTasks((await probe(h).sentinel.getIncidentByNumber(n)).name);
    const c = await counted(async () => expect(await press('task.complete', { incidentNumber: n, taskId: task!.name })).toContain('Completed "Only"'));
    expect(c.total).toBeLessThanOrEqual(3);
    expect(c.attribution).toBe(1);
  });

  it.each(['cold', 'warm'])('close (%s): at most three requests, one attribution comment', async (which) => {
    const n = await freshIncident();
    if (which === 'warm') await say(`show ${n}`);
    const c = await counted(async () => expect(await press('incident.close', { incidentNumber: n, classification: 'BenignPositive:SuspiciousButExpected', confirmedOpenTasks: 0 })).toContain(`Incident ${n} is closed as Benign positive: suspicious but expected.`));
    expect(c.total).toBeLessThanOrEqual(3);
    expect(c.requests['PUT incident']).toBe(1);
    expect(c.attribution).toBe(1);
  });

  it('a change already in place costs its read only, and writes no comment', async () => {
    const n = await freshIncident();
    await say(`assign ${n} to me`);
    const c = await counted(async () => expect(await say(`assign ${n} to me`)).toContain(`You already own incident ${n}`));
    expect(c).toMatchObject({ total: 1, attribution: 0 });
  });
});
