/** Request bodies: JSON, at most 1 MiB. */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Beyond this the upload is not even drained: the connection is closed. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export class RequestBodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

const tooLarge = (): RequestBodyError =>
  new RequestBodyError(413, 'RequestEntityTooLarge', `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes.`);

function readRaw(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > DRAIN_LIMIT) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading to the end so the client receives the 413 rather than a broken pipe.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => {
      if (size > DRAIN_LIMIT) reject(tooLarge());
    });
  });
}

/** The parsed JSON body, or undefined when there is none. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readRaw(req);
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'not JSON';
    throw new RequestBodyError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${detail}`);
  }
}
