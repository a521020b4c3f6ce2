/**
 * Every change a person makes from Teams, typed or pressed, reaches Sentinel with their own
 * token: the SecurityIncident record of each change names them (ModifiedBy), never the bot.
 * The paths not covered by actAsPerson.test.ts: severity, status, assigning someone else,
 * unassigning, reopening, and the feed card's own buttons.
 */
import axios from 'axios';
import { EMULATOR_BOT_IDENTITY } from '../../src/azure/credentials';
import { EMULATOR_DEFAULTS } from '../../src/config';
import { ADA, GRACE } from '../../src/demo/identities';
import { mintToken } from '../emulator/helpers/emulatorHarness';
import { cardOf, chat, startBotHarness, submissionIdOf, type BotHarness } from '../helpers/botHarness';
import { cardButton } from '../helpers/cardButtons';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h.stop());

/** Who Sentinel recorded for each change of the incident, oldest first (ingestion waited out). */
async function modifiedBy(n: number, count: number): Promise<string[]> {
  const token = await mintToken(h.emulatorUrl);
  const until = Date.now() + 10_000;
  for (;;) {
    const res = await axios.post<{ tables: Array<{ rows: unknown[][] }> }>(
      `${h.emulatorUrl}/v1/workspaces/${EMULATOR_DEFAULTS.logAnalyticsWorkspaceId}/query`,
      { query: `SecurityIncident | where IncidentNumber == ${n} | sort by TimeGenerated asc | project ModifiedBy`, timespan: 'P1D' },
      { headers: { Authorization: `Bearer ${token}`, 'Cache-Control': 'no-cache' } },
    );
    const names = res.data.tables[0]!.rows.map((r) => String(r[0]));
    if (names.length >= count || Date.now() > until) return names;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

it('records Ada for severity, status, assigning Grace, unassigning, closing and reopening', async () => {
  const ada = chat(h.botUrl, ADA);
  const id = submissionIdOf(cardOf((await ada.say('report'))[0]));
  const title = 'Unknown device on the guest network';
  await ada.press('report.submit', { title, severity: 'Low', owner: 'none', submissionId: id });
  await ada.press('report.create', { submissionId: id });
  const incident = (await probe(h).sentinel.listIncidents({ top: 1000 })).find((i) => i.properties.title === title)!;
  const n = incident.properties.incidentNumber!;

  await ada.press('incident.setSeverity', { incidentNumber: n, severity: 'High' });
  await ada.press('incident.setStatus', { incidentNumber: n, status: 'Active' });
  await ada.press('incident.assignTo', { incidentNumber: n, assignee: GRACE.objectId });
  expect((await probe(h).sentinel.getIncidentByNumber(n)).properties.owner?.objectId).toBe(GRACE.objectId);
  await ada.press('incident.unassign', { incidentNumber: n, expectedOwner: GRACE.objectId });
  expect((await probe(h).sentinel.getIncidentByNumber(n)).properties.owner?.objectId ?? undefined).toBeUndefined();
  await ada.press('incident.close', { incidentNumber: n, classification: 'FalsePositive:InaccurateData', confirmedOpenTasks: 0 });
  const ask = cardOf((await ada.say(`reopen ${n}`))[0]);
  const confirm = cardButton(ask, 'Reopen incident');
  await ada.press(confirm.verb, confirm.data);
  const final = await probe(h).sentinel.getIncidentByNumber(n);
  expect(final.properties).toMatchObject({ severity: 'High', status: 'Active' });

  // Creation plus six changes, each recorded under Ada's name.
  const names = await modifiedBy(n, 7);
  expect(names.length).toBeGreaterThanOrEqual(7);
  expect(names.filter((x) => x !== ADA.name)).toEqual([]);
  expect(names).not.toContain(EMULATOR_BOT_IDENTITY.name);
});

it('records the person who presses the buttons a feed card carries (assign to me, severity), not the bot that posted the card', async () => {
  const grace = chat(h.botUrl, GRACE);
  await grace.press('incident.assignToMe', { incidentNumber: 405208 });
  await grace.press('incident.setSeverity', { incidentNumber: 405208, severity: 'Medium' });
  const names = await modifiedBy(405208, 2);
  expect(names.slice(-2)).toEqual([GRACE.name, GRACE.name]);
});

it('keeps two people in the same group chat apart: each change is recorded under its own name', async () => {
  const conversationId = `group-${Date.now()}`;
  const inGroup = { conversationId, conversationType: 'groupChat' as const };
  const ada = chat(h.botUrl, ADA, inGroup);
  const grace = chat(h.botUrl, GRACE, inGroup);
  await Promise.all([ada.say('<at>Sentinel</at> add task Ada checks the proxy logs to 405209'), grace.say('<at>Sentinel</at> add task Grace calls the user to 405209')]);
  await ada.say('<at>Sentinel</at> add task Ada again to 405209');
  const incident = await probe(h).sentinel.getIncidentByNumber(405209);
  const tasks = await probe(h).sentinel.listTasks(incident.name);
  const by = (title: string): string | undefined => tasks.find((t) => t.properties.title === title)?.properties.createdBy?.name;
  expect([by('Ada checks the proxy logs'), by('Grace calls the user'), by('Ada again')]).toEqual([ADA.name, GRACE.name, ADA.name]);
});
