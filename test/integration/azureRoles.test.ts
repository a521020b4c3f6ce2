/**
 * Azure roles apply to whoever's token makes the call. Called as a person who holds only
 * Microsoft Sentinel Reader, the bot still reads, and a change answers with the role the
 * person lacks, creating nothing. Called as the app, a refusal keeps the bot's own sentence.
 */
import { EMULATOR_BOT_IDENTITY, EmulatorTokenCredential } from '../../src/azure/credentials';
import { MEGAN } from '../../src/demo/identities';
import { EMULATOR_DEFAULTS } from '../../src/config';
import { userMessageFor as userMessage } from '../../src/incidents/errors';
import { EmulatorControl } from '../emulator/helpers/controlClient';
import { cardOf, cardTexts, chat, startBotHarness, submissionIdOf, type Activity, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

const ROLE_SENTENCE = `You need the Microsoft Sentinel Responder role on ${EMULATOR_DEFAULTS.workspaceName} to change incidents. Ask your Azure admin.`;
const texts = (replies: Activity[]): string => replies.map((a) => [a.text ?? '', ...cardTexts(cardOf(a))].join(' ')).join(' ');

describe('as the person, with the Reader role only', () => {
  let h: BotHarness;
  beforeAll(async () => {
    // The emulator's address is known once the bot has started it.
    const megan = new EmulatorTokenCredential(() => h.emulatorUrl, { oid: MEGAN.objectId, name: MEGAN.name, upn: MEGAN.userPrincipalName });
    h = await startBotHarness({}, {}, undefined, { credential: megan, actingAs: 'person' });
  });
  afterAll(async () => h.stop());

  it('still shows incidents and tasks', async () => {
    const said = texts(await chat(h.botUrl, MEGAN).say('show tasks for 405211'));
    expect(said).not.toContain('Responder role');
    expect(said).toMatch(/405211/);
  });

  it('answers a change with the role the person needs, and changes nothing', async () => {
    const before = (await probe(h).sentinel.getIncidentByNumber(405208)).properties.owner?.objectId;
    const said = texts(await chat(h.botUrl, MEGAN).say('assign 405208 to me'));
    expect(said).toContain(ROLE_SENTENCE);
    expect((await probe(h).sentinel.getIncidentByNumber(405208)).properties.owner?.objectId).toBe(before);
  });

  it('creates no incident from a report and says so', async () => {
    const count = async (): Promise<number> => (await probe(h).sentinel.listIncidents({ top: 1000 })).length;
    const before = await count();
    const c = chat(h.botUrl, MEGAN);
    const id = submissionIdOf(cardOf((await c.say('report'))[0]));
    await c.press('report.submit', { title: 'Laptop fan screams at night', severity: 'Low', owner: 'none', submissionId: id });
    const created = await c.press('report.create', { submissionId: id });
    expect(cardTexts(created.body?.value).join(' ')).toContain(ROLE_SENTENCE);
    expect(await count()).toBe(before);
  });
});

describe('as the app', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ AZURE_IDENTITY: 'app' });
  });
  afterAll(async () => h.stop());

  it("keeps the bot's own sentence when its identity lost the Responder role", async () => {
    const control = new EmulatorControl(h.emulatorUrl);
    await control.grantRole(EMULATOR_BOT_IDENTITY.oid, 'Reader');
    const said = texts(await chat(h.botUrl, MEGAN).say('assign 405208 to me'));
    expect(said).toContain(userMessage('AZURE_FORBIDDEN'));
    expect(said).not.toContain('You need the');
    await control.grantRole(EMULATOR_BOT_IDENTITY.oid, 'Responder');
    expect(texts(await chat(h.botUrl, MEGAN).say('assign 405208 to me'))).not.toContain(userMessage('AZURE_FORBIDDEN'));
  });
});
