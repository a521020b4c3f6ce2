/**
 * With the app's identity (AZURE_IDENTITY=app) every change the bot makes reads in Sentinel's audit
 * as made by the bot, not by the person, so the feed cannot tell "took it themselves" from the audit
 * table: the bot notes the owner itself before each change it makes. A person who takes an incident
 * through the bot, or reports one and takes it, hears nothing from the feed about it.
 */
import { ADA, GRACE, type DemoUser } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, submissionIdOf, INGESTION_DELAY_MS, type BotHarness } from '../helpers/botHarness';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../helpers/fakeConnector';

let h: BotHarness;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  h = await startBotHarness({ INCIDENT_FEED_POLL_MS: '3600000', AZURE_IDENTITY: 'app' });
  const soc = chat(h.botUrl, ADA, { conversationId: '19:owners-app@thread.tacv2', conversationType: 'channel', serviceUrl: connector.url });
  expect((await soc.say('watch incidents')).map((a) => a.text ?? '').join(' ')).toMatch(/post all incidents here/);
  await h.app.pollFeed!();
}, 30000);
afterAll(async () => {
  await h.stop();
  await connector.close();
});

const personal = (who: DemoUser): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.status === 200 && c.path === `/v3/conversations/a:personal-${who.objectId}/activities`);

async function pollPastIngestion(): Promise<void> {
  await h.app.pollFeed!();
  await new Promise((r) => setTimeout(r, INGESTION_DELAY_MS + 300));
  await h.app.pollFeed!();
  await h.app.pollFeed!();
}

async function report(who: DemoUser, title: string, owner: string): Promise<number> {
  const c = chat(h.botUrl, who, { serviceUrl: connector.url });
  const id = submissionIdOf(cardOf((await c.say(`report ${title}`))[0]));
  await c.press('report.submit', { title, severity: 'Medium', owner, submissionId: id });
  const created = cardTexts((await c.press('report.create', { submissionId: id })).body?.value).join(' ');
  return Number(/Incident (\d+) created/.exec(created)?.[1]);
}

it('a reporter who takes their own report: no personal message from the feed', async () => {
  const before = personal(GRACE).length;
  expect(await report(GRACE, `Reported and taken ${Date.now()}`, 'me')).toBeGreaterThan(0);
  await pollPastIngestion();
  expect(personal(GRACE).length - before).toBe(0);
}, 30000);

it('taking an incident through the bot ("assign to me"): no personal message from the feed', async () => {
  const n = await report(ADA, `Reported for nobody ${Date.now()}`, 'none');
  await h.app.pollFeed!();
  const before = personal(GRACE).length;
  const answer = await chat(h.botUrl, GRACE, { serviceUrl: connector.url }).say(`assign ${n} to me`);
  expect(cardTexts(cardOf(answer[0])).join(' ')).toContain(`Incident ${n} is now assigned to you`);
  await pollPastIngestion();
  expect(personal(GRACE).length - before).toBe(0);
}, 30000);
