/** Shared pieces of the benchmarks: activities, child processes, machine facts, percentiles. */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const DIST = path.join(ROOT, 'dist');

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function activity(text: string, conversationId = `bench-${randomUUID()}`): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    text,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: 'bench-user', name: 'Alex Wilber', aadObjectId: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b' },
    recipient: { id: '28:sentinel-teams-bot', name: 'Sentinel Incidents' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: '9c1e7f3a-2b4d-4e6f-8a0b-1c2d3e4f5a6b' },
    channelData: { tenant: { id: '9c1e7f3a-2b4d-4e6f-8a0b-1c2d3e4f5a6b' } },
  };
}

/** A token the emulator (the demo tenant's identity provider) signs for its own test client: it refuses any other. */
export async function emulatorToken(emulatorUrl: string): Promise<string> {
  const res = await fetch(`${emulatorUrl}/_emulator/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ scope: `${emulatorUrl}/.default`, claims: { oid: 'f0e1d2c3-b4a5-4968-8776-655443322110', name: 'Sentinel emulator client' } }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export interface Child {
  process: ChildProcess;
  startedAt: number;
  stop(): Promise<void>;
}

/**
 * `BENCH_CPU_PROF=1 npm run bench`: the bot under load runs with `node --cpu-prof`, so a profile
 * of exactly what was measured can be read afterwards (Chrome DevTools, or any .cpuprofile
 * reader). Each profile goes to a fresh temporary folder, printed; nothing tracked is written.
 */
export function profilingArgs(label: string): string[] {
  const wanted = process.env.BENCH_CPU_PROF;
  if (!wanted || wanted === '0') return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-prof-${label}-`));
  process.stdout.write(`cpu profile of ${label}: ${dir} (written when it stops)\n`);
  return ['--cpu-prof', '--cpu-prof-dir', dir];
}

export function startNode(script: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): Child {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    process: child,
    startedAt,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function waitReady(url: string, timeoutMs = 20000, intervalMs = 5): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await axios.get(url, { timeout: 500, validateStatus: () => true });
      if (res.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
