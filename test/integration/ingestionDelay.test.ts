/**
 * Right after the bot changes an incident, Log Analytics has not ingested the audit record
 * yet (the emulator's ingestion delay is on). What the bot then shows must still be the
 * incident as it now is: tasks, the person's queue and a just-created incident.
 */
import axios from 'axios';
import { mintToken } from '../emulator/helpers/emulatorHarness';
import { ADA, ALEX } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, submissionIdOf, type BotHarness } from '../helpers/botHarness';

let h: BotHarness;
beforeAll(async () => {
  // Longer than the journeys below take, so every step happens before ingestion.
  h = await startBotHarness({ SENTINEL_EMULATOR_INGESTION_DELAY_MS: '60000' });
});
afterAll(async () => h.stop());

async function texts(text: string, user = ALEX): Promise<string[]> {
  const replies = await chat(h.botUrl, user).say(text);
  return replies.flatMap((r) => [r.text ?? '', ...cardTexts(cardOf(r))]).filter(Boolean);
}

async function stats(): Promise<{ byRoute: Record<string, number>; query: Record<string, number> }> {
  return (await axios.get(`${h.emulatorUrl}/_emulator/stats`)).data as { byRoute: Record<string, number>; query: Record<string, number> };
}

const LIVE = /^As of .+, read from Microsoft Sentinel: the audit log has not caught up with this change yet\.$/;

describe('with the audit log behind', () => {
  it('finds a just-created incident by number and shows its tasks as of now', async () => {
    const c = chat(h.botUrl);
    const title = `Badge cloned at reception ${Date.now()}`;
    const id = submissionIdOf(cardOf((await c.say(`report ${title}`))[0]));
    await c.press('report.submit', { title, severity: 'Medium', owner: 'me', submissionId: id });
    const created = cardTexts((await c.press('report.create', { submissionId: id })).body?.value);
    const n = Number(/Incident (\d+) created/.exec(created.join(' '))?.[1]);
    expect(n).toBeGreaterThan(405211);

    expect(await texts(`show ${n}`)).toContain(title);
    const tasks = await texts(`show tasks for ${n}`);
    expect(tasks).toEqual(expect.arrayContaining([`Tasks of incident ${n}`, 'This incident has no tasks yet.']));
    expect(tasks.some((t) => LIVE.test(t))).toBe(true);
    // The audit table really is behind: it does not know the incident yet.
    const audit = await axios.post(`${h.emulatorUrl}/v1/workspaces/11111111-1111-1111-1111-111111111111/query`, { query: `SecurityIncident | where IncidentNumber == ${n}`, timespan: 'P1D' }, { headers: { Authorization: `Bearer ${await mintToken(h.emulatorUrl)}` } });
    expect(audit.data.tables[0].rows).toHaveLength(0);

    await texts(`add task Collect the badge logs to ${n}`);
    const after = await texts(`show tasks for ${n}`);
    expect(after).toEqual(expect.arrayContaining(['1. Collect the badge logs', '1 task still open']));
    await texts(`complete task 1 of ${n}`);
    expect(await texts(`show tasks for ${n}`)).toEqual(expect.arrayContaining(['Done']));
  });

  it('puts a just-assigned incident in "my incidents" and takes a just-closed one out', async () => {
    expect(await texts('my incidents', ADA)).not.toContain('#405208');
    expect((await texts('assign 405208 to me', ADA)).join(' ')).toContain('Incident 405208 is now assigned to you');
    const queue = await texts('my incidents', ADA);
    expect(queue).toContain('#405208');
    expect(queue.find((t) => t.includes('open (New or Active)'))).toMatch(/newest first, as of \d+ \w+ \d{4}, \d\d:\d\d UTC/);

    expect(await texts('my incidents', ADA)).toContain('#405211');
    await chat(h.botUrl, ADA).press('incident.close', { incidentNumber: 405211, classification: 'TruePositive:SuspiciousActivity', confirmedOpenTasks: 1 });
    const mine = await texts('my incidents', ADA);
    expect(mine).not.toContain('#405211');
    expect(mine).toContain('#405208');
  });

  it('shows tasks from the audit record when it is current, and counts what each answer costs', async () => {
    await axios.post(`${h.emulatorUrl}/_emulator/stats/reset`);
    const first = await texts('show tasks for 405209');
    expect(first.some((t) => t.startsWith('From the SecurityIncident audit record of'))).toBe(true);
    const cost = await stats();
    // One query: the bot has not changed this incident, so its latest audit record is its state.
    expect(cost.byRoute).toEqual({ 'POST query': 1 });
    await texts('show tasks for 405209');
    expect((await stats()).query).toEqual({ 'cache hit': 1, 'cache miss': 1 });
  });
});
