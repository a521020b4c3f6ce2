/**
 * No token or secret reaches a log line, wherever it hides: in an error's message or stack, in
 * an HTTP client's error (its request config carries the Authorization header), in a token
 * endpoint's answer, or under a key the redaction list does not name.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../src/logging';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function capture(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination: sink }) };
}

class HttpFailure extends Error {
  constructor(
    message: string,
    readonly config: unknown,
    readonly response: unknown,
  ) {
    super(message);
  }
}

describe('the logger', () => {
  it.each<[string, (log: ReturnType<typeof createLogger>) => void]>([
    ['an error whose message quotes the bearer token', (log) => log.error({ err: new Error(`request failed: Authorization: Bearer ${JWT}`) }, 'failed')],
    ['an error whose message holds a bare JWT', (log) => log.warn({ err: new Error(`assertion ${JWT} was refused`) }, 'failed')],
    ['an HTTP client error with its request headers', (log) => log.error({ err: new HttpFailure('Request failed with status code 401', { headers: { Authorization: `Bearer ${JWT}` } }, { status: 401 }) }, 'failed')],
    ['a token endpoint answer', (log) => log.debug({ answer: { token_type: 'Bearer', access_token: JWT, refresh_token: 'opaque-refresh-value-123' } }, 'token')],
    ['a client secret and an assertion', (log) => log.info({ obo: { clientSecret: 'very-secret-value', userAssertionToken: JWT, client_secret: 'very-secret-value' } }, 'obo')],
    ['the token in the message text itself', (log) => log.info(`using Bearer ${JWT}`)],
  ])('keeps %s out', (_, write) => {
    const { lines, logger } = capture();
    write(logger);
    const all = lines.join('\n');
    expect(lines.length).toBe(1);
    expect(all).not.toContain(JWT);
    expect(all).not.toContain('eyJ');
    expect(all).not.toContain('very-secret-value');
    expect(all).not.toContain('opaque-refresh-value-123');
    expect(all).toContain('[redacted]');
  });

  it('still writes valid JSON lines with the rest of the message', () => {
    const { lines, logger } = capture();
    logger.error({ err: new Error(`refused Bearer ${JWT} for incident 405211`) }, 'failed');
    const line = JSON.parse(lines[0]!) as { msg: string; err: { message: string } };
    expect(line.msg).toBe('failed');
    expect(line.err.message).toBe('refused Bearer [redacted] for incident 405211');
  });
});
