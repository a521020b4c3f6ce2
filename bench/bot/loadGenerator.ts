/**
 * The load generator. wrk (a C generator, Debian's `wrk` package) when installed, so the
 * generator is not what limits the figures: autocannon, in Node, tops out near the bot's own
 * rate on 2 cores. Without wrk the bench falls back to autocannon and says so. The generator's
 * ceiling is measured too: its rate against a bare Node HTTP server that answers at once.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export interface Load {
  name: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface LoadOptions {
  durationSec: number;
  connections?: number;
  headers?: Record<string, string>;
}

let wrkPath: string | null | undefined;

/** The wrk binary, if installed. */
export function findWrk(): string | undefined {
  if (wrkPath === undefined) {
    const found = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' });
    wrkPath = found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
  }
  return wrkPath ?? undefined;
}

export function generatorName(): string {
  return findWrk() ? 'wrk (1 thread)' : 'autocannon (wrk not installed: figures may be generator-bound)';
}

/** `body`: one request body, or several sent in turn (to spread the load over several incidents). */
export async function load(name: string, url: string, body: unknown, options: LoadOptions): Promise<Load> {
  const wrk = findWrk();
  return wrk ? loadWithWrk(wrk, name, url, body, options) : loadWithAutocannon(name, url, body, options);
}

async function loadWithAutocannon(name: string, url: string, body: unknown, options: LoadOptions): Promise<Load> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(Array.isArray(body) ? { requests: body.map((b) => ({ body: JSON.stringify(b) })) } : { body: JSON.stringify(body) }),
    connections: options.connections ?? 8,
    duration: options.durationSec,
  });
  return { name, requestsPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

function luaScript(body: unknown, headers: Record<string, string>): string {
  const bodies = (Array.isArray(body) ? body : [body]).map((b) => JSON.stringify(b));
  if (bodies.some((b) => b.includes(']==]'))) throw new Error('request body cannot be quoted for wrk');
  const lines = ['wrk.method = "POST"', 'wrk.headers["Content-Type"] = "application/json"'];
  for (const [k, v] of Object.entries(headers)) lines.push(`wrk.headers[ [==[${k}]==] ] = [==[${v}]==]`);
  if (bodies.length === 1) {
    lines.push(`wrk.body = [==[${bodies[0]}]==]`);
  } else {
    lines.push(`local bodies = { ${bodies.map((b) => `[==[${b}]==]`).join(', ')} }`, 'local i = 0', 'request = function()', '  i = i % #bodies + 1', '  return wrk.format(nil, nil, nil, bodies[i])', 'end');
  }
  return `${lines.join('\n')}\n`;
}

/** "1.23ms", "850.00us", "1.02s" -> milliseconds. */
function ms(value: string, unit: string): number {
  const n = Number(value);
  if (unit === 'us') return n / 1000;
  if (unit === 's') return n * 1000;
  if (unit === 'm') return n * 60_000;
  return n;
}

export function parseWrk(name: string, out: string): Load {
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!rate) throw new Error(`wrk printed no rate:\n${out}`);
  const pct = (p: string): number => {
    const m = new RegExp(String.raw`^\s*${p}%\s+([\d.]+)(us|ms|s|m)\s*$`, 'm').exec(out);
    return m ? Math.round(ms(m[1]!, m[2]!) * 10) / 10 : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((a, v) => a + Number(v), 0) : 0;
  return { name, requestsPerSec: Number(rate[1]), p50: pct('50'), p99: pct('99'), errors: non2xx + socketErrors };
}

async function loadWithWrk(wrk: string, name: string, url: string, body: unknown, options: LoadOptions): Promise<Load> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wrk-'));
  const script = path.join(dir, 'post.lua');
  fs.writeFileSync(script, luaScript(body, options.headers ?? {}));
  const connections = options.connections ?? 8;
  try {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(wrk, ['-t1', `-c${connections}`, `-d${options.durationSec}s`, '--latency', '-s', script, url], { timeout: (options.durationSec + 30) * 1000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    });
    return parseWrk(name, out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The generator's own ceiling: its rate against a server that does nothing but answer. */
export async function generatorCeiling(durationSec: number): Promise<Load> {
  const reply = Buffer.from('{"ok":true}');
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length });
      res.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await load('generator ceiling (bare HTTP server, same process as the bench)', `http://127.0.0.1:${port}/`, { hello: 'world' }, { durationSec });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
