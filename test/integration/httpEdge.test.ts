/**
 * The HTTP edge, case by case: each broken request gets its status and the same small
 * generic JSON body, nothing reaches the bot or Sentinel, and the bot keeps serving.
 * (test/integration/fuzz.test.ts throws thousands of random ones at the process.)
 */
import http from 'node:http';
import zlib from 'node:zlib';
import axios from 'axios';
import { ALEX } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, startBotHarness, type BotHarness } from '../helpers/botHarness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h.stop());

async function emulatorRequests(): Promise<number> {
  return ((await axios.get(`${h.emulatorUrl}/_emulator/stats`)).data as { total: number }).total;
}

function raw(body: Buffer | string, headers: Record<string, string>, method = 'POST', path = '/api/messages'): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const url = new URL(h.botUrl);
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, 'content-length': String(data.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const good = {
  type: 'message', text: 'help', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies',
  from: { id: 'u1', aadObjectId: ALEX.objectId }, recipient: { id: 'bot' }, conversation: { id: 'edge' },
};
const without = (key: string): Record<string, unknown> => Object.fromEntries(Object.entries(good).filter(([k]) => k !== key));
const BAD_REQUEST = '{"error":{"code":"BadRequest","message":"The request is not a valid activity."}}';

async function stillServing(): Promise<void> {
  expect(cardTexts(cardOf((await chat(h.botUrl).say('help'))[0]))).toContain('Sentinel incident bot');
}

describe('bodies that are not an activity', () => {
  const rows: Array<[string, Buffer | string, Record<string, string>, number]> = [
    ['a gzip header on a body that is not gzip', JSON.stringify(good), { ...JSON_TYPE, 'content-encoding': 'gzip' }, 400],
    ['truncated gzip', zlib.gzipSync(JSON.stringify(good)).subarray(0, 20), { ...JSON_TYPE, 'content-encoding': 'gzip' }, 400],
    ['a deflate header on plain text', JSON.stringify(good), { ...JSON_TYPE, 'content-encoding': 'deflate' }, 400],
    ['a gzip bomb', zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20)), { ...JSON_TYPE, 'content-encoding': 'gzip' }, 413],
    ['an unknown encoding', JSON.stringify(good), { ...JSON_TYPE, 'content-encoding': 'compress' }, 415],
    ['stacked encodings', zlib.gzipSync(JSON.stringify(good)), { ...JSON_TYPE, 'content-encoding': 'gzip, br' }, 415],
    ['form data', 'type=message', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['no content type', JSON.stringify(good), {}, 415],
    ['malformed JSON', '{"type": "message", ', JSON_TYPE, 400],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), JSON_TYPE, 400],
    ['an empty body', '', JSON_TYPE, 400],
    ['an array', '[1,2,3]', JSON_TYPE, 400],
    ['a string', '"message"', JSON_TYPE, 400],
    ['a number', '42', JSON_TYPE, 400],
    ['null', 'null', JSON_TYPE, 400],
    ['nesting 10,000 deep', `{"type":"message","value":${'['.repeat(10000)}${']'.repeat(10000)}}`, JSON_TYPE, 400],
    ['an empty object', '{}', JSON_TYPE, 400],
    ['no type', JSON.stringify(without('type')), JSON_TYPE, 400],
    ['no from', JSON.stringify(without('from')), JSON_TYPE, 400],
    ['no conversation', JSON.stringify(without('conversation')), JSON_TYPE, 400],
    ['no recipient', JSON.stringify(without('recipient')), JSON_TYPE, 400],
    ['no serviceUrl', JSON.stringify(without('serviceUrl')), JSON_TYPE, 400],
    ['a numeric type', JSON.stringify({ ...good, type: 7 }), JSON_TYPE, 400],
    ['from as a string', JSON.stringify({ ...good, from: 'alex' }), JSON_TYPE, 400],
    ['a conversation id that is an object', JSON.stringify({ ...good, conversation: { id: { $ne: null } } }), JSON_TYPE, 400],
    ['text as an object', JSON.stringify({ ...good, text: { toString: 'x' } }), JSON_TYPE, 400],
    ['a javascript: serviceUrl', JSON.stringify({ ...good, serviceUrl: 'javascript:alert(1)' }), JSON_TYPE, 400],
    ['attachments as a string', JSON.stringify({ ...good, attachments: 'x' }), JSON_TYPE, 400],
    ['membersAdded with a numeric id', JSON.stringify({ ...good, type: 'conversationUpdate', membersAdded: [{ id: 5 }] }), JSON_TYPE, 400],
  ];

  it.each(rows)('%s: refused with the generic body, nothing runs', async (_name, body, headers, status) => {
    const before = await emulatorRequests();
    const res = await raw(body, headers);
    expect(res.status).toBe(status);
    if (status === 400) expect(res.body).toBe(BAD_REQUEST);
    else expect(res.body).toMatch(/^\{"error":\{"code":"\w+","message":"[^"]+"\}\}$/);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(await emulatorRequests()).toBe(before);
    await stillServing();
  });

  it('takes a gzip-, deflate- or br-encoded activity', async () => {
    for (const [encoding, body] of [['gzip', zlib.gzipSync(JSON.stringify(good))], ['deflate', zlib.deflateSync(JSON.stringify(good))], ['br', zlib.brotliCompressSync(JSON.stringify(good))]] as const) {
      const res = await raw(body, { 'content-type': 'application/json; charset=utf-8', 'content-encoding': encoding });
      expect(res.status).toBe(200);
      expect(res.body).toContain('Sentinel incident bot');
    }
  });
});

describe("restify's own refusals", () => {
  it.each([
    ['GET', '/api/messages', 405],
    ['POST', '/no/such/route', 404],
    ['DELETE', '/healthz', 405],
  ])('%s %s: %i with a fixed body that names no path', async (method, path, status) => {
    const res = await raw('', {}, method, path);
    expect(res.status).toBe(status);
    expect(res.body).toMatch(/^\{"error":\{"code":"\w+","message":"[^"/]+"\}\}$/);
  });
});
