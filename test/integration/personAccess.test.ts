/**
 * Acting as the person, against an emulator that checks tokens and roles as Azure does: a
 * person with no role on the workspace is told so for reads too; a Reader reads and is told
 * which role a change needs; a token refused mid-conversation (its signing key rolled) is
 * replaced without the person noticing, and the report they were writing is created as theirs;
 * every token the people's clients fetch shows in the bot's Azure counts.
 */
import { EMULATOR_DEFAULTS } from '../../src/config';
import { ALEX, ISAIAH, MEGAN } from '../../src/demo/identities';
import { userMessageFor } from '../../src/incidents/errors';
import { EmulatorControl } from '../emulator/helpers/controlClient';
import { cardOf, cardTexts, chat, startBotHarness, submissionIdOf, type Activity, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

const texts = (replies: Activity[]): string => replies.map((a) => [a.text ?? '', ...cardTexts(cardOf(a))].join(' ')).join(' ');
const WORKSPACE = { workspaceName: EMULATOR_DEFAULTS.workspaceName };

let h: BotHarness;
let control: EmulatorControl;
beforeAll(async () => {
  h = await startBotHarness();
  control = new EmulatorControl(h.emulatorUrl);
});
afterAll(async () => h.stop());

describe('a person with no role on the workspace', () => {
  beforeAll(async () => control.revokeRole(ISAIAH.objectId));
  afterAll(async () => control.grantRole(ISAIAH.objectId, 'Responder'));

  it.each(['show 405211', 'my incidents', 'show tasks for 405211', 'task history for 405211'])('is told they have no access when they ask "%s"', async (text) => {
    const said = texts(await chat(h.botUrl, ISAIAH).say(text));
    expect(said).toContain(userMessageFor('AZURE_NO_ACCESS', WORKSPACE));
    expect(said).not.toContain('to change incidents. Ask');
  });

  it('is told the same, not a change-only sentence, when a change is refused at its first read, and nothing changes', async () => {
    const before = await probe(h).sentinel.getIncidentByNumber(405211);
    expect(texts(await chat(h.botUrl, ISAIAH).say('assign 405211 to me'))).toContain(userMessageFor('AZURE_NO_ACCESS', WORKSPACE));
    expect((await probe(h).sentinel.getIncidentByNumber(405211)).etag).toBe(before.etag);
  });
});

describe('a Reader', () => {
  it.each(['assign 405208 to me', 'set severity of 405208 to low', 'comment 405208 seen it', 'add task Call the vendor to 405208'])('reads, and on "%s" is told the role a change needs', async (text) => {
    const megan = chat(h.botUrl, MEGAN);
    expect(texts(await megan.say('show 405208'))).toContain('405208');
    const before = await probe(h).sentinel.getIncidentByNumber(405208);
    const said = texts(await megan.say(text));
    expect(said).toContain(userMessageFor('AZURE_ROLE_REQUIRED', WORKSPACE));
    expect((await probe(h).sentinel.getIncidentByNumber(405208)).etag).toBe(before.etag);
  });
});

describe('a token refused mid-conversation', () => {
  it("is replaced without a word to the person, and the report they were writing is created, as theirs", async () => {
    const c = chat(h.botUrl, ALEX);
    const id = submissionIdOf(cardOf((await c.say('report'))[0]));
    const review = await c.press('report.submit', { title: 'USB stick found in the lobby', severity: 'Low', owner: 'none', submissionId: id });
    expect(review.status).toBe(200);
    const tokensBefore = h.app.azureStats().arm.tokenRequests;
    await control.rotateTokenKey();
    const created = await c.press('report.create', { submissionId: id });
    expect(JSON.stringify(created.body)).not.toMatch(/sign in|couldn't|Sorry/i);
    const incident = (await probe(h).sentinel.listIncidents({ top: 1000 })).find((i) => i.properties.title === 'USB stick found in the lobby');
    expect(incident).toBeDefined();
    const comments = await probe(h).sentinel.listComments(incident!.name);
    expect(comments.every((m) => m.properties.author?.name === ALEX.name)).toBe(true);
    expect(h.app.azureStats().arm.tokenRequests).toBeGreaterThan(tokensBefore);
  });
});

describe("the bot's Azure counts", () => {
  it("include the people's own clients: their requests and token fetches", async () => {
    const before = h.app.azureStats();
    await chat(h.botUrl, { objectId: '6e7f8a9b-0c1d-4e2f-9a3b-4c5d6e7f8a9b', name: 'Adele Vance' }).say('show 405209');
    const after = h.app.azureStats();
    expect(after.arm.requests).toBeGreaterThan(before.arm.requests);
    expect(after.arm.tokenRequests + after.query.tokenRequests).toBeGreaterThan(before.arm.tokenRequests + before.query.tokenRequests);
  });
});
