/**
 * The truth after faults: when Sentinel applies a write but its answer is lost (the
 * emulator's dropResponse), the bot reads back, says what is true, and writes the attribution
 * comment exactly once. Two people assigning at once: only the one whose change stands hears
 * "assigned to you". And an attribution comment that fails is retried in the background,
 * without holding up the answer, until it is written.
 */
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { ADA, ALEX, GRACE } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, submissionIdOf, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ SENTINEL_TIMEOUT_MS: '1000', SENTINEL_MAX_RETRIES: '3', SENTINEL_MAX_RETRY_DELAY_MS: '1500' });
});
afterAll(async () => h.stop());
afterEach(async () => {
  await axios.delete(`${h.emulatorUrl}/_emulator/faults`);
});

const faults = (rules: unknown[]): Promise<unknown> => axios.put(`${h.emulatorUrl}/_emulator/faults`, rules);
const texts = (replies: Array<Record<string, unknown>>): string => replies.flatMap((r) => [String(r.text ?? ''), ...cardTexts(cardOf(r as never))]).join(' ');

async function freshIncident(tasks: string[] = []): Promise<{ number: number; name: string }> {
  const { sentinel } = probe(h);
  const name = randomUUID();
  const { incident } = await sentinel.createOrUpdateIncident(name, { properties: { title: `Faults ${name}`, severity: 'Medium', status: 'New' } });
  for (const title of tasks) await sentinel.createOrUpdateTask(name, randomUUID(), { title, status: 'New' });
  return { number: incident.properties.incidentNumber!, name };
}

async function attributionComments(incidentName: string): Promise<string[]> {
  await h.app.attributions.drain();
  const comments = await probe(h).sentinel.listComments(incidentName);
  return comments.map((c) => c.properties.message).filter((m) => m.includes('via Teams by'));
}

describe('a write applied but its answer lost', () => {
  it('a report whose create answer is lost is told "created", once, with one attribution comment', async () => {
    const c = chat(h.botUrl);
    const title = `Lost create ${Date.now()}`;
    const id = submissionIdOf(cardOf((await c.say(`report ${title}`))[0]));
    await c.press('report.submit', { title, severity: 'Low', owner: 'me', submissionId: id });
    await faults([{ match: { api: 'arm', method: 'PUT', pathContains: '/incidents/' }, fault: { dropResponse: true }, times: 1 }]);
    const answer = cardTexts((await c.press('report.create', { submissionId: id })).body?.value).join(' ');
    expect(answer).toMatch(/Incident \d+ created\. Thank you for reporting!/);
    const mine = (await probe(h).sentinel.listIncidents({ top: 1000 })).filter((i) => i.properties.title === title);
    expect(mine).toHaveLength(1);
    expect(await attributionComments(mine[0]!.name)).toEqual([`Reported via Teams by ${ALEX.name}.`]);
    // Pressing Create again is a repeat, and says so.
    expect(cardTexts((await c.press('report.create', { submissionId: id })).body?.value).join(' ')).toMatch(/already created as incident \d+/);
  });

  it('an assign whose answer is lost is told "assigned to you", with one attribution comment', async () => {
    const { number, name } = await freshIncident();
    await faults([{ match: { api: 'arm', method: 'PUT', pathContains: name }, fault: { dropResponse: true }, times: 1 }]);
    expect(texts(await chat(h.botUrl).say(`assign ${number} to me`))).toContain(`Incident ${number} is now assigned to you, ${ALEX.name}.`);
    expect((await probe(h).sentinel.getIncident(name)).properties.owner?.objectId).toBe(ALEX.objectId);
    expect(await attributionComments(name)).toEqual([`Assigned to ${ALEX.name} via Teams by ${ALEX.name}.`]);
  });

  it('an assign whose answer comes too late (after the client timeout) is told the truth, with one attribution comment', async () => {
    const { number, name } = await freshIncident();
    // The first PUT is applied only after the bot gave up on it; its retry may land before or after.
    await faults([{ match: { api: 'arm', method: 'PUT', pathContains: name }, fault: { delayMs: 1500 }, times: 1 }]);
    expect(texts(await chat(h.botUrl).say(`assign ${number} to me`))).toContain(`Incident ${number} is now assigned to you, ${ALEX.name}.`);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await probe(h).sentinel.getIncident(name)).properties.owner?.objectId).toBe(ALEX.objectId);
    expect(await attributionComments(name)).toEqual([`Assigned to ${ALEX.name} via Teams by ${ALEX.name}.`]);
  });

  it('a severity change whose answer is lost says the new severity, with one attribution comment', async () => {
    const { number, name } = await freshIncident();
    await faults([{ match: { api: 'arm', method: 'PUT', pathContains: name }, fault: { dropResponse: true }, times: 1 }]);
    expect(texts(await chat(h.botUrl).say(`set severity of ${number} to high`))).toContain(`Severity of incident ${number} is now High.`);
    expect(await attributionComments(name)).toEqual([`Severity set to High via Teams by ${ALEX.name}.`]);
  });

  it('a task completed but its answer lost is told "Completed", not "someone else changed it"', async () => {
    const { number, name } = await freshIncident(['Isolate the laptop']);
    await faults([{ match: { api: 'arm', method: 'PUT', pathContains: '/tasks/' }, fault: { dropResponse: true }, times: 1 }]);
    const answer = texts(await chat(h.botUrl).say(`complete task 1 of ${number}`));
    expect(answer).toContain('Completed "Isolate the laptop"');
    expect(answer).not.toContain('Someone else');
    const [task] = await probe(h).sentinel.listTasks(name);
    expect(task?.properties.status).toBe('Completed');
    expect(await attributionComments(name)).toEqual([`Task completed via Teams by ${ALEX.name}: Isolate the laptop`]);
  });

  it('a task added but its answer lost is added once', async () => {
    const { number, name } = await freshIncident();
    await faults([{ match: { api: 'arm', method: 'PUT', pathContains: '/tasks/' }, fault: { dropResponse: true }, times: 1 }]);
    expect(texts(await chat(h.botUrl).say(`add task Call the manager to ${number}`))).toContain('Added "Call the manager"');
    expect((await probe(h).sentinel.listTasks(name)).map((t) => t.properties.title)).toEqual(['Call the manager']);
    expect(await attributionComments(name)).toHaveLength(1);
  });
});

describe('two people at once', () => {
  it('of two concurrent assigns only the winner hears "assigned to you"; the other hears who has it', async () => {
    const { number, name } = await freshIncident();
    // Both read before either write lands, as when two people press at the same moment.
    await faults([{ match: { api: 'arm', method: 'PUT', pathContains: name }, fault: { delayMs: 300 }, times: 2 }]);
    const [ada, grace] = await Promise.all([chat(h.botUrl, ADA).say(`assign ${number} to me`), chat(h.botUrl, GRACE).say(`assign ${number} to me`)]);
    const owner = (await probe(h).sentinel.getIncident(name)).properties.owner?.objectId;
    const winner = owner === ADA.objectId ? ADA : GRACE;
    const [won, lost] = winner === ADA ? [texts(ada), texts(grace)] : [texts(grace), texts(ada)];
    expect(won).toContain(`Incident ${number} is now assigned to you, ${winner.name}.`);
    expect(lost).toContain(`Someone else changed incident ${number} while I was saving yours: it is now assigned to ${winner.name}`);
    expect(lost).not.toContain('assigned to you');
    expect(await attributionComments(name)).toEqual([`Assigned to ${winner.name} via Teams by ${winner.name}.`]);
  });
});

describe('the attribution comment', () => {
  it('does not hold up the answer, and is retried in the background until it is written', async () => {
    const { number, name } = await freshIncident();
    // More failures than one call's retries: only the background retry gets it through.
    await faults([{ match: { api: 'arm', method: 'PUT', pathContains: '/comments/' }, fault: { status: 503 }, times: 6 }]);
    expect(texts(await chat(h.botUrl).say(`set status of ${number} to active`))).toContain(`Status of incident ${number} is now Active.`);
    expect(h.app.attributions.stats().pending).toBe(1);
    expect(await attributionComments(name)).toEqual([`Status set to Active via Teams by ${ALEX.name}.`]);
  });
});
