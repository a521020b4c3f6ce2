/**
 * Single sign-on when Entra or Sentinel turns the person away in the middle of what they were
 * doing: a claims challenge or missing consent on a card press, and a token Sentinel stops
 * accepting between two presses. The person is asked to sign in, the card and what they typed
 * into it are kept, nothing is written meanwhile, and once signed in they press again and it is done.
 */
import { randomUUID } from 'node:crypto';
import { ADELE, GRACE, type DemoUser } from '../../src/demo/identities';
import { EmulatorControl } from '../emulator/helpers/controlClient';
import { cardOf, cardTexts, chat, submissionIdOf, type BotHarness } from '../helpers/botHarness';
import type { FakeConnector } from '../helpers/fakeConnector';
import type { FakeEntra } from '../helpers/fakeEntra';
import { OAUTH_CARD, SSO_CONNECTION, startSsoBot, teamsTokenFor, userIdOf, type SsoBot } from '../helpers/ssoBot';
import { probe } from '../helpers/sentinelProbe';

let bot: SsoBot;
let entra: FakeEntra;
let connector: FakeConnector;
let h: BotHarness;

beforeAll(async () => {
  bot = await startSsoBot();
  ({ entra, connector, h } = bot);
}, 30000);
afterAll(async () => bot?.stop());

function person(user: DemoUser) {
  const conversationId = `conv-${randomUUID()}`;
  const c = chat(h.botUrl, user, { serviceUrl: connector.url, conversationId });
  const posted = (): string => JSON.stringify(connector.calls.filter((call) => call.method === 'POST' && call.path.includes(conversationId)).map((call) => call.body));
  return { c, posted };
}

const exists = async (title: string): Promise<boolean> => (await probe(h).sentinel.listIncidents({ top: 1000 })).some((i) => i.properties.title === title);

describe.each(['claims', 'consent'] as const)('Entra answering %s on a card press', (answer) => {
  it('keeps the report form with its draft, writes nothing, and takes the same press after sign-in', async () => {
    const user = answer === 'claims' ? GRACE : ADELE;
    connector.tokens.signedIn.set(userIdOf(user), teamsTokenFor(user));
    entra.answerFor(user.objectId, 'token');
    const { c, posted } = person(user);
    const form = cardOf((await c.say('report'))[0]);
    const submissionId = submissionIdOf(form);
    const title = `Laptop left in a taxi (${answer})`;
    // A new Teams token, so the bot exchanges again, and Entra now wants more of the person.
    connector.tokens.signedIn.set(userIdOf(user), teamsTokenFor(user));
    entra.answerFor(user.objectId, answer);
    const pressed = await c.press('report.submit', { title, severity: 'Medium', owner: 'none', description: 'Left behind on the way to the airport', submissionId });
    // A message answer: Teams leaves the pressed card, and what was typed into it, as it is.
    expect(pressed.status).toBe(200);
    expect(pressed.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(String(pressed.body?.value)).toMatch(answer === 'consent' ? /haven't yet allowed/ : /multi-factor authentication/);
    expect(posted()).toContain(OAUTH_CARD);
    expect(String(pressed.body?.value)).toContain('then press the button again: the card keeps what you entered');
    expect(await exists(title)).toBe(false);
    entra.answerFor(user.objectId, 'token');
    expect((await c.invoke('signin/tokenExchange', { id: `exchange-${randomUUID()}`, connectionName: SSO_CONNECTION, token: teamsTokenFor(user) })).status).toBe(200);
    // The same card, pressed again with what it kept: the review of that draft.
    const review = await c.press('report.submit', { title, severity: 'Medium', owner: 'none', description: 'Left behind on the way to the airport', submissionId });
    const reviewed = cardTexts(review.body?.value).join(' ');
    expect(reviewed).toContain(title);
    expect(reviewed).toContain('Left behind on the way to the airport');
  });
});

describe('a token Sentinel stops accepting between two presses', () => {
  it('asks to sign in again, keeps the reviewed report, and creates it as the person after sign-in', async () => {
    connector.tokens.signedIn.set(userIdOf(GRACE), teamsTokenFor(GRACE));
    entra.answerFor(GRACE.objectId, 'token');
    const { c, posted } = person(GRACE);
    const submissionId = submissionIdOf(cardOf((await c.say('report'))[0]));
    const title = 'Tailgater at the server room door';
    const review = await c.press('report.submit', { title, severity: 'High', owner: 'none', submissionId });
    expect(cardTexts(review.body?.value).join(' ')).toContain(title);
    await new EmulatorControl(h.emulatorUrl).rotateTokenKey();
    const created = await c.press('report.create', { submissionId });
    expect(created.status).toBe(200);
    const kept = cardTexts(created.body?.value).join(' ');
    expect(kept).toContain(title);
    expect(kept).toContain('sign in with the card I send, then press Create incident');
    expect(posted()).toContain(OAUTH_CARD);
    expect(await exists(title)).toBe(false);
    connector.tokens.signedIn.set(userIdOf(GRACE), teamsTokenFor(GRACE));
    expect((await c.invoke('signin/tokenExchange', { id: `exchange-${randomUUID()}`, connectionName: SSO_CONNECTION, token: teamsTokenFor(GRACE) })).status).toBe(200);
    expect(await exists(title)).toBe(false);
    const again = await c.press('report.create', { submissionId });
    expect(cardTexts(again.body?.value).join(' ')).toMatch(/Incident \d+ created/);
    const incident = (await probe(h).sentinel.listIncidents({ top: 1000 })).find((i) => i.properties.title === title);
    expect(incident).toBeDefined();
    const comments = await probe(h).sentinel.listComments(incident!.name);
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.every((m) => m.properties.author?.name === GRACE.name)).toBe(true);
  });
});
