/**
 * Teams single sign-on and the on-behalf-of exchange, offline, through the real bot over HTTP.
 * The Bot Framework token service is the fake connector's (GetToken, exchange, SignOut,
 * GetSignInResource), Microsoft Entra ID's token endpoint a local HTTPS fake whose certificate
 * is made at test time, and Sentinel the emulator, which reads the person from the token the
 * exchange returned. What a person sees is asserted, and that nothing is written until the
 * sign-in works.
 *
 * The bot runs without an app id here: inbound tokens are covered in inboundTokens.test.ts, and
 * the bot's own outbound token needs Entra's instance discovery, which MSAL does not let go
 * offline. So the test hands the bot botbuilder's own user-token client, built for the app id
 * with no credential: its requests are the real ones, to the fake token service. The app
 * registration that exchanges the person's token is config.sso, as Azure's configuration
 * derives it from MicrosoftAppId.
 */
import { randomUUID } from 'node:crypto';
import { EMULATOR_DEFAULTS } from '../../src/config';
import { ADA, ADELE, ALEX, DEMO_TENANT_ID, GRACE, ISAIAH, MEGAN, type DemoUser } from '../../src/demo/identities';
import { userMessageFor } from '../../src/incidents/errors';
import { SIGN_IN_FIRST } from '../../src/bot/sso/signInFlow';
import { chat, type Activity, type BotHarness } from '../helpers/botHarness';
import { type FakeConnector } from '../helpers/fakeConnector';
import { type FakeEntra } from '../helpers/fakeEntra';
import { OAUTH_CARD, oauthCardOf, SSO_APP_ID, SSO_CONNECTION, startSsoBot, teamsTokenFor, userIdOf, type SsoBot } from '../helpers/ssoBot';
import { probe } from '../helpers/sentinelProbe';

const APP_ID = SSO_APP_ID;
const CONNECTION = SSO_CONNECTION;

let bot: SsoBot;
let entra: FakeEntra;
let connector: FakeConnector;
let h: BotHarness;
let logLines: string[];
const issued: string[] = [];

/** The person's token for the bot's API, as Teams obtains it silently. */
function teamsToken(user: DemoUser): string {
  const token = teamsTokenFor(user);
  issued.push(token);
  return token;
}


function person(user: DemoUser) {
  const conversationId = `conv-${randomUUID()}`;
  const c = chat(h.botUrl, user, { serviceUrl: connector.url, conversationId });
  /** What the bot posted into this conversation outside an HTTP answer (after an invoke). */
  const posted = (): string => JSON.stringify(connector.calls.filter((call) => call.method === 'POST' && call.path.includes(conversationId)).map((call) => call.body));
  return { c, posted };
}

const said = (replies: Activity[]): string => replies.map((a) => a.text ?? '').join(' ');

async function tasksOf(n: number) {
  const incident = await probe(h).sentinel.getIncidentByNumber(n);
  return probe(h).sentinel.listTasks(incident.name);
}

async function titles(n: number): Promise<string[]> {
  return (await tasksOf(n)).map((t) => t.properties.title);
}

beforeAll(async () => {
  bot = await startSsoBot();
  ({ entra, connector, h, logLines } = bot);
}, 30000);
afterAll(async () => bot?.stop());

describe('Teams single sign-on with the on-behalf-of exchange', () => {
  it('asks for sign-in before a change, runs it after the token exchange, and Sentinel records the person', async () => {
    const { c, posted } = person(ALEX);
    const replies = await c.say('add task Check the mailbox rules to 405211');
    expect(said(replies)).toContain(SIGN_IN_FIRST);
    expect(oauthCardOf(replies)).toMatchObject({ connectionName: CONNECTION, tokenExchangeResource: { id: 'exchange-resource', uri: expect.stringContaining('api://botid-') } });
    expect(await titles(405211)).not.toContain('Check the mailbox rules');

    const exchange = { id: `exchange-${randomUUID()}`, connectionName: CONNECTION, token: teamsToken(ALEX) };
    expect((await c.invoke('signin/tokenExchange', exchange)).status).toBe(200);
    expect(posted()).toContain('Check the mailbox rules');
    const task = (await tasksOf(405211)).find((t) => t.properties.title === 'Check the mailbox rules');
    expect(task?.properties.createdBy).toMatchObject({ name: 'Alex Wilber', objectId: ALEX.objectId, userPrincipalName: ALEX.userPrincipalName });
    // One exchange per resource, by the bot's app registration in the person's tenant.
    const alexExchanges = entra.requests.filter((r) => r.oid === ALEX.objectId);
    expect(alexExchanges.map((r) => r.scope.split(' ').find((s) => s.endsWith('/.default'))).sort()).toEqual([`${h.emulatorUrl}/.default`, `${h.emulatorUrl}/.default`].sort());
    expect(alexExchanges.every((r) => r.clientId === APP_ID && r.tenant === DEMO_TENANT_ID)).toBe(true);

    // Teams sends the same exchange from each open client: the task is not added twice.
    expect((await c.invoke('signin/tokenExchange', exchange)).status).toBe(200);
    expect((await titles(405211)).filter((t) => t === 'Check the mailbox rules')).toHaveLength(1);

    // Signed in now: the next command runs at once, with the person's cached tokens.
    const next = await c.say('add task Call the mailbox owner to 405211');
    expect(oauthCardOf(next)).toBeUndefined();
    expect((await tasksOf(405211)).find((t) => t.properties.title === 'Call the mailbox owner')?.properties.createdBy?.name).toBe('Alex Wilber');
    expect(entra.requests.filter((r) => r.oid === ALEX.objectId)).toHaveLength(alexExchanges.length);
  });

  it('takes a magic code (signin/verifyState) when the card was used in a browser, and refuses a wrong one', async () => {
    const { c, posted } = person(ADA);
    expect(oauthCardOf(await c.say('add task Pull the VPN logs to 405208'))).toBeDefined();
    const wrong = await c.invoke('signin/verifyState', { state: '000000' });
    expect(wrong.status).toBe(404);
    expect(posted()).toContain("That sign-in didn't complete, so nothing was changed.");
    expect(await titles(405208)).not.toContain('Pull the VPN logs');

    connector.tokens.magicCodes.set('493817', [userIdOf(ADA), teamsToken(ADA)]);
    expect((await c.invoke('signin/verifyState', { state: '493817' })).status).toBe(200);
    expect((await tasksOf(405208)).find((t) => t.properties.title === 'Pull the VPN logs')?.properties.createdBy?.name).toBe('Ada Lovelace');
  });

  it('answers an expired assertion with the sign-in sentence and card, ends the stale sign-in, and writes nothing', async () => {
    connector.tokens.signedIn.set(userIdOf(GRACE), teamsToken(GRACE));
    entra.answerFor(GRACE.objectId, 'expired');
    const { c } = person(GRACE);
    const replies = await c.say('add task Rotate the service account to 405211');
    expect(said(replies)).toContain(userMessageFor('SIGN_IN_REQUIRED'));
    expect(oauthCardOf(replies)).toBeDefined();
    expect(connector.tokens.signedIn.has(userIdOf(GRACE))).toBe(false);
    expect(await titles(405211)).not.toContain('Rotate the service account');

    // A fresh sign-in runs what Grace asked.
    entra.answerFor(GRACE.objectId, 'token');
    expect((await c.invoke('signin/tokenExchange', { id: `exchange-${randomUUID()}`, connectionName: CONNECTION, token: teamsToken(GRACE) })).status).toBe(200);
    expect((await tasksOf(405211)).find((t) => t.properties.title === 'Rotate the service account')?.properties.createdBy?.name).toBe('Grace Hopper');
  });

  it('answers missing consent with 412, so Teams shows its consent prompt, and keeps the command until consent is given', async () => {
    entra.answerFor(ADELE.objectId, 'consent');
    const { c, posted } = person(ADELE);
    expect(oauthCardOf(await c.say('add task Ask HR about the leaver to 405208'))).toBeDefined();
    const exchange = { id: `exchange-${randomUUID()}`, connectionName: CONNECTION, token: teamsToken(ADELE) };
    const refused = await c.invoke('signin/tokenExchange', exchange);
    expect(refused.status).toBe(412);
    expect(refused.body).toMatchObject({ id: exchange.id, connectionName: CONNECTION, failureDetail: expect.any(String) });
    expect(posted()).toContain(userMessageFor('CONSENT_REQUIRED'));
    expect(await titles(405208)).not.toContain('Ask HR about the leaver');

    entra.answerFor(ADELE.objectId, 'token');
    expect((await c.invoke('signin/tokenExchange', { ...exchange, id: `exchange-${randomUUID()}`, token: teamsToken(ADELE) })).status).toBe(200);
    expect((await tasksOf(405208)).find((t) => t.properties.title === 'Ask HR about the leaver')?.properties.createdBy?.name).toBe('Adele Vance');
  });

  it('answers a conditional-access claims challenge by asking to sign in again, writing nothing', async () => {
    connector.tokens.signedIn.set(userIdOf(ISAIAH), teamsToken(ISAIAH));
    entra.answerFor(ISAIAH.objectId, 'claims');
    const { c } = person(ISAIAH);
    const replies = await c.say('comment 405211 Called the user');
    expect(said(replies)).toContain('multi-factor authentication');
    expect(oauthCardOf(replies)).toBeDefined();
    expect(connector.tokens.signedIn.has(userIdOf(ISAIAH))).toBe(false);
    const incident = await probe(h).sentinel.getIncidentByNumber(405211);
    expect((await probe(h).sentinel.listComments(incident.name)).some((m) => m.properties.message.includes('Called the user'))).toBe(false);
  });

  it('answers 412 when the token service cannot exchange the Teams token', async () => {
    connector.tokens.refuseExchange.add(userIdOf(ISAIAH));
    const { c } = person(ISAIAH);
    const exchange = { id: `exchange-${randomUUID()}`, connectionName: CONNECTION, token: teamsToken(ISAIAH) };
    expect((await c.invoke('signin/tokenExchange', exchange)).status).toBe(412);
    connector.tokens.refuseExchange.delete(userIdOf(ISAIAH));
  });

  it('signs the person out: the token service forgets them, and the next change asks for sign-in again', async () => {
    const { c } = person(ALEX);
    expect(connector.tokens.signedIn.has(userIdOf(ALEX))).toBe(true);
    const replies = await c.say('sign me out');
    expect(said(replies)).toContain("You're signed out");
    expect(connector.tokens.signedIn.has(userIdOf(ALEX))).toBe(false);
    expect(connector.calls.some((call) => call.method === 'DELETE' && call.path === '/api/usertoken/SignOut')).toBe(true);
    const after = await c.say('add task Archive the mailbox to 405211');
    expect(said(after)).toContain(SIGN_IN_FIRST);
    expect(await titles(405211)).not.toContain('Archive the mailbox');
  });

  it('answers a card press before sign-in with a notice in the card, posts the sign-in card, and runs the press after sign-in', async () => {
    const { c, posted } = person(ISAIAH);
    const pressed = await c.press('task.add', { incidentNumber: 405208, title: 'Check the guest Wi-Fi logs' });
    expect(pressed.status).toBe(200);
    // Answered with a message, so Teams keeps the pressed card (and its inputs) as it is.
    expect(pressed.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: SIGN_IN_FIRST });
    expect(posted()).toContain(OAUTH_CARD);
    expect(await titles(405208)).not.toContain('Check the guest Wi-Fi logs');
    entra.answerFor(ISAIAH.objectId, 'token');
    expect((await c.invoke('signin/tokenExchange', { id: `exchange-${randomUUID()}`, connectionName: CONNECTION, token: teamsToken(ISAIAH) })).status).toBe(200);
    expect((await tasksOf(405208)).find((t) => t.properties.title === 'Check the guest Wi-Fi logs')?.properties.createdBy?.name).toBe('Isaiah Langer');
  });

  it("acknowledges Teams' report of a failed silent sign-in and tells the operator which", async () => {
    expect((await person(ADA).c.invoke('signin/failure', { code: 'resourcematchfailed', message: 'Resource match failed' })).status).toBe(200);
    expect(logLines.some((l) => l.includes('Teams could not sign the person in silently') && l.includes('resourcematchfailed'))).toBe(true);
  });

  it("applies the person's own role: Megan (Reader) signed in is told she needs the Responder role, and nothing is added", async () => {
    connector.tokens.signedIn.set(userIdOf(MEGAN), teamsToken(MEGAN));
    const replies = await person(MEGAN).c.say('add task Reset the VPN token to 405211');
    expect(said(replies)).toContain(userMessageFor('AZURE_ROLE_REQUIRED', { workspaceName: EMULATOR_DEFAULTS.workspaceName }));
    expect(await titles(405211)).not.toContain('Reset the VPN token');
  });

  it('needs no sign-in for help', async () => {
    const replies = await person(ADA).c.say('help');
    expect(oauthCardOf(replies)).toBeUndefined();
  });

  it('never writes a token to the log', () => {
    expect(logLines.length).toBeGreaterThan(10);
    for (const token of issued) expect(logLines.join('\n')).not.toContain(token.split('.')[1]);
    expect(logLines.join('\n')).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });
});
