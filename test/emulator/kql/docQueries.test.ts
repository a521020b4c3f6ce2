/**
 * Fixtures copied verbatim from the source named below, then the queries the bot sends.
 *
 * Source: Microsoft Learn: Audit and track changes to incident tasks in Microsoft Sentinel (audit-track-tasks.md)
 */
import { ALICE, BOB, INCIDENT_405211 } from './fixtures';
import { column, records, run } from './run';
import { ARTICLE_LOOSE_ENDS_QUERY } from './articleQueries';

describe('audit-track-tasks.md queries', () => {
  it('lists incident rows that have tasks', () => {
    const t = run(`SecurityIncident
| where array_length( Tasks) > 0`);
    expect(t.columns).toHaveLength(33);
    expect(column(t, 'IncidentNumber')).toEqual([405300, 405211, 405211, 405211, 405211, 405211, 405300]);
  });

  it('runs the query that compares the int IncidentNumber with a string, as Log Analytics does', () => {
    const t = run(`SecurityIncident
| where array_length( Tasks) > 0
| where IncidentNumber == "405211"
| sort by LastModifiedTime desc 
| project IncidentName, Title, LastModifiedTime, Tasks`);
    expect(t.columns.map((c) => c.name)).toEqual(['IncidentName', 'Title', 'LastModifiedTime', 'Tasks']);
    expect(t.rows.length).toBeGreaterThan(0);
    expect(new Set(column(t, 'IncidentName'))).toEqual(new Set([INCIDENT_405211]));
  });

  it('answers the open tasks of closed incidents', () => {
    const t = run(ARTICLE_LOOSE_ENDS_QUERY);
    // bag_unpack types the task properties from their values; the query route then gives
    // lastModifiedTimeUtc the binder's type, datetime (column_ifexists' default).
    expect(t.columns).toEqual([
      { name: 'TaskTitle', type: 'string' },
      { name: 'TaskStatus', type: 'string' },
      { name: 'createdTimeUtc', type: 'string' },
      { name: 'lastModifiedTimeUtc', type: 'string' },
      { name: 'TaskCreator', type: 'dynamic' },
      { name: 'lastModifiedBy', type: 'dynamic' },
      { name: 'IncidentNumber', type: 'int' },
      { name: 'IncidentOwner', type: 'dynamic' },
    ]);
    expect(records(t)).toEqual([
      {
        TaskTitle: 'Isolate the host',
        TaskStatus: 'New',
        createdTimeUtc: '2026-11-19T08:30:00Z',
        lastModifiedTimeUtc: '2026-11-19T08:30:00Z',
        TaskCreator: '"Bob Jones"',
        lastModifiedBy: JSON.stringify({ email: BOB.email, name: BOB.name, objectId: BOB.objectId, userPrincipalName: BOB.userPrincipalName }),
        IncidentNumber: 405300,
        IncidentOwner: '"bob@contoso.com"',
      },
    ]);
  });
});

describe('queries the bot sends', () => {
  it('reads the latest state of one incident', () => {
    const t = run(`SecurityIncident
| where IncidentNumber == 405211
| summarize arg_max(TimeGenerated, *) by IncidentNumber
| project IncidentNumber, IncidentName, Title, Severity, Status, Owner, Tasks, TimeGenerated`);
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'IncidentNumber:int', 'IncidentName:string', 'Title:string', 'Severity:string', 'Status:string', 'Owner:dynamic', 'Tasks:dynamic', 'TimeGenerated:datetime',
    ]);
    expect(t.rows).toHaveLength(1);
    const [row] = records(t);
    expect(row.IncidentNumber).toBe(405211);
    expect(row.IncidentName).toBe(INCIDENT_405211);
    expect(row.Status).toBe('Active');
    expect(row.TimeGenerated).toBe('2026-11-20T10:15:00Z');
    expect(JSON.parse(row.Owner as string)).toMatchObject({ objectId: ALICE.objectId, userPrincipalName: ALICE.userPrincipalName });
    const tasks = JSON.parse(row.Tasks as string) as Array<{ title: string; status: string }>;
    expect(tasks.map((x) => [x.title, x.status])).toEqual([
      ["Reset the user's password", 'Completed'],
      ['Review sign-in logs', 'New'],
    ]);
  });

  it("lists a user's open incidents, newest first", () => {
    const t = run(`SecurityIncident
| summarize arg_max(TimeGenerated, *) by IncidentNumber
| where Status in ('New', 'Active') and tostring(Owner.objectId) =~ "3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b"
| sort by CreatedTime desc
| project IncidentNumber, Title, Severity, Status, CreatedTime`);
    expect(records(t)).toEqual([
      { IncidentNumber: 405400, Title: 'Unusual mailbox rule', Severity: 'Low', Status: 'New', CreatedTime: '2026-11-20T13:00:00Z' },
      { IncidentNumber: 405211, Title: 'Suspicious sign-in activity', Severity: 'High', Status: 'Active', CreatedTime: '2026-11-20T09:00:00Z' },
    ]);
  });

  it('reads the history of one incident in order', () => {
    const t = run(`SecurityIncident
| where IncidentNumber == 405211
| sort by TimeGenerated asc
| project TimeGenerated, ModifiedBy, Tasks`);
    expect(t.columns.map((c) => c.type)).toEqual(['datetime', 'string', 'dynamic']);
    expect(column(t, 'TimeGenerated')).toEqual([
      '2026-11-20T09:00:00Z', '2026-11-20T09:15:00Z', '2026-11-20T09:30:00.250Z', '2026-11-20T09:45:00Z', '2026-11-20T10:00:00Z', '2026-11-20T10:15:00Z',
    ]);
    const titles = column(t, 'Tasks').map((c) => (JSON.parse(c as string) as Array<{ title: string; status: string }>).map((x) => `${x.title}:${x.status}`));
    expect(titles[2]).toContain('This task is a test task!:New');
    expect(titles[3]).toContain('This task is a test task!:Completed');
    expect(titles[4]).toContain('This task is a test task!:Deleted');
    expect(titles[5].some((x) => x.startsWith('This task is a test task!'))).toBe(false);
    expect(column(t, 'ModifiedBy')[2]).toBe('Bob Jones');
  });
});
