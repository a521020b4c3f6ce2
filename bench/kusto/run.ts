/**
 * What judging every query with Kusto.Language costs (`npm run bench:kusto`, after `npm run build`):
 * - cold start: spawn `node dist/emulator/main.js` (demo seed, fresh data directory) until its
 *   first served request (`/_emulator/health` 200) and until the listening line is printed;
 * - the first query, sent as soon as the emulator answers, while Kusto.Language still loads
 *   in its worker, against the same query once it has loaded;
 * - the oracle's own time per query (parse + bind + the worker round trip), p50 and p95 over
 *   the shared corpus, and the whole query API round trip for comparison.
 * Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SECURITY_INCIDENT_COLUMNS, SECURITY_INCIDENT_TABLE } from '../../src/emulator/audit/schema';
import { KustoOracle } from '../../src/emulator/kusto/oracle';
import { KQL_CORPUS } from '../../test/fixtures/kql/corpus';
import { emulatorToken } from '../bot/common';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/emulator/main.js');
const WORKSPACE = '11111111-1111-1111-1111-111111111111';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (n: number): string => `${n.toFixed(1)} ms`;

const tokens = new Map<string, Promise<string>>();

async function query(base: string, kql: string): Promise<{ status: number; ms: number }> {
  if (!tokens.has(base)) tokens.set(base, emulatorToken(base));
  const token = await tokens.get(base)!;
  const t0 = performance.now();
  const res = await fetch(`${base}/v1/workspaces/${WORKSPACE}/query`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: kql, timespan: 'P30D' }),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0 };
}

async function coldStart(): Promise<{ listening: number; firstServed: number; firstQuery: number; warmQuery: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, SENTINEL_EMULATOR_PORT: String(port), SENTINEL_EMULATOR_DATA_DIR: dataDir, SENTINEL_EMULATOR_SEED: 'demo' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let listening = NaN;
  child.stdout.on('data', (chunk: Buffer) => {
    if (Number.isNaN(listening) && chunk.toString().includes('listening')) listening = performance.now() - t0;
  });
  try {
    let firstServed = NaN;
    while (Number.isNaN(firstServed)) {
      try {
        const res = await fetch(`${base}/_emulator/health`);
        await res.arrayBuffer();
        if (res.status === 200) firstServed = performance.now() - t0;
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const kql = KQL_CORPUS[1]!.query;
    const first = await query(base, kql);
    const warm = await query(base, kql);
    if (first.status !== 200 || warm.status !== 200) throw new Error(`query answered ${first.status}/${warm.status}`);
    return { listening, firstServed, firstQuery: first.ms, warmQuery: warm.ms };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bot in emulator mode (`node dist/index.js`): the emulator, and so the Kusto worker, start in its process. */
async function botColdStart(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-bench-bot-'));
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js'), '--no-playground'], {
    env: { ...process.env, PORT: String(port), SENTINEL_EMULATOR_PORT: '0', SENTINEL_EMULATOR_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function oracleOverhead(): Promise<{ p50: number; p95: number; n: number; loadMs: number }> {
  const oracle = new KustoOracle([{ name: SECURITY_INCIDENT_TABLE, columns: SECURITY_INCIDENT_COLUMNS }]);
  // analyze, not warm: a query in flight keeps this process alive, a warming worker does not.
  const t0 = performance.now();
  await oracle.analyze(KQL_CORPUS[0]!.query);
  const loadMs = performance.now() - t0;
  for (const e of KQL_CORPUS) await oracle.analyze(e.query);
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const e of KQL_CORPUS) {
      const t0 = performance.now();
      await oracle.analyze(e.query);
      times.push(performance.now() - t0);
    }
  }
  await oracle.close();
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, loadMs };
}

async function main(): Promise<void> {
  if (!fs.existsSync(MAIN)) throw new Error('run `npm run build` first');
  const starts: Array<Awaited<ReturnType<typeof coldStart>>> = [];
  for (let i = 0; i < ROUNDS; i++) starts.push(await coldStart());
  const med = (k: keyof (typeof starts)[number]): number => percentile(starts.map((s) => s[k]), 50);
  console.log(`Emulator cold start (median of ${ROUNDS}, spawn to ...)`);
  console.log(`  listening line printed:           ${ms(med('listening'))}`);
  console.log(`  first served request (health 200): ${ms(med('firstServed'))}`);
  console.log(`First query right after start (waits for Kusto.Language): ${ms(med('firstQuery'))}`);
  console.log(`Same query once loaded:                                    ${ms(med('warmQuery'))}`);
  const bot: number[] = [];
  for (let i = 0; i < ROUNDS; i++) bot.push(await botColdStart());
  console.log(`Bot cold start in emulator mode, spawn to /readyz 200 (median of ${ROUNDS}): ${ms(percentile(bot, 50))}`);
  const o = await oracleOverhead();
  console.log(`Kusto.Language load + warm-up + first analysis (this process): ${ms(o.loadMs)}`);
  console.log(`Oracle per query over the corpus (n=${o.n}): p50 ${ms(o.p50)}, p95 ${ms(o.p95)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
