/**
 * The SecurityIncident audit table follows Sentinel's rules: a new record with the full
 * state for every change, records never updated, a deleted task shown once as Deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONTRACTS } from '../helpers/swagger';
import { rowsOf, startHarness, type Harness } from './helpers/emulatorHarness';

type Row = Record<string, unknown> & { Tasks: Array<Record<string, unknown>>; TimeGenerated: string };

let h: Harness;
beforeAll(async () => {
  h = await startHarness('demo');
});
afterAll(async () => h.stop());

function records(incidentNumber: number): Row[] {
  return [...h.emulator.store.auditTable.scan({ equals: [{ column: 'IncidentNumber', values: [incidentNumber] }] })] as Row[];
}

const schema = JSON.parse(fs.readFileSync(path.join(CONTRACTS, 'SecurityIncident.schema.json'), 'utf8')) as { columns: Array<{ name: string; type: string }> };

describe('audit records', () => {
  it('have exactly the columns of the schema, with values of the listed types', () => {
    for (const row of records(405211)) {
      expect(Object.keys(row).sort()).toEqual(schema.columns.map((c) => c.name).sort());
      for (const c of schema.columns) {
        const v = row[c.name];
        if (v === null) continue;
        if (c.type === 'string') expect(typeof v).toBe('string');
        if (c.type === 'int' || c.type === 'real') expect(typeof v).toBe('number');
        if (c.type === 'datetime') expect(Number.isNaN(Date.parse(String(v)))).toBe(false);
      }
      expect(row.Type).toBe('SecurityIncident');
      expect(row.TenantId).toBe('11111111-1111-1111-1111-111111111111');
    }
  });

  it('tell the walkthrough story of incident 405211, one record per change', () => {
    const rows = records(405211);
    const titles = rows.map((r) => r.Tasks.map((t) => `${String(t.title)}:${String(t.status)}`).join(' | '));
    expect(titles).toEqual([
      '',
      '',
      "Revoke the user's sessions and reset the password:New",
      "Revoke the user's sessions and reset the password:New | Remove the forwarding rule and check for other rules:New",
      "Revoke the user's sessions and reset the password:Completed | Remove the forwarding rule and check for other rules:New",
      "Revoke the user's sessions and reset the password:Completed | Remove the forwarding rule and check for other rules:New | This task is a test task!:New",
      "Revoke the user's sessions and reset the password:Completed | Remove the forwarding rule and check for other rules:New | This task is a test task!:Completed",
      "Revoke the user's sessions and reset the password:Completed | Remove the forwarding rule and check for other rules:New | This task is a test task!:Deleted",
      "Revoke the user's sessions and reset the password:Completed | Remove the forwarding rule and check for other rules:New",
    ]);
    const times = rows.map((r) => Date.parse(r.TimeGenerated));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(rows.at(-1)?.Comments).toEqual([expect.objectContaining({ message: 'Forwarding rule exported for evidence.' })]);
    const deleted = rows[7]!.Tasks.find((t) => t.status === 'Deleted')!;
    expect((deleted.lastModifiedBy as { name: string }).name).toBe('Grace Hopper');
    const completed = rows[4]!.Tasks[0]!;
    expect(completed.lastCompletedTimeUtc).toBe(completed.lastModifiedTimeUtc);
  });

  it('append a record for every change made over the API and never rewrite old ones', async () => {
    const before = records(405211);
    const incident = '0d1e2f3a-4b5c-4d6e-8f7a-405211405211';
    await h.arm('PUT', `/incidents/${incident}/tasks/11111111-2222-4333-8444-555555555555`, { properties: { title: 'Check MFA methods', status: 'New' } });
    await h.arm('PUT', `/incidents/${incident}/comments/22222222-2222-4333-8444-555555555555`, { properties: { message: 'Looking at it' } });
    const current = await h.arm('GET', `/incidents/${incident}`);
    await h.arm('PUT', `/incidents/${incident}`, { properties: { ...current.data.properties, severity: 'Medium' } });
    await h.arm('DELETE', `/incidents/${incident}/tasks/11111111-2222-4333-8444-555555555555`);
    const after = records(405211);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 4);
    const [taskAdded, commented, severity, taskDeleted] = after.slice(before.length);
    expect(taskAdded!.Tasks.map((t) => t.title)).toContain('Check MFA methods');
    expect(commented!.Comments).toHaveLength(2);
    expect(severity!.Severity).toBe('Medium');
    expect(taskDeleted!.Tasks.find((t) => t.title === 'Check MFA methods')?.status).toBe('Deleted');
    expect(taskAdded!.ModifiedBy).toBe('Sentinel emulator client');
  });

  it('seed a closed incident that still has an open task', () => {
    const latest = records(405207).at(-1)!;
    expect(latest.Status).toBe('Closed');
    expect(latest.Tasks.filter((t) => t.status === 'New').map((t) => t.title)).toEqual(['Block legacy authentication for the account']);
  });

  it('are what the query API returns for the latest state of 405211', async () => {
    const res = await h.query('SecurityIncident | where IncidentNumber == 405211 | summarize arg_max(TimeGenerated, *) by IncidentNumber | project IncidentNumber, Tasks', 'P7D');
    expect(res.status).toBe(200);
    const [row] = rowsOf(res);
    const tasks = JSON.parse(String(row!.Tasks)) as Array<{ title: string; status: string }>;
    expect(tasks.filter((t) => t.status !== 'Deleted').map((t) => t.title)).toEqual(["Revoke the user's sessions and reset the password", 'Remove the forwarding rule and check for other rules']);
  });

  it('are bounded by the request timespan', async () => {
    const res = await h.query('SecurityIncident | where IncidentNumber == 405207 | count', 'PT1H');
    expect(res.status).toBe(200);
    expect(rowsOf(res)[0]!.Count).toBe(0);
  });

  it('answer unsupported KQL with a 400 naming it', async () => {
    const res = await h.query('SecurityIncident | join (SecurityAlert) on IncidentName');
    expect(res.status).toBe(400);
    expect(res.data.error.innererror.code).toBe('UnsupportedError');
    expect(JSON.stringify(res.data)).toContain('join');
  });

  it('reject the documented query that compares the int column with a string, as Log Analytics does', async () => {
    const res = await h.query('SecurityIncident\n| where array_length( Tasks) > 0\n| where IncidentNumber == "405211"\n| sort by LastModifiedTime desc \n| project IncidentName, Title, LastModifiedTime, Tasks');
    expect(res.status).toBe(400);
    expect(res.data.error.innererror.code).toBe('SemanticError');
    expect(JSON.stringify(res.data)).toContain('Cannot compare values of types int and string');
  });

  it('answer 401 without a token and 404 for another workspace', async () => {
    expect((await h.call('POST', '/v1/workspaces/11111111-1111-1111-1111-111111111111/query', { query: 'SecurityIncident' }, {}, false)).status).toBe(401);
    expect((await h.call('POST', '/v1/workspaces/22222222-1111-1111-1111-111111111111/query', { query: 'SecurityIncident' })).status).toBe(404);
  });
});
