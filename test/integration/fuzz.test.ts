/**
 * A seeded, bounded fuzz run against the real bot process (compiled, with its embedded
 * emulator) over loopback: thousands of random bodies, headers and encodings. The process
 * must still be serving afterwards, with memory flat, and no answer may be a 5xx crash page
 * or carry a stack trace, a library's message, the host name or a file path.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fuzzRequest, seededRng, type FuzzRequest } from '../helpers/fuzzInputs';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, ROOT, waitFor } from '../helpers/processes';
import { MAX_BODY_BYTES } from '../../src/server';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const WARM_UP = 500;
const ROUNDS = 2000;
const CONCURRENCY = 8;

/** What no answer may contain: traces, paths, the machine's name, library and network errors. */
const LEAKS: RegExp[] = [
  /\bat [\w.<>]+ \(/,
  /\.(ts|js):\d+/,
  /node_modules/,
  /\/(home|tmp|usr|var|root|work)\//,
  /[A-Z]:\\\\/,
  /\b(TypeError|SyntaxError|RangeError|ZodError|Error:)/,
  /ECONN|ENOTFOUND|EPIPE/,
  /validateAndFixActivity|req\.body|restify|botbuilder|zlib|incorrect header check|Unexpected token/i,
];

interface Answer {
  status: number;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(port: number, r: FuzzRequest): Promise<Answer | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers: { ...r.headers, 'content-length': String(r.body.length) }, agent, timeout: 20000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(r.body);
  });
}

interface Heap {
  heapUsed: number;
  rss: number;
}

let bot: ChildProcess;
let output = '';

/** The bot's heap after a full GC, asked over IPC (test/helpers/heapProbe.cjs). */
function heap(): Promise<Heap> {
  return new Promise((resolve) => {
    bot.once('message', (m) => resolve(m as Heap));
    bot.send('heap');
  });
}

let port: number;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
  port = await freePort();
  // A bounded heap: a leak would end the process (and fail the test) instead of hiding in swap.
  bot = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=192', '-r', path.join(__dirname, '..', 'helpers', 'heapProbe.cjs'), path.join(ROOT, 'dist', 'index.js'), '--no-playground'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      LOG_LEVEL: 'error',
      // Card buttons give up waiting sooner, so slow turns do not dominate the run.
      INVOKE_DEADLINE_MS: '300',
      SENTINEL_EMULATOR_PORT: '0',
      SENTINEL_EMULATOR_DATA_DIR: path.join(dataDir, 'emulator'),
    },
  });
  bot.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  bot.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(async () => (await send(port, { method: 'GET', path: '/readyz', headers: {}, body: Buffer.alloc(0), kind: 'probe' }) as Answer).status === 200, `bot process (${output})`);
}, 60000);

afterAll(async () => {
  agent.destroy();
  if (bot && bot.exitCode === null) {
    const exited = new Promise((r) => bot.once('exit', r));
    bot.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function run(count: number, rng: () => number, failures: string[], statuses: Map<number, number>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      const r = fuzzRequest(rng);
      const answer = await send(port, r);
      if ('error' in answer) {
        // The bot may close the connection on a body over the limit while it is still being sent.
        if (r.body.length <= MAX_BODY_BYTES) failures.push(`${r.method} ${r.path} [${r.kind}]: connection error ${answer.error}`);
        continue;
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      // 501 is the Bot Framework's answer to an invoke the bot does not implement.
      if (answer.status >= 500 && answer.status !== 501) failures.push(`${r.method} ${r.path} [${r.kind}]: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
      const leak = LEAKS.find((re) => re.test(answer.body));
      if (leak || answer.body.includes(os.hostname()) || answer.body.includes(ROOT)) failures.push(`${r.method} ${r.path} [${r.kind}]: leaks ${String(leak ?? 'host or path')}: ${answer.body.slice(0, 300)}`);
      if (answer.status >= 400 && answer.body && !/^\{"error":\{"code":"\w+","message":"[^"]{1,120}"\}\}$/.test(answer.body) && !answer.body.startsWith('{"statusCode"')) {
        failures.push(`${r.method} ${r.path} [${r.kind}]: error body is not the small generic one: ${answer.body.slice(0, 200)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

it(`survives ${WARM_UP + ROUNDS} random requests (seed ${SEED}) with memory flat and nothing leaked`, async () => {
  const rng = seededRng(SEED);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  await run(WARM_UP, rng, failures, statuses);
  const before = await heap();
  await run(ROUNDS, rng, failures, statuses);
  // Let slow turns (card updates after the invoke deadline) finish before measuring.
  await new Promise((r) => setTimeout(r, 1500));
  const after = await heap();
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  process.stdout.write(`fuzz seed ${SEED}: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; heap after GC ${mb(before.heapUsed)} MB after warm-up, ${mb(after.heapUsed)} MB after ${ROUNDS} more (RSS ${mb(before.rss)} -> ${mb(after.rss)} MB)\n`);

  expect(failures.slice(0, 20)).toEqual([]);
  expect(bot.exitCode).toBeNull();
  // Every kind of refusal was exercised, and real turns ran too.
  for (const status of [200, 400, 404, 413, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
  // Flat: keeping even 4 KB per request (a body, a socket, a context) would add 10 MB here.
  expect(after.heapUsed - before.heapUsed).toBeLessThan(8 * 1024 * 1024);

  // Still serving: a real turn gets its real answer.
  const help = await send(port, {
    method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, kind: 'help',
    body: Buffer.from(JSON.stringify({ type: 'message', text: 'help', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'u1' }, recipient: { id: 'b' }, conversation: { id: 'after-fuzz' }, deliveryMode: 'expectReplies' })),
  });
  expect(help).toMatchObject({ status: 200 });
  expect((help as Answer).body).toContain('Sentinel incident bot');
}, 240000);
