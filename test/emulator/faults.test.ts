/** The fault-injection and stats control API that reliability tests and benchmarks use. */
import { newIncident, startHarness, type Harness } from './helpers/emulatorHarness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('empty');
});
afterAll(async () => h.stop());
afterEach(async () => {
  await h.call('DELETE', '/_emulator/faults');
});

const ID = 'cccccccc-0000-4000-8000-000000000001';

describe('fault injection', () => {
  it('throttles with Retry-After a given number of times, then recovers', async () => {
    await h.call('PUT', '/_emulator/faults', [{ match: { api: 'arm', method: 'GET' }, fault: { status: 429, retryAfterSeconds: 7 }, times: 2 }]);
    const first = await h.arm('GET', '/incidents');
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('7');
    expect((await h.arm('GET', '/incidents')).status).toBe(429);
    expect((await h.arm('GET', '/incidents')).status).toBe(200);
  });

  it('answers 500 and 503 for the matching path only', async () => {
    await h.call('PUT', '/_emulator/faults', [{ match: { pathContains: '/query' }, fault: { status: 503 } }]);
    expect((await h.query('SecurityIncident | take 1')).status).toBe(503);
    expect((await h.arm('GET', '/incidents')).status).toBe(200);
  });

  it('drops the connection', async () => {
    await h.call('PUT', '/_emulator/faults', [{ match: { api: 'arm' }, fault: { reset: true }, times: 1 }]);
    await expect(h.arm('GET', '/incidents')).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('delays answers', async () => {
    await h.call('PUT', '/_emulator/faults', [{ match: { api: 'arm' }, fault: { delayMs: 300 }, times: 1 }]);
    const started = Date.now();
    expect((await h.arm('GET', '/incidents')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('plays a concurrent writer: a fresh etag becomes stale', async () => {
    const created = await h.arm('PUT', `/incidents/${ID}`, newIncident('raced'));
    await h.call('PUT', '/_emulator/faults', [{ match: { method: 'PUT' }, fault: { conflict: true }, times: 1 }]);
    const res = await h.arm('PUT', `/incidents/${ID}`, newIncident('raced', { severity: 'High' }), { 'If-Match': created.data.etag });
    expect(res.status).toBe(412);
  });

  it('rejects a malformed rule list', async () => {
    expect((await h.call('PUT', '/_emulator/faults', { not: 'a list' })).status).toBe(400);
    expect((await h.call('PUT', '/_emulator/faults', [{ fault: { status: 200 } }])).status).toBe(400);
  });
});

describe('stats', () => {
  it('counts requests per route kind', async () => {
    await h.call('POST', '/_emulator/stats/reset');
    await h.arm('GET', '/incidents');
    await h.arm('GET', `/incidents/${ID}`);
    await h.query('SecurityIncident | take 1');
    const stats = await h.call('GET', '/_emulator/stats');
    expect(stats.data).toEqual({ total: 3, byRoute: { 'GET incident': 1, 'GET incidents': 1, 'POST query': 1 } });
  });
});
