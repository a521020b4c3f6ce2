/** The HTTP exchange under the pipeline: what goes on the wire, and answers Azure should not send. */
import { HttpTransport } from '../../src/azure/transport';
import { GraphGroupMembership } from '../../src/directory/groupMembership';
import { CountingCredential, INCIDENT_ID } from '../sentinel/helpers/fakes';
import { harness } from '../sentinel/helpers/harness';
import { useScriptedServer } from '../sentinel/helpers/scriptedServer';

const server = useScriptedServer();

describe('HttpTransport', () => {
  it('sends JSON with its length, and parses a JSON answer', async () => {
    server.script({ status: 200, body: { ok: true } });
    const t = new HttpTransport(server.url, 1024);
    const res = await t.send({ method: 'PUT', url: '/x', params: { 'api-version': '2025-09-01', $filter: "a eq 'b c'" }, data: { properties: { title: 'ünïcode' } } });
    t.close();
    expect(res).toMatchObject({ status: 200, data: { ok: true } });
    const [received] = server.received;
    expect(received?.url).toBe("/x?api-version=2025-09-01&%24filter=a%20eq%20'b%20c'");
    expect(received?.headers['content-type']).toBe('application/json');
    expect(Number(received?.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify({ properties: { title: 'ünïcode' } })));
    expect(received?.body).toEqual({ properties: { title: 'ünïcode' } });
  });

  it('refuses an answer larger than its bound', async () => {
    server.script({ status: 200, rawBody: 'x'.repeat(5000) });
    const t = new HttpTransport(server.url, 1000);
    await expect(t.send({ method: 'GET', url: '/big' })).rejects.toMatchObject({ code: 'ERR_BODY_TOO_LARGE' });
    t.close();
  });

  it('gives text that is not JSON as text, and an empty body as ""', async () => {
    server.script({ status: 502, rawBody: '<html>Bad gateway</html>' }, { status: 204 });
    const t = new HttpTransport(server.url, 1024);
    expect((await t.send({ method: 'GET', url: '/a' })).data).toBe('<html>Bad gateway</html>');
    expect((await t.send({ method: 'GET', url: '/b' })).data).toBe('');
    t.close();
  });
});

describe('through the pipeline', () => {
  it('does not follow a redirect: the token would go to wherever it points', async () => {
    server.script({ status: 302, headers: { location: 'http://127.0.0.1:9/steal' } });
    await expect(harness(server, { maxRetries: 0 }).sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'UNKNOWN', statusCode: 302, service: 'Sentinel' });
    expect(server.received).toHaveLength(1);
  });

  it('names Log Analytics in its failures', async () => {
    server.script({ status: 403, body: { error: { code: 'InsufficientAccessError', message: 'no' } } });
    const err = await harness(server, { maxRetries: 0 }).audit.query('SecurityIncident | take 1', { timespan: 'P1D' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FORBIDDEN', service: 'Log Analytics', message: 'Log Analytics answered 403 (InsufficientAccessError)' });
  });

  it('names Microsoft Graph, not Sentinel, when the membership check is refused', async () => {
    server.script({ status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } } });
    const graph = new GraphGroupMembership({ credential: new CountingCredential(), endpoint: server.url, http: { timeoutInMs: 1000, maxRetries: 0, maxRetryDelayInMs: 0 } });
    const err = await graph.isMemberOfAny('11111111-2222-4333-8444-555555555555', ['g1']).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FORBIDDEN', service: 'Microsoft Graph', message: 'Microsoft Graph answered 403 (Authorization_RequestDenied)' });
    expect(server.received[0]?.url).toBe('/v1.0/directoryObjects/11111111-2222-4333-8444-555555555555/checkMemberGroups');
  });
});
