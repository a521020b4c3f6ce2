/**
 * Time and limits of the query API as Log Analytics has them: the ingestion delay, the
 * result cache (and the Cache-Control header that bypasses it), the per-caller request rate
 * and concurrency, and partial results at the row and size limits. The limits are lowered
 * here so that a test can reach them; the defaults are the service's.
 */
import fs from 'node:fs';
import axios, { type AxiosResponse } from 'axios';
import { ADA, GRACE } from '../../src/demo/identities';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import type { QueryFidelitySettings } from '../../src/emulator/query/queryService';
import { QUERY_SWAGGER, schemaErrors } from '../helpers/swagger';
import { API, mintToken, QUERY_PATH, tempDataDir, WS_PATH } from './helpers/emulatorHarness';

const running: Array<{ emulator: RunningEmulator; dir: string }> = [];
afterAll(async () => {
  for (const r of running) {
    await r.emulator.close();
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
});

async function start(fidelity: Partial<QueryFidelitySettings> = {}, ingestionDelayMs = 0): Promise<RunningEmulator> {
  const dir = tempDataDir();
  const emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: dir, seed: 'demo', ingestionDelayMs }, queryFidelity: fidelity });
  running.push({ emulator, dir });
  return emulator;
}

/** A person's token signed by the emulator (the demo tenant's identity provider). */
const tokenFor = (user: { objectId: string; name: string }) => (e: RunningEmulator): Promise<string> => mintToken(e.url, { oid: user.objectId, name: user.name });

async function query(e: RunningEmulator, kql: string, headers: Record<string, string> = {}, as?: (e: RunningEmulator) => Promise<string>): Promise<AxiosResponse> {
  const token = as ? await as(e) : await mintToken(e.url);
  return axios.post(`${e.url}${QUERY_PATH}`, { query: kql, timespan: 'P30D' }, { headers: { Authorization: `Bearer ${token}`, ...headers }, validateStatus: () => true });
}

const stats = async (e: RunningEmulator): Promise<Record<string, number>> => ((await axios.get(`${e.url}/_emulator/stats`)).data as { query: Record<string, number> }).query;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const TASKS_OF_405211 = 'SecurityIncident | where IncidentNumber == 405211 | summarize arg_max(TimeGenerated, *) by IncidentNumber | project Tasks';

describe('ingestion delay', () => {
  it('makes a change queryable only once the delay has passed', async () => {
    const e = await start({}, 400);
    const name = String((await query(e, 'SecurityIncident | where IncidentNumber == 405211 | take 1 | project IncidentName')).data.tables[0].rows[0][0]);
    const put = await axios.put(`${e.url}${WS_PATH}/incidents/${name}/tasks/late-task?${API}`, { properties: { title: 'Check MFA methods', status: 'New' } }, { headers: { Authorization: `Bearer ${await tokenFor(ADA)(e)}` } });
    expect(put.status).toBe(201);
    const count = async (): Promise<number> => Number((await query(e, 'SecurityIncident | where IncidentNumber == 405211 | count', { 'Cache-Control': 'no-cache' })).data.tables[0].rows[0][0]);
    expect(await count()).toBe(9);
    await sleep(500);
    expect(await count()).toBe(10);
  });
});

describe('result cache', () => {
  it('answers a repeated query from the cache with an Age header, per caller', async () => {
    const e = await start();
    const first = await query(e, TASKS_OF_405211);
    expect(first.headers.age).toBeUndefined();
    const again = await query(e, TASKS_OF_405211);
    expect(again.headers.age).toBe('0');
    expect(again.data).toEqual(first.data);
    // Another caller, another timespan or another text is another entry.
    expect((await query(e, TASKS_OF_405211, {}, tokenFor(GRACE))).headers.age).toBeUndefined();
    expect((await query(e, `${TASKS_OF_405211} `)).headers.age).toBeUndefined();
    expect(await stats(e)).toEqual({ 'cache hit': 1, 'cache miss': 3 });
  });

  it('serves a stale answer until bypassed with Cache-Control: no-cache (or max-age=0)', async () => {
    const e = await start();
    const titles = (res: AxiosResponse): string[] => (JSON.parse(String(res.data.tables[0].rows[0][0])) as Array<{ title: string }>).map((t) => t.title);
    expect(titles(await query(e, TASKS_OF_405211))).toHaveLength(2);
    const name = String((await query(e, 'SecurityIncident | where IncidentNumber == 405211 | take 1 | project IncidentName')).data.tables[0].rows[0][0]);
    await axios.put(`${e.url}${WS_PATH}/incidents/${name}/tasks/new-task?${API}`, { properties: { title: 'Check MFA methods', status: 'New' } }, { headers: { Authorization: `Bearer ${await mintToken(e.url)}` } });
    expect(titles(await query(e, TASKS_OF_405211))).toHaveLength(2);
    expect(titles(await query(e, TASKS_OF_405211, { 'Cache-Control': 'max-age=0' }))).toHaveLength(3);
    expect(titles(await query(e, TASKS_OF_405211, { 'Cache-Control': 'no-cache' }))).toHaveLength(3);
    expect((await query(e, TASKS_OF_405211, { 'Cache-Control': 'no-store' })).headers.age).toBeUndefined();
  });
});

describe('per-caller limits', () => {
  it('answers 429 ThrottledError with Retry-After beyond the request rate, for that caller only', async () => {
    const e = await start({ requestsPerWindow: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) expect((await query(e, 'SecurityIncident | count')).status).toBe(200);
    const throttled = await query(e, 'SecurityIncident | count');
    expect(throttled.status).toBe(429);
    expect(throttled.data.error.code).toBe('ThrottledError');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(schemaErrors(QUERY_SWAGGER, 'errorResponse', throttled.data)).toBeNull();
    expect((await query(e, 'SecurityIncident | count', {}, tokenFor(ADA))).status).toBe(200);
  });

  it('runs a caller\'s queries a few at a time and queues the rest', async () => {
    const e = await start({ concurrentQueries: 2, queryLatencyMs: 200 });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => query(e, `SecurityIncident | take ${i}`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    // Five queries, two slots: three had to wait for one.
    expect((await stats(e)).queued).toBe(3);
  });

  it('gives up on a query that waited too long in the queue with 429', async () => {
    const e = await start({ concurrentQueries: 1, queryLatencyMs: 300, maxQueueWaitMs: 50 });
    const [first, second] = await Promise.all([query(e, 'SecurityIncident | take 1'), query(e, 'SecurityIncident | take 2')]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBeDefined();
  });
});

describe('result limits', () => {
  it('returns the rows within the row limit with a PartialError beside the tables', async () => {
    const e = await start({ maxRows: 4 });
    const res = await query(e, 'SecurityIncident | project IncidentNumber, TimeGenerated');
    expect(res.status).toBe(200);
    expect(res.data.tables[0].rows).toHaveLength(4);
    expect(res.data.error).toMatchObject({ code: 'PartialError', details: [{ code: 'EngineError', innererror: { message: expect.stringContaining('record count limit 4') } }] });
    expect(schemaErrors(QUERY_SWAGGER, 'queryResults', res.data)).toBeNull();
    expect((await query(e, 'SecurityIncident | count')).data.error).toBeUndefined();
    expect((await stats(e)).partial).toBe(1);
  });

  it('cuts at the size limit too', async () => {
    const e = await start({ maxBytes: 20_000 });
    const res = await query(e, 'SecurityIncident');
    expect(res.data.tables[0].rows.length).toBeGreaterThan(0);
    expect(res.data.tables[0].rows.length).toBeLessThan(30);
    expect(JSON.stringify(res.data.tables[0].rows).length).toBeLessThanOrEqual(20_000);
    expect(res.data.error.details[0].innererror.message).toContain('data size limit 20000');
  });
});
