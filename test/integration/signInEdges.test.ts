/**
 * Single sign-on as an attacker or a confused person would use it, through the real bot over
 * HTTP: a token that is someone else's (another account chosen in the browser, a forged
 * exchange, another tenant), malformed and replayed invokes, several requests while signing
 * in, a request that waited too long, a waiting change that meets a changed incident, sign
 * out in a group chat and per person, and Entra ID down or throttling. The token service is
 * the fake connector's, Entra a local HTTPS fake, Sentinel the emulator (see singleSignOn.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { ADA, ADELE, ALEX, GRACE, ISAIAH, MEGAN, type DemoUser } from '../../src/demo/identities';
import { userMessageFor } from '../../src/incidents/errors';
import { NOT_YOUR_ACCOUNT, PENDING_EXPIRED, REPLACED_PENDING, SIGN_IN_FIRST } from '../../src/bot/sso/signInFlow';
import { PENDING_FOR_MS } from '../../src/bot/sso/singleSignOn';
import { chat, type Activity, type BotHarness, type ChatOptions } from '../helpers/botHarness';
import { type FakeConnector } from '../helpers/fakeConnector';
import { type FakeEntra } from '../helpers/fakeEntra';
import { oauthCardOf, SSO_CONNECTION, startSsoBot, teamsTokenFor, userIdOf, type SsoBot } from '../helpers/ssoBot';
import { probe } from '../helpers/sentinelProbe';

const CONNECTION = SSO_CONNECTION;
/** Shortened from the default, so a token endpoint that never answers is given up on quickly. */
const ENTRA_TIMEOUT_MS = 8000;
const OTHER_TENANT = '0f0e0d0c-0b0a-4909-8807-060504030201';

let bot: SsoBot;
let entra: FakeEntra;
let connector: FakeConnector;
let h: BotHarness;
let logLines: string[];

const teamsToken = teamsTokenFor;


function person(user: DemoUser, options: ChatOptions = {}) {
  const conversationId = `conv-${randomUUID()}`;
  const c = chat(h.botUrl, user, { serviceUrl: connector.url, conversationId, ...options });
  /** What the bot posted into this conversation outside an HTTP answer (after an invoke). */
  const posted = (): string => JSON.stringify(connector.calls.filter((call) => call.method === 'POST' && call.path.includes(conversationId)).map((call) => call.body));
  const exchange = (token: string, id = `exchange-${randomUUID()}`) => c.invoke('signin/tokenExchange', { id, connectionName: CONNECTION, token });
  return { c, posted, exchange };
}

const said = (replies: Activity[]): string => replies.map((a) => a.text ?? '').join(' ');

async function tasksOf(n: number) {
  const incident = await probe(h).sentinel.getIncidentByNumber(n);
  return probe(h).sentinel.listTasks(incident.name);
}

const titles = async (n: number): Promise<string[]> => (await tasksOf(n)).map((t) => t.properties.title);
const creatorOf = async (n: number, title: string): Promise<string | undefined> => (await tasksOf(n)).find((t) => t.properties.title === title)?.properties.createdBy?.name;

beforeAll(async () => {
  bot = await startSsoBot({ entraTimeoutMs: ENTRA_TIMEOUT_MS });
  ({ entra, connector, h, logLines } = bot);
}, 30000);
afterAll(async () => bot?.stop());

describe('a sign-in that is not the person in the chat', () => {
  it('refuses a token exchange carrying someone else\'s token: nothing is done as them, and the token service keeps nothing', async () => {
    const { c, exchange, posted } = person(ALEX);
    expect(oauthCardOf(await c.say('add task Forged exchange to 405211'))).toBeDefined();
    const answer = await exchange(teamsToken(ADELE));
    expect(answer.status).toBe(412);
    expect(posted()).toContain(NOT_YOUR_ACCOUNT);
    expect(await titles(405211)).not.toContain('Forged exchange');
    expect(connector.tokens.signedIn.has(userIdOf(ALEX))).toBe(false);
    expect(entra.requests.some((r) => r.oid === ADELE.objectId)).toBe(false);

    // Alex's own token then runs what he asked, as him.
    expect((await exchange(teamsToken(ALEX))).status).toBe(200);
    expect(await creatorOf(405211, 'Forged exchange')).toBe('Alex Wilber');
  });

  it('refuses a sign-in made with another account (the token service holds it for this Teams user), ends it, and offers the card', async () => {
    connector.tokens.signedIn.set(userIdOf(ISAIAH), teamsToken(MEGAN));
    const replies = await person(ISAIAH).c.say('add task Signed in as someone else to 405211');
    expect(said(replies)).toContain(NOT_YOUR_ACCOUNT);
    expect(oauthCardOf(replies)).toBeDefined();
    expect(connector.tokens.signedIn.has(userIdOf(ISAIAH))).toBe(false);
    expect(await titles(405211)).not.toContain('Signed in as someone else');
    expect(entra.requests.some((r) => r.oid === MEGAN.objectId)).toBe(false);
  });

  it('refuses a magic code that signed in another account', async () => {
    const { c, posted } = person(GRACE);
    expect(oauthCardOf(await c.say('add task Magic code of another account to 405208'))).toBeDefined();
    connector.tokens.magicCodes.set('730112', [userIdOf(GRACE), teamsToken(ADA)]);
    expect((await c.invoke('signin/verifyState', { state: '730112' })).status).toBe(412);
    expect(posted()).toContain(NOT_YOUR_ACCOUNT);
    expect(await titles(405208)).not.toContain('Magic code of another account');
    expect(connector.tokens.signedIn.has(userIdOf(GRACE))).toBe(false);
  });

  it('refuses the same person\'s object id from another tenant', async () => {
    connector.tokens.signedIn.set(userIdOf(ADA), teamsToken(ADA, OTHER_TENANT));
    const replies = await person(ADA).c.say('comment 405211 From the wrong tenant');
    expect(said(replies)).toContain(NOT_YOUR_ACCOUNT);
    const incident = await probe(h).sentinel.getIncidentByNumber(405211);
    expect((await probe(h).sentinel.listComments(incident.name)).some((m) => m.properties.message.includes('From the wrong tenant'))).toBe(false);
  });

  it('refuses a token that names nobody', async () => {
    connector.tokens.signedIn.set(userIdOf(ADA), 'not-a-jwt');
    expect(said(await person(ADA).c.say('add task Opaque token to 405211'))).toContain(NOT_YOUR_ACCOUNT);
    expect(await titles(405211)).not.toContain('Opaque token');
  });
});

describe('malformed and replayed sign-in invokes', () => {
  it('answers an exchange without id or token with 400, and one for another connection with 412, running nothing', async () => {
    const { c } = person(ADELE);
    expect(oauthCardOf(await c.say('add task Malformed exchange to 405208'))).toBeDefined();
    expect((await c.invoke('signin/tokenExchange', { connectionName: CONNECTION, token: teamsToken(ADELE) })).status).toBe(400);
    expect((await c.invoke('signin/tokenExchange', { id: 'x', connectionName: CONNECTION })).status).toBe(400);
    expect((await c.invoke('signin/tokenExchange', { id: 'x', connectionName: CONNECTION, token: 42 })).status).toBe(400);
    const other = await c.invoke('signin/tokenExchange', { id: 'x', connectionName: 'someone-elses', token: teamsToken(ADELE) });
    expect(other.status).toBe(412);
    expect(other.body).toMatchObject({ id: 'x', connectionName: 'someone-elses' });
    expect(await titles(405208)).not.toContain('Malformed exchange');
    expect(connector.tokens.signedIn.has(userIdOf(ADELE))).toBe(false);
  });

  it('runs a waiting command once when the same exchange is replayed, or a code and an exchange both complete', async () => {
    const { c, exchange } = person(ADELE);
    expect(oauthCardOf(await c.say('add task Only once please to 405208'))).toBeDefined();
    connector.tokens.magicCodes.set('118822', [userIdOf(ADELE), teamsToken(ADELE)]);
    const id = `exchange-${randomUUID()}`;
    const token = teamsToken(ADELE);
    const answers = await Promise.all([exchange(token, id), exchange(token, id), c.invoke('signin/verifyState', { state: '118822' }), exchange(teamsToken(ADELE))]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await titles(405208)).filter((t) => t === 'Only once please')).toHaveLength(1);
  });
});

describe('requests while signing in', () => {
  it('says the earlier request will not run when a second one takes its place, and runs the latest once', async () => {
    const { c, exchange } = person(ISAIAH);
    expect(said(await c.say('add task First while signing in to 405211'))).toContain(SIGN_IN_FIRST);
    const second = await c.say('add task Second while signing in to 405211');
    expect(said(second)).toContain(REPLACED_PENDING);
    expect(oauthCardOf(second)).toBeDefined();
    // The same request again is not a replacement.
    expect(said(await c.say('add task Second while signing in to 405211'))).not.toContain(REPLACED_PENDING);
    expect((await exchange(teamsToken(ISAIAH))).status).toBe(200);
    const now = await titles(405211);
    expect(now.filter((t) => t === 'Second while signing in')).toHaveLength(1);
    expect(now).not.toContain('First while signing in');
  });

  it('does not run a request that waited past its window, and says so', async () => {
    const { c, exchange, posted } = person(GRACE);
    expect(said(await c.say('add task Long forgotten to 405208'))).toContain(SIGN_IN_FIRST);
    const realNow = Date.now.bind(Date);
    const later = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + PENDING_FOR_MS + 60_000);
    try {
      const token = teamsToken(GRACE);
      expect((await exchange(token)).status).toBe(200);
    } finally {
      later.mockRestore();
    }
    expect(posted()).toContain(PENDING_EXPIRED);
    expect(await titles(405208)).not.toContain('Long forgotten');
  });

  it('runs a waiting "take it" press against the incident as it is then: a new owner meanwhile is not overwritten', async () => {
    const { c, exchange, posted } = person(ADA);
    const incident = await probe(h).sentinel.getIncidentByNumber(405208);
    const before = incident.properties.owner?.objectId ?? 'none';
    const pressed = await c.press('incident.takeOver', { incidentNumber: 405208, expectedOwner: before });
    expect(pressed.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: SIGN_IN_FIRST });
    // Meanwhile Megan's colleague Alex (signed in already) takes it.
    connector.tokens.signedIn.set(userIdOf(ALEX), teamsToken(ALEX));
    await person(ALEX).c.say('assign 405208 to me');
    expect((await probe(h).sentinel.getIncidentByNumber(405208)).properties.owner?.objectId).toBe(ALEX.objectId);
    expect((await exchange(teamsToken(ADA))).status).toBe(200);
    expect((await probe(h).sentinel.getIncidentByNumber(405208)).properties.owner?.objectId).toBe(ALEX.objectId);
    expect(posted()).toContain('Alex Wilber');
  });
});

describe('sign out', () => {
  it('works in a group chat: the sign-in ends everywhere, and the next command in the personal chat asks to sign in', async () => {
    connector.tokens.signedIn.set(userIdOf(ADELE), teamsToken(ADELE));
    const group = person(ADELE, { conversationType: 'groupChat' });
    expect(said(await group.c.say('sign out'))).toContain("You're signed out");
    expect(connector.tokens.signedIn.has(userIdOf(ADELE))).toBe(false);
    const after = await person(ADELE).c.say('add task After group sign out to 405211');
    expect(oauthCardOf(after)).toBeDefined();
    expect(await titles(405211)).not.toContain('After group sign out');
  });

  it('drops what the person asked in another conversation before saying sign out', async () => {
    const channel = person(ISAIAH, { conversationType: 'groupChat' });
    connector.tokens.signedIn.delete(userIdOf(ISAIAH));
    expect(said(await channel.c.say('add task Asked before sign out to 405208'))).toContain(SIGN_IN_FIRST);
    expect(said(await person(ISAIAH).c.say('sign out'))).toContain("You're signed out");
    expect((await channel.exchange(teamsToken(ISAIAH))).status).toBe(200);
    expect(channel.posted()).toContain("You're signed in. Ask me for what you need.");
    expect(await titles(405208)).not.toContain('Asked before sign out');
    // What is asked after the sign out still waits for the next sign-in.
    connector.tokens.signedIn.delete(userIdOf(ISAIAH));
    expect(said(await channel.c.say('add task Asked after sign out to 405208'))).toContain(SIGN_IN_FIRST);
    expect((await channel.exchange(teamsToken(ISAIAH))).status).toBe(200);
    expect(await creatorOf(405208, 'Asked after sign out')).toBe('Isaiah Langer');
  });

  it('says so when the token service cannot end the sign-in, and holds no token for the person meanwhile', async () => {
    connector.tokens.signedIn.set(userIdOf(ADA), teamsToken(ADA));
    const { c } = person(ADA);
    await c.say('add task Before a failed sign out to 405211');
    connector.tokens.signOutDown = true;
    try {
      const replies = await c.say('sign out');
      expect(JSON.stringify(replies)).toContain('your sign-in there may still stand');
      expect(said(replies)).not.toContain("You're signed out");
    } finally {
      connector.tokens.signOutDown = false;
    }
    expect(said(await c.say('sign out'))).toContain("You're signed out");
    expect(connector.tokens.signedIn.has(userIdOf(ADA))).toBe(false);
  });

  it("of one person leaves another's sign-in and cached tokens alone", async () => {
    connector.tokens.signedIn.set(userIdOf(GRACE), teamsToken(GRACE));
    connector.tokens.signedIn.set(userIdOf(ISAIAH), teamsToken(ISAIAH));
    entra.answerFor(GRACE.objectId, 'token');
    const grace = person(GRACE);
    const isaiah = person(ISAIAH);
    await Promise.all([grace.c.say('add task Grace before sign out to 405211'), isaiah.c.say('add task Isaiah before sign out to 405211')]);
    const graceExchanges = entra.requests.filter((r) => r.oid === GRACE.objectId).length;
    const [out] = await Promise.all([isaiah.c.say('sign out'), grace.c.say('add task Grace during sign out to 405211')]);
    expect(said(out)).toContain("You're signed out");
    expect(oauthCardOf(await grace.c.say('add task Grace after sign out to 405211'))).toBeUndefined();
    expect(oauthCardOf(await isaiah.c.say('add task Isaiah after sign out to 405211'))).toBeDefined();
    expect(await creatorOf(405211, 'Grace after sign out')).toBe('Grace Hopper');
    expect(await titles(405211)).not.toContain('Isaiah after sign out');
    // Grace's tokens came from her cache: no new exchange for her.
    expect(entra.requests.filter((r) => r.oid === GRACE.objectId)).toHaveLength(graceExchanges);
  });
});

describe('Microsoft Entra ID down, throttling or not answering', () => {
  it.each([
    ['down (503, Retry-After)', 'unavailable', 2],
    ['throttling (429, Retry-After)', 'throttled', 2],
    ['not answering at all', 'hang', 0],
  ] as const)('when Entra is %s: a clear sentence after retries, nothing written, still signed in', async (_what, answer, retries) => {
    connector.tokens.signedIn.set(userIdOf(MEGAN), teamsToken(MEGAN));
    entra.answerFor(MEGAN.objectId, answer);
    const before = entra.requests.filter((r) => r.oid === MEGAN.objectId).length;
    const started = Date.now();
    const replies = await person(MEGAN).c.say('comment 405211 While Entra is down');
    expect(Date.now() - started).toBeLessThan(ENTRA_TIMEOUT_MS * 2);
    const text = said(replies);
    expect(text).toContain(userMessageFor('SIGN_IN_UNAVAILABLE'));
    expect(oauthCardOf(replies)).toBeUndefined();
    // @azure/identity tries again (waiting out Retry-After); a request never answered is not repeated.
    expect(entra.requests.filter((r) => r.oid === MEGAN.objectId).length - before).toBeGreaterThan(retries);
    expect(connector.tokens.signedIn.has(userIdOf(MEGAN))).toBe(true);
    const incident = await probe(h).sentinel.getIncidentByNumber(405211);
    expect((await probe(h).sentinel.listComments(incident.name)).some((m) => m.properties.message.includes('While Entra is down'))).toBe(false);
    entra.answerFor(MEGAN.objectId, 'token');
  }, 40000);

  it('a sign-in completing while Entra is down tells the person, and the waiting request does not run later by surprise', async () => {
    const { c, exchange, posted } = person(ADELE);
    connector.tokens.signedIn.delete(userIdOf(ADELE));
    expect(said(await c.say('add task During the Entra outage to 405208'))).toContain(SIGN_IN_FIRST);
    entra.answerFor(ADELE.objectId, 'unavailable');
    expect((await exchange(teamsToken(ADELE))).status).toBe(200);
    expect(posted()).toContain(userMessageFor('SIGN_IN_UNAVAILABLE'));
    entra.answerFor(ADELE.objectId, 'token');
    // Entra is back; another client's exchange completes: nothing old runs.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await exchange(teamsToken(ADELE))).status).toBe(200);
    expect(posted()).toContain("You're signed in. Ask me for what you need.");
    expect(await titles(405208)).not.toContain('During the Entra outage');
  }, 30000);
});

it('never writes a token to the log or a chat', () => {
  const all = logLines.join('\n') + JSON.stringify(connector.calls.filter((c) => !c.path.startsWith('/api/usertoken')).map((c) => c.body));
  expect(logLines.length).toBeGreaterThan(10);
  expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  expect(logLines.some((l) => l.includes('refused a sign-in for a different account'))).toBe(true);
});
