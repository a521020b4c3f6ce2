import { readAuditRecord } from '../../src/incidents/auditRecord';
import { historyFromRecords } from '../../src/incidents/taskHistory';

const ARM_TASK_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w/providers/Microsoft.SecurityInsights/incidents/i/tasks/task-1';

describe('readAuditRecord', () => {
  it('reads a SecurityIncident row into typed values', () => {
    const r = readAuditRecord({
      IncidentNumber: '405211',
      IncidentName: 'abc',
      Title: 'Phishing',
      Severity: 'High',
      Status: 'Active',
      Owner: { assignedTo: 'Ada Lovelace', objectId: 'oid', userPrincipalName: 'ada@contoso.com' },
      TimeGenerated: '2026-11-20T09:15:00Z',
      ModifiedBy: 'Alert rule',
      Tasks: [{ taskId: ARM_TASK_ID, title: 'Reset password', status: 'Completed', createdBy: { userPrincipalName: 'grace@contoso.com' }, lastModifiedBy: { name: 'Ada' }, lastCompletedTimeUtc: '2026-11-20T10:00:00Z' }],
      Comments: [{ message: 'Task completed via Teams by Ada: Reset password', createdTimeUtc: '2026-11-20T10:00:01Z', author: { name: 'Bot', objectId: 'bot-oid' } }, { noMessage: true }],
    });
    expect(r).toMatchObject({ incidentNumber: 405211, incidentName: 'abc', title: 'Phishing', severity: 'High', status: 'Active', owner: { name: 'Ada Lovelace', objectId: 'oid' }, modifiedBy: 'Alert rule' });
    expect(r.tasks).toEqual([{ taskId: 'task-1', title: 'Reset password', status: 'Completed', createdBy: 'grace@contoso.com', modifiedBy: 'Ada', completedTime: '2026-11-20T10:00:00Z', createdTime: undefined, modifiedTime: undefined, creator: { name: undefined, objectId: undefined, userPrincipalName: 'grace@contoso.com' }, modifier: { name: 'Ada', objectId: undefined, userPrincipalName: undefined } }]);
    expect(r.comments).toEqual([{ message: 'Task completed via Teams by Ada: Reset password', createdTime: '2026-11-20T10:00:01Z', author: { name: 'Bot', objectId: 'bot-oid', userPrincipalName: undefined } }]);
  });

  it.each([
    ['unknown severity and status', { Severity: 'Critical', Status: 'Resolved' }],
    ['wrong types everywhere', { IncidentNumber: { n: 1 }, Title: 7, Owner: 'Ada', Tasks: 'none', Severity: 3 }],
    ['nothing at all', {}],
  ])('falls back to neutral values for %s', (_, row) => {
    const r = readAuditRecord(row);
    expect(r.severity).toBe('Medium');
    expect(r.status).toBe('New');
    expect(typeof r.title).toBe('string');
    expect(Array.isArray(r.tasks)).toBe(true);
    expect(Number.isInteger(r.incidentNumber)).toBe(true);
  });

  it('skips task entries that are not objects, and names untitled tasks', () => {
    const r = readAuditRecord({ Tasks: [null, 'x', 3, { taskId: 't' }] });
    expect(r.tasks).toMatchObject([{ taskId: 't', title: '(untitled task)', status: 'New' }]);
  });

  it('the history sees one task whether the record names it by ARM id or by name', () => {
    const created = readAuditRecord({ TimeGenerated: '2026-11-20T09:00:00Z', ModifiedBy: 'Grace', Tasks: [{ taskId: ARM_TASK_ID, title: 'Call', status: 'New' }] });
    const done = readAuditRecord({ TimeGenerated: '2026-11-20T10:00:00Z', Tasks: [{ taskId: 'task-1', title: 'Call', status: 'Completed', lastModifiedBy: { name: 'Ada' } }] });
    expect(historyFromRecords([created, done]).map((e) => `${e.event} ${e.title} ${e.by}`)).toEqual(['created Call Grace', 'completed Call Ada']);
  });
});
