/**
 * AZURE_IDENTITY=person (the emulator's default): what a person does from chat reaches
 * Sentinel with their own token, so the tasks API and the SecurityIncident records name them,
 * and their own role applies. AZURE_IDENTITY=app keeps the bot's identity for everyone.
 */
import axios from 'axios';
import { mintToken } from '../emulator/helpers/emulatorHarness';
import { EMULATOR_BOT_IDENTITY } from '../../src/azure/credentials';
import { EMULATOR_DEFAULTS } from '../../src/config';
import { ADA, ALEX, MEGAN } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, eventually, startBotHarness, submissionIdOf, type Activity, type BotHarness } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

const ROLE_SENTENCE = `You need the Microsoft Sentinel Responder role on ${EMULATOR_DEFAULTS.workspaceName} to change incidents.`;
const texts = (replies: Activity[]): string => replies.map((a) => [a.text ?? '', ...cardTexts(cardOf(a))].join(' ')).join(' ');

interface AuditRow {
  ModifiedBy: string;
  Tasks: Array<{ title: string; createdBy?: { name?: string }; lastModifiedBy?: { name?: string } }>;
  Status: string;
}

/** The latest SecurityIncident record of an incident, as Log Analytics returns it. */
async function latestRecord(h: BotHarness, n: number): Promise<AuditRow | undefined> {
  const res = await axios.post<{ tables: Array<{ columns: Array<{ name: string }>; rows: unknown[][] }> }>(
    `${h.emulatorUrl}/v1/workspaces/${EMULATOR_DEFAULTS.logAnalyticsWorkspaceId}/query`,
    { query: `SecurityIncident | where IncidentNumber == ${n} | sort by TimeGenerated desc | take 1`, timespan: 'P1D' },
    { headers: { Authorization: `Bearer ${await mintToken(h.emulatorUrl)}`, 'Cache-Control': 'no-cache' } },
  );
  const table = res.data.tables[0]!;
  const row = table.rows[0];
  if (!row) return undefined;
  const rec = Object.fromEntries(table.columns.map((c, i) => [c.name, row[i]]));
  const tasks: unknown = typeof rec.Tasks === 'string' ? JSON.parse(rec.Tasks) : rec.Tasks;
  return { ModifiedBy: String(rec.ModifiedBy), Status: String(rec.Status), Tasks: (tasks ?? []) as AuditRow['Tasks'] };
}

async function report(h: BotHarness, who: typeof ALEX, title: string): Promise<number> {
  const c = chat(h.botUrl, who);
  const id = submissionIdOf(cardOf((await c.say('report'))[0]));
  await c.press('report.submit', { title, severity: 'Low', owner: 'none', submissionId: id });
  await c.press('report.create', { submissionId: id });
  const incident = (await probe(h).sentinel.listIncidents({ top: 1000 })).find((i) => i.properties.title === title);
  expect(incident).toBeDefined();
  return incident!.properties.incidentNumber!;
}

async function tasksOf(h: BotHarness, n: number) {
  const incident = await probe(h).sentinel.getIncidentByNumber(n);
  return probe(h).sentinel.listTasks(incident.name);
}

describe('acting as the person', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => h.stop());

  it("records Alex Wilber's report, assignment, task, completion, comment and close as Alex Wilber", async () => {
    const n = await report(h, ALEX, 'Printer asks for domain admin password');
    const alex = chat(h.botUrl, ALEX);
    expect(texts(await alex.say(`assign ${n} to me`))).toContain('assigned to you, Alex Wilber');
    await alex.say(`add task Check the print server logs to ${n}`);
    const [task] = await tasksOf(h, n);
    expect(task?.properties).toMatchObject({ title: 'Check the print server logs', createdBy: { name: 'Alex Wilber', objectId: ALEX.objectId } });
    await alex.press('task.complete', { incidentNumber: n, taskId: task!.name });
    await alex.say(`comment ${n} Spoke to the printer vendor`);
    await alex.press('incident.close', { incidentNumber: n, classification: 'BenignPositive:SuspiciousButExpected', confirmedOpenTasks: 0 });

    const [done] = await tasksOf(h, n);
    expect(done?.properties).toMatchObject({ status: 'Completed', createdBy: { name: 'Alex Wilber' }, lastModifiedBy: { name: 'Alex Wilber' } });
    const incident = await probe(h).sentinel.getIncidentByNumber(n);
    const comments = await probe(h).sentinel.listComments(incident.name);
    expect(comments.find((c) => c.properties.message.includes('Spoke to the printer vendor'))?.properties.author).toMatchObject({ name: 'Alex Wilber' });
    const record = await eventually(() => latestRecord(h, n), (r) => r?.Status === 'Closed');
    expect(record).toMatchObject({ ModifiedBy: 'Alex Wilber', Status: 'Closed' });
    expect(record?.Tasks[0]).toMatchObject({ title: 'Check the print server logs', createdBy: { name: 'Alex Wilber' }, lastModifiedBy: { name: 'Alex Wilber' } });
  });

  it("records Ada's task as Ada's, on the same incident as someone else's", async () => {
    await chat(h.botUrl, ADA).say('add task Call the night shift to 405208');
    await chat(h.botUrl, ALEX).say('add task Pull the badge logs to 405208');
    const tasks = await tasksOf(h, 405208);
    expect(tasks.find((t) => t.properties.title === 'Call the night shift')?.properties.createdBy?.name).toBe('Ada Lovelace');
    expect(tasks.find((t) => t.properties.title === 'Pull the badge logs')?.properties.createdBy?.name).toBe('Alex Wilber');
  });

  it('lets Megan (Reader) read tasks, and answers her change with the role she needs, adding nothing', async () => {
    const megan = chat(h.botUrl, MEGAN);
    const read = texts(await megan.say('show tasks for 405211'));
    expect(read).toContain('Tasks of incident 405211');
    expect(read).not.toContain('Responder role');
    const before = (await tasksOf(h, 405211)).length;
    expect(texts(await megan.say('add task Reset the VPN token to 405211'))).toContain(ROLE_SENTENCE);
    expect(await tasksOf(h, 405211)).toHaveLength(before);
  });

  it('signs Alex out (his tokens are dropped) and acts as him again on his next change', async () => {
    const alex = chat(h.botUrl, ALEX);
    expect(texts(await alex.say('log me out'))).toContain("You're signed out");
    await alex.say('add task Check the door badge logs to 405208');
    expect((await tasksOf(h, 405208)).find((t) => t.properties.title === 'Check the door badge logs')?.properties.createdBy?.name).toBe('Alex Wilber');
  });
});

describe('AZURE_IDENTITY=app', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ AZURE_IDENTITY: 'app' });
  });
  afterAll(async () => h.stop());

  it("records Alex Wilber's task as the bot's, and Megan may change as the bot", async () => {
    await chat(h.botUrl, ALEX).say('add task Pull the badge logs to 405208');
    await chat(h.botUrl, MEGAN).say('add task Reset the VPN token to 405208');
    const tasks = await tasksOf(h, 405208);
    expect(tasks.find((t) => t.properties.title === 'Pull the badge logs')?.properties.createdBy).toMatchObject({ name: EMULATOR_BOT_IDENTITY.name, objectId: EMULATOR_BOT_IDENTITY.oid });
    expect(tasks.find((t) => t.properties.title === 'Reset the VPN token')?.properties.createdBy?.name).toBe(EMULATOR_BOT_IDENTITY.name);
  });

  it('says there is no sign-in to end when asked to sign out', async () => {
    expect(texts(await chat(h.botUrl, ALEX).say('sign out'))).toContain('you have no sign-in with me to end');
  });
});
