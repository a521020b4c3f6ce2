/** The demo workspace: exactly the incidents the bot's docs and tests talk about. */
import { ADA, ALEX, GRACE } from '../../src/demo/identities';
import type { StorageRow } from '../../src/emulator/kql/types';
import { newIncident, startHarness, type Harness } from './helpers/emulatorHarness';

type Row = StorageRow & { Tasks: Array<{ title: string; status: string; createdBy: { name: string } }>; TimeGenerated: string };

const NOW = new Date('2026-11-20T12:00:00.000Z');
const DAY = 24 * 3600_000;
let h: Harness;
beforeAll(async () => {
  let clock = NOW.getTime();
  h = await startHarness({ seed: 'demo', now: () => new Date(clock++) });
});
afterAll(async () => h.stop());

const records = (n: number): Row[] => [...h.emulator.store.auditTable.scan({ equals: [{ column: 'IncidentNumber', values: [n] }] })] as Row[];

async function incident(n: number): Promise<{ name: string; properties: Record<string, unknown> }> {
  const res = await h.arm('GET', `/incidents?$filter=${encodeURIComponent(`properties/incidentNumber eq ${n}`)}`);
  return res.data.value[0];
}

async function taskList(n: number): Promise<string[]> {
  const res = await h.arm('GET', `/incidents/${(await incident(n)).name}/tasks`);
  return res.data.value.map((t: { properties: { title: string; status: string } }) => `${t.properties.title}:${t.properties.status}`);
}

const ownerOf = (u: typeof ADA): Record<string, string> => ({ objectId: u.objectId, email: u.email, assignedTo: u.name, userPrincipalName: u.userPrincipalName, ownerType: 'User' });
const labelsOf = (...names: string[]): Array<Record<string, string>> => names.map((labelName) => ({ labelName, labelType: 'User' }));

describe('the demo workspace', () => {
  it('holds incidents 405207 to 405211 as specified', async () => {
    expect((await incident(405207)).properties).toMatchObject({
      title: 'Impossible travel: sign-ins from Lisbon and Singapore within 40 minutes',
      severity: 'Medium',
      status: 'Closed',
      classification: 'TruePositive',
      classificationReason: 'SuspiciousActivity',
      classificationComment: 'Confirmed account compromise; password reset.',
      owner: ownerOf(GRACE),
      labels: labelsOf('identity'),
    });
    expect(await taskList(405207)).toEqual(['Confirm the travel with the user:Completed', 'Block legacy authentication for the account:New']);

    expect((await incident(405208)).properties).toMatchObject({ title: 'Malware detected on LAPTOP-7F3K', severity: 'High', status: 'New', owner: { ownerType: 'Unknown' }, labels: labelsOf('malware', 'endpoint') });
    expect(await taskList(405208)).toEqual([]);

    expect((await incident(405209)).properties).toMatchObject({ title: 'Mass download from SharePoint by a departing employee', severity: 'Medium', status: 'Active', owner: ownerOf(ALEX), labels: labelsOf('insider-risk') });
    expect(await taskList(405209)).toEqual(['Preserve the audit log of the downloads:New']);

    expect((await incident(405210)).properties).toMatchObject({
      title: 'User reported a phishing email from a lookalike domain',
      severity: 'Low',
      status: 'Closed',
      classification: 'BenignPositive',
      classificationReason: 'SuspiciousButExpected',
      classificationComment: 'Marketing campaign from a vendor.',
      owner: ownerOf(ADA),
      labels: labelsOf('phishing'),
    });
    expect(await taskList(405210)).toEqual(["Check the sender domain's age:Completed"]);

    expect((await incident(405211)).properties).toMatchObject({
      title: 'Suspicious inbox rule after sign-in from an unfamiliar location',
      description: 'An inbox rule forwarding all mail to an external address was created minutes after a sign-in from an unfamiliar location.',
      severity: 'High',
      status: 'Active',
      owner: ownerOf(ADA),
      labels: labelsOf('phishing', 'identity'),
      additionalData: expect.objectContaining({ commentsCount: 1 }),
    });
    expect(await taskList(405211)).toEqual(["Revoke the user's sessions and reset the password:Completed", 'Remove the forwarding rule and check for other rules:New']);
  });

  it('has the walkthrough history of 405211, one record per step, by the people who did it', () => {
    const rows = records(405211);
    const revoke = "Revoke the user's sessions and reset the password";
    const rule = 'Remove the forwarding rule and check for other rules';
    const test = 'This task is a test task!';
    expect(rows.map((r) => [r.ModifiedBy, r.Status, (r.Owner as { assignedTo: string | null }).assignedTo, r.Tasks.map((t) => `${t.title}:${t.status}`).join(' | '), (r.Comments as unknown[]).length])).toEqual([
      [GRACE.name, 'New', null, '', 0],
      [ADA.name, 'Active', ADA.name, '', 0],
      [ADA.name, 'Active', ADA.name, `${revoke}:New`, 0],
      [ADA.name, 'Active', ADA.name, `${revoke}:New | ${rule}:New`, 0],
      [ADA.name, 'Active', ADA.name, `${revoke}:Completed | ${rule}:New`, 0],
      [GRACE.name, 'Active', ADA.name, `${revoke}:Completed | ${rule}:New | ${test}:New`, 0],
      [GRACE.name, 'Active', ADA.name, `${revoke}:Completed | ${rule}:New | ${test}:Completed`, 0],
      [GRACE.name, 'Active', ADA.name, `${revoke}:Completed | ${rule}:New | ${test}:Deleted`, 0],
      [ADA.name, 'Active', ADA.name, `${revoke}:Completed | ${rule}:New`, 1],
    ]);
    expect(rows.at(-1)!.Comments).toEqual([expect.objectContaining({ message: 'Forwarding rule exported for evidence.', author: expect.objectContaining({ name: ADA.name }) })]);
    expect(rows[5]!.Tasks[2]!.createdBy.name).toBe(GRACE.name);
  });

  it('places the history relative to the seeding time: 405211 over the last two days, the others 3 to 10 days back', () => {
    const created = (n: number): number => Date.parse(String(records(n)[0]!.CreatedTime));
    expect(created(405211)).toBe(NOW.getTime() - 2 * DAY);
    const last = Date.parse(records(405211).at(-1)!.TimeGenerated);
    expect(last).toBeLessThan(NOW.getTime());
    expect(last - created(405211)).toBeGreaterThan(DAY);
    for (const n of [405207, 405208, 405209, 405210]) {
      const age = NOW.getTime() - created(n);
      expect(age).toBeGreaterThanOrEqual(3 * DAY);
      expect(age).toBeLessThanOrEqual(10 * DAY);
    }
    const all = [...h.emulator.store.auditTable.scan({})] as Row[];
    expect(all.every((r) => Date.parse(r.TimeGenerated) < NOW.getTime())).toBe(true);
  });

  it('numbers the next incident 405212', async () => {
    const res = await h.arm('PUT', '/incidents/12121212-0000-4000-8000-000000000001', newIncident('After the demo'));
    expect(res.data.properties.incidentNumber).toBe(405212);
  });

  it('is seeded once: a restart keeps what is there and adds nothing', async () => {
    const size = h.emulator.store.auditTable.size;
    await h.restart();
    expect(h.emulator.store.auditTable.size).toBe(size);
    expect(h.emulator.store.incidents().map((i) => i.incidentNumber).sort()).toEqual([405207, 405208, 405209, 405210, 405211, 405212]);
  });
});

describe('seed: empty', () => {
  it('starts with no incidents and numbers from 1', async () => {
    const empty = await startHarness({ seed: 'empty' });
    try {
      expect((await empty.arm('GET', '/incidents')).data.value).toEqual([]);
      expect(empty.emulator.store.auditTable.size).toBe(0);
      expect((await empty.arm('PUT', '/incidents/x1', newIncident('first'))).data.properties.incidentNumber).toBe(1);
    } finally {
      await empty.stop();
    }
  });
});
