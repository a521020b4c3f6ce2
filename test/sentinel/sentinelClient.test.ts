import type { AccessToken, TokenCredential } from '@azure/identity';
import type { WorkspaceConfig } from '../../src/config';
import { SentinelError } from '../../src/sentinel/errors';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { AuditLogClient } from '../../src/sentinel/auditLogClient';
import { startScriptedServer, type ScriptedServer } from './helpers/scriptedServer';

const SECRET = 'eyJ0eXAi.secret-token-value.signature';

class CountingCredential implements TokenCredential {
  calls = 0;
  constructor(private readonly lifetimeMs = 3600_000) {}
  async getToken(): Promise<AccessToken> {
    this.calls++;
    await new Promise((r) => setTimeout(r, 5));
    return { token: `${SECRET}-${this.calls}`, expiresOnTimestamp: Date.now() + this.lifetimeMs };
  }
}

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  server.received.length = 0;
});

const workspace = (): WorkspaceConfig => ({
  subscriptionId: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0',
  resourceGroup: 'myRg',
  workspaceName: 'myWorkspace',
  logAnalyticsWorkspaceId: '63613592-b6f7-4c3d-a390-22ba13102111',
  armEndpoint: server.url,
  logAnalyticsEndpoint: server.url,
  apiVersion: '2025-09-01',
});

function client(options: { maxRetries?: number; timeoutInMs?: number; maxRetryDelayInMs?: number; credential?: TokenCredential } = {}): { c: SentinelClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const c = new SentinelClient({
    workspace: workspace(),
    credential: options.credential ?? new CountingCredential(),
    http: { timeoutInMs: options.timeoutInMs ?? 2000, maxRetries: options.maxRetries ?? 3, maxRetryDelayInMs: options.maxRetryDelayInMs ?? 8000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { c, sleeps };
}

const BASE = '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace/providers/Microsoft.SecurityInsights';
const incident = { id: `${BASE}/incidents/x`, name: 'x', type: 'Microsoft.SecurityInsights/incidents', etag: '"e1"', properties: { title: 'T', severity: 'High', status: 'New', incidentNumber: 7 } };

describe('requests as the swagger describes them', () => {
  it('PUTs an incident with api-version, bearer token and conditional headers', async () => {
    server.script({ status: 201, body: incident });
    const { c } = client();
    const res = await c.createOrUpdateIncident('73e01a99-5cd7-4139-a149-9f2736ff2ab5', { properties: { title: 'T', severity: 'High', status: 'New' } }, { ifNoneMatch: '*' });
    expect(res.created).toBe(true);
    const r = server.received[0]!;
    expect(r.method).toBe('PUT');
    expect(r.url).toBe(`${BASE}/incidents/73e01a99-5cd7-4139-a149-9f2736ff2ab5?api-version=2025-09-01`);
    expect(r.headers.authorization).toMatch(/^Bearer eyJ0eXAi/);
    expect(r.headers['if-none-match']).toBe('*');
    expect(r.body).toEqual({ properties: { title: 'T', severity: 'High', status: 'New' } });
  });

  it('maps an incident number to its resource with one filtered list call', async () => {
    server.script({ status: 200, body: { value: [incident] } });
    const { c } = client();
    expect((await c.getIncidentByNumber(7)).name).toBe('x');
    expect(decodeURIComponent(server.received[0]!.url)).toBe(`${BASE}/incidents?api-version=2025-09-01&$filter=properties/incidentNumber eq 7&$top=1`);
    server.script({ status: 200, body: { value: [] } });
    await expect(c.getIncidentByNumber(8)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(c.getIncidentByNumber(-1)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(server.received).toHaveLength(2);
  });

  it('follows nextLink pages', async () => {
    server.script({ status: 200, body: { value: [incident], nextLink: `${server.url}${BASE}/incidents?api-version=2025-09-01&$skipToken=abc` } }, { status: 200, body: { value: [{ ...incident, name: 'y' }] } });
    const { c } = client();
    expect((await c.listIncidents()).map((i) => i.name)).toEqual(['x', 'y']);
    expect(server.received[1]!.url).toContain('$skipToken=abc');
  });

  it('refuses ids that are not safe path segments before sending anything', async () => {
    const { c } = client();
    for (const bad of ['../../other', 'a/b', '', 'x?api-version=1', 'a'.repeat(80)]) await expect(c.getIncident(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(server.received).toHaveLength(0);
  });

  it('sends task and comment bodies in the swagger shape', async () => {
    server.script({ status: 200, body: { id: 'i', name: 't', type: 'Microsoft.SecurityInsights/incidents/tasks', properties: { title: 'a', status: 'Completed' } } });
    const { c } = client();
    await c.createOrUpdateTask('x', 't1', { title: 'a', status: 'Completed' }, { ifMatch: '"e"' });
    await c.createComment('x', 'c1', 'hello');
    expect(server.received.map((r) => [r.method, r.url.split('?')[0], r.body, r.headers['if-match']])).toEqual([
      ['PUT', `${BASE}/incidents/x/tasks/t1`, { properties: { title: 'a', status: 'Completed' } }, '"e"'],
      ['PUT', `${BASE}/incidents/x/comments/c1`, { properties: { message: 'hello' } }, undefined],
    ]);
  });
});

describe('tokens', () => {
  it('fetches one token for many requests, even concurrent ones', async () => {
    server.script({ status: 200, body: incident });
    const credential = new CountingCredential();
    const { c } = client({ credential });
    await Promise.all(Array.from({ length: 20 }, () => c.getIncident('x')));
    await c.getIncident('x');
    expect(credential.calls).toBe(1);
    expect(c.stats()).toMatchObject({ requests: 21, tokenRequests: 1 });
  });

  it('refreshes a token that is about to expire', async () => {
    server.script({ status: 200, body: incident });
    const credential = new CountingCredential(60_000);
    const { c } = client({ credential });
    await c.getIncident('x');
    await c.getIncident('x');
    expect(credential.calls).toBe(2);
  });

  it('gets a fresh token once after a 401, then reports it', async () => {
    const credential = new CountingCredential();
    server.script({ status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'expired' } } }, { status: 200, body: incident });
    const { c } = client({ credential });
    expect((await c.getIncident('x')).name).toBe('x');
    expect(credential.calls).toBe(2);
    server.script({ status: 401, body: {} });
    await expect(c.getIncident('x')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('retries', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i and then succeeds', async (status) => {
    server.script({ status, body: { error: { code: 'X', message: 'busy' } } }, { status: 200, body: incident });
    const { c, sleeps } = client();
    expect((await c.getIncident('x')).name).toBe('x');
    expect(server.received).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it.each([
    [400, 'BAD_REQUEST'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [412, 'PRECONDITION_FAILED'],
    [501, 'UNAVAILABLE'],
    [505, 'UNAVAILABLE'],
  ])('does not retry %i (%s)', async (status, code) => {
    server.script({ status, body: { error: { code: 'Svc', message: 'no' } } });
    const { c, sleeps } = client();
    await expect(c.getIncident('x')).rejects.toMatchObject({ code, statusCode: status, serviceCode: 'Svc' });
    expect(server.received.length).toBe(status === 401 ? 2 : 1);
    expect(sleeps).toEqual([]);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '3' } }, { status: 503, headers: { 'Retry-After': new Date(Date.now() + 5000).toUTCString() } }, { status: 200, body: incident });
    const { c, sleeps } = client();
    await c.getIncident('x');
    expect(sleeps[0]).toBe(3000);
    expect(sleeps[1]).toBeGreaterThan(3000);
    expect(sleeps[1]).toBeLessThanOrEqual(5000);
  });

  it('backs off exponentially with jitter, capped, within a bounded budget', async () => {
    server.script({ status: 503 });
    const { c, sleeps } = client({ maxRetries: 4, maxRetryDelayInMs: 1500 });
    await expect(c.getIncident('x')).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(server.received).toHaveLength(5);
    expect(sleeps).toEqual([250, 500, 750, 750]);
  });

  it('does not wait out a Retry-After longer than its budget: it reports throttling at once', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '120' } });
    const { c, sleeps } = client();
    await expect(c.getIncident('x')).rejects.toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 120 });
    expect(sleeps).toEqual([]);
  });

  it('retries a dropped connection and a timeout, then reports them', async () => {
    server.script({ reset: true }, { status: 200, body: incident });
    const { c } = client();
    expect((await c.getIncident('x')).name).toBe('x');
    server.script({ delayMs: 400, status: 200, body: incident });
    const slow = client({ timeoutInMs: 100, maxRetries: 1 });
    await expect(slow.c.getIncident('x')).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('secrets stay out of errors', () => {
  it('no token or Authorization header in the message, String() or JSON of an error', async () => {
    server.script({ status: 403, body: { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization' } } });
    const { c } = client();
    const err = await c.getIncident('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SentinelError);
    for (const text of [String(err), JSON.stringify(err), (err as Error).message, (err as Error).stack ?? '']) {
      expect(text).not.toContain('secret-token-value');
      expect(text.toLowerCase()).not.toContain('authorization: bearer');
    }
  });
});

describe('AuditLogClient', () => {
  it('posts the query with its timespan and parses typed cells', async () => {
    server.script({
      status: 200,
      body: {
        tables: [
          {
            name: 'PrimaryResult',
            columns: [{ name: 'IncidentNumber', type: 'int' }, { name: 'Tasks', type: 'dynamic' }, { name: 'Count', type: 'long' }, { name: 'Ok', type: 'bool' }, { name: 'At', type: 'datetime' }],
            rows: [[405211, '[{"title":"a"}]', '12', 'true', '2026-11-20T09:15:00Z']],
          },
        ],
      },
    });
    const audit = new AuditLogClient({ workspace: workspace(), credential: new CountingCredential(), http: { timeoutInMs: 2000, maxRetries: 0, maxRetryDelayInMs: 0 } });
    const table = await audit.query('SecurityIncident | take 1', { timespan: 'P90D' });
    expect(table.rows).toEqual([{ IncidentNumber: 405211, Tasks: [{ title: 'a' }], Count: 12, Ok: true, At: '2026-11-20T09:15:00Z' }]);
    expect(server.received[0]!.url).toBe('/v1/workspaces/63613592-b6f7-4c3d-a390-22ba13102111/query');
    expect(server.received[0]!.body).toEqual({ query: 'SecurityIncident | take 1', timespan: 'P90D' });
  });

  it('maps a 400 to INVALID_QUERY and requires a timespan', async () => {
    server.script({ status: 400, body: { error: { code: 'BadArgumentError', message: 'bad' } } });
    const audit = new AuditLogClient({ workspace: workspace(), credential: new CountingCredential(), http: { timeoutInMs: 2000, maxRetries: 0, maxRetryDelayInMs: 0 } });
    await expect(audit.query('x', { timespan: 'P1D' })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
    await expect(audit.query('x', { timespan: '' })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
  });
});
