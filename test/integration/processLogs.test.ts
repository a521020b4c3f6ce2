/**
 * The bot process writes nothing but JSON lines, on stdout and stderr alike: what
 * botbuilder prints to the console (token failures, turn errors) and what restify would
 * say comes through the project's logger, with the correlation id of the request.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { ALEX } from '../../src/demo/identities';
import { generateSigningKey, signToken, startOpenIdServer, type OpenIdServer } from '../helpers/openIdServer';
import { startBotProcess, startChild, ROOT, type Child } from '../helpers/processes';

type Line = Record<string, unknown>;

function jsonLines(output: string): { lines: Line[]; notJson: string[] } {
  const lines: Line[] = [];
  const notJson: string[] = [];
  for (const raw of output.split('\n')) {
    if (!raw.trim()) continue;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) lines.push(parsed as Line);
      else notJson.push(raw);
    } catch {
      notJson.push(raw);
    }
  }
  return { lines, notJson };
}

function activity(serviceUrl: string, deliveryMode?: string): Line {
  return {
    type: 'message', id: `a-${Date.now()}`, text: 'help', channelId: 'msteams', serviceUrl,
    from: { id: 'u1', name: ALEX.name, aadObjectId: ALEX.objectId }, recipient: { id: 'bot' }, conversation: { id: `c-${Math.random()}` }, deliveryMode,
  };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function env(name: string): Record<string, string> {
  return { LOG_LEVEL: 'info', SENTINEL_EMULATOR_PORT: '0', SENTINEL_EMULATOR_DATA_DIR: path.join(dir, name) };
}

describe('a bot process without an app id', () => {
  let bot: { url: string; child: Child };
  // A connector that refuses every reply (400 is not retried), so a turn fails at once.
  let connector: http.Server;
  let connectorUrl: string;
  beforeAll(async () => {
    connector = http.createServer((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end('{"error":{"code":"BadArgument","message":"refused"}}');
    });
    await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
    connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    bot = await startBotProcess(env('plain'));
  }, 60000);
  afterAll(async () => {
    await bot?.child.stop();
    await new Promise((r) => connector?.close(r));
  });

  it('logs a failed turn (its replies cannot be delivered) as JSON with the request correlation id, and says what is true about listening', async () => {
    // Normal delivery: replies go to the serviceUrl, which refuses them, so the turn fails.
    const res = await axios.post(`${bot.url}/api/messages`, activity(connectorUrl), { validateStatus: () => true });
    expect(res.status).toBeLessThan(500);
    await axios.post(`${bot.url}/api/messages`, 'not json', { headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, validateStatus: () => true });
    await axios.get(`${bot.url}/no/such/route`, { validateStatus: () => true });
    await new Promise((r) => setTimeout(r, 500));

    const { lines, notJson } = jsonLines(bot.child.output());
    expect(notJson).toEqual([]);
    const turn = lines.find((l) => l.msg === 'turn');
    expect(turn?.correlationId).toEqual(expect.any(String));
    const failure = lines.find((l) => l.msg === 'unhandled turn error');
    expect(failure?.correlationId).toBe(turn?.correlationId);
    expect(lines.find((l) => l.msg === 'request body refused')).toMatchObject({ refusal: 'BAD_ENCODING', correlationId: expect.any(String) });
    expect(lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('No MicrosoftAppId'))?.msg).toContain('listens on 127.0.0.1 (this machine) only');
  });
});

describe('a bot process with an app id', () => {
  let openId: OpenIdServer;
  let bot: { url: string; child: Child };
  const key = generateSigningKey('k1');
  const APP_ID = '0f0e0d0c-0b0a-4909-8807-060504030201';

  beforeAll(async () => {
    openId = await startOpenIdServer([key]);
    bot = await startBotProcess({
      ...env('auth'), HOST: '127.0.0.1', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', BOT_OPENID_METADATA_URL: openId.metadataUrl,
    });
  }, 60000);
  afterAll(async () => {
    await bot?.child.stop();
    await openId?.close();
  });

  it("turns botbuilder's console output about a bad token into JSON lines carrying the request's correlation id", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = signToken({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'http://127.0.0.1:9/', nbf: now - 7200, exp: now - 3600 }, key);
    const res = await axios.post(`${bot.url}/api/messages`, activity('http://127.0.0.1:9/', 'expectReplies'), { headers: { Authorization: `Bearer ${expired}` }, validateStatus: () => true });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 500));

    const { lines, notJson } = jsonLines(bot.child.output());
    expect(notJson).toEqual([]);
    const refused = lines.find((l) => l.msg === 'inbound token refused');
    expect(refused?.correlationId).toEqual(expect.any(String));
    // botbuilder console.error()s the JWT library's TokenExpiredError: it is a log line of the same request.
    const fromConsole = lines.filter((l) => l.source === 'console');
    expect(fromConsole.length).toBeGreaterThan(0);
    for (const l of fromConsole) expect(l.correlationId).toBe(refused?.correlationId);
    expect(bot.child.output()).not.toContain(expired.split('.')[1]);
  });
});

describe('a bot process refusing its configuration', () => {
  it('exits with one JSON line naming the problem when it would listen on a network without authentication', async () => {
    const child = startChild([path.join(ROOT, 'dist', 'index.js'), '--no-playground'], { ...env('refused'), HOST: '0.0.0.0' });
    const code = await new Promise<number | null>((resolve) => child.process.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    const { lines, notJson } = jsonLines(child.output());
    expect(notJson).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toContain('Invalid configuration');
    expect(JSON.stringify(lines[0]?.problems)).toContain('HOST is \\"0.0.0.0\\" but MicrosoftAppId is not set');
  });
});
