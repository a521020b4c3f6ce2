/**
 * Reads a JSON request body without trusting anything about it: its declared length, its
 * content encoding (a "gzip" body that is not gzip, a zip bomb), its character encoding
 * and its JSON. Every failure is a typed refusal with an HTTP status; none can throw past
 * the caller or leave a stream erroring with nobody listening.
 */
import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';

export type BodyRefusalCode = 'TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'BAD_ENCODING' | 'MALFORMED_JSON' | 'NOT_AN_OBJECT' | 'TOO_DEEP' | 'ABORTED';

/** Real activities nest a dozen levels at most; far deeper input only exists to exhaust a stack. */
export const MAX_JSON_DEPTH = 64;

export class BodyRefusal extends Error {
  constructor(
    readonly code: BodyRefusalCode,
    readonly statusCode: number,
  ) {
    super(code);
    this.name = 'BodyRefusal';
  }
}

export interface BodyLimits {
  /** Largest body accepted, before and after decompression. */
  maxBytes: number;
}

type Decoder = (input: Buffer, maxOutputLength: number, done: (err: Error | null, out?: Buffer) => void) => void;

const DECODERS: Record<string, Decoder> = {
  gzip: (input, maxOutputLength, done) => zlib.gunzip(input, { maxOutputLength }, done),
  'x-gzip': (input, maxOutputLength, done) => zlib.gunzip(input, { maxOutputLength }, done),
  deflate: (input, maxOutputLength, done) => zlib.inflate(input, { maxOutputLength }, done),
  br: (input, maxOutputLength, done) => zlib.brotliDecompress(input, { maxOutputLength }, done),
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readRaw(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new BodyRefusal('TOO_LARGE', 413));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        settle(() => reject(new BodyRefusal('TOO_LARGE', 413)));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks, size))));
    req.on('error', () => settle(() => reject(new BodyRefusal('ABORTED', 400))));
    req.on('close', () => settle(() => reject(new BodyRefusal('ABORTED', 400))));
  });
}

function decode(raw: Buffer, encodingHeader: string | undefined, maxBytes: number): Promise<Buffer> {
  const encoding = (encodingHeader ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return Promise.resolve(raw);
  const decoder = DECODERS[encoding];
  // Stacked encodings ("gzip, br") and unknown ones are refused rather than guessed at.
  if (!decoder) return Promise.reject(new BodyRefusal('UNSUPPORTED_MEDIA_TYPE', 415));
  return new Promise((resolve, reject) => {
    decoder(raw, maxBytes, (err, out) => {
      if (err || !out) {
        const tooLarge = (err as NodeJS.ErrnoException | null)?.code === 'ERR_BUFFER_TOO_LARGE';
        reject(tooLarge ? new BodyRefusal('TOO_LARGE', 413) : new BodyRefusal('BAD_ENCODING', 400));
      } else resolve(out);
    });
  });
}

function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** The body as a JSON object (not an array, string or null), or a BodyRefusal. */
export async function readJsonObject(req: IncomingMessage, limits: BodyLimits): Promise<Record<string, unknown>> {
  if (!isJsonContentType(req.headers['content-type'])) {
    req.resume();
    throw new BodyRefusal('UNSUPPORTED_MEDIA_TYPE', 415);
  }
  const raw = await readRaw(req, limits.maxBytes);
  const decoded = await decode(raw, req.headers['content-encoding'], limits.maxBytes);
  let text: string;
  try {
    text = utf8.decode(decoded);
  } catch {
    throw new BodyRefusal('BAD_ENCODING', 400);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new BodyRefusal('MALFORMED_JSON', 400);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BodyRefusal('NOT_AN_OBJECT', 400);
  if (depthOf(value) > MAX_JSON_DEPTH) throw new BodyRefusal('TOO_DEEP', 400);
  return value as Record<string, unknown>;
}

/** Nesting depth of parsed JSON, measured without recursion. */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    if (node && typeof node === 'object') for (const child of Object.values(node)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return max;
}
