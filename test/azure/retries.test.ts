/** Retries over real sockets: only what is retryable, Retry-After honoured, a bounded budget, timeouts. */
import { Writable } from 'node:stream';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/logging';
import { BASE_PATH, INCIDENT_ID } from '../sentinel/helpers/fakes';
import { harness } from '../sentinel/helpers/harness';
import { useScriptedServer } from '../sentinel/helpers/scriptedServer';

const server = useScriptedServer();

const incident = { id: `${BASE_PATH}/incidents/${INCIDENT_ID}`, name: INCIDENT_ID, type: 'Microsoft.SecurityInsights/incidents', etag: '"e1"', properties: { title: 'T', severity: 'High', status: 'New' } };
const busy = { error: { code: 'ServerBusy', message: 'try later' } };

describe('what is retried', () => {
  it.each([408, 429, 500, 502, 503, 504, 507, 599])('retries %i, then succeeds', async (status) => {
    server.script({ status, body: busy }, { status: 200, body: incident });
    const h = harness(server);
    expect((await h.sentinel.getIncident(INCIDENT_ID)).name).toBe(INCIDENT_ID);
    expect(server.received).toHaveLength(2);
    expect(h.delays).toHaveLength(1);
    expect(h.sentinel.stats()).toEqual({ requests: 2, tokenRequests: 1, retries: 1 });
  });

  it.each([
    [400, 'BAD_REQUEST'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [405, 'UNKNOWN'],
    [409, 'CONFLICT'],
    [412, 'PRECONDITION_FAILED'],
    [422, 'UNKNOWN'],
    [501, 'UNAVAILABLE'],
    [505, 'UNAVAILABLE'],
  ])('does not retry %i (%s)', async (status, code) => {
    server.script({ status, body: { error: { code: 'Svc', message: 'no' } }, headers: { 'Retry-After': '1', 'x-ms-request-id': 'req-123' } });
    const h = harness(server);
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code, statusCode: status, serviceCode: 'Svc', serviceMessage: 'no', requestId: 'req-123', retryable: false });
    expect(server.received).toHaveLength(1);
    expect(h.delays).toEqual([]);
  });

  it('retries a PUT as well: ARM PUTs are idempotent, and If-None-Match guards creation', async () => {
    server.script({ status: 503, body: busy }, { reset: true }, { status: 201, body: incident });
    const h = harness(server);
    const res = await h.sentinel.createOrUpdateIncident(INCIDENT_ID, { properties: { title: 'T', severity: 'High', status: 'New' } }, { ifNoneMatch: '*' });
    expect(res.created).toBe(true);
    expect(server.received.map((r) => [r.method, r.headers['if-none-match']])).toEqual(Array(3).fill(['PUT', '*']));
    expect(new Set(server.received.map((r) => r.headers['x-ms-client-request-id'])).size).toBe(1);
  });

  it('retries a dropped connection (ECONNRESET) and reports NETWORK when it keeps happening', async () => {
    server.script({ reset: true });
    const h = harness(server, { maxRetries: 2 });
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'NETWORK', retryable: true });
    expect(server.received).toHaveLength(3);
    expect(h.delays).toHaveLength(2);
  });

  it('retries a refused connection (ECONNREFUSED)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const h = harness(server, { maxRetries: 2, endpoint: `http://127.0.0.1:${port}` });
    const err = await h.sentinel.getIncident(INCIDENT_ID).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NETWORK', retryable: true });
    expect((err as Error).message).toContain('ECONNREFUSED');
    expect(h.sentinel.stats()).toEqual({ requests: 3, tokenRequests: 1, retries: 2 });
  });
});

describe('how long it waits', () => {
  it('honours Retry-After in seconds, as an HTTP date, and in milliseconds', async () => {
    const h = harness(server);
    const inFiveSeconds = new Date(h.clock.now() + 5000).toUTCString();
    server.script(
      { status: 429, headers: { 'Retry-After': '3' } },
      { status: 503, headers: { 'Retry-After': inFiveSeconds } },
      { status: 429, headers: { 'retry-after-ms': '1500', 'Retry-After': '7' } },
      { status: 200, body: incident },
    );
    await h.sentinel.getIncident(INCIDENT_ID);
    expect(h.delays).toEqual([3000, 5000, 1500]);
  });

  it('honours x-ms-retry-after-ms', async () => {
    server.script({ status: 503, headers: { 'x-ms-retry-after-ms': '250' } }, { status: 200, body: incident });
    const h = harness(server);
    await h.sentinel.getIncident(INCIDENT_ID);
    expect(h.delays).toEqual([250]);
  });

  it('backs off exponentially with full jitter, capped, within the retry budget', async () => {
    server.script({ status: 503, body: busy });
    const h = harness(server, { maxRetries: 4, maxRetryDelayInMs: 1500 });
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'UNAVAILABLE', statusCode: 503, retryable: true });
    expect(server.received).toHaveLength(5);
    // random() = 0.5 of min(cap, 500 * 2^attempt): 250, 500, 750 (cap 1500), 750
    expect(h.delays).toEqual([250, 500, 750, 750]);
  });

  it('draws the jitter from the injected random source', async () => {
    server.script({ status: 500 }, { status: 500 }, { status: 200, body: incident });
    const h = harness(server, { random: () => 0 });
    await h.sentinel.getIncident(INCIDENT_ID);
    expect(h.delays).toEqual([0, 0]);
  });

  it('does not wait out a Retry-After beyond the cap: THROTTLED at once, still retryable', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '120' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } });
    const h = harness(server);
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'THROTTLED', statusCode: 429, retryable: true, retryAfterSeconds: 120 });
    expect(h.delays).toEqual([]);
    expect(server.received).toHaveLength(1);
  });

  it('reports a 503 asking for a long wait as THROTTLED too, so the user hears "busy, try later"', async () => {
    server.script({ status: 503, headers: { 'Retry-After': '600' } });
    const h = harness(server);
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'THROTTLED', statusCode: 503, retryAfterSeconds: 600 });
  });

  it('gives up with THROTTLED when 429s outlast the budget', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '1' } });
    const h = harness(server, { maxRetries: 2 });
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'THROTTLED', retryable: true, retryAfterSeconds: 1 });
    expect(h.delays).toEqual([1000, 1000]);
    expect(server.received).toHaveLength(3);
  });

  it('does not retry at all with maxRetries 0', async () => {
    server.script({ status: 503 });
    const h = harness(server, { maxRetries: 0 });
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(server.received).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('a server slower than timeoutInMs is a TIMEOUT, retried, then reported', async () => {
    server.script({ delayMs: 1500, status: 200, body: incident });
    const h = harness(server, { timeoutInMs: 100, maxRetries: 1 });
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(server.received).toHaveLength(2);
    expect(h.delays).toHaveLength(1);
  });

  it('an answer that trickles in past the deadline is a TIMEOUT too', async () => {
    server.script({ status: 200, trickle: { intervalMs: 40, count: 100 } });
    const h = harness(server, { timeoutInMs: 250, maxRetries: 0 });
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('a timeout followed by an answer succeeds', async () => {
    server.script({ delayMs: 1500, status: 200, body: incident }, { status: 200, body: incident });
    const h = harness(server, { timeoutInMs: 100, maxRetries: 1 });
    expect((await h.sentinel.getIncident(INCIDENT_ID)).name).toBe(INCIDENT_ID);
  });
});

describe('logging', () => {
  it('logs each retry with method, path, status and attempt; never headers, tokens, bodies or query strings', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger({ level: 'debug', destination: sink });
    server.script({ status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests', message: 'secret-looking body text' } } }, { status: 200, body: incident });
    const h = harness(server, { logger });
    await h.sentinel.listIncidents({ filter: "properties/title eq 'customer-data'" });
    const retry = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'retrying Azure request');
    expect(retry).toMatchObject({ level: 40, service: 'Sentinel', method: 'GET', path: `${BASE_PATH}/incidents`, status: 429, code: 'THROTTLED', attempt: 1, delayMs: 2000 });
    const all = lines.join('\n');
    for (const secret of ['opaque-secret-token-value', 'Bearer', 'authorization', 'customer-data', 'api-version', 'secret-looking body text']) {
      expect(all).not.toContain(secret);
    }
  });
});
