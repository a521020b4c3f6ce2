/**
 * The SecurityIncident audit table follows Sentinel's rules: every create and change appends
 * a new record with the full current state; records are never rewritten; a deleted task
 * shows once, as Deleted. Read here through the table the KQL engine reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ADA, GRACE } from '../../src/demo/identities';
import type { StorageRow } from '../../src/emulator/kql/types';
import { CONTRACTS } from './helpers/swaggerSchemas';
import { guid, newIncident, startHarness, tokenFor, type Harness } from './helpers/emulatorHarness';

type Task = Record<string, unknown> & { title: string; status: string; taskId: string };
type Row = StorageRow & { Tasks: Task[]; TimeGenerated: string; Comments: Array<Record<string, unknown>> };

const columnOrder = JSON.parse(fs.readFileSync(path.join(CONTRACTS, 'SecurityIncident.columnOrder.json'), 'utf8')) as { columns: string[] };
const schema = JSON.parse(fs.readFileSync(path.join(CONTRACTS, 'SecurityIncident.schema.json'), 'utf8')) as {
  columns: Array<{ name: string; type: string }>;
  tasksElement: { properties: Array<{ name: string }> };
};

let h: Harness;
const INCIDENT = guid(1, 'abababab');
let number: number;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());

function records(incidentNumber: number): Row[] {
  return [...h.emulator.store.auditTable.scan({ equals: [{ column: 'IncidentNumber', values: [incidentNumber] }] })] as Row[];
}

const taskPath = (n: number): string => `/incidents/${INCIDENT}/tasks/${guid(n, 'cdcdcdcd')}`;
const summary = (row: Row): string => row.Tasks.map((t) => `${t.title}:${t.status}`).join(' | ');

describe('one record per change', () => {
  it('writes a record on create, with every column of the schema and values of its types', async () => {
    const created = await h.arm('PUT', `/incidents/${INCIDENT}`, newIncident('Audited', { labels: [{ labelName: 'phishing' }], description: 'd' }), { token: tokenFor(ADA) });
    number = created.data.properties.incidentNumber;
    const [row] = records(number);
    expect(Object.keys(row!)).toEqual(schema.columns.map((c) => c.name));
    for (const c of schema.columns) {
      const v = row![c.name];
      if (v === null) continue;
      if (c.type === 'string') expect([c.name, typeof v]).toEqual([c.name, 'string']);
      if (c.type === 'int') expect([c.name, Number.isInteger(v)]).toEqual([c.name, true]);
      if (c.type === 'real') expect([c.name, typeof v]).toEqual([c.name, 'number']);
      if (c.type === 'datetime') expect([c.name, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(String(v))]).toEqual([c.name, true]);
      if (c.type === 'dynamic') expect([c.name, typeof v]).toEqual([c.name, 'object']);
    }
    expect(row).toMatchObject({
      IncidentName: INCIDENT,
      IncidentNumber: number,
      Title: 'Audited',
      Description: 'd',
      Severity: 'Medium',
      Status: 'New',
      ModifiedBy: ADA.name,
      ProviderName: 'Azure Sentinel',
      ProviderIncidentId: String(number),
      TenantId: '11111111-1111-1111-1111-111111111111',
      Type: 'SecurityIncident',
      SourceSystem: 'Azure',
      Labels: [{ labelName: 'phishing', labelType: 'User' }],
      Owner: { objectId: null, email: null, assignedTo: null, userPrincipalName: null, ownerType: 'Unknown' },
      AdditionalData: { alertsCount: 0, bookmarksCount: 0, commentsCount: 0, alertProductNames: [], tactics: [] },
      Tasks: [],
      Comments: [],
      AlertIds: [],
      BookmarkIds: [],
      RelatedAnalyticRuleIds: [],
      ClosedTime: null,
      FirstModifiedTime: null,
    });
    expect(row!.CreatedTime).toBe(created.data.properties.createdTimeUtc);
    expect(row!.LastModifiedTime).toBe(row!.TimeGenerated);
    expect(row!.IncidentUrl).toBe(created.data.properties.incidentUrl);
    expect(row!._BilledSize).toBeGreaterThan(1000);
  });

  it('tells the story of every change, each record holding the full state then', async () => {
    const owner = { objectId: ADA.objectId, email: ADA.email, assignedTo: ADA.name, userPrincipalName: ADA.userPrincipalName, ownerType: 'User' };
    await h.arm('PUT', `/incidents/${INCIDENT}`, newIncident('Audited', { status: 'Active', owner, labels: [{ labelName: 'phishing' }], description: 'd' }), { token: tokenFor(ADA) });
    await h.arm('PUT', taskPath(1), { properties: { title: 'First', status: 'New' } }, { token: tokenFor(ADA) });
    await h.arm('PUT', taskPath(2), { properties: { title: 'Second', status: 'New' } }, { token: tokenFor(ADA) });
    await h.arm('PUT', taskPath(1), { properties: { title: 'First', status: 'Completed' } }, { token: tokenFor(ADA) });
    await h.arm('PUT', taskPath(1), { properties: { title: 'First', status: 'New' } }, { token: tokenFor(GRACE) }); // reopened
    await h.arm('PUT', taskPath(3), { properties: { title: 'Test', status: 'New' } }, { token: tokenFor(GRACE) });
    await h.arm('DELETE', taskPath(3), undefined, { token: tokenFor(GRACE) });
    await h.arm('PUT', `/incidents/${INCIDENT}/comments/c1`, { properties: { message: 'Evidence kept.' } }, { token: tokenFor(ADA) });
    await h.arm('DELETE', `/incidents/${INCIDENT}/comments/c1`, undefined, { token: tokenFor(ADA) });
    await h.arm('PUT', `/incidents/${INCIDENT}`, newIncident('Audited', { status: 'Closed', classification: 'TruePositive', classificationReason: 'SuspiciousActivity', owner, labels: [{ labelName: 'phishing' }, { labelName: 'identity' }] }), { token: tokenFor(ADA) });
    const rows = records(number);
    expect(rows.map(summary)).toEqual([
      '',
      '',
      'First:New',
      'First:New | Second:New',
      'First:Completed | Second:New',
      'First:New | Second:New',
      'First:New | Second:New | Test:New',
      'First:New | Second:New | Test:Deleted',
      'First:New | Second:New',
      'First:New | Second:New',
      'First:New | Second:New',
    ]);
    expect(rows.map((r) => r.ModifiedBy)).toEqual([ADA, ADA, ADA, ADA, ADA, GRACE, GRACE, GRACE, ADA, ADA, ADA].map((u) => u.name));
    expect(rows.map((r) => r.Status)).toEqual(['New', ...Array(9).fill('Active'), 'Closed']);
    expect(rows[1]!.Owner).toEqual(owner);
    expect(rows.map((r) => r.Comments.length)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(rows[8]!.Comments[0]).toMatchObject({ message: 'Evidence kept.', author: { name: ADA.name, objectId: ADA.objectId } });
    expect(rows.map((r) => (r.AdditionalData as { commentsCount: number }).commentsCount)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(rows.at(-1)!.Labels).toEqual([{ labelName: 'phishing', labelType: 'User' }, { labelName: 'identity', labelType: 'User' }]);
    expect(rows.at(-1)).toMatchObject({ Classification: 'TruePositive', ClassificationReason: 'SuspiciousActivity', ClosedTime: rows.at(-1)!.TimeGenerated });
    expect(rows[1]!.FirstModifiedTime).toBe(rows[1]!.TimeGenerated);
    expect(rows.at(-1)!.FirstModifiedTime).toBe(rows[1]!.TimeGenerated);
  });

  it('has TimeGenerated strictly increasing, so the latest record is unambiguous', () => {
    const times = records(number).map((r) => Date.parse(r.TimeGenerated));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
  });

  it('shows a deleted task exactly once, as Deleted, in the record written for the deletion', () => {
    const rows = records(number);
    const appearances = rows.filter((r) => r.Tasks.some((t) => t.title === 'Test'));
    expect(appearances.map((r) => r.Tasks.find((t) => t.title === 'Test')!.status)).toEqual(['New', 'Deleted']);
    const deleted = rows[7]!.Tasks.find((t) => t.title === 'Test')!;
    expect(deleted.lastModifiedBy).toMatchObject({ name: GRACE.name, objectId: GRACE.objectId });
    expect(deleted.lastModifiedTimeUtc).toBe(rows[7]!.TimeGenerated);
    expect(rows.slice(8).every((r) => !r.Tasks.some((t) => t.title === 'Test'))).toBe(true);
  });

  it('gives task elements the schema keys, with lastCompletedTimeUtc once completed', () => {
    const rows = records(number);
    const keys = schema.tasksElement.properties.map((p) => p.name).sort();
    const completed = rows[4]!.Tasks[0]!;
    expect(Object.keys(completed).sort()).toEqual(keys);
    expect(completed.lastCompletedTimeUtc).toBe(completed.lastModifiedTimeUtc);
    expect(completed.createdBy).toMatchObject({ name: ADA.name, objectId: ADA.objectId, userPrincipalName: ADA.userPrincipalName });
    expect(completed.taskId).toMatch(new RegExp(`/incidents/${INCIDENT}/tasks/${guid(1, 'cdcdcdcd')}$`));
    // Never completed: no completion time. Reopened: the last completion is kept.
    expect(rows[3]!.Tasks[1]!.lastCompletedTimeUtc).toBeUndefined();
    expect(rows[5]!.Tasks[0]!.lastCompletedTimeUtc).toBe(completed.lastCompletedTimeUtc);
    expect(rows[5]!.Tasks[0]!.status).toBe('New');
  });

  it('never rewrites a record: later changes only append', async () => {
    const before = records(number);
    await h.arm('PUT', taskPath(4), { properties: { title: 'Late', status: 'New' } });
    const after = records(number);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.ModifiedBy).toBe('Sentinel emulator client');
  });

  it('writes no record when a change is refused', async () => {
    const count = records(number).length;
    await h.arm('PUT', taskPath(5), { properties: { title: '', status: 'New' } });
    await h.arm('PUT', `/incidents/${INCIDENT}`, newIncident('x'), { headers: { 'If-Match': '"stale"' } });
    expect(records(number)).toHaveLength(count);
  });

  it('writes no record for a deleted incident, and keeps its history', async () => {
    const count = h.emulator.store.auditTable.size;
    const history = records(number);
    expect((await h.arm('DELETE', `/incidents/${INCIDENT}`)).status).toBe(200);
    expect(h.emulator.store.auditTable.size).toBe(count);
    expect(records(number)).toEqual(history);
  });
});

describe('the table as the KQL engine sees it', () => {
  it('declares its columns, the IncidentNumber index and the TimeGenerated time column', () => {
    const table = h.emulator.store.auditTable;
    expect(table.name).toBe('SecurityIncident');
    // Names and types as the table reference has them, in the order Log Analytics lists them.
    const byName = (a: string[], b: string[]): number => (a[0]! < b[0]! ? -1 : 1);
    expect(table.columns.map((c) => [c.name, c.type]).sort(byName)).toEqual(schema.columns.map((c) => [c.name, c.type]).sort(byName));
    expect(table.columns.map((c) => c.name)).toEqual(columnOrder.columns);
    expect(table.columns.slice(0, 8).map((c) => c.name)).toEqual(['TenantId', 'TimeGenerated', 'IncidentName', 'Title', 'Description', 'Severity', 'Status', 'Classification']);
    expect(table.indexedColumns).toEqual(['IncidentNumber']);
    expect(table.timeColumn).toBe('TimeGenerated');
  });

  it('honours equals on IncidentNumber (numbers or numeric strings) and the time range', async () => {
    const other = await h.arm('PUT', `/incidents/${guid(2, 'abababab')}`, newIncident('other'));
    const n = other.data.properties.incidentNumber as number;
    const table = h.emulator.store.auditTable;
    const both = [...table.scan({ equals: [{ column: 'IncidentNumber', values: [String(n), number] }] })] as Row[];
    expect(new Set(both.map((r) => r.IncidentNumber))).toEqual(new Set([n, number]));
    const all = [...table.scan({})] as Row[];
    expect(all).toHaveLength(table.size);
    const times = all.map((r) => Date.parse(r.TimeGenerated));
    const mid = times[Math.floor(times.length / 2)]!;
    const later = [...table.scan({ timeRange: { fromMs: mid } })] as Row[];
    expect(later.length).toBe(times.filter((t) => t >= mid).length);
    expect([...table.scan({ timeRange: { toMs: 0 } })]).toEqual([]);
    expect([...table.scan({ equals: [{ column: 'IncidentNumber', values: [123456789] }] })]).toEqual([]);
  });
});
