/** Every request the SentinelClient sends has the method, path, query, headers and body the swagger describes. */
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import type { IncidentInput, IncidentTaskInput } from '../../src/sentinel/types';
import { BASE_PATH, CountingCredential, example, exampleWorkspace, INCIDENT_ID, TASK_ID } from './helpers/fakes';
import { harness } from './helpers/harness';
import { useScriptedServer } from './helpers/scriptedServer';

const server = useScriptedServer();

const createIncident = example('CreateIncident.json');
const getIncident = example('GetIncidentById.json');
const createTask = example('IncidentTasks_CreateOrUpdate.json');
const listTasks = example('IncidentTasks_List.json');
const createComment = example('CreateIncidentComment.json');
const getComment = example('GetIncidentCommentById.json');
const incidentBody = getIncident.responses['200']!.body as { name: string; etag: string; properties: Record<string, unknown> };

const API = 'api-version=2025-09-01';
const INCIDENT_PATH = `${BASE_PATH}/incidents/${INCIDENT_ID}`;

describe('incidents', () => {
  it('PUTs the CreateIncident example: path, api-version, bearer token, JSON body; 201 means created', async () => {
    server.script({ status: 201, body: createIncident.responses['201']!.body });
    const { sentinel } = harness(server);
    const input = createIncident.parameters.incident as IncidentInput;
    const res = await sentinel.createOrUpdateIncident(createIncident.parameters.incidentId as string, input, { ifNoneMatch: '*' });
    expect(res.created).toBe(true);
    expect(res.incident.properties.incidentNumber).toBe(3177);
    const r = server.received[0]!;
    expect(r.method).toBe('PUT');
    expect(r.url).toBe(`${INCIDENT_PATH}?${API}`);
    expect(r.headers.authorization).toMatch(/^Bearer opaque-secret-token-value-1$/);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['if-none-match']).toBe('*');
    expect(r.headers['if-match']).toBeUndefined();
    expect(r.headers['x-ms-client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body).toEqual(input);
  });

  it('reports created=false on 200 and sends If-Match for a conditional update', async () => {
    server.script({ status: 200, body: createIncident.responses['200']!.body });
    const { sentinel } = harness(server);
    const input = createIncident.parameters.incident as IncidentInput;
    const res = await sentinel.createOrUpdateIncident(INCIDENT_ID, input, { ifMatch: input.etag! });
    expect(res.created).toBe(false);
    expect(server.received[0]!.headers['if-match']).toBe(input.etag);
  });

  it('never sends read-only properties, even when a caller spreads a fetched incident', async () => {
    server.script({ status: 200, body: incidentBody });
    const { sentinel } = harness(server);
    const input = { etag: incidentBody.etag, properties: { ...incidentBody.properties } } as unknown as IncidentInput;
    await sentinel.createOrUpdateIncident(INCIDENT_ID, input);
    const sent = (server.received[0]!.body as { properties: Record<string, unknown> }).properties;
    for (const key of ['incidentNumber', 'incidentUrl', 'createdTimeUtc', 'lastModifiedTimeUtc', 'providerName', 'providerIncidentId', 'relatedAnalyticRuleIds', 'additionalData']) {
      expect(sent).not.toHaveProperty(key);
    }
    expect(sent).toMatchObject({ title: 'My incident', severity: 'High', status: 'Closed', owner: incidentBody.properties.owner, labels: [] });
  });

  it('refuses If-Match together with If-None-Match, before sending anything', async () => {
    const { sentinel } = harness(server);
    const input = createIncident.parameters.incident as IncidentInput;
    await expect(sentinel.createOrUpdateIncident(INCIDENT_ID, input, { ifMatch: '"e"', ifNoneMatch: '*' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(server.received).toHaveLength(0);
  });

  it('GETs and DELETEs one incident', async () => {
    server.script({ status: 200, body: incidentBody }, { status: 204 });
    const { sentinel } = harness(server);
    expect(await sentinel.getIncident(INCIDENT_ID)).toEqual(incidentBody);
    await sentinel.deleteIncident(INCIDENT_ID);
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${INCIDENT_PATH}?${API}`, `DELETE ${INCIDENT_PATH}?${API}`]);
  });

  it('lists with $filter, $orderby and $top encoded with %20, not +', async () => {
    server.script({ status: 200, body: { value: [incidentBody] } });
    const { sentinel } = harness(server);
    await sentinel.listIncidents({ filter: "properties/status eq 'New'", orderBy: 'properties/createdTimeUtc desc', top: 50 });
    const url = server.received[0]!.url;
    expect(url).toBe(`${BASE_PATH}/incidents?${API}&%24filter=properties%2Fstatus%20eq%20'New'&%24orderby=properties%2FcreatedTimeUtc%20desc&%24top=50`);
    const q = new URL(url, server.url).searchParams;
    expect([q.get('$filter'), q.get('$orderby'), q.get('$top')]).toEqual(["properties/status eq 'New'", 'properties/createdTimeUtc desc', '50']);
  });

  it('follows nextLink pages up to maxPages (default 10)', async () => {
    const page = (n: number, more: boolean) => (_: unknown, url: string) => ({
      status: 200,
      body: { value: [{ ...incidentBody, name: `i${n}` }], ...(more ? { nextLink: `${url}${BASE_PATH}/incidents?${API}&$skipToken=p${n + 1}` } : {}) },
    });
    server.script(page(1, true), page(2, true), page(3, false));
    const { sentinel } = harness(server);
    expect((await sentinel.listIncidents()).map((i) => i.name)).toEqual(['i1', 'i2', 'i3']);
    expect(server.received.map((r) => new URL(r.url, server.url).searchParams.get('$skipToken'))).toEqual([null, 'p2', 'p3']);

    server.received.length = 0;
    server.script(page(1, true), page(2, true), page(3, false));
    expect((await sentinel.listIncidents({ maxPages: 2 })).map((i) => i.name)).toEqual(['i1', 'i2']);
    expect(server.received).toHaveLength(2);

    server.received.length = 0;
    server.script((_, url) => ({ status: 200, body: { value: [incidentBody], nextLink: `${url}${BASE_PATH}/incidents?${API}&$skipToken=again` } }));
    expect(await sentinel.listIncidents()).toHaveLength(10);
    expect(server.received).toHaveLength(10);
  });

  it('pages by hand with listIncidentsPage and skipToken', async () => {
    server.script((_, url) => ({ status: 200, body: { value: [incidentBody], nextLink: `${url}${BASE_PATH}/incidents?${API}&$skipToken=tok%2B1` } }), { status: 200, body: { value: [] } });
    const { sentinel } = harness(server);
    const first = await sentinel.listIncidentsPage({ top: 1 });
    expect(first).toMatchObject({ incidents: [incidentBody], skipToken: 'tok+1' });
    const second = await sentinel.listIncidentsPage({ top: 1, skipToken: first.skipToken });
    expect(second).toEqual({ incidents: [], nextLink: undefined, skipToken: undefined });
    expect(new URL(server.received[1]!.url, server.url).searchParams.get('$skipToken')).toBe('tok+1');
  });

  it.each([`https://attacker.example${BASE_PATH}/incidents?$skipToken=x`, '//attacker.example/incidents', 'javascript:alert(1)', 'incidents?$skipToken=x'])(
    'does not follow the nextLink %s (the token would go with it)',
    async (nextLink) => {
      server.script({ status: 200, body: { value: [incidentBody], nextLink } });
      const { sentinel } = harness(server);
      await expect(sentinel.listIncidents()).rejects.toMatchObject({ code: 'UNKNOWN' });
      expect(server.received).toHaveLength(1);
    },
  );

  it('checks top and maxPages before sending', async () => {
    const { sentinel } = harness(server);
    for (const top of [0, -1, 1.5, 1001]) await expect(sentinel.listIncidents({ top })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(sentinel.listIncidents({ maxPages: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(server.received).toHaveLength(0);
  });
});

describe('incident numbers', () => {
  it('maps a number to its resource with one filtered list call ($top=1)', async () => {
    server.script({ status: 200, body: { value: [incidentBody] } });
    const { sentinel } = harness(server);
    expect((await sentinel.getIncidentByNumber(3177)).name).toBe(INCIDENT_ID);
    expect(server.received).toHaveLength(1);
    const q = new URL(server.received[0]!.url, server.url);
    expect(q.pathname).toBe(`${BASE_PATH}/incidents`);
    expect(Object.fromEntries(q.searchParams)).toEqual({ 'api-version': '2025-09-01', $filter: 'properties/incidentNumber eq 3177', $top: '1' });
  });

  it('is NOT_FOUND when the list is empty, or when a server ignored the filter', async () => {
    server.script({ status: 200, body: { value: [] } });
    const { sentinel } = harness(server);
    await expect(sentinel.getIncidentByNumber(8)).rejects.toMatchObject({ code: 'NOT_FOUND', statusCode: 404 });
    server.script({ status: 200, body: { value: [incidentBody] } });
    await expect(sentinel.getIncidentByNumber(9)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '7' as unknown as number])('refuses %p before any request', async (n) => {
    const { sentinel } = harness(server);
    await expect(sentinel.getIncidentByNumber(n)).rejects.toMatchObject({ code: 'BAD_REQUEST', retryable: false });
    expect(server.received).toHaveLength(0);
  });
});

describe('ids become path segments only when safe', () => {
  const bad = ['', '../../other', 'a/b', 'a%2Fb', 'x?api-version=1', 'x#y', 'a b', '-leading', 'a'.repeat(65), 'é', 'a\nb', undefined as unknown as string];
  it.each(bad)('refuses incident id %j', async (id) => {
    const { sentinel } = harness(server);
    await expect(sentinel.getIncident(id)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(sentinel.getTask(INCIDENT_ID, id)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(sentinel.createComment(INCIDENT_ID, id, 'x')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(server.received).toHaveLength(0);
  });

  it('accepts GUIDs and short names', async () => {
    server.script({ status: 200, body: incidentBody });
    const { sentinel } = harness(server);
    for (const id of [INCIDENT_ID, 'report-7f3a', 'A'.repeat(64)]) await sentinel.getIncident(id);
    expect(server.received).toHaveLength(3);
  });
});

describe('tasks and comments', () => {
  it('PUTs the IncidentTasks_CreateOrUpdate example body', async () => {
    server.script({ status: 201, body: createTask.responses['201']!.body });
    const { sentinel } = harness(server);
    const task = await sentinel.createOrUpdateTask(INCIDENT_ID, TASK_ID, (createTask.parameters.incidentTask as { properties: IncidentTaskInput }).properties);
    expect(task.properties.createdBy?.userPrincipalName).toBe('john@contoso.com');
    const r = server.received[0]!;
    expect(`${r.method} ${r.url}`).toBe(`PUT ${INCIDENT_PATH}/tasks/${TASK_ID}?${API}`);
    expect(r.body).toEqual(createTask.parameters.incidentTask);
  });

  it('sends the etag as If-Match and in the body for a conditional task update', async () => {
    server.script({ status: 200, body: createTask.responses['200']!.body });
    const { sentinel } = harness(server);
    await sentinel.createOrUpdateTask(INCIDENT_ID, TASK_ID, { title: 'a', status: 'Completed' }, { ifMatch: '"e1"' });
    expect(server.received[0]!.headers['if-match']).toBe('"e1"');
    expect(server.received[0]!.body).toEqual({ etag: '"e1"', properties: { title: 'a', status: 'Completed' } });
  });

  it('lists, gets and deletes tasks', async () => {
    server.script({ status: 200, body: listTasks.responses['200']!.body }, { status: 200, body: createTask.responses['200']!.body }, { status: 200 });
    const { sentinel } = harness(server);
    const tasks = await sentinel.listTasks(INCIDENT_ID);
    expect(tasks.map((t) => t.name)).toEqual([TASK_ID]);
    expect((await sentinel.getTask(INCIDENT_ID, TASK_ID)).properties.status).toBe('New');
    await sentinel.deleteTask(INCIDENT_ID, TASK_ID);
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${INCIDENT_PATH}/tasks?${API}`,
      `GET ${INCIDENT_PATH}/tasks/${TASK_ID}?${API}`,
      `DELETE ${INCIDENT_PATH}/tasks/${TASK_ID}?${API}`,
    ]);
  });

  it('PUTs the CreateIncidentComment example body, then gets, lists and deletes comments', async () => {
    const commentId = createComment.parameters.incidentCommentId as string;
    const body = getComment.responses['200']!.body;
    server.script({ status: 201, body: createComment.responses['201']?.body ?? body }, { status: 200, body }, { status: 200, body: { value: [body] } }, { status: 204 });
    const { sentinel } = harness(server);
    const message = (createComment.parameters.incidentComment as { properties: { message: string } }).properties.message;
    const created = await sentinel.createComment(INCIDENT_ID, commentId, message);
    expect(created.properties.message).toBe(message);
    expect(server.received[0]!.body).toEqual(createComment.parameters.incidentComment);
    expect((await sentinel.getComment(INCIDENT_ID, commentId)).properties.author?.name).toBe('john doe');
    expect(await sentinel.listComments(INCIDENT_ID)).toHaveLength(1);
    await sentinel.deleteComment(INCIDENT_ID, commentId);
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      `PUT ${INCIDENT_PATH}/comments/${commentId}?${API}`,
      `GET ${INCIDENT_PATH}/comments/${commentId}?${API}`,
      `GET ${INCIDENT_PATH}/comments?${API}`,
      `DELETE ${INCIDENT_PATH}/comments/${commentId}?${API}`,
    ]);
  });

  it('refuses an empty comment before sending', async () => {
    const { sentinel } = harness(server);
    await expect(sentinel.createComment(INCIDENT_ID, 'c1', '  ')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(server.received).toHaveLength(0);
  });
});

describe('configuration', () => {
  it('uses the api-version and workspace segments from config, URL-encoded', async () => {
    server.script({ status: 200, body: { value: [] } });
    const client = new SentinelClient({
      workspace: { ...exampleWorkspace(server.url), resourceGroup: 'rg (prod)', apiVersion: '2024-03-01' },
      credential: new CountingCredential(),
      http: { timeoutInMs: 2000, maxRetries: 0, maxRetryDelayInMs: 0 },
    });
    await client.listIncidents();
    expect(server.received[0]!.url).toBe(`${BASE_PATH.replace('myRg', 'rg%20(prod)')}/incidents?api-version=2024-03-01`);
  });

  it('asks the credential for the ARM scope of the configured endpoint', async () => {
    server.script({ status: 200, body: incidentBody });
    const h = harness(server);
    await h.sentinel.getIncident(INCIDENT_ID);
    expect(h.credential.scopes).toEqual([`${server.url}/.default`]);
  });

  it('refuses to send tokens over plain http to a non-loopback host', async () => {
    expect(
      () => new SentinelClient({ workspace: exampleWorkspace('http://sentinel.example.com'), credential: new CountingCredential(), http: { timeoutInMs: 1, maxRetries: 0, maxRetryDelayInMs: 0 } }),
    ).toThrow(/https/);
  });
});
