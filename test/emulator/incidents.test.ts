/** The incident routes behave as Sentinel's do: validation, numbering, etags, lists, ARM errors. */
import { guid as id, newIncident, startHarness, WS_PATH, type Harness } from './helpers/emulatorHarness';
import { INCIDENTS_SWAGGER, SI_COMMON_TYPES, schemaErrors } from './helpers/swaggerSchemas';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());

describe('create and update', () => {
  it('numbers incidents sequentially, trims the title and fills the computed properties', async () => {
    const a = await h.arm('PUT', `/incidents/${id(1)}`, newIncident('  first  ', { labels: [{ labelName: 'phishing' }] }));
    const b = await h.arm('PUT', `/incidents/${id(2)}`, newIncident('second'));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.data.properties).toMatchObject({
      title: 'first',
      incidentNumber: 1,
      providerName: 'Azure Sentinel',
      providerIncidentId: '1',
      labels: [{ labelName: 'phishing', labelType: 'User' }],
      relatedAnalyticRuleIds: [],
      additionalData: { alertsCount: 0, bookmarksCount: 0, commentsCount: 0, alertProductNames: [], tactics: [] },
    });
    expect(b.data.properties.incidentNumber).toBe(2);
    expect(a.data.properties.createdTimeUtc).toBe(a.data.properties.lastModifiedTimeUtc);
    expect(a.data.properties.incidentUrl).toBe(`https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${WS_PATH}/incidents/${id(1)}`);
    expect(a.data.etag).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'Incident', a.data)).toBeNull();
  });

  it('keeps number and creation time on update, moves lastModifiedTimeUtc and the etag', async () => {
    const before = await h.arm('GET', `/incidents/${id(1)}`);
    const after = await h.arm('PUT', `/incidents/${id(1)}`, newIncident('first', { severity: 'High' }));
    expect(after.status).toBe(200);
    expect(after.data.properties.incidentNumber).toBe(before.data.properties.incidentNumber);
    expect(after.data.properties.createdTimeUtc).toBe(before.data.properties.createdTimeUtc);
    expect(Date.parse(after.data.properties.lastModifiedTimeUtc)).toBeGreaterThan(Date.parse(before.data.properties.lastModifiedTimeUtc));
    expect(after.data.etag).not.toBe(before.data.etag);
  });

  it('fills the owner from the directory when only the object id is sent', async () => {
    const res = await h.arm('PUT', `/incidents/${id(80)}`, newIncident('owned', { owner: { objectId: '8E1C9D44-6A0F-4F4B-B3B5-0A5F1E2D7C90' } }));
    expect(res.data.properties.owner).toEqual({
      objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90',
      email: 'ada.lovelace@contoso.com',
      assignedTo: 'Ada Lovelace',
      userPrincipalName: 'ada.lovelace@contoso.com',
      ownerType: 'User',
    });
    // What the directory knows wins over what the request said, as Sentinel resolves the id.
    const renamed = await h.arm('PUT', `/incidents/${id(80)}`, newIncident('owned', { owner: { objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90', assignedTo: 'Someone else' } }));
    expect(renamed.data.properties.owner.assignedTo).toBe('Ada Lovelace');
  });

  it('keeps an owner the directory does not know as given, and answers an unassigned incident with ownerType Unknown', async () => {
    const owner = { objectId: '5E1C9D44-6A0F-4F4B-B3B5-0A5F1E2D7C90', email: 'guest@fabrikam.com', assignedTo: 'A Guest', userPrincipalName: 'guest@fabrikam.com', ownerType: 'User' };
    const res = await h.arm('PUT', `/incidents/${id(6)}`, newIncident('owned', { owner }));
    expect(res.data.properties.owner).toEqual({ ...owner, objectId: owner.objectId.toLowerCase() });
    const bare = await h.arm('PUT', `/incidents/${id(6)}`, newIncident('owned', { owner: { objectId: owner.objectId } }));
    expect(bare.data.properties.owner).toEqual({ objectId: owner.objectId.toLowerCase() });
    const unassigned = await h.arm('PUT', `/incidents/${id(6)}`, newIncident('owned'));
    expect(unassigned.data.properties.owner).toEqual({ ownerType: 'Unknown' });
    // Read back and written again as it is: still unassigned, still valid.
    const again = await h.arm('PUT', `/incidents/${id(6)}`, { properties: unassigned.data.properties, etag: unassigned.data.etag });
    expect(again.status).toBe(200);
    expect(again.data.properties.owner).toEqual({ ownerType: 'Unknown' });
  });

  it('ignores read-only properties in the body', async () => {
    const res = await h.arm('PUT', `/incidents/${id(7)}`, newIncident('read-only', {
      incidentNumber: 999999,
      createdTimeUtc: '2001-01-01T00:00:00Z',
      providerName: 'Someone else',
      incidentUrl: 'https://example.com',
      additionalData: { commentsCount: 42 },
      relatedAnalyticRuleIds: ['/x'],
    }));
    expect(res.status).toBe(201);
    expect(res.data.properties.incidentNumber).not.toBe(999999);
    expect(res.data.properties.createdTimeUtc).not.toBe('2001-01-01T00:00:00Z');
    expect(res.data.properties.providerName).toBe('Azure Sentinel');
    expect(res.data.properties.additionalData.commentsCount).toBe(0);
    expect(res.data.properties.relatedAnalyticRuleIds).toEqual([]);
  });

  it('clears the classification when a closed incident is reopened', async () => {
    const closed = await h.arm('PUT', `/incidents/${id(8)}`, newIncident('closing', { status: 'Closed', classification: 'FalsePositive', classificationReason: 'InaccurateData', classificationComment: 'noise' }));
    expect(closed.data.properties).toMatchObject({ status: 'Closed', classification: 'FalsePositive', classificationReason: 'InaccurateData', classificationComment: 'noise' });
    const reopened = await h.arm('PUT', `/incidents/${id(8)}`, { properties: { ...closed.data.properties, status: 'Active' } });
    expect(reopened.status).toBe(200);
    expect(reopened.data.properties.classification).toBeUndefined();
  });

  it('accepts enum values in any case and answers them in their canonical spelling', async () => {
    const res = await h.arm('PUT', `/incidents/${id(9)}`, newIncident('casing', { severity: 'high', status: 'ACTIVE' }));
    expect(res.data.properties).toMatchObject({ severity: 'High', status: 'Active' });
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ['no title', { properties: { severity: 'High', status: 'New' } }, /title is required/],
    ['a blank title', newIncident('   '), /title is required/],
    ['a title of the wrong type', { properties: { title: 5, severity: 'High', status: 'New' } }, /title must be a string/],
    ['a 5001-character description', newIncident('x', { description: 'd'.repeat(5001) }), /at most 5000/],
    ['no severity', { properties: { title: 'x', status: 'New' } }, /severity is required/],
    ['an unknown severity', newIncident('x', { severity: 'Critical' }), /'Critical' is not a valid value for properties.severity/],
    ['an unknown status', newIncident('x', { status: 'Resolved' }), /properties.status/],
    ['an unknown classification', newIncident('x', { status: 'Closed', classification: 'Maybe' }), /properties.classification/],
    ['closing without a classification', newIncident('x', { status: 'Closed' }), /needs properties.classification/],
    ['TruePositive without a reason', newIncident('x', { status: 'Closed', classification: 'TruePositive' }), /must be SuspiciousActivity/],
    ['BenignPositive with the wrong reason', newIncident('x', { status: 'Closed', classification: 'BenignPositive', classificationReason: 'InaccurateData' }), /must be SuspiciousButExpected/],
    ['FalsePositive with a TruePositive reason', newIncident('x', { status: 'Closed', classification: 'FalsePositive', classificationReason: 'SuspiciousActivity' }), /IncorrectAlertLogic or InaccurateData/],
    ['Undetermined with a reason', newIncident('x', { status: 'Closed', classification: 'Undetermined', classificationReason: 'SuspiciousActivity' }), /must not be set/],
    ['an owner objectId that is not a GUID', newIncident('x', { owner: { objectId: 'user-id-0' } }), /must be a GUID/],
    ['an unknown ownerType', newIncident('x', { owner: { ownerType: 'Robot' } }), /ownerType/],
    ['a label without a name', newIncident('x', { labels: [{ labelName: ' ' }] }), /labelName is required/],
    ['labels that are not an array', newIncident('x', { labels: 'phishing' }), /labels must be an array/],
    ['a malformed activity time', newIncident('x', { firstActivityTimeUtc: 'yesterday' }), /date-time/],
    ['no properties', { title: 'x' }, /properties must be a JSON object/],
    ['a body that is not an object', ['x'], /request body must be a JSON object/],
  ];
  it.each(invalid)('rejects %s with 400 BadRequest and stores nothing', async (_name, body, message) => {
    const res = await h.arm('PUT', `/incidents/${id(99)}`, body);
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe('BadRequest');
    expect(res.data.error.message).toMatch(message);
    expect(schemaErrors(SI_COMMON_TYPES, 'CloudError', res.data)).toBeNull();
    expect((await h.arm('GET', `/incidents/${id(99)}`)).status).toBe(404);
  });

  it('accepts an Undetermined closure without a reason, and a description of exactly 5000 characters', async () => {
    expect((await h.arm('PUT', `/incidents/${id(3)}`, newIncident('closed', { status: 'Closed', classification: 'Undetermined' }))).status).toBe(201);
    expect((await h.arm('PUT', `/incidents/${id(4)}`, newIncident('long', { description: 'd'.repeat(5000) }))).status).toBe(201);
  });

  it('rejects malformed JSON, a missing body and bodies over 1 MiB', async () => {
    const bad = await h.call('PUT', `${WS_PATH}/incidents/${id(5)}?api-version=2025-09-01`, Buffer.from('{"properties": '), { headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.data.error.code).toBe('InvalidRequestContent');
    expect((await h.arm('PUT', `/incidents/${id(5)}`)).status).toBe(400);
    const big = await h.arm('PUT', `/incidents/${id(5)}`, newIncident('x', { description: 'd'.repeat(1_100_000) }));
    expect(big.status).toBe(413);
    expect(big.data.error.code).toBe('RequestEntityTooLarge');
    expect((await h.arm('GET', `/incidents/${id(5)}`)).status).toBe(404);
  });

  it('deletes with 200, answers 204 when there is nothing to delete, and never reuses a number', async () => {
    const created = await h.arm('PUT', `/incidents/${id(50)}`, newIncident('short-lived'));
    expect((await h.arm('DELETE', `/incidents/${id(50)}`)).status).toBe(200);
    expect((await h.arm('DELETE', `/incidents/${id(50)}`)).status).toBe(204);
    const next = await h.arm('PUT', `/incidents/${id(51)}`, newIncident('after the delete'));
    expect(next.data.properties.incidentNumber).toBe(created.data.properties.incidentNumber + 1);
  });
});

describe('concurrency', () => {
  it("answers Sentinel's 409 Conflict to a stale If-Match and applies a fresh one", async () => {
    const current = await h.arm('GET', `/incidents/${id(2)}`);
    const ok = await h.arm('PUT', `/incidents/${id(2)}`, newIncident('second', { severity: 'Low' }), { headers: { 'If-Match': current.data.etag } });
    expect(ok.status).toBe(200);
    const stale = await h.arm('PUT', `/incidents/${id(2)}`, newIncident('second', { severity: 'High' }), { headers: { 'If-Match': current.data.etag } });
    expect(stale.status).toBe(409);
    expect(stale.data).toEqual({ error: { code: 'Conflict', message: 'Newer version of resource exists. Data was not saved' } });
    expect((await h.arm('GET', `/incidents/${id(2)}`)).data.properties.severity).toBe('Low');
    expect((await h.arm('PUT', `/incidents/${id(2)}`, newIncident('second'), { headers: { 'If-Match': '*' } })).status).toBe(200);
  });

  it('answers 412 to If-Match on an incident that does not exist', async () => {
    const res = await h.arm('PUT', `/incidents/${id(60)}`, newIncident('ghost'), { headers: { 'If-Match': '"abc"' } });
    expect(res.status).toBe(412);
    expect((await h.arm('GET', `/incidents/${id(60)}`)).status).toBe(404);
  });

  it('answers 409 Conflict to a stale etag in the body (once the incident exists)', async () => {
    const stale = await h.arm('PUT', `/incidents/${id(2)}`, { ...newIncident('second'), etag: '"00000000-0000-0000-0000-000000000000"' });
    expect(stale.status).toBe(409);
    expect(stale.data.error).toEqual({ code: 'Conflict', message: 'Newer version of resource exists. Data was not saved' });
    const current = await h.arm('GET', `/incidents/${id(2)}`);
    expect((await h.arm('PUT', `/incidents/${id(2)}`, { ...newIncident('second'), etag: current.data.etag })).status).toBe(200);
  });

  it('makes If-None-Match: * create-only, for idempotent creates', async () => {
    expect((await h.arm('PUT', `/incidents/${id(10)}`, newIncident('once'), { headers: { 'If-None-Match': '*' } })).status).toBe(201);
    const again = await h.arm('PUT', `/incidents/${id(10)}`, newIncident('overwrite'), { headers: { 'If-None-Match': '*' } });
    expect(again.status).toBe(412);
    expect(again.data.error.code).toBe('PreconditionFailed');
    expect((await h.arm('GET', `/incidents/${id(10)}`)).data.properties.title).toBe('once');
  });
});

describe('ARM behaviour', () => {
  it('accepts the api-versions of the contracts and of the seed articles', async () => {
    for (const version of ['2025-09-01', '2024-03-01', '2022-07-01-preview']) {
      const list = await h.call('GET', `${WS_PATH}/incidents?api-version=${version}`);
      expect(list.status).toBe(200);
      const put = await h.call('PUT', `${WS_PATH}/incidents/${id(70)}?api-version=${version}`, newIncident(`via ${version}`));
      expect([200, 201]).toContain(put.status);
      expect(put.data.properties.title).toBe(`via ${version}`);
      const next = list.data.nextLink as string | undefined;
      if (next) expect(next).toContain(`api-version=${version}`);
    }
  });

  it('requires a supported api-version and answers in ARM error shape', async () => {
    const missing = await h.call('GET', `${WS_PATH}/incidents`);
    expect(missing.status).toBe(400);
    expect(missing.data.error.code).toBe('MissingApiVersionParameter');
    const malformed = await h.call('GET', `${WS_PATH}/incidents?api-version=latest`);
    expect(malformed.status).toBe(400);
    expect(malformed.data.error.code).toBe('InvalidApiVersionParameter');
    const other = await h.call('GET', `${WS_PATH}/incidents?api-version=2019-01-01-preview`);
    expect(other.status).toBe(400);
    expect(other.data.error.code).toBe('NoRegisteredProviderFound');
    expect(other.data.error.message).toContain("'2025-09-01', '2024-03-01', '2022-07-01-preview'");
    expect(schemaErrors(SI_COMMON_TYPES, 'CloudError', other.data)).toBeNull();
  });

  it('answers 401 without a bearer token, with WWW-Authenticate', async () => {
    for (const headers of [{}, { Authorization: 'Basic abc' }, { Authorization: 'Bearer ' }] as Array<Record<string, string>>) {
      const res = await h.call('GET', `${WS_PATH}/incidents?api-version=2025-09-01`, undefined, { token: null, headers });
      expect(res.status).toBe(401);
      expect(res.data.error.code).toBe('AuthenticationFailed');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer authorization_uri=/);
    }
  });

  it('treats path segment names case-insensitively, and answers with the canonical ids', async () => {
    const lower = await h.call('GET', `${WS_PATH.toLowerCase()}/INCIDENTS/${id(1).toUpperCase()}?api-version=2025-09-01`);
    expect(lower.status).toBe(200);
    expect(lower.data.id).toBe(`${WS_PATH}/incidents/${id(1)}`);
  });

  it.each([
    ['another workspace', WS_PATH.replace('/workspaces/soc-demo/', '/workspaces/other-ws/')],
    ['another resource group', WS_PATH.replace('/resourceGroups/soc-demo-rg/', '/resourceGroups/other-rg/')],
    ['another subscription', WS_PATH.replace('00000000-0000-0000-0000-000000000000', '11111111-0000-0000-0000-000000000000')],
  ])('answers 404 ResourceNotFound for %s', async (_what, base) => {
    const res = await h.call('GET', `${base}/incidents?api-version=2025-09-01`);
    expect(res.status).toBe(404);
    expect(res.data.error.code).toBe('ResourceNotFound');
  });

  it('answers 404 for unknown incidents, tasks, comments and resource types, 405 for other methods', async () => {
    const unknown = await h.arm('GET', '/incidents/does-not-exist');
    expect(unknown.status).toBe(404);
    expect(unknown.data.error.code).toBe('NotFound');
    expect((await h.arm('GET', '/incidents/does-not-exist/tasks')).status).toBe(404);
    expect((await h.arm('PUT', '/incidents/does-not-exist/comments/c1', { properties: { message: 'hi' } })).status).toBe(404);
    expect((await h.arm('GET', `/incidents/${id(1)}/tasks/nope`)).status).toBe(404);
    expect((await h.arm('GET', '/alertRules')).data.error.code).toBe('InvalidResourceType');
    expect((await h.call('GET', '/nothing/here?api-version=2025-09-01')).status).toBe(404);
    const post = await h.arm('POST', '/incidents');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
  });
});
