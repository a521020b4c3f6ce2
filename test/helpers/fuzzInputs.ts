/**
 * Seeded random HTTP requests for the bot endpoint: bodies, headers and encodings a
 * broken or hostile client might send, from almost-valid activities with one field
 * broken to bytes that are not JSON at all. The same seed gives the same requests.
 */
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';

export type Rng = () => number;

/** mulberry32: tiny, fast and good enough to spread test inputs. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, max: number): number => Math.floor(rng() * max);

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** What the request was meant to exercise (printed when a check fails). */
  kind: string;
}

const CONVERSATIONS = ['fuzz-a', 'fuzz-b', 'fuzz-c', 'fuzz-d'];
const TEXTS = ['help', 'report', 'report Phishing at the front desk', 'show tasks for 405211', 'assign 405211 to me', 'cancel', 'tasks ${x}', '<at>bot</at> help', '\u0000\uffff', 'x'.repeat(5000), '{{user}}', 'show tasks for 9999999999999999999'];

function validActivity(rng: Rng): Record<string, unknown> {
  return {
    type: pick(rng, ['message', 'message', 'message', 'invoke', 'conversationUpdate', 'event', 'typing', 'messageReaction', 'installationUpdate']),
    id: `act-${int(rng, 1e9)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `user-${int(rng, 3)}`, name: 'Fuzz', aadObjectId: pick(rng, ['a1b2c3d4-0000-4000-8000-000000000001', 'not-a-guid', undefined]) },
    recipient: { id: '28:bot' },
    conversation: { id: pick(rng, CONVERSATIONS), conversationType: pick(rng, ['personal', 'groupChat', 'channel', 'weird']), tenantId: 'c0ffee00-0000-4000-8000-000000000000' },
    channelData: { tenant: { id: 'c0ffee00-0000-4000-8000-000000000000' } },
    text: pick(rng, TEXTS),
    name: pick(rng, [undefined, 'adaptiveCard/action', 'composeExtension/fetchTask', 'composeExtension/submitAction', 'task/fetch', 'signin/verifyState', 'unknown/invoke']),
    value: pick(rng, [undefined, {}, { action: { type: 'Action.Execute', verb: pick(rng, ['report.submit', 'report.create', 'incident.assignToMe', 'nope']), data: { incidentNumber: pick(rng, [405211, '405211', -1, 1e308, null]), submissionId: 'x', title: { $gt: '' } } } }, 'string', [1, 2], { commandId: 'reportToSoc', data: { title: 5 } }]),
    membersAdded: pick(rng, [undefined, [{ id: 'u' }], [{ id: 5 }], 'all']),
    // Mostly replies in the answer: normal delivery sends them to a serviceUrl where nothing listens.
    deliveryMode: rng() < 0.95 ? 'expectReplies' : undefined,
    locale: pick(rng, ['en-US', undefined, 7]),
  };
}

const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, true, false, '', ' ', 'x', [], [1], {}, { id: {} }, { id: 7 }, 'javascript:alert(1)', '../../etc/passwd', '\u202e', 'a'.repeat(3000)];
const FIELDS = ['type', 'from', 'conversation', 'serviceUrl', 'channelId', 'recipient', 'text', 'value', 'channelData', 'attachments', 'entities', 'membersAdded', 'id', 'replyToId', 'deliveryMode', 'name', 'locale', 'timestamp'];

function mutatedActivity(rng: Rng): Record<string, unknown> {
  const a = validActivity(rng);
  const changes = 1 + int(rng, 3);
  for (let i = 0; i < changes; i++) {
    const field = pick(rng, FIELDS);
    if (rng() < 0.3) delete a[field];
    else a[field] = pick(rng, WRONG_VALUES);
  }
  if (rng() < 0.1) a.__proto__ = { polluted: true } as unknown;
  if (rng() < 0.1) (a as Record<string, unknown>)['constructor'] = { prototype: { polluted: true } };
  return a;
}

function randomJson(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (depth > 4 || r < 0.3) return pick(rng, [null, true, 0, -0.5, 1e21, 'text', '', '\ud800', 'ünïcødé 🚨']);
  if (r < 0.6) return Array.from({ length: int(rng, 4) }, () => randomJson(rng, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < int(rng, 5); i++) o[pick(rng, [...FIELDS, 'x', '$where', '__proto__', ''])] = randomJson(rng, depth + 1);
  return o;
}

function bodyFor(rng: Rng): { kind: string; json: Buffer } {
  const r = rng();
  if (r < 0.3) return { kind: 'valid activity', json: Buffer.from(JSON.stringify(validActivity(rng))) };
  if (r < 0.6) return { kind: 'activity with broken fields', json: Buffer.from(JSON.stringify(mutatedActivity(rng))) };
  if (r < 0.72) return { kind: 'random JSON', json: Buffer.from(JSON.stringify(randomJson(rng)) ?? 'null') };
  if (r < 0.8) {
    const text = JSON.stringify(validActivity(rng));
    return { kind: 'truncated JSON', json: Buffer.from(text.slice(0, int(rng, text.length))) };
  }
  if (r < 0.86) return { kind: 'random bytes', json: randomBytes(int(rng, 2048)) };
  if (r < 0.9) return { kind: 'deep nesting', json: Buffer.from(`${'['.repeat(5000 + int(rng, 50000))}${']'.repeat(int(rng, 3) === 0 ? 55000 : 0)}`) };
  if (r < 0.93) return { kind: 'deep objects', json: Buffer.from(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`) };
  if (r < 0.96) return { kind: 'invalid UTF-8', json: Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]) };
  return { kind: 'near the size limit', json: Buffer.from(JSON.stringify({ ...validActivity(rng), text: 'y'.repeat(200 * 1024 + int(rng, 100 * 1024)) })) };
}

function encode(rng: Rng, json: Buffer): { kind: string; encoding?: string; body: Buffer } {
  const r = rng();
  if (r < 0.5) return { kind: 'plain', body: json };
  if (r < 0.6) return { kind: 'gzip', encoding: pick(rng, ['gzip', 'GZIP', 'x-gzip']), body: zlib.gzipSync(json) };
  if (r < 0.68) return { kind: 'gzip header, body not gzip', encoding: 'gzip', body: json };
  if (r < 0.72) {
    const gz = zlib.gzipSync(json);
    return { kind: 'truncated gzip', encoding: 'gzip', body: gz.subarray(0, int(rng, gz.length)) };
  }
  if (r < 0.76) return { kind: 'gzip bomb', encoding: 'gzip', body: pick(rng, bombs()) };
  if (r < 0.8) return { kind: 'deflate', encoding: 'deflate', body: rng() < 0.5 ? zlib.deflateSync(json) : json };
  if (r < 0.84) return { kind: 'br', encoding: 'br', body: rng() < 0.5 ? zlib.brotliCompressSync(json) : json };
  if (r < 0.88) return { kind: 'stacked encodings', encoding: 'gzip, br', body: zlib.gzipSync(json) };
  return { kind: 'unknown encoding', encoding: pick(rng, ['compress', 'zstd', 'identity', 'chunked', '', '\u00e9', 'gzip;q=1']), body: json };
}

let bombCache: Buffer[] | undefined;
/** Small bodies that inflate to megabytes (built once: compressing them is the slow part). */
function bombs(): Buffer[] {
  bombCache ??= [1, 8, 64].map((mb) => zlib.gzipSync(Buffer.alloc(mb * 1024 * 1024, 0x20), { level: 9 }));
  return bombCache;
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'Application/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml', ''];
const AUTHS = ['', 'Bearer x', 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.', 'Basic Zm9vOmJhcg==', 'Bearer ' + 'A'.repeat(4000)];

export function fuzzRequest(rng: Rng): FuzzRequest {
  const { kind: bodyKind, json } = bodyFor(rng);
  const { kind: encodingKind, encoding, body } = encode(rng, json);
  const headers: Record<string, string> = {};
  const type = rng() < 0.8 ? CONTENT_TYPES[0] : pick(rng, CONTENT_TYPES);
  if (type) headers['content-type'] = type as string;
  if (encoding !== undefined) headers['content-encoding'] = encoding;
  if (rng() < 0.2) headers.authorization = pick(rng, AUTHS);
  if (rng() < 0.05) headers.accept = pick(rng, ['text/html', 'application/xml', '*/*', 'image/png']);
  const r = rng();
  const path = r < 0.9 ? '/api/messages' : pick(rng, ['/api/messages/', '/api/messages?x=%zz', '/%c0%ae%c0%ae/etc/passwd', '/api', '/healthz?a=1', '/nope', '//api//messages']);
  const method = rng() < 0.95 ? 'POST' : pick(rng, ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
  return { method, path, headers, body, kind: `${bodyKind} / ${encodingKind} / ${type || 'no content type'}` };
}
