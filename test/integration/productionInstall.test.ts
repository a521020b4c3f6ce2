/**
 * A production install, as App Service or the container runs it: the release folder
 * (compiled dist/, runtime assets, production dependencies only: no TypeScript, no test
 * tools, no Playground) starts with `npm run start:prod`, becomes ready, serves its pages
 * and answers a chat turn. npm installs from its local cache (--offline): the packages are
 * the ones `npm ci` fetched for this checkout (with --prefer-offline as the fallback).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { buildRelease } from '../../src/devtools/release';
import { chat } from '../helpers/botHarness';
import { freePort, ROOT, waitFor } from '../helpers/processes';

let dir: string;
let release: string;
let child: ChildProcess | undefined;
let output = '';
let url: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prod-install-'));
  try {
    release = buildRelease({ outDir: path.join(dir, 'app'), offline: true, root: ROOT });
  } catch {
    // A cache filled by `npm install <pkg>` may lack a package document `npm ci` asks for.
    release = buildRelease({ outDir: path.join(dir, 'app'), offline: 'prefer', root: ROOT });
  }
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // A clean environment: nothing of this checkout's tooling on PATH but node and npm.
  child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'start:prod'], {
    cwd: release,
    env: { PATH: process.env.PATH ?? '', HOME: dir, PORT: String(port), SENTINEL_EMULATOR_PORT: '0', SENTINEL_EMULATOR_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn', npm_config_cache: path.join(dir, 'npm-cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(async () => (await axios.get(`${url}/readyz`, { timeout: 1000 })).status === 200, `the production start (${output})`, 60000);
}, 240000);

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('production install', () => {
  it('holds compiled code and production dependencies only', () => {
    expect(fs.existsSync(path.join(release, 'dist', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(release, 'src'))).toBe(false);
    for (const dev of ['typescript', 'jest', 'ts-jest', '@microsoft/m365agentsplayground', 'azurite', 'eslint']) {
      expect(`${dev}: ${fs.existsSync(path.join(release, 'node_modules', dev)) ? 'installed' : 'absent'}`).toBe(`${dev}: absent`);
    }
    for (const prod of ['botbuilder', 'restify', '@azure/identity', '@opentelemetry/api', '@azure/monitor-opentelemetry-exporter']) {
      expect(fs.existsSync(path.join(release, 'node_modules', prod))).toBe(true);
    }
  });

  it('starts with npm run start:prod, without build tools, and answers a chat turn', async () => {
    const replies = await chat(url).say('help');
    expect(JSON.stringify(replies)).toContain('report');
    // The Playground is a dev tool: its absence is said, not fatal. The log line may reach
    // the pipe after the readiness answer, so wait for it rather than read it once.
    await waitFor(async () => output.includes('Agents Playground is not installed'), `the Playground notice (${output})`, 10000);
    expect(output).not.toMatch(/tsc: not found|Cannot find module/);
  });

  it('serves the privacy and terms pages the app package links to', async () => {
    for (const route of ['/', '/privacy', '/terms']) expect((await axios.get(`${url}${route}`)).status).toBe(200);
  });
});
