/**
 * The measurements: turn throughput and latency against the echo floor, Azure calls per
 * action, cold start, and a soak. Each returns figures; run.ts prints and records them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import axios from 'axios';
import { loadConfig } from '../../src/config';
import { startApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { activity, DIST, freePort, percentile, startNode, waitReady } from './common';

export interface Load {
  name: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

async function cannon(name: string, url: string, body: unknown, durationSec: number, headers: Record<string, string> = {}, connections = 8): Promise<Load> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    connections,
    duration: durationSec,
  });
  return { name, requestsPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function expectReply(url: string, body: unknown, needle: string): Promise<void> {
  const res = await axios.post(url, body, { validateStatus: () => true });
  if (res.status !== 200 || !JSON.stringify(res.data).includes(needle)) throw new Error(`benchmark target answered wrongly (${res.status}): ${JSON.stringify(res.data).slice(0, 200)}`);
}

const ROUNDS = 3;

function medianLoad(runs: Load[]): Load {
  const med = (pick: (l: Load) => number): number => percentile(runs.map(pick), 50);
  return { name: runs[0]?.name ?? '', requestsPerSec: med((l) => l.requestsPerSec), p50: med((l) => l.p50), p99: med((l) => l.p99), errors: runs.reduce((a, l) => a + l.errors, 0) };
}

export interface Throughput {
  /** 8 connections: as many turns as the machine takes. */
  saturated: { echo: Load; echoCard: Load; help: Load; tasks: Load; query: Load };
  /** 1 connection, one turn at a time: latency without queueing, for "our added time". */
  light: { echo: Load; help: Load; tasks: Load; query: Load };
}

/**
 * Echo floors (text, and the help card), `help`, `show tasks for 405211`, and the emulator's
 * query alone: one process each, measured one after another.
 */
export async function throughput(durationSec: number, lightSec: number): Promise<Throughput> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const [emuPort, botPort, echoPort, echoCardPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const cardFile = path.join(dir, 'help-card.json');
  const emulator = startNode(path.join(DIST, 'emulator', 'main.js'), [], { SENTINEL_EMULATOR_PORT: String(emuPort), SENTINEL_EMULATOR_DATA_DIR: path.join(dir, 'emulator') });
  const bot = startNode(path.join(DIST, 'index.js'), ['--no-playground'], { PORT: String(botPort), SENTINEL_EMULATOR_URL: `http://127.0.0.1:${emuPort}` });
  const echo = startNode(path.join(__dirname, 'echoBot.js'), [String(echoPort)], {});
  let echoCard: ReturnType<typeof startNode> | undefined;
  try {
    await Promise.all([waitReady(`http://127.0.0.1:${emuPort}/_emulator/health`), waitReady(`http://127.0.0.1:${botPort}/readyz`), waitReady(`http://127.0.0.1:${echoPort}/readyz`)]);
    // The card echo answers with exactly the card our bot sends for `help`.
    const helpReply = (await axios.post(`http://127.0.0.1:${botPort}/api/messages`, activity('help'))).data as { activities: Array<{ attachments?: Array<{ content: unknown }> }> };
    fs.writeFileSync(cardFile, JSON.stringify(helpReply.activities[0]?.attachments?.[0]?.content));
    echoCard = startNode(path.join(__dirname, 'echoBot.js'), [String(echoCardPort), cardFile], {});
    await waitReady(`http://127.0.0.1:${echoCardPort}/readyz`);
    const botUrl = `http://127.0.0.1:${botPort}/api/messages`;
    const queryUrl = `http://127.0.0.1:${emuPort}/v1/workspaces/11111111-1111-1111-1111-111111111111/query`;
    const query = { query: 'SecurityIncident\n| where IncidentNumber == 405211\n| summarize arg_max(TimeGenerated, *) by IncidentNumber\n| project IncidentNumber, IncidentName, Title, Severity, Status, Owner, Tasks, TimeGenerated', timespan: 'P90D' };
    const echoUrl = `http://127.0.0.1:${echoPort}/api/messages`;
    const echoCardUrl = `http://127.0.0.1:${echoCardPort}/api/messages`;
    await expectReply(echoUrl, activity('hi'), 'echo: hi');
    await expectReply(echoCardUrl, activity('hi'), 'Sentinel incident bot');
    await expectReply(botUrl, activity('help'), 'Sentinel incident bot');
    await expectReply(botUrl, activity('show tasks for 405211'), 'Tasks of incident 405211');
    const auth = { authorization: 'Bearer bench' };
    // Interleaved rounds, median of each: this machine's speed drifts over a run, and measuring
    // each target in one block would put the drift into the ratios.
    const targets = {
      echo: (s: number) => cannon('echo (floor)', echoUrl, activity('hi'), s),
      echoCard: (s: number) => cannon('echo with the help card (card floor)', echoCardUrl, activity('hi'), s),
      help: (s: number) => cannon('help', botUrl, activity('help'), s),
      tasks: (s: number) => cannon('show tasks for 405211', botUrl, activity('show tasks for 405211'), s),
      query: (s: number) => cannon('emulator query alone', queryUrl, query, s, auth),
    };
    const rounds: Record<keyof typeof targets, Load[]> = { echo: [], echoCard: [], help: [], tasks: [], query: [] };
    const keys = Object.keys(targets) as Array<keyof typeof targets>;
    for (let round = 0; round < ROUNDS; round++) {
      for (const key of keys) rounds[key].push(await targets[key](Math.max(1, Math.round(durationSec / ROUNDS))));
    }
    const saturated = { echo: medianLoad(rounds.echo), echoCard: medianLoad(rounds.echoCard), help: medianLoad(rounds.help), tasks: medianLoad(rounds.tasks), query: medianLoad(rounds.query) };
    const light = {
      echo: await cannon('echo', echoUrl, activity('hi'), lightSec, {}, 1),
      help: await cannon('help', botUrl, activity('help'), lightSec, {}, 1),
      tasks: await cannon('show tasks', botUrl, activity('show tasks for 405211'), lightSec, {}, 1),
      query: await cannon('emulator query', queryUrl, query, lightSec, auth, 1),
    };
    return { saturated, light };
  } finally {
    await Promise.all([bot.stop(), echo.stop(), emulator.stop(), echoCard?.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface CallCount {
  action: string;
  arm: number;
  query: number;
  routes: string;
  goal: string;
}

/**
 * Requests the bot sends per user action, counted at the emulator and in the clients, with
 * the audit log behind (a 60 s ingestion delay: every step happens before Log Analytics has
 * the record of the step before), and what the query API's result cache did.
 */
export async function callsPerAction(): Promise<{ calls: CallCount[]; tokens: { arm: number; query: number }; sharedInFlight: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-calls-'));
  const app = await startApp(
    loadConfig({ PORT: '0', PLAYGROUND: 'off', SENTINEL_EMULATOR_PORT: '0', SENTINEL_EMULATOR_DATA_DIR: dir, SENTINEL_EMULATOR_INGESTION_DELAY_MS: '60000', LOG_LEVEL: 'silent' }),
    silentLogger,
  );
  const url = `${app.server.url}/api/messages`;
  const conv = 'bench-calls';
  const stats = async (): Promise<{ byRoute: Record<string, number>; query: Record<string, number> }> =>
    (await axios.get(`${app.emulatorUrl}/_emulator/stats`)).data as { byRoute: Record<string, number>; query: Record<string, number> };
  const measure = async (action: string, goal: string, run: () => Promise<void>): Promise<CallCount> => {
    await axios.post(`${app.emulatorUrl}/_emulator/stats/reset`);
    const before = app.azureStats();
    await run();
    const after = app.azureStats();
    const seen = await stats();
    const routes = [...Object.entries(seen.byRoute), ...Object.entries(seen.query).map(([k, v]) => [`query ${k}`, v] as const)].map(([k, v]) => `${v}× ${k}`).join(', ');
    return { action, arm: after.arm.requests - before.arm.requests, query: after.query.requests - before.query.requests, routes, goal };
  };
  const say = async (text: string): Promise<void> => void (await axios.post(url, activity(text, conv)));
  try {
    const calls: CallCount[] = [];
    const form = await axios.post(url, { ...activity('report Bench incident', conv) });
    const submissionId = /"submissionId":"([0-9a-f-]{36})"/.exec(JSON.stringify(form.data))?.[1] ?? '';
    const press = (verb: string, data: Record<string, unknown>): Promise<{ data: unknown }> =>
      axios.post(url, { ...activity('', conv), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } });
    await press('report.submit', { title: 'Bench incident', severity: 'Low', owner: 'none', submissionId });
    calls.push(await measure('create (owner: nobody)', '1 ARM', async () => void (await press('report.create', { submissionId }))));
    const mine = /"submissionId":"([0-9a-f-]{36})"/.exec(JSON.stringify((await axios.post(url, activity('report Bench incident 2', conv))).data))?.[1] ?? '';
    await press('report.submit', { title: 'Bench incident 2', severity: 'Low', owner: 'me', submissionId: mine });
    let created = 0;
    calls.push(await measure('create (owner: me)', '1 ARM + 1 attribution comment', async () => {
      created = Number(/Incident (\d+) created/.exec(JSON.stringify((await press('report.create', { submissionId: mine })).data))?.[1]);
    }));
    calls.push(await measure('show tasks of the just-created incident (audit behind)', '1 query ∥ 1 ARM, + task list', () => say(`show tasks for ${created}`)));
    calls.push(await measure('assign to me', '2 ARM (GET + PUT) + 1 attribution comment', () => say('assign 405208 to me')));
    calls.push(await measure('my incidents right after (audit behind)', '1 query ∥ 1 ARM', () => say('my incidents')));
    calls.push(await measure('add task', 'ARM only', () => say(`add task Bench task to ${created}`)));
    calls.push(await measure('complete task', 'ARM only', () => say(`complete task 1 of ${created}`)));
    calls.push(await measure('close', 'ARM only', async () => void (await press('incident.close', { incidentNumber: 405209, classification: 'BenignPositive:SuspiciousButExpected', confirmedOpenTasks: 1 }))));
    calls.push(await measure('loose ends right after (audit behind)', '1 query ∥ 1 ARM, + task lists of just-closed', () => say('loose ends')));
    calls.push(await measure('show tasks, unchanged incident (audit current), first', '1 query ∥ 1 ARM', () => say('show tasks for 405211')));
    calls.push(await measure('show tasks, unchanged incident, again within 2 min', 'cache hit', () => say('show tasks for 405211')));
    calls.push(await measure('show tasks ×8 at once, unchanged incident', 'shared in flight', async () => void (await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => axios.post(url, activity('show tasks for 405207')))))));
    calls.push(await measure('help', '0', () => say('help')));
    const total = app.azureStats();
    return { calls, tokens: { arm: total.arm.tokenRequests, query: total.query.tokenRequests }, sharedInFlight: total.query.sharedInFlight };
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Process start to /readyz 200, with the embedded emulator seeding a fresh data dir. */
export interface ColdStart {
  /** Process start to /readyz answering 200, ms. */
  ready: number[];
  /** Process start to the first `help` turn answered (loads the card templating on the way), ms. */
  firstTurn: number[];
}

export async function coldStart(runs: number): Promise<ColdStart> {
  const ready: number[] = [];
  const firstTurn: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cold-'));
    const port = await freePort();
    const bot = startNode(path.join(DIST, 'index.js'), ['--no-playground'], { PORT: String(port), SENTINEL_EMULATOR_PORT: '0', SENTINEL_EMULATOR_DATA_DIR: dir });
    try {
      ready.push((await waitReady(`http://127.0.0.1:${port}/readyz`, 20000, 2)) - bot.startedAt);
      const res = await axios.post(`http://127.0.0.1:${port}/api/messages`, activity('help'), { validateStatus: () => true });
      if (res.status !== 200) throw new Error(`first help turn answered ${res.status}`);
      firstTurn.push(performance.now() - bot.startedAt);
    } finally {
      await bot.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { ready, firstTurn };
}

export interface Soak {
  turns: number;
  rssStartMiB: number;
  rssEndMiB: number;
  heapStartMiB: number;
  heapEndMiB: number;
  heapGrowthPct: number;
  p99: number;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Mixed turns in this process (bot and embedded emulator), memory measured after GC. */
export async function soak(turns: number, warmup: number): Promise<Soak> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-soak-'));
  const app = await startApp(loadConfig({ PORT: '0', PLAYGROUND: 'off', SENTINEL_EMULATOR_PORT: '0', SENTINEL_EMULATOR_DATA_DIR: dir, LOG_LEVEL: 'silent' }), silentLogger);
  const url = `${app.server.url}/api/messages`;
  const mix = ['help', 'show tasks for 405211', 'show 405211', 'my incidents', 'tasks 405207', 'what is this', 'task history for 405211'];
  const latencies: number[] = [];
  const run = async (n: number, record: boolean): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        // A new conversation every 50 turns, as real traffic spreads over many chats.
        await axios.post(url, activity(mix[i % mix.length]!, `soak-${Math.floor(i / 50)}`));
        if (record) latencies.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  };
  try {
    await run(warmup, false);
    collect();
    const start = process.memoryUsage();
    await run(turns, true);
    collect();
    const end = process.memoryUsage();
    const mib = (b: number): number => Math.round((b / 2 ** 20) * 10) / 10;
    return {
      turns,
      rssStartMiB: mib(start.rss),
      rssEndMiB: mib(end.rss),
      heapStartMiB: mib(start.heapUsed),
      heapEndMiB: mib(end.heapUsed),
      heapGrowthPct: Math.round(((end.heapUsed - start.heapUsed) / start.heapUsed) * 1000) / 10,
      p99: Math.round(percentile(latencies, 99) * 10) / 10,
    };
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
