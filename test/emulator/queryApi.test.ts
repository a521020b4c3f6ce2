/**
 * The Log Analytics query API over the SecurityIncident table: the queries the bot and the
 * Microsoft Learn walkthrough send, the request's timespan, and errors in the API's shape.
 */
import { EMULATOR_DEFAULTS } from '../../src/config';
import { ADA } from '../../src/demo/identities';
import { QUERY_PATH, rowsOf, startHarness, tokenFor, type Harness } from './helpers/emulatorHarness';
import { QUERY_SWAGGER, schemaErrors } from './helpers/swaggerSchemas';
import { ARTICLE_LOOSE_ENDS_QUERY } from './kql/articleQueries';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterAll(async () => h.stop());

const LATEST = `SecurityIncident
| where IncidentNumber == 405211
| summarize arg_max(TimeGenerated, *) by IncidentNumber
| project IncidentNumber, IncidentName, Title, Severity, Status, Owner, Tasks, TimeGenerated`;

type Task = { title: string; status: string; createdBy: { name: string }; lastCompletedTimeUtc?: string };

describe('queries', () => {
  it("answers the bot's latest-record query for 405211 with its two remaining tasks", async () => {
    const res = await h.query(LATEST, 'P90D');
    expect(res.status).toBe(200);
    expect(schemaErrors(QUERY_SWAGGER, 'queryResults', res.data)).toBeNull();
    expect(res.data.tables[0].name).toBe('PrimaryResult');
    expect(res.data.tables[0].columns).toEqual([
      { name: 'IncidentNumber', type: 'int' },
      { name: 'IncidentName', type: 'string' },
      { name: 'Title', type: 'string' },
      { name: 'Severity', type: 'string' },
      { name: 'Status', type: 'string' },
      { name: 'Owner', type: 'dynamic' },
      { name: 'Tasks', type: 'dynamic' },
      { name: 'TimeGenerated', type: 'datetime' },
    ]);
    const rows = rowsOf(res);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ IncidentNumber: 405211, Status: 'Active', Severity: 'High', Title: 'Suspicious inbox rule after sign-in from an unfamiliar location' });
    expect(JSON.parse(String(row!.Owner))).toMatchObject({ objectId: ADA.objectId, assignedTo: ADA.name });
    const tasks = JSON.parse(String(row!.Tasks)) as Task[];
    expect(tasks.map((t) => [t.title, t.status, t.createdBy.name])).toEqual([
      ["Revoke the user's sessions and reset the password", 'Completed', ADA.name],
      ['Remove the forwarding rule and check for other rules', 'New', ADA.name],
    ]);
    expect(tasks[0]!.lastCompletedTimeUtc).toBeDefined();
  });

  it("answers the walkthrough's per-incident query, newest record first", async () => {
    const res = await h.query(`SecurityIncident
| where array_length( Tasks) > 0
| where IncidentNumber == 405211
| sort by LastModifiedTime desc
| project IncidentName, Title, LastModifiedTime, Tasks`);
    expect(res.status).toBe(200);
    const rows = rowsOf(res);
    expect(rows.map((r) => (JSON.parse(String(r.Tasks)) as Task[]).length)).toEqual([2, 3, 3, 3, 2, 2, 1]);
    expect((JSON.parse(String(rows[1]!.Tasks)) as Task[])[2]).toMatchObject({ title: 'This task is a test task!', status: 'Deleted' });
  });

  it("answers the walkthrough's query for open tasks of closed incidents: 405207's", async () => {
    const res = await h.query(ARTICLE_LOOSE_ENDS_QUERY);
    expect(res.status).toBe(200);
    const rows = rowsOf(res);
    expect(rows.map((r) => [r.TaskTitle, r.IncidentNumber])).toEqual([['Block legacy authentication for the account', 405207]]);
    // bag_unpack types its columns from the values, as Kusto does; the binder's types stand where it knows them.
    const types = Object.fromEntries(res.data.tables[0].columns.map((c: { name: string; type: string }) => [c.name, c.type]));
    expect(types).toMatchObject({ TaskTitle: 'string', TaskStatus: 'string', lastModifiedTimeUtc: 'datetime', IncidentNumber: 'int', IncidentOwner: 'dynamic' });
  });

  it('sees a change made over ARM in the next query that bypasses the cache', async () => {
    const name = String(rowsOf(await h.query(LATEST))[0]!.IncidentName);
    await h.call('PUT', `/subscriptions/${EMULATOR_DEFAULTS.subscriptionId}/resourceGroups/${EMULATOR_DEFAULTS.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${EMULATOR_DEFAULTS.workspaceName}/providers/Microsoft.SecurityInsights/incidents/${name}/tasks/new-task?api-version=2025-09-01`, { properties: { title: 'Check MFA methods', status: 'New' } }, { token: tokenFor(ADA) });
    const cached = JSON.parse(String(rowsOf(await h.query(LATEST))[0]!.Tasks)) as Task[];
    expect(cached).toHaveLength(2);
    const tasks = JSON.parse(String(rowsOf(await h.query(LATEST, 'P30D', { headers: { 'Cache-Control': 'no-cache' } }))[0]!.Tasks)) as Task[];
    expect(tasks.map((t) => t.title)).toEqual(["Revoke the user's sessions and reset the password", 'Remove the forwarding rule and check for other rules', 'Check MFA methods']);
    expect(rowsOf(await h.query('SecurityIncident | where IncidentNumber == 405211 | count'))[0]!.Count).toBe(10);
  });

  it('bounds TimeGenerated by the timespan: a duration ending now, or an interval', async () => {
    const count = async (timespan: string): Promise<unknown> => rowsOf(await h.query('SecurityIncident | where IncidentNumber == 405207 | count', timespan))[0]!.Count;
    expect(await count('PT1H')).toBe(0);
    expect(await count('P30D')).toBe(6);
    expect(await count(`${new Date(Date.now() - 30 * 86_400_000).toISOString()}/${new Date().toISOString()}`)).toBe(6);
  });

  it('answers GET with ?query=&timespan= as well', async () => {
    const res = await h.call('GET', `${QUERY_PATH}?query=${encodeURIComponent('SecurityIncident | summarize n = count() by IncidentNumber | sort by IncidentNumber asc')}&timespan=P30D`);
    expect(res.status).toBe(200);
    expect(rowsOf(res).map((r) => r.IncidentNumber)).toEqual([405207, 405208, 405209, 405210, 405211]);
  });
});

describe('errors', () => {
  const OUTER = { code: 'BadArgumentError', message: 'The request had some invalid properties' };

  it('refuses a syntax error as Log Analytics does: BadArgumentError, SyntaxError, SYN0002 with the place', async () => {
    const res = await h.query('SecurityIncident\n| where');
    expect(res.status).toBe(400);
    expect(schemaErrors(QUERY_SWAGGER, 'errorResponse', res.data)).toBeNull();
    expect(res.data.error).toMatchObject({ ...OUTER, correlationId: res.headers['x-ms-request-id'] });
    expect(res.data.error.innererror).toMatchObject({ code: 'SyntaxError', message: 'A recognition error occurred in the query.' });
    expect(res.data.error.innererror.innererror).toMatchObject({ code: 'SYN0002', line: 2, message: expect.stringContaining('on line [2,8]') });
  });

  it("refuses `Task.title`: title is a keyword that needs ['title'], as Kusto's parser says", async () => {
    const res = await h.query('SecurityIncident | mv-expand Task = Tasks | project t = tostring(Task.title)');
    expect(res.status).toBe(400);
    expect(res.data.error.innererror.code).toBe('SyntaxError');
    expect(res.data.error.innererror.innererror.message).toContain("['title']");
    const fixed = await h.query("SecurityIncident | mv-expand Task = Tasks | project t = tostring(Task['title'])");
    expect(fixed.status).toBe(200);
  });

  it.each([
    ['an unknown column', 'SecurityIncident | where NoSuchColumn == 1', 'SEM0100', "'NoSuchColumn'"],
    ['an unknown table', 'Usage | take 10', 'SEM0100', "'Usage'"],
    ['an unknown function', 'SecurityIncident | extend x = no_such_function(Title)', 'SEM0100', "'no_such_function'"],
    ['a type mismatch', 'SecurityIncident | where IncidentNumber > "405209"', 'SEM0101', 'int and string'],
    ['a wrong argument count', 'SecurityIncident | extend x = strlen()', 'SEM0102', 'strlen'],
  ])('refuses %s as a SemanticError nested twice', async (_what, query, code, detail) => {
    const res = await h.query(query);
    expect(res.status).toBe(400);
    expect(schemaErrors(QUERY_SWAGGER, 'errorResponse', res.data)).toBeNull();
    expect(res.data.error).toMatchObject(OUTER);
    expect(res.data.error.innererror).toMatchObject({ code: 'SemanticError', message: 'A semantic error occurred.' });
    expect(res.data.error.innererror.innererror).toMatchObject({ code, message: expect.stringContaining(detail) });
  });

  it('refuses a control command, which the query API does not run', async () => {
    const res = await h.query('.show tables');
    expect(res.status).toBe(400);
    expect(res.data.error.innererror.code).toBe('SyntaxError');
  });

  it('refuses valid KQL the engine does not run as "not supported by the emulator", naming the construct', async () => {
    const res = await h.query('SecurityIncident | evaluate autocluster()');
    expect(res.status).toBe(400);
    expect(schemaErrors(QUERY_SWAGGER, 'errorResponse', res.data)).toBeNull();
    expect(res.data.error.innererror.code).toBe('UnsupportedError');
    expect(res.data.error.innererror.innererror.message).toMatch(/^Not supported by the emulator: .*autocluster/);
  });

  it('runs the documented query that compares the int column with a string, as Log Analytics does', async () => {
    const res = await h.query('SecurityIncident\n| where array_length( Tasks) > 0\n| where IncidentNumber == "405211"\n| sort by LastModifiedTime desc \n| project IncidentName, Title, LastModifiedTime, Tasks');
    expect(res.status).toBe(200);
    expect(res.data.tables[0].columns.map((c: { name: string }) => c.name)).toEqual(['IncidentName', 'Title', 'LastModifiedTime', 'Tasks']);
    const titles = new Set(rowsOf(res).map((r) => r.Title));
    expect([...titles]).toEqual(['Suspicious inbox rule after sign-in from an unfamiliar location']);
    expect(rowsOf(res).length).toBeGreaterThan(3);
  });

  it('compares the int column with text that is not a number as no match', async () => {
    const eq = await h.query('SecurityIncident | where IncidentNumber == "four" | count');
    expect(rowsOf(eq)).toEqual([{ Count: 0 }]);
    const ne = await h.query('SecurityIncident | where IncidentNumber != "405211" | distinct IncidentNumber | count');
    expect(rowsOf(ne)).toEqual([{ Count: 4 }]);
  });

  it('rejects an invalid timespan', async () => {
    const res = await h.query('SecurityIncident | count', 'yesterday');
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe('BadArgumentError');
    expect(res.data.error.innererror.innererror.message).toContain('yesterday');
  });

  it.each([
    ['no query', {}],
    ['an empty query', { query: '  ' }],
    ['a query that is not text', { query: 42 }],
    ['a body that is not an object', ['SecurityIncident']],
  ])('answers %s with 400', async (_what, body) => {
    const res = await h.call('POST', QUERY_PATH, body);
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe('BadArgumentError');
    expect(schemaErrors(QUERY_SWAGGER, 'errorResponse', res.data)).toBeNull();
  });

  it('answers 404 for another workspace and for other paths, 401 without a token', async () => {
    const other = await h.call('POST', '/v1/workspaces/22222222-2222-2222-2222-222222222222/query', { query: 'SecurityIncident' });
    expect(other.status).toBe(404);
    expect(other.data.error.code).toBe('WorkspaceNotFoundError');
    expect(schemaErrors(QUERY_SWAGGER, 'errorResponse', other.data)).toBeNull();
    expect((await h.call('GET', `/v1/workspaces/${EMULATOR_DEFAULTS.logAnalyticsWorkspaceId}/metadata`)).status).toBe(404);
    const anonymous = await h.call('POST', QUERY_PATH, { query: 'SecurityIncident' }, { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.data.error.code).toBe('AuthorizationRequiredError');
    expect(schemaErrors(QUERY_SWAGGER, 'errorResponse', anonymous.data)).toBeNull();
  });
});
