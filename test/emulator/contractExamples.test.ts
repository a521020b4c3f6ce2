/**
 * Every example of the contracts replayed through the emulator over HTTP: the example's
 * request (moved to the emulator's workspace) is sent, and the answer is validated against
 * the swagger schema of the operation and compared with the example's answer.
 */
import { allExamples, INCIDENTS_SWAGGER, QUERY_SWAGGER, readExample, SI_COMMON_TYPES, schemaErrors, type Example } from './helpers/swaggerSchemas';
import { QUERY_PATH, startHarness, WS_PATH, type Harness } from './helpers/emulatorHarness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());

type Json = Record<string, unknown>;
const ARM_PREFIX = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/workspaces\/[^/]+\/providers\/Microsoft\.SecurityInsights/i;

/** An id of the example, moved to the emulator's workspace. */
const moved = (id: unknown): string => String(id).replace(ARM_PREFIX, WS_PATH);
const param = (ex: Example, name: string): string => String(ex.parameters[name]);
const responseBody = (ex: Example, status: string): Json => ex.responses[status]!.body as Json;
const props = (body: unknown): Json => (body as { properties: Json }).properties;

function expectValid(definition: string, payload: unknown, file = INCIDENTS_SWAGGER): void {
  expect(schemaErrors(file, definition, payload)).toBeNull();
}

/** The answer has every property the example's answer has, and the same identity fields. */
function expectShapedLike(actual: Json, example: Json): void {
  expect(actual.id).toBe(moved(example.id));
  expect(actual.name).toBe(example.name);
  expect(actual.type).toBe(example.type);
  expect(actual.etag).toMatch(/^"[^"]+"$/);
  expect(Object.keys(props(actual))).toEqual(expect.arrayContaining(Object.keys(props(example))));
}

async function freshIncident(id: string, properties: Json = { title: 'My incident', severity: 'High', status: 'New' }): Promise<Json> {
  await h.arm('DELETE', `/incidents/${id}`);
  const res = await h.arm('PUT', `/incidents/${id}`, { properties });
  expect(res.status).toBe(201);
  return res.data as Json;
}

const REPLAYS: Record<string, (ex: Example) => Promise<void>> = {
  'securityinsights/2025-09-01/incidents/CreateIncident.json': async (ex) => {
    const id = param(ex, 'incidentId');
    await h.arm('DELETE', `/incidents/${id}`);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', ex.parameters.incident, 'request')).toBeNull();
    const created = await h.arm('PUT', `/incidents/${id}`, ex.parameters.incident);
    expect(created.status).toBe(201);
    expectValid('Incident', created.data);
    expectShapedLike(created.data, responseBody(ex, '201'));
    const expected = props(responseBody(ex, '201'));
    const p = props(created.data);
    for (const k of ['title', 'description', 'severity', 'status', 'classification', 'classificationReason', 'classificationComment', 'labels', 'providerName', 'relatedAnalyticRuleIds']) {
      expect([k, p[k]]).toEqual([k, expected[k]]);
    }
    expect(p.firstActivityTimeUtc).toBe('2019-01-01T13:00:30.000Z');
    expect(p.incidentUrl).toBe(`https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${moved(responseBody(ex, '201').id)}`);
    expect(p.providerIncidentId).toBe(String(p.incidentNumber));
    expect(Object.keys(p.additionalData as Json).sort()).toEqual(Object.keys(expected.additionalData as Json).sort());
    // The same request again, now with the etag the incident has: an update.
    const updated = await h.arm('PUT', `/incidents/${id}`, { ...(ex.parameters.incident as Json), etag: created.data.etag });
    expect(updated.status).toBe(200);
    expectValid('Incident', updated.data);
    expectShapedLike(updated.data, responseBody(ex, '200'));
    expect(props(updated.data).incidentNumber).toBe(p.incidentNumber);
  },

  'securityinsights/2025-09-01/incidents/GetIncidentById.json': async (ex) => {
    const id = param(ex, 'incidentId');
    const example = responseBody(ex, '200');
    const { title, description, severity, status, classification, classificationReason, classificationComment, owner, firstActivityTimeUtc, lastActivityTimeUtc } = props(example);
    await freshIncident(id, { title, description, severity, status, classification, classificationReason, classificationComment, owner, firstActivityTimeUtc, lastActivityTimeUtc });
    const res = await h.arm('GET', `/incidents/${id}`);
    expect(res.status).toBe(200);
    expectValid('Incident', res.data);
    expectShapedLike(res.data, example);
    expect(props(res.data).owner).toEqual(props(example).owner);
  },

  'securityinsights/2025-09-01/incidents/DeleteIncident.json': async (ex) => {
    const id = param(ex, 'incidentId');
    await freshIncident(id);
    const first = await h.arm('DELETE', `/incidents/${id}`);
    expect(Object.keys(ex.responses)).toContain(String(first.status));
    expect(first.status).toBe(200);
    const again = await h.arm('DELETE', `/incidents/${id}`);
    expect(again.status).toBe(204);
    const gone = await h.arm('GET', `/incidents/${id}`);
    expect(gone.status).toBe(404);
    expectValid('CloudError', gone.data, SI_COMMON_TYPES);
  },

  'securityinsights/2025-09-01/incidents/tasks/IncidentTasks_CreateOrUpdate.json': async (ex) => {
    const id = param(ex, 'incidentId');
    const taskId = param(ex, 'incidentTaskId');
    await freshIncident(id);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentTask', ex.parameters.incidentTask, 'request')).toBeNull();
    const created = await h.arm('PUT', `/incidents/${id}/tasks/${taskId}`, ex.parameters.incidentTask);
    expect(created.status).toBe(201);
    expectValid('IncidentTask', created.data);
    expectShapedLike(created.data, responseBody(ex, '201'));
    expect(props(created.data)).toMatchObject({ title: 'Task title', description: 'Task description', status: 'New' });
    const updated = await h.arm('PUT', `/incidents/${id}/tasks/${taskId}`, ex.parameters.incidentTask);
    expect(updated.status).toBe(200);
    expectValid('IncidentTask', updated.data);
    expectShapedLike(updated.data, responseBody(ex, '200'));
  },

  'securityinsights/2025-09-01/incidents/tasks/IncidentTasks_List.json': async (ex) => {
    const id = param(ex, 'incidentId');
    const example = responseBody(ex, '200') as { value: Json[] };
    await freshIncident(id);
    const { title, description, status } = props(example.value[0]);
    await h.arm('PUT', `/incidents/${id}/tasks/${String(example.value[0]!.name)}`, { properties: { title, description, status } });
    const res = await h.arm('GET', `/incidents/${id}/tasks`);
    expect(res.status).toBe(200);
    expectValid('IncidentTaskList', res.data);
    expect(res.data.value).toHaveLength(1);
    expectShapedLike(res.data.value[0], example.value[0]!);
  },

  'securityinsights/2025-09-01/incidents/comments/CreateIncidentComment.json': async (ex) => {
    const id = param(ex, 'incidentId');
    const commentId = param(ex, 'incidentCommentId');
    await freshIncident(id);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentComment', ex.parameters.incidentComment, 'request')).toBeNull();
    const created = await h.arm('PUT', `/incidents/${id}/comments/${commentId}`, ex.parameters.incidentComment);
    expect(created.status).toBe(201);
    expectValid('IncidentComment', created.data);
    expectShapedLike(created.data, responseBody(ex, '201'));
    expect(props(created.data).message).toBe('Some message');
    const again = await h.arm('PUT', `/incidents/${id}/comments/${commentId}`, ex.parameters.incidentComment);
    expect(again.status).toBe(200);
    expectValid('IncidentComment', again.data);
    expectShapedLike(again.data, responseBody(ex, '200'));
  },

  'securityinsights/2025-09-01/incidents/comments/GetIncidentCommentById.json': async (ex) => {
    const id = param(ex, 'incidentId');
    const commentId = param(ex, 'incidentCommentId');
    const example = responseBody(ex, '200');
    await freshIncident(id);
    await h.arm('PUT', `/incidents/${id}/comments/${commentId}`, { properties: { message: props(example).message } });
    const res = await h.arm('GET', `/incidents/${id}/comments/${commentId}`);
    expect(res.status).toBe(200);
    expectValid('IncidentComment', res.data);
    expectShapedLike(res.data, example);
    const list = await h.arm('GET', `/incidents/${id}/comments`);
    expectValid('IncidentCommentList', list.data);
  },

  'securityinsights/2025-09-01/incidents/comments/DeleteIncidentComment.json': async (ex) => {
    const id = param(ex, 'incidentId');
    const commentId = param(ex, 'incidentCommentId');
    await freshIncident(id);
    await h.arm('PUT', `/incidents/${id}/comments/${commentId}`, { properties: { message: 'to be deleted' } });
    expect((await h.arm('DELETE', `/incidents/${id}/comments/${commentId}`)).status).toBe(200);
    expect((await h.arm('DELETE', `/incidents/${id}/comments/${commentId}`)).status).toBe(204);
    expect((await h.arm('GET', `/incidents/${id}/comments/${commentId}`)).status).toBe(404);
  },

  'loganalytics/2022-10-27/la-post-example.json': async (ex) => {
    expect(schemaErrors(QUERY_SWAGGER, 'queryBody', ex.parameters.body, 'request')).toBeNull();
    // The example's workspace id is moved to the emulator's; its table, Usage, does not exist here.
    const res = await h.call('POST', QUERY_PATH, ex.parameters.body);
    expect(res.status).toBe(400);
    expectValid('errorResponse', res.data, QUERY_SWAGGER);
    expect(res.data.error).toMatchObject({ code: 'BadArgumentError', message: 'The request had some invalid properties', innererror: { code: 'SemanticError' } });
    expect(res.data.error.innererror.innererror).toMatchObject({ code: 'SEM0100', message: expect.stringContaining('Usage') });
  },
};

describe('contract examples', () => {
  it('every example under the examples folder has a replay', () => {
    expect(allExamples()).toEqual(Object.keys(REPLAYS).sort());
  });

  it('the validator is real: the examples validate and broken payloads do not', () => {
    const get = readExample('securityinsights/2025-09-01/incidents/GetIncidentById.json');
    expectValid('Incident', get.responses['200']!.body);
    const broken = JSON.parse(JSON.stringify(get.responses['200']!.body)) as { properties: Json };
    broken.properties.severity = 'Critical';
    broken.properties.incidentNumber = 'three';
    (broken.properties.owner as Json).objectId = 'not-a-guid';
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', broken)?.length).toBeGreaterThanOrEqual(3);
    // readOnly is honoured: a request may not carry incidentNumber, a response may.
    const withNumber = { properties: { title: 't', severity: 'Low', status: 'New', incidentNumber: 3 } };
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', withNumber, 'request')).not.toBeNull();
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', withNumber, 'response')).toBeNull();
    const la = readExample('loganalytics/2022-10-27/la-post-example.json');
    expectValid('queryResults', la.responses['200']!.body, QUERY_SWAGGER);
  });

  it.each(Object.keys(REPLAYS))('replays %s', async (file) => {
    await REPLAYS[file]!(readExample(file));
  });
});
