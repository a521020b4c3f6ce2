/**
 * Conversation state in Blob Storage reached with a managed identity, as in Azure: the bot
 * gets its storage token from the App Service managed-identity endpoint (a local stand-in
 * here, speaking the same protocol) and presents it to Azurite, which runs with OAuth on
 * (HTTPS, token issuer, audience and lifetime checked). No key or connection string is
 * given to the bot. A report begun on one process continues on another; with a token for
 * the wrong audience the state cannot be saved, which shows the token is what opens it.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { cardOf, cardTexts, chat, submissionIdOf } from '../helpers/botHarness';
import { AZURITE_ACCOUNT, freePort, ROOT, startBotProcess, startChild, waitFor, type Child } from '../helpers/processes';

const IDENTITY_HEADER = 'local-identity-header-value';
const CLIENT_ID = '7d3e8f1a-2b4c-4d5e-9f6a-7b8c9d0e1f2a';

let dir: string;
let emulator: RunningEmulator;
let azurite: Child;
let accountUrl: string;
let identity: http.Server;
let identityUrl: string;
const tokenRequests: Array<{ resource?: string; clientId?: string; header?: string }> = [];
let audience = 'https://storage.azure.com';

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${Buffer.from('not-verified-by-azurite-basic').toString('base64url')}`;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-mi-'));
  // Azurite serves OAuth over HTTPS only: a throwaway certificate for 127.0.0.1.
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const port = await freePort();
  azurite = startChild(
    [path.join(ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js'), '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', path.join(dir, 'azurite'), '--silent', '--skipApiVersionCheck', '--loose', '--oauth', 'basic', '--cert', cert, '--key', key, '--disableTelemetry'],
    {},
  );
  accountUrl = `https://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  await waitFor(() => canConnect(port), `Azurite (${azurite.output()})`);

  // The App Service managed-identity endpoint: GET ?resource=...&api-version=2019-08-01 with X-IDENTITY-HEADER.
  identity = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const header = req.headers['x-identity-header'];
    tokenRequests.push({ resource: url.searchParams.get('resource') ?? undefined, clientId: url.searchParams.get('client_id') ?? undefined, header: typeof header === 'string' ? header : undefined });
    if (header !== IDENTITY_HEADER) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'unauthorized' }));
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const token = unsignedJwt({ aud: audience, iss: 'https://sts.windows.net/9c1e7f3a-2b4d-4e6f-8a0b-1c2d3e4f5a6b/', iat: now - 60, nbf: now - 60, exp: now + 3600, oid: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', appid: CLIENT_ID });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ access_token: token, expires_on: String(now + 3600), resource: url.searchParams.get('resource'), token_type: 'Bearer', client_id: CLIENT_ID }));
  });
  await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve));
  identityUrl = `http://127.0.0.1:${(identity.address() as AddressInfo).port}/msi/token`;

  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: path.join(dir, 'emulator'), seed: 'demo' } });
}, 60000);

afterAll(async () => {
  await azurite?.stop();
  await new Promise((resolve) => identity?.close(resolve));
  await emulator?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function canConnect(port: number): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

function botEnv(): Record<string, string> {
  return {
    SENTINEL_EMULATOR_URL: emulator.url,
    STATE_STORE: 'blob',
    STATE_BLOB_ACCOUNT_URL: accountUrl,
    STATE_BLOB_CONTAINER: 'bot-state',
    // What App Service gives a process with a managed identity.
    IDENTITY_ENDPOINT: identityUrl,
    IDENTITY_HEADER,
    AZURE_CLIENT_ID: CLIENT_ID,
    // Trust the throwaway certificate, as a corporate CA would be trusted.
    NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem'),
  };
}

async function journey(): Promise<string> {
  const conversationId = `mi-${Date.now()}-${Math.random()}`;
  const first = await startBotProcess(botEnv());
  let id: string;
  try {
    const reply = await chat(first.url, undefined, { conversationId }).say('report Tailgating at the loading dock');
    if (!cardOf(reply[0])) throw new Error(`no report form: ${JSON.stringify(reply)} ${first.child.output()}`);
    id = submissionIdOf(cardOf(reply[0]));
  } finally {
    await first.child.stop();
  }
  const second = await startBotProcess(botEnv());
  try {
    const c = chat(second.url, undefined, { conversationId });
    const review = await c.press('report.submit', { title: 'Tailgating at the loading dock', severity: 'Medium', submissionId: id });
    if (!cardTexts(review.body?.value).includes('Review your report')) return cardTexts(review.body?.value).join(' ');
    const created = await c.press('report.create', { submissionId: id });
    return cardTexts(created.body?.value).join(' ');
  } finally {
    await second.child.stop();
  }
}

describe('blob state through the managed identity', () => {
  it('continues a report on another process, with a storage token from the identity endpoint and no key', async () => {
    tokenRequests.length = 0;
    expect(await journey()).toMatch(/Incident \d+ created\. Thank you for reporting!/);
    expect(tokenRequests.length).toBeGreaterThan(0);
    for (const r of tokenRequests) {
      expect(r.resource?.replace(/\/$/, '')).toBe('https://storage.azure.com');
      expect(r.clientId).toBe(CLIENT_ID);
      expect(r.header).toBe(IDENTITY_HEADER);
    }
  }, 120000);

  it('keeps writes conditional through the identity: a stale version or a second creation is refused, not saved', async () => {
    // A separate process, so it trusts the throwaway certificate as the bot does; it uses
    // the compiled store (npm test builds first) with the default credential.
    const script = `
      const { createStorage } = require(${JSON.stringify(path.join(ROOT, 'dist', 'bot', 'storage.js'))});
      (async () => {
        const store = await createStorage({ kind: 'blob', container: 'cond-state', accountUrl: process.env.STATE_BLOB_ACCOUNT_URL });
        const attempt = (write) => write.then(() => 'saved', (err) => err.code || String(err));
        const key = 'msteams/conversations/c-' + Date.now() + '/';
        const first = await store.write(key, { step: 'form' }, undefined);
        const secondCreate = await attempt(store.write(key, { step: 'other window' }, undefined));
        const read = await store.read(key);
        const update = await attempt(store.write(key, { step: 'review' }, read.eTag));
        const stale = await attempt(store.write(key, { step: 'stale' }, first));
        const final = (await store.read(key)).value;
        process.stdout.write(JSON.stringify({ secondCreate, update, stale, final }));
      })().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });`;
    tokenRequests.length = 0;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env: { ...process.env, ...botEnv() }, timeout: 60000 });
    expect(JSON.parse(stdout)).toEqual({ secondCreate: 'STATE_CONFLICT', update: 'saved', stale: 'STATE_CONFLICT', final: { step: 'review' } });
    expect(tokenRequests.length).toBeGreaterThan(0);
  }, 90000);

  it('cannot keep state with a token for another audience: the token is what opens the store', async () => {
    audience = 'https://management.azure.com';
    try {
      const conversationId = `mi-bad-${Date.now()}`;
      const bot = await startBotProcess(botEnv());
      try {
        const reply = await chat(bot.url, undefined, { conversationId }).say('report Tailgating at the loading dock');
        expect(JSON.stringify(reply)).not.toContain('submissionId');
        expect(reply.map((a) => a.text).join(' ')).toMatch(/something went wrong/i);
        // Azurite's own reason, as the bot logs it.
        await waitFor(async () => bot.child.output().includes('Invalid token audience'), 'the storage refusal in the log', 10000);
      } finally {
        await bot.child.stop();
      }
    } finally {
      audience = 'https://storage.azure.com';
    }
  }, 60000);
});
