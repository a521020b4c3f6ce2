/**
 * The Azure-call hook of the HTTP pipeline, over real sockets: every attempt becomes a
 * client span under the turn with method, route template, status and latency; 429s count
 * as throttling; the turn's correlation id is what Azure receives as x-ms-client-request-id;
 * no id of a subscription, workspace or incident reaches telemetry.
 */
import { SpanKind } from '@opentelemetry/api';
import { runWithLogContext } from '../../src/logging';
import { AzureHttpClient } from '../../src/azure/httpClient';
import { routeTemplate } from '../../src/telemetry/routes';
import { allAttributeValues, memoryTelemetry } from '../helpers/memoryTelemetry';
import { CountingCredential } from '../sentinel/helpers/fakes';
import { startScriptedServer, type ScriptedServer } from '../sentinel/helpers/scriptedServer';

const INCIDENT_PATH = '/subscriptions/0f6a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/soc-rg/providers/Microsoft.OperationalInsights/workspaces/soc-ws/providers/Microsoft.SecurityInsights/incidents/73e01a99-5cd7-4139-a149-9f2736ff2ab5';
const TEMPLATE = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/{workspace}/providers/Microsoft.SecurityInsights/incidents/{incidentId}';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

function client(observer: ConstructorParameters<typeof AzureHttpClient>[0]['observer'], maxRetries = 2): AzureHttpClient {
  return new AzureHttpClient({
    baseUrl: server.url,
    credential: new CountingCredential(),
    scope: 'https://management.azure.com/.default',
    api: 'arm',
    http: { timeoutInMs: 2000, maxRetries, maxRetryDelayInMs: 10 },
    sleep: async () => undefined,
    observer,
  });
}

describe('Azure calls in telemetry', () => {
  it("sends the turn's correlation id as x-ms-client-request-id and records the call as a child of the turn", async () => {
    const t = memoryTelemetry();
    server.script({ status: 200, body: { name: 'x' } });
    const correlationId = '5f0c6a47-1b8e-4f43-9d7e-2c1a0b9e8d71';
    await runWithLogContext({ correlationId }, () =>
      t.telemetry.runTurn({ activityType: 'message', channelId: 'msteams', conversationType: 'channel', correlationId }, async () => {
        await client(t.telemetry).request({ method: 'GET', url: `${INCIDENT_PATH}?api-version=2025-09-01` });
      }),
    );
    expect(server.received[0]?.headers['x-ms-client-request-id']).toBe(correlationId);
    const turn = t.spans().find((s) => s.name === 'bot.turn')!;
    const call = t.spans().find((s) => s.kind === SpanKind.CLIENT)!;
    expect(call.name).toBe(`GET ${TEMPLATE}`);
    expect(call.parentSpanContext?.spanId).toBe(turn.spanContext().spanId);
    expect(call.spanContext().traceId).toBe(turn.spanContext().traceId);
    expect(call.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 200, 'url.template': TEMPLATE, 'server.address': '127.0.0.1', 'azure.attempt': 0 });
    expect(turn.attributes['bot.correlation_id']).toBe(correlationId);
    const points = await t.metrics();
    expect(points.find((p) => p.name === 'azure.requests')).toMatchObject({ value: 1, attributes: { 'http.response.status_code': 200, 'url.template': TEMPLATE } });
    expect(points.find((p) => p.name === 'azure.request.duration')?.value).toBe(1);
    // Nothing that identifies the subscription, workspace or incident.
    const values = allAttributeValues(t.spans(), points).join(' ');
    for (const id of ['0f6a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', 'soc-rg', 'soc-ws', '73e01a99-5cd7-4139-a149-9f2736ff2ab5']) expect(values).not.toContain(id);
  });

  it('records each attempt of a throttled call and counts the throttling', async () => {
    const t = memoryTelemetry();
    server.script({ status: 429, headers: { 'Retry-After': '0' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } }, { status: 200, body: {} });
    await t.telemetry.runTurn({ activityType: 'message', channelId: 'msteams', conversationType: 'personal' }, () => client(t.telemetry).request({ method: 'GET', url: INCIDENT_PATH }));
    const attempts = t.spans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(attempts.map((s) => [s.attributes['azure.attempt'], s.attributes['http.response.status_code'], s.attributes['error.type']])).toEqual([
      [0, 429, 'THROTTLED'],
      [1, 200, undefined],
    ]);
    const points = await t.metrics();
    expect(points.filter((p) => p.name === 'azure.throttled')).toEqual([{ name: 'azure.throttled', value: 1, attributes: { 'server.address': '127.0.0.1', 'url.template': TEMPLATE } }]);
    expect(points.filter((p) => p.name === 'azure.requests').map((p) => p.attributes['http.response.status_code']).sort()).toEqual([200, 429]);
    // Both attempts carry the same client request id, as one logical request.
    expect(server.received[0]?.headers['x-ms-client-request-id']).toBe(server.received[1]?.headers['x-ms-client-request-id']);
  });

  it('records a dropped connection with its error code and no status', async () => {
    const t = memoryTelemetry();
    server.script({ reset: true });
    await expect(client(t.telemetry, 0).request({ method: 'GET', url: INCIDENT_PATH })).rejects.toMatchObject({ code: 'NETWORK' });
    const [span] = t.spans();
    expect(span?.attributes['error.type']).toBe('NETWORK');
    expect(span?.attributes['http.response.status_code']).toBeUndefined();
  });

  it('outside a turn, each request gets its own fresh client request id', async () => {
    server.script({ status: 200, body: {} });
    const c = client(undefined);
    await c.request({ method: 'GET', url: INCIDENT_PATH });
    await c.request({ method: 'GET', url: INCIDENT_PATH });
    const [a, b] = server.received.map((r) => r.headers['x-ms-client-request-id']);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });
});

describe('routeTemplate', () => {
  it.each([
    [INCIDENT_PATH, TEMPLATE],
    [`${INCIDENT_PATH}/tasks/0b4f5a7e-1c2d-4e3f-9a8b-7c6d5e4f3a2b?api-version=2025-09-01`, `${TEMPLATE}/tasks/{taskId}`],
    [`${INCIDENT_PATH}/comments/my-comment-1`, `${TEMPLATE}/comments/{commentId}`],
    ['/v1/workspaces/11111111-2222-3333-4444-555555555555/query', '/v1/workspaces/{workspace}/query'],
    ['/v1.0/users/alice@contoso.com/checkMemberGroups', '/v1.0/users/{userId}/checkMemberGroups'],
    ['https://management.azure.com/subscriptions/abc/resourceGroups/x?$skipToken=secret', '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}'],
    ['/odd/405211/Alice%20Smith', '/odd/{id}/{id}'],
  ])('%s -> %s', (path, expected) => {
    expect(routeTemplate(path)).toBe(expected);
  });
});
