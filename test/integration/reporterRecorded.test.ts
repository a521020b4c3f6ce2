/**
 * A report nobody takes still names its reporter in Sentinel: a line under the person's
 * description and the attribution comment. The person's text is never cut for the line.
 */
import { ALEX } from '../../src/demo/identities';
import { LIMITS } from '../../src/incidents/limits';
import { cardOf, cardTexts, chat, eventually, startBotHarness, submissionIdOf, type BotHarness, type Json } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h.stop());

async function report(fields: Json): Promise<number> {
  const c = chat(h.botUrl, ALEX);
  const id = submissionIdOf(cardOf((await c.say('report'))[0]));
  await c.press('report.submit', { severity: 'Low', owner: 'none', submissionId: id, ...fields });
  const created = await c.press('report.create', { submissionId: id });
  return Number(/Incident (\d+)/.exec(cardTexts(created.body?.value).join(' '))?.[1]);
}

it('records the reporter of an unassigned report in its description and a comment', async () => {
  const number = await report({ title: 'Printer asks for my password', description: 'It popped up <b>twice</b>.' });
  const incident = await probe(h).sentinel.getIncidentByNumber(number);
  expect(incident.properties.owner?.objectId).toBeUndefined();
  expect(incident.properties.description).toBe('It popped up <b>twice</b>.\n\nReported by Alex Wilber from Microsoft Teams');
  const comments = await eventually(() => probe(h).sentinel.listComments(incident.name), (cs) => cs.length > 0);
  expect(comments.map((c) => c.properties.message)).toContain('Reported via Teams by Alex Wilber.');
});

it('records the reporter when the report has no description', async () => {
  const number = await report({ title: 'Strange USB stick in the lobby' });
  expect((await probe(h).sentinel.getIncidentByNumber(number)).properties.description).toBe('Reported by Alex Wilber from Microsoft Teams');
});

it('keeps a description at the limit whole and leaves the line out', async () => {
  const text = 'x'.repeat(LIMITS.descriptionMax);
  const number = await report({ title: 'Long account of events', description: text });
  expect((await probe(h).sentinel.getIncidentByNumber(number)).properties.description).toBe(text);
});
