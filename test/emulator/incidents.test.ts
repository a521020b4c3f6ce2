/** The incident routes behave as Sentinel's do: validation, etags, numbering, lists. */
import { newIncident, startHarness, WS_PATH, type Harness } from './helpers/emulatorHarness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('empty');
});
afterAll(async () => h.stop());

const id = (n: number): string => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('create and update', () => {
  it('numbers incidents sequentially and trims the title', async () => {
    const a = await h.arm('PUT', `/incidents/${id(1)}`, newIncident('  first  '));
    const b = await h.arm('PUT', `/incidents/${id(2)}`, newIncident('second'));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.data.properties.title).toBe('first');
    expect(b.data.properties.incidentNumber).toBe(a.data.properties.incidentNumber + 1);
    expect(a.data.properties.createdTimeUtc).toBe(a.data.properties.lastModifiedTimeUtc);
  });

  it('keeps number and creation time on update and moves lastModifiedTimeUtc', async () => {
    const before = await h.arm('GET', `/incidents/${id(1)}`);
    const after = await h.arm('PUT', `/incidents/${id(1)}`, newIncident('first', { severity: 'High' }));
    expect(after.status).toBe(200);
    expect(after.data.properties.incidentNumber).toBe(before.data.properties.incidentNumber);
    expect(after.data.properties.createdTimeUtc).toBe(before.data.properties.createdTimeUtc);
    expect(Date.parse(after.data.properties.lastModifiedTimeUtc)).toBeGreaterThan(Date.parse(before.data.properties.lastModifiedTimeUtc));
    expect(after.data.etag).not.toBe(before.data.etag);
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ['no title', { properties: { severity: 'High', status: 'New' } }, /title is required/],
    ['blank title', newIncident('   '), /title is required/],
    ['5001-character description', newIncident('x', { description: 'd'.repeat(5001) }), /at most 5000/],
    ['unknown severity', newIncident('x', { severity: 'Critical' }), /severity/],
    ['unknown status', newIncident('x', { status: 'Resolved' }), /status/],
    ['closed without classification', newIncident('x', { status: 'Closed' }), /needs properties.classification/],
    ['true positive without reason', newIncident('x', { status: 'Closed', classification: 'TruePositive' }), /SuspiciousActivity/],
    ['mismatched reason', newIncident('x', { status: 'Closed', classification: 'FalsePositive', classificationReason: 'SuspiciousActivity' }), /IncorrectAlertLogic or InaccurateData/],
    ['owner id not a GUID', newIncident('x', { owner: { objectId: 'user-id-0' } }), /must be a GUID/],
    ['title of the wrong type', { properties: { title: 5, severity: 'High', status: 'New' } }, /must be a string/],
    ['no properties', { title: 'x' }, /properties must be a JSON object/],
  ];
  it.each(invalid)('rejects %s with 400 BadRequest', async (_name, body, message) => {
    const res = await h.arm('PUT', `/incidents/${id(99)}`, body);
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe('BadRequest');
    expect(res.data.error.message).toMatch(message);
    expect((await h.arm('GET', `/incidents/${id(99)}`)).status).toBe(404);
  });

  it('accepts an Undetermined closure without a reason', async () => {
    expect((await h.arm('PUT', `/incidents/${id(3)}`, newIncident('closed', { status: 'Closed', classification: 'Undetermined' }))).status).toBe(201);
  });

  it('rejects malformed JSON and oversized bodies', async () => {
    const bad = await h.call('PUT', `${WS_PATH}/incidents/${id(4)}?api-version=2025-09-01`, '{"properties": ', { 'Content-Type': 'application/json' });
    expect(bad.status).toBe(400);
    const big = await h.arm('PUT', `/incidents/${id(4)}`, newIncident('x', { description: 'd'.repeat(1_100_000) }));
    expect(big.status).toBe(413);
  });
});

describe('concurrency', () => {
  it('answers 412 to a stale If-Match and applies a fresh one', async () => {
    const current = await h.arm('GET', `/incidents/${id(2)}`);
    const ok = await h.arm('PUT', `/incidents/${id(2)}`, newIncident('second', { severity: 'Low' }), { 'If-Match': current.data.etag });
    expect(ok.status).toBe(200);
    const stale = await h.arm('PUT', `/incidents/${id(2)}`, newIncident('second', { severity: 'High' }), { 'If-Match': current.data.etag });
    expect(stale.status).toBe(412);
    expect(stale.data.error.code).toBe('PreconditionFailed');
    expect((await h.arm('GET', `/incidents/${id(2)}`)).data.properties.severity).toBe('Low');
  });

  it('checks an etag in the body like If-Match', async () => {
    const res = await h.arm('PUT', `/incidents/${id(2)}`, { ...newIncident('second'), etag: '"00000000-0000-0000-0000-000000000000"' });
    expect(res.status).toBe(412);
  });

  it('makes If-None-Match: * create-only', async () => {
    expect((await h.arm('PUT', `/incidents/${id(5)}`, newIncident('once'), { 'If-None-Match': '*' })).status).toBe(201);
    const again = await h.arm('PUT', `/incidents/${id(5)}`, newIncident('overwrite'), { 'If-None-Match': '*' });
    expect(again.status).toBe(412);
    expect((await h.arm('GET', `/incidents/${id(5)}`)).data.properties.title).toBe('once');
  });
});

describe('list', () => {
  beforeAll(async () => {
    for (let n = 10; n < 70; n++) await h.arm('PUT', `/incidents/${id(n)}`, newIncident(`bulk ${n}`, { severity: n % 2 ? 'High' : 'Low', status: n % 3 ? 'New' : 'Active' }));
  });

  it('filters by incident number, status, severity and owner', async () => {
    const one = await h.arm('GET', `/incidents?$filter=${encodeURIComponent('properties/incidentNumber eq 2')}`);
    expect(one.data.value.map((i: { name: string }) => i.name)).toEqual([id(2)]);
    const active = await h.arm('GET', `/incidents?$filter=${encodeURIComponent("properties/status eq 'Active' and (properties/severity eq 'High' or properties/severity eq 'Low')")}&$top=1000`);
    expect(active.data.value.length).toBe(20);
    expect(active.data.value.every((i: { properties: { status: string } }) => i.properties.status === 'Active')).toBe(true);
    const nobody = await h.arm('GET', `/incidents?$filter=${encodeURIComponent("properties/owner/objectId eq '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90'")}`);
    expect(nobody.data.value).toEqual([]);
  });

  it('rejects a filter it does not understand', async () => {
    const res = await h.arm('GET', `/incidents?$filter=${encodeURIComponent("startswith(properties/title, 'x')")}`);
    expect(res.status).toBe(400);
  });

  it('orders, limits with $top and pages with nextLink', async () => {
    const top = await h.arm('GET', `/incidents?$orderby=${encodeURIComponent('properties/incidentNumber asc')}&$top=3`);
    expect(top.data.value.map((i: { properties: { incidentNumber: number } }) => i.properties.incidentNumber)).toEqual([1, 2, 3]);
    expect(top.data.nextLink).toBeUndefined();
    const first = await h.arm('GET', '/incidents');
    expect(first.data.value).toHaveLength(50);
    expect(first.data.nextLink).toContain('$skipToken=');
    const second = await h.call('GET', String(first.data.nextLink).replace(/^http:\/\/[^/]+/, ''));
    expect(second.status).toBe(200);
    const all = [...first.data.value, ...second.data.value].map((i: { name: string }) => i.name);
    expect(new Set(all).size).toBe(all.length);
    expect(second.data.nextLink).toBeUndefined();
    expect((await h.arm('GET', '/incidents?$top=1001')).status).toBe(400);
  });
});

describe('ARM behaviour', () => {
  it('requires api-version 2025-09-01 and answers in ARM error shape', async () => {
    const missing = await h.call('GET', `${WS_PATH}/incidents`);
    expect(missing.status).toBe(400);
    expect(missing.data.error.code).toBe('MissingApiVersionParameter');
    const other = await h.call('GET', `${WS_PATH}/incidents?api-version=2019-01-01-preview`);
    expect(other.status).toBe(400);
    expect(other.data.error.message).toContain("'2025-09-01'");
  });

  it('answers 401 without a bearer token, with WWW-Authenticate', async () => {
    const res = await h.call('GET', `${WS_PATH}/incidents?api-version=2025-09-01`, undefined, {}, false);
    expect(res.status).toBe(401);
    expect(res.data.error.code).toBe('AuthenticationFailed');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('treats path names case-insensitively and other workspaces as not found', async () => {
    const lower = await h.call('GET', `${WS_PATH.toLowerCase()}/incidents/${id(1)}?api-version=2025-09-01`);
    expect(lower.status).toBe(200);
    const other = await h.call('GET', `${WS_PATH.replace('soc-demo/', 'other-ws/')}/incidents?api-version=2025-09-01`);
    expect(other.status).toBe(404);
  });

  it('answers 404 for an unknown incident, task or comment', async () => {
    expect((await h.arm('GET', '/incidents/does-not-exist')).status).toBe(404);
    expect((await h.arm('GET', '/incidents/does-not-exist/tasks')).status).toBe(404);
    expect((await h.arm('PUT', '/incidents/does-not-exist/comments/c1', { properties: { message: 'hi' } })).status).toBe(404);
  });
});
