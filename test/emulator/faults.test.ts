/** The control API that reliability tests and benchmarks use: injected faults, request counts, health. */
import { isLoopbackAddress } from '../../src/emulator/server';
import { newIncident, startHarness, guid, QUERY_PATH, type Harness } from './helpers/emulatorHarness';
import { EmulatorControl, EmulatorControlError } from './helpers/controlClient';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
afterEach(async () => h.control.clearFaults());

const ID = guid(1, 'cccccccc');

describe('fault injection', () => {
  it('throttles with Retry-After a given number of times, then recovers', async () => {
    const rules = await h.control.setFaults([{ match: { api: 'arm', method: 'GET' }, fault: { status: 429, retryAfterSeconds: 7 }, times: 2 }]);
    expect(rules[0]!.remaining).toBe(2);
    const first = await h.arm('GET', '/incidents');
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('7');
    expect(first.data.error.code).toBe('TooManyRequests');
    expect((await h.arm('PUT', `/incidents/${ID}`, newIncident('not throttled: PUT'))).status).toBe(201);
    expect((await h.arm('GET', '/incidents')).status).toBe(429);
    expect((await h.arm('GET', '/incidents')).status).toBe(200);
    expect((await h.control.faults())[0]!.remaining).toBe(0);
  });

  it('answers 500 and 503 for the matching path or API only, in that API\'s error shape', async () => {
    await h.control.setFaults([
      { match: { pathContains: '/query' }, fault: { status: 503, retryAfterSeconds: 1 } },
      { match: { pathContains: '/tasks' }, fault: { status: 500 } },
    ]);
    const query = await h.query('SecurityIncident | take 1');
    expect(query.status).toBe(503);
    expect(query.data.error).toMatchObject({ code: 'ServiceUnavailable' });
    expect((await h.arm('GET', `/incidents/${ID}/tasks`)).status).toBe(500);
    expect((await h.arm('GET', '/incidents')).status).toBe(200);
  });

  it('fails before authentication, as a front door would', async () => {
    await h.control.setFaults([{ match: { api: 'query' }, fault: { status: 503 }, times: 1 }]);
    expect((await h.call('POST', QUERY_PATH, { query: 'x' }, { token: null })).status).toBe(503);
    expect((await h.call('POST', QUERY_PATH, { query: 'x' }, { token: null })).status).toBe(401);
  });

  it('drops the connection', async () => {
    await h.control.setFaults([{ match: { api: 'arm' }, fault: { reset: true }, times: 1 }]);
    await expect(h.arm('GET', '/incidents')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await h.arm('GET', '/incidents')).status).toBe(200);
  });

  it('delays answers, then answers normally', async () => {
    await h.control.setFaults([{ match: { api: 'arm' }, fault: { delayMs: 300 }, times: 1 }]);
    const started = Date.now();
    expect((await h.arm('GET', '/incidents')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('plays a concurrent writer: the etag the caller read is stale, and a re-read one works', async () => {
    const created = await h.arm('GET', `/incidents/${ID}`);
    await h.control.setFaults([{ match: { method: 'PUT' }, fault: { conflict: true }, times: 1 }]);
    const raced = await h.arm('PUT', `/incidents/${ID}`, newIncident('raced', { severity: 'High' }), { headers: { 'If-Match': created.data.etag } });
    expect(raced.status).toBe(409);
    const fresh = await h.arm('GET', `/incidents/${ID}`);
    expect(fresh.data.etag).not.toBe(created.data.etag);
    expect(fresh.data.properties.severity).toBe('Medium');
    expect((await h.arm('PUT', `/incidents/${ID}`, newIncident('raced', { severity: 'High' }), { headers: { 'If-Match': fresh.data.etag } })).status).toBe(200);
  });

  it('plays a concurrent writer on a task too', async () => {
    const task = await h.arm('PUT', `/incidents/${ID}/tasks/t1`, { properties: { title: 't', status: 'New' } });
    await h.control.setFaults([{ match: { pathContains: '/tasks/' }, fault: { conflict: true }, times: 1 }]);
    const raced = await h.arm('PUT', `/incidents/${ID}/tasks/t1`, { properties: { title: 't', status: 'Completed' } }, { headers: { 'If-Match': task.data.etag } });
    expect(raced.status).toBe(409);
  });

  it.each([
    [{ not: 'a list' }, /JSON array/],
    [[{ fault: { status: 200 } }], /error status/],
    [[{ fault: {} }], /does nothing/],
    [[{ match: { api: 'graph' }, fault: { status: 500 } }], /'arm' or 'query'/],
    [[{ fault: { delayMs: -1 } }], /milliseconds/],
  ])('rejects the malformed rules %j with 400', async (rules, message) => {
    const res = await h.call('PUT', '/_emulator/faults', rules, { token: null });
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(message);
  });
});

describe('stats and health', () => {
  it('counts requests per method and route kind, faulted and refused ones included', async () => {
    await h.control.resetStats();
    await h.arm('GET', '/incidents');
    await h.arm('GET', `/incidents/${ID}`);
    await h.arm('GET', `/incidents/${ID}/tasks`);
    await h.arm('PUT', `/incidents/${ID}/comments/c1`, { properties: { message: 'x' } });
    await h.query('SecurityIncident | take 1');
    await h.call('GET', '/nowhere');
    await h.arm('GET', '/incidents', undefined, { token: null });
    expect(await h.control.stats()).toEqual({
      total: 7,
      byRoute: { 'GET incident': 1, 'GET incidents': 2, 'GET tasks': 1, 'GET unknown': 1, 'POST query': 1, 'PUT comment': 1 },
      query: { 'cache miss': 1 },
    });
    await h.control.resetStats();
    expect(await h.control.stats()).toEqual({ total: 0, byRoute: {}, query: {} });
  });

  it('reports health without a token', async () => {
    expect(await h.control.health()).toMatchObject({ status: 'ok', incidents: 1, dataDir: h.dataDir });
  });

  it('answers unknown control routes with 404 and errors through the client', async () => {
    await expect(new EmulatorControl(`${h.url}/x`).health()).rejects.toBeInstanceOf(EmulatorControlError);
    expect((await h.call('GET', '/_emulator/nothing', undefined, { token: null })).status).toBe(404);
  });

  it('answers the control API on loopback only', () => {
    expect(['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
    expect(['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', undefined].some(isLoopbackAddress)).toBe(false);
  });
});
