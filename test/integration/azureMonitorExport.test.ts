/**
 * With APPLICATIONINSIGHTS_CONNECTION_STRING set, the bot process exports its traces and
 * metrics with the Azure Monitor exporter to the connection string's ingestion endpoint
 * (a local HTTPS stand-in here, speaking the Track API), and flushes them on shutdown.
 * What arrives names the turn and the command; nothing typed or personal does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ALEX } from '../../src/demo/identities';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { chat } from '../helpers/botHarness';
import { startBotProcess, waitFor } from '../helpers/processes';

interface Envelope {
  name: string;
  iKey?: string;
  data?: { baseType?: string; baseData?: { name?: string; properties?: Record<string, string>; metrics?: Array<{ name: string }> } };
}

let dir: string;
let emulator: RunningEmulator;
let ingestion: https.Server;
let ingestionUrl: string;
const envelopes: Envelope[] = [];
const raw: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azmon-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  ingestion = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
      const text = body.toString('utf8');
      raw.push(text);
      const items = (text.trim().startsWith('[') ? JSON.parse(text) : text.split('\n').filter(Boolean).map((l) => JSON.parse(l))) as Envelope[];
      envelopes.push(...items);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', resolve));
  ingestionUrl = `https://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`;
  emulator = await startEmulator({ config: { port: 0, host: '127.0.0.1', dataDir: path.join(dir, 'emulator'), seed: 'demo' } });
}, 60000);

afterAll(async () => {
  await new Promise((resolve) => ingestion?.close(resolve));
  await emulator?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('export to Azure Monitor', () => {
  it('sends the turn, its command and its Azure calls, flushed on shutdown, without text or names', async () => {
    const bot = await startBotProcess({
      SENTINEL_EMULATOR_URL: emulator.url,
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-1111-2222-3333-444444444444;IngestionEndpoint=${ingestionUrl}`,
      NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem'),
      // The exporter's own usage statistics would go to Microsoft's endpoints: not from a test.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
      APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
      TMPDIR: dir,
    });
    try {
      await chat(bot.url, ALEX).say('show tasks for 405211 secret-phrase-typed-by-alex');
    } finally {
      await bot.child.stop();
    }
    await waitFor(async () => envelopes.some((e) => e.data?.baseType === 'RequestData'), `the exported turn (${bot.child.output()})`, 15000);
    const turn = envelopes.find((e) => e.data?.baseType === 'RequestData' && e.data.baseData?.name === 'bot.turn');
    expect(turn?.iKey).toBe('00000000-1111-2222-3333-444444444444');
    expect(turn?.data?.baseData?.properties).toMatchObject({ 'bot.command': 'showTasks', 'bot.conversation.type': 'personal', 'bot.outcome': 'ok' });
    const dependencies = envelopes.filter((e) => e.data?.baseType === 'RemoteDependencyData');
    expect(dependencies.length).toBeGreaterThan(0);
    const metricNames = envelopes.filter((e) => e.data?.baseType === 'MetricData').flatMap((e) => e.data?.baseData?.metrics?.map((m) => m.name) ?? []);
    expect(metricNames).toEqual(expect.arrayContaining(['bot.turns', 'bot.commands', 'azure.requests']));
    const everything = raw.join('\n');
    for (const personal of ['secret-phrase', ALEX.name, ALEX.objectId, '405211']) expect(everything).not.toContain(personal);
  }, 90000);
});
