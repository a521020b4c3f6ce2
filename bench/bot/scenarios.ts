/**
 * The measurements: turn throughput and latency against the echo floor, Azure calls per
 * action, cold start, and a soak. Each returns figures; run.ts prints and records them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { loadConfig } from '../../src/config';
import { startApp } from '../../src/index';
import { silentLogger } from '../../src/logging';
import { activity, DIST, emulatorToken, freePort, percentile, profilingArgs, startNode, waitReady } from './common';
import { generatorCeiling, load, type Load } from './loadGenerator';

export type { Load };

async function expectReply(url: string, body: unknown, needle: string): Promise<void> {
  const res = await axios.post(url, body, { validateStatus: () => true });
  if (res.status !== 200 || !JSON.stringify(res.data).includes(needle)) throw new Error(`benchmark target answered wrongly (${res.status}): ${JSON.stringify(res.data).slice(0, 200)}`);
}

const ROUNDS = 3;
const DEMO_INCIDENTS = [405207, 405208, 405209, 405210, 405211];

function medianLoad(runs: Load[]): Load {
  const med = (pick: (l: Load) => number): number => percentile(runs.map(pick), 50);
  return { name: runs[0]?.name ?? '', requestsPerSec: med((l) => l.requestsPerSec), p50: med((l) => l.p50), p99: med((l) => l.p99), errors: runs.reduce((a, l) => a + l.errors, 0) };
}

export interface Throughput {
  /** 8 connections: as many turns as the machine takes. */
  saturated: { echo: Load; helpCard: Load; help: Load; tasksCard: Load; tasks: Load; query: Load };
  /**
   * The composite floor for show tasks: a bare bot answering the same tasks card plus the
   * emulator's query alone, each turn costing the machine one of each (1 / (1/a + 1/b)).
   */
  compositeTasksFloor: number;
  /** The load generator against a bare HTTP server: nothing measured here can exceed it. */
  ceiling: Load;
  /** 1 connection, one turn at a time: latency without queueing, for "our added time". */
  light: { echo: Load; help: Load; tasks: Load; query: Load };
}

async function cardOfReply(url: string, text: string): Promise<unknown> {
  const reply = (await axios.post(url, activity(text))).data as { activities: Array<{ attachments?: Array<{ content: unknown }> }> };
  return reply.activities.find((a) => a.attachments?.length)?.attachments?.[0]?.content;
}

/**
 * Floors (a text echo; bare bots answering the very help and tasks cards ours sends), `help`,
 * `show tasks for 405211`, and the emulator's query alone: one process each, interleaved.
 */
export async function throughput(durationSec: number, lightSec: number): Promise<Throughput> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const [emuPort, botPort, echoPort, helpCardPort, tasksCardPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const emulator = startNode(path.join(__dirname, 'benchEmulator.js'), [String(emuPort), path.join(dir, 'emulator')], {});
  const bot = startNode(path.join(DIST, 'index.js'), ['--no-playground'], { PORT: String(botPort), SENTINEL_EMULATOR_URL: `http://127.0.0.1:${emuPort}`, ...(process.env.BENCH_IDENTITY ? { AZURE_IDENTITY: process.env.BENCH_IDENTITY } : {}) }, profilingArgs('bot'));
  const echo = startNode(path.join(__dirname, 'echoBot.js'), [String(echoPort)], {});
  const cardBots: Array<ReturnType<typeof startNode>> = [];
  try {
    await Promise.all([waitReady(`http://127.0.0.1:${emuPort}/_emulator/health`), waitReady(`http://127.0.0.1:${botPort}/readyz`), waitReady(`http://127.0.0.1:${echoPort}/readyz`)]);
    const botUrl = `http://127.0.0.1:${botPort}/api/messages`;
    // The card floors answer with exactly the cards our bot sends.
    for (const [port, text, file] of [[helpCardPort, 'help', 'help-card.json'], [tasksCardPort, 'show tasks for 405211', 'tasks-card.json']] as const) {
      fs.writeFileSync(path.join(dir, file), JSON.stringify(await cardOfReply(botUrl, text)));
      cardBots.push(startNode(path.join(__dirname, 'echoBot.js'), [String(port), path.join(dir, file)], {}, file === 'tasks-card.json' ? profilingArgs('tasks-card-floor') : []));
    }
    await Promise.all([waitReady(`http://127.0.0.1:${helpCardPort}/readyz`), waitReady(`http://127.0.0.1:${tasksCardPort}/readyz`)]);
    const queryUrl = `http://127.0.0.1:${emuPort}/v1/workspaces/11111111-1111-1111-1111-111111111111/query`;
    // The same query the bot sends for show tasks, over the five demo incidents in turn.
    const queryOf = (n: number): Record<string, string> => ({ query: `SecurityIncident\n| where IncidentNumber == ${n}\n| summarize arg_max(TimeGenerated, *) by IncidentNumber\n| project IncidentNumber, IncidentName, Title, Severity, Status, Owner, Tasks, LastModifiedTime, TimeGenerated`, timespan: 'P90D' });
    const query = DEMO_INCIDENTS.map(queryOf);
    const showTasks = DEMO_INCIDENTS.map((n) => activity(`show tasks for ${n}`));
    const echoUrl = `http://127.0.0.1:${echoPort}/api/messages`;
    const helpCardUrl = `http://127.0.0.1:${helpCardPort}/api/messages`;
    const tasksCardUrl = `http://127.0.0.1:${tasksCardPort}/api/messages`;
    await expectReply(echoUrl, activity('hi'), 'echo: hi');
    await expectReply(helpCardUrl, activity('hi'), 'Sentinel incident bot');
    await expectReply(tasksCardUrl, activity('hi'), 'Tasks of incident 405211');
    await expectReply(botUrl, activity('help'), 'Sentinel incident bot');
    await expectReply(botUrl, activity('show tasks for 405211'), 'Tasks of incident 405211');
    const headers = { authorization: `Bearer ${await emulatorToken(`http://127.0.0.1:${emuPort}`)}` };
    // Interleaved rounds, median of each: this machine's speed drifts over a run, and measuring
    // each target in one block would put the drift into the ratios.
    const targets = {
      echo: (s: number) => load('echo (text floor)', echoUrl, activity('hi'), { durationSec: s }),
      helpCard: (s: number) => load('bare bot answering the help card (card floor)', helpCardUrl, activity('hi'), { durationSec: s }),
      help: (s: number) => load('help', botUrl, activity('help'), { durationSec: s }),
      tasksCard: (s: number) => load('bare bot answering the tasks card', tasksCardUrl, activity('hi'), { durationSec: s }),
      tasks: (s: number) => load('show tasks (the five demo incidents in turn)', botUrl, showTasks, { durationSec: s }),
      query: (s: number) => load('emulator query alone', queryUrl, query, { durationSec: s, headers }),
    };
    const rounds: Record<keyof typeof targets, Load[]> = { echo: [], helpCard: [], help: [], tasksCard: [], tasks: [], query: [] };
    const keys = Object.keys(targets) as Array<keyof typeof targets>;
    for (let round = 0; round < ROUNDS; round++) {
      for (const key of keys) rounds[key].push(await targets[key](Math.max(1, Math.round(durationSec / ROUNDS))));
    }
    const med = (k: keyof typeof targets): Load => medianLoad(rounds[k]);
    const saturated = { echo: med('echo'), helpCard: med('helpCard'), help: med('help'), tasksCard: med('tasksCard'), tasks: med('tasks'), query: med('query') };
    const compositeTasksFloor = 1 / (1 / saturated.tasksCard.requestsPerSec + 1 / saturated.query.requestsPerSec);
    const ceiling = await generatorCeiling(Math.max(2, Math.round(durationSec / ROUNDS)));
    const light = {
      echo: await load('echo', echoUrl, activity('hi'), { durationSec: lightSec, connections: 1 }),
      help: await load('help', botUrl, activity('help'), { durationSec: lightSec, connections: 1 }),
      tasks: await load('show tasks', botUrl, showTasks, { durationSec: lightSec, connections: 1 }),
      query: await load('emulator query', queryUrl, query, { durationSec: lightSec, connections: 1, headers }),
    };
    return { saturated, compositeTasksFloor, ceiling, light };
  } finally {
    await Promise.all([bot.stop(), echo.stop(), emulator.stop(), ...cardBots.map((b) => b.stop())]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface CallCount {
  action: string;
  arm: number;
  query: number;
  /** Comments written: attribution (in the background) or the person's own. */
  comments: number;
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
    await app.attributions.drain();
    await axios.post(`${app.emulatorUrl}/_emulator/stats/reset`);
    await run();
    // The attribution comment is written after the answer: counted apart.
    await app.attributions.drain();
    const seen = await stats();
    const { 'PUT comment': comments = 0, ...rest } = seen.byRoute;
    const arm = Object.entries(rest).filter(([k]) => k !== 'POST query').reduce((a, [, v]) => a + v, 0);
    const routes = [...Object.entries(rest), ...Object.entries(seen.query).map(([k, v]) => [`query ${k}`, v] as const)].map(([k, v]) => `${v}× ${k}`).join(', ');
    return { action, arm, query: rest['POST query'] ?? 0, comments, routes, goal };
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
    calls.push(await measure('create (owner: me)', '1 ARM + attribution', async () => {
      created = Number(/Incident (\d+) created/.exec(JSON.stringify((await press('report.create', { submissionId: mine })).data))?.[1]);
    }));
    calls.push(await measure('show tasks of the just-created incident (audit behind)', '1 query + ARM read-back (just changed here)', () => say(`show tasks for ${created}`)));
    calls.push(await measure('assign to me (number not yet known)', '2 ARM (read, write) + attribution', () => say('assign 405208 to me')));
    calls.push(await measure('set severity', '2 ARM + attribution', () => say('set severity of 405208 to low')));
    calls.push(await measure('set status', '2 ARM + attribution', () => say('set status of 405208 to active')));
    calls.push(await measure('comment (number known)', 'the comment alone', () => say('comment 405208 Bench note')));
    calls.push(await measure('my incidents right after (audit behind)', '1 query ∥ 1 ARM', () => say('my incidents')));
    calls.push(await measure('add task', '≤ 3 ARM + attribution', () => say(`add task Bench task to ${created}`)));
    calls.push(await measure('complete task', '≤ 3 ARM + attribution', () => say(`complete task 1 of ${created}`)));
    calls.push(await measure('close', '≤ 3 ARM + attribution', async () => void (await press('incident.close', { incidentNumber: 405209, classification: 'BenignPositive:SuspiciousButExpected', confirmedOpenTasks: 1 }))));
    calls.push(await measure('loose ends right after (audit behind)', '1 query ∥ 1 ARM, + task lists of just-closed', () => say('loose ends')));
    calls.push(await measure('show tasks, unchanged incident (audit current), first', '1 query', () => say('show tasks for 405211')));
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
