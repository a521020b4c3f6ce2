/**
 * Every example of the contracts replayed through the emulator over HTTP, and each answer
 * validated against the swagger schema of that operation.
 */
import { INCIDENTS_SWAGGER, QUERY_SWAGGER, readExample, schemaErrors } from '../helpers/swagger';
import { startHarness, type Harness } from './helpers/emulatorHarness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('empty');
});
afterAll(async () => h.stop());

const INCIDENT = '73e01a99-5cd7-4139-a149-9f2736ff2ab5';

describe('Sentinel 2025-09-01 examples', () => {
  it('the validator is real: the examples validate and a broken payload does not', () => {
    const get = readExample('securityinsights/2025-09-01/incidents/GetIncidentById.json');
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', get.responses['200']!.body)).toBeNull();
    const broken = JSON.parse(JSON.stringify(get.responses['200']!.body)) as { properties: Record<string, unknown> };
    broken.properties.severity = 'Critical';
    broken.properties.incidentNumber = 'three';
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', broken)?.length).toBeGreaterThanOrEqual(2);
  });

  it('CreateIncident: 201 then 200, bodies valid and matching the example', async () => {
    const ex = readExample('securityinsights/2025-09-01/incidents/CreateIncident.json');
    const first = await h.arm('PUT', `/incidents/${INCIDENT}`, ex.parameters.incident);
    expect(first.status).toBe(201);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', first.data)).toBeNull();
    const expected = (ex.responses['201']!.body as { properties: Record<string, unknown> }).properties;
    expect(first.data.properties).toMatchObject({
      title: expected.title,
      description: expected.description,
      severity: expected.severity,
      status: expected.status,
      classification: expected.classification,
      classificationReason: expected.classificationReason,
      classificationComment: expected.classificationComment,
      owner: { objectId: '2046feea-040d-4a46-9e2b-91c2941bfa70' },
      labels: [],
      providerName: 'Azure Sentinel',
      incidentNumber: 1,
      providerIncidentId: '1',
    });
    expect(first.data.properties.incidentUrl).toMatch(/^https:\/\/portal\.azure\.com\/#asset\/Microsoft_Azure_Security_Insights\/Incident\/subscriptions\//);
    expect(first.data.etag).toMatch(/^"[0-9a-f-]{36}"$/);
    const again = await h.arm('PUT', `/incidents/${INCIDENT}`, { ...ex.parameters.incident as object, etag: first.data.etag });
    expect(again.status).toBe(200);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', again.data)).toBeNull();
  });

  it('GetIncidentById', async () => {
    const res = await h.arm('GET', `/incidents/${INCIDENT}`);
    expect(res.status).toBe(200);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', res.data)).toBeNull();
    expect(res.data.name).toBe(INCIDENT);
    expect(res.data.type).toBe('Microsoft.SecurityInsights/incidents');
  });

  it('IncidentTasks_CreateOrUpdate and IncidentTasks_List', async () => {
    const ex = readExample('securityinsights/2025-09-01/incidents/tasks/IncidentTasks_CreateOrUpdate.json');
    const created = await h.arm('PUT', `/incidents/${INCIDENT}/tasks/${String(ex.parameters.incidentTaskId)}`, ex.parameters.incidentTask);
    expect(created.status).toBe(201);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentTask', created.data)).toBeNull();
    expect(created.data.properties).toMatchObject({ title: 'Task title', description: 'Task description', status: 'New' });
    const updated = await h.arm('PUT', `/incidents/${INCIDENT}/tasks/${String(ex.parameters.incidentTaskId)}`, ex.parameters.incidentTask);
    expect(updated.status).toBe(200);
    const list = await h.arm('GET', `/incidents/${INCIDENT}/tasks`);
    expect(list.status).toBe(200);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentTaskList', list.data)).toBeNull();
    expect(list.data.value).toHaveLength(1);
  });

  it('CreateIncidentComment, GetIncidentCommentById, DeleteIncidentComment', async () => {
    const create = readExample('securityinsights/2025-09-01/incidents/comments/CreateIncidentComment.json');
    const id = String(create.parameters.incidentCommentId);
    const created = await h.arm('PUT', `/incidents/${INCIDENT}/comments/${id}`, create.parameters.incidentComment);
    expect(created.status).toBe(201);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentComment', created.data)).toBeNull();
    const got = await h.arm('GET', `/incidents/${INCIDENT}/comments/${id}`);
    expect(got.status).toBe(200);
    expect(got.data.properties.message).toBe('Some message');
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentComment', got.data)).toBeNull();
    const list = await h.arm('GET', `/incidents/${INCIDENT}/comments`);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentCommentList', list.data)).toBeNull();
    expect((await h.arm('DELETE', `/incidents/${INCIDENT}/comments/${id}`)).status).toBe(200);
    expect((await h.arm('DELETE', `/incidents/${INCIDENT}/comments/${id}`)).status).toBe(204);
  });

  it('DeleteIncident: 200, then 204 when it is gone, then 404 on GET', async () => {
    expect((await h.arm('DELETE', `/incidents/${INCIDENT}`)).status).toBe(200);
    expect((await h.arm('DELETE', `/incidents/${INCIDENT}`)).status).toBe(204);
    const gone = await h.arm('GET', `/incidents/${INCIDENT}`);
    expect(gone.status).toBe(404);
    expect(schemaErrors(INCIDENTS_SWAGGER.replace(/stable\/2025-09-01\/Incidents\.json$/, 'common/2.0/types.json'), 'CloudError', gone.data)).toBeNull();
    expect(gone.data.error.code).toBe('NotFound');
  });
});

describe('Log Analytics 2022-10-27 example', () => {
  it('answers the example request (Usage | take 10) with the semantic error Log Analytics gives for an unknown table', async () => {
    const ex = readExample('loganalytics/2022-10-27/la-post-example.json');
    const res = await h.call('POST', '/v1/workspaces/11111111-1111-1111-1111-111111111111/query', ex.parameters.body);
    expect(res.status).toBe(400);
    expect(schemaErrors(QUERY_SWAGGER, 'errorResponse', res.data)).toBeNull();
    expect(res.data.error.code).toBe('BadArgumentError');
    expect(res.data.error.innererror.code).toBe('SemanticError');
    expect(JSON.stringify(res.data)).toContain('Usage');
  });

  it('answers a SecurityIncident query in the queryResults shape', async () => {
    const res = await h.query('SecurityIncident | take 10', 'P1D');
    expect(res.status).toBe(200);
    expect(schemaErrors(QUERY_SWAGGER, 'queryResults', res.data)).toBeNull();
    expect(res.data.tables[0].name).toBe('PrimaryResult');
  });

  it('the example response itself validates against the schema', () => {
    const ex = readExample('loganalytics/2022-10-27/la-post-example.json');
    expect(schemaErrors(QUERY_SWAGGER, 'queryResults', ex.responses['200']!.body)).toBeNull();
  });
});
