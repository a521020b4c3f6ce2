/**
 * Azure throttling and outages, played by the emulator's fault injection: retryable
 * failures are retried within a budget and then reported clearly, a create whose answer
 * was lost never makes two incidents, a racing writer is never overwritten, and the bot
 * recovers without a restart.
 */
import { userMessageFor } from '../../src/incidents/errors';
import { EMULATOR_DEFAULTS } from '../../src/config';
import axios from 'axios';
import { ALEX } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, submissionIdOf, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ SENTINEL_TIMEOUT_MS: '2000', SENTINEL_MAX_RETRIES: '3', SENTINEL_MAX_RETRY_DELAY_MS: '1500' });
});
afterAll(async () => h.stop());
afterEach(async () => {
  await axios.delete(`${h.emulatorUrl}/_emulator/faults`);
});

const faults = (rules: unknown[]): Promise<unknown> => axios.put(`${h.emulatorUrl}/_emulator/faults`, rules);
const stats = async (): Promise<Record<string, number>> => ((await axios.get(`${h.emulatorUrl}/_emulator/stats`)).data as { byRoute: Record<string, number> }).byRoute;
const resetStats = (): Promise<unknown> => axios.post(`${h.emulatorUrl}/_emulator/stats/reset`);
const say = async (text: string): Promise<string> => (await chat(h.botUrl).say(text)).flatMap((r) => [r.text ?? '', ...cardTexts(cardOf(r))]).join(' ');

describe('retryable failures', () => {
  it('retries throttling with Retry-After and answers normally', async () => {
    await faults([{ match: { api: 'query' }, fault: { status: 429, retryAfterSeconds: 1 }, times: 2 }]);
    await resetStats();
    expect(await say('show tasks for 405211')).toContain('Tasks of incident 405211');
    expect((await stats())['POST query']).toBe(3);
  });

  it.each([500, 503])('retries %i within the budget, then says Sentinel is not answering; recovers when it clears', async (status) => {
    await faults([{ match: { api: 'query' }, fault: { status } }]);
    await resetStats();
    expect(await say('show tasks for 405211')).toContain("Microsoft Sentinel isn't answering right now. Nothing was changed");
    expect((await stats())['POST query']).toBe(4);
    await axios.delete(`${h.emulatorUrl}/_emulator/faults`);
    expect(await say('show tasks for 405211')).toContain('Tasks of incident 405211');
  });

  it('reports throttling at once when Azure asks for a longer wait than the budget', async () => {
    await faults([{ match: { api: 'arm' }, fault: { status: 429, retryAfterSeconds: 120 } }]);
    await resetStats();
    expect(await say('show 405211')).toContain('Microsoft Sentinel is busy right now');
    const byRoute = await stats();
    expect((byRoute['GET incidents'] ?? 0) + (byRoute['GET incident'] ?? 0)).toBe(1);
  });

  it('gives up on answers slower than the client timeout and says so', async () => {
    await faults([{ match: { api: 'arm' }, fault: { delayMs: 2500 } }]);
    expect(await say('show 405211')).toContain('Microsoft Sentinel took too long to answer');
  });

  it('retries a dropped connection transparently', async () => {
    await faults([{ match: { api: 'arm' }, fault: { reset: true }, times: 1 }]);
    expect(await say('show 405211')).toContain('Incident 405211');
  });

  it('does not retry what cannot succeed (403): it explains the missing role', async () => {
    await faults([{ match: { api: 'arm' }, fault: { status: 403 } }]);
    await resetStats();
    // A read refused: the person has no role on the workspace at all.
    expect(await say('show 405211')).toContain(userMessageFor('AZURE_NO_ACCESS', { workspaceName: EMULATOR_DEFAULTS.workspaceName }));
    const byRoute = await stats();
    // One read: by number the first time, by name once the number is known.
    expect((byRoute['GET incidents'] ?? 0) + (byRoute['GET incident'] ?? 0)).toBe(1);
  });
});

describe('never two incidents, never an overwrite', () => {
  it('a create retried after its answer was lost makes exactly one incident', async () => {
    const c = chat(h.botUrl);
    const title = `Lost answer ${Date.now()}`;
    const id = submissionIdOf(cardOf((await c.say(`report ${title}`))[0]));
    await c.press('report.submit', { title, severity: 'Low', submissionId: id });
    await faults([{ match: { api: 'arm', method: 'PUT', pathContains: '/incidents/' }, fault: { dropResponse: true }, times: 1 }]);
    const answer = await c.press('report.create', { submissionId: id });
    expect(cardTexts(answer.body?.value).join(' ')).toMatch(/Incident \d+ created|already created as incident \d+/);
    const all = await probe(h).sentinel.listIncidents({ top: 1000 });
    expect(all.filter((i) => i.properties.title === title)).toHaveLength(1);
  });

  it('an assign racing another writer re-reads and keeps their change', async () => {
    await faults([{ match: { api: 'arm', method: 'PUT' }, fault: { conflict: true }, times: 1 }]);
    expect(await say('assign 405208 to me')).toContain('Incident 405208 is now assigned to you, Alex Wilber.');
    const incident = await probe(h).sentinel.getIncidentByNumber(405208);
    expect(incident.properties.owner?.objectId).toBe(ALEX.objectId);
    expect(incident.properties.labels?.map((l) => l.labelName)).toEqual(['malware', 'endpoint']);
  });

  it('a failed create keeps the report so Create can simply be pressed again', async () => {
    const c = chat(h.botUrl);
    const title = `Retry me ${Date.now()}`;
    const id = submissionIdOf(cardOf((await c.say(`report ${title}`))[0]));
    await c.press('report.submit', { title, severity: 'Low', submissionId: id });
    await faults([{ match: { api: 'arm', method: 'PUT' }, fault: { status: 503 } }]);
    const failed = await c.press('report.create', { submissionId: id });
    expect(cardTexts(failed.body?.value).join(' ')).toContain('Your report is kept: press Create incident to try again.');
    await axios.delete(`${h.emulatorUrl}/_emulator/faults`);
    const ok = await c.press('report.create', { submissionId: id });
    expect(cardTexts(ok.body?.value).join(' ')).toMatch(/Incident \d+ created/);
  });
});
