/** Error mapping, and the promise that no token ever rides along in an error. */
import { inspect } from 'node:util';
import { createLogger } from '../../src/logging';
import { codeForStatus, isRetryableStatus, scrubSecrets, AzureError } from '../../src/azure/errors';
import { CountingCredential, INCIDENT_ID, TOKEN_SECRET } from '../sentinel/helpers/fakes';
import { harness } from '../sentinel/helpers/harness';
import { useScriptedServer, type Received } from '../sentinel/helpers/scriptedServer';

const server = useScriptedServer();

describe('status to code', () => {
  it.each([
    [400, 'arm', 'BAD_REQUEST', false],
    [400, 'query', 'INVALID_QUERY', false],
    [401, 'arm', 'UNAUTHORIZED', false],
    [403, 'arm', 'FORBIDDEN', false],
    [404, 'arm', 'NOT_FOUND', false],
    [408, 'arm', 'TIMEOUT', true],
    [409, 'arm', 'CONFLICT', false],
    [412, 'arm', 'PRECONDITION_FAILED', false],
    [429, 'query', 'THROTTLED', true],
    [500, 'arm', 'UNAVAILABLE', true],
    [501, 'arm', 'UNAVAILABLE', false],
    [503, 'query', 'UNAVAILABLE', true],
    [505, 'arm', 'UNAVAILABLE', false],
    [418, 'arm', 'UNKNOWN', false],
  ] as const)('%i (%s) -> %s, retryable %s', (status, api, code, retryable) => {
    expect(codeForStatus(status, api)).toBe(code);
    expect(isRetryableStatus(status)).toBe(retryable);
  });

  it('a query API 400 is INVALID_QUERY with the service message kept for logs', async () => {
    server.script({ status: 400, body: { error: { code: 'BadArgumentError', message: 'The request had some invalid properties', innererror: { code: 'SyntaxError', message: "Query could not be parsed at '|'" } } } });
    const h = harness(server);
    const err = (await h.audit.query('SecurityIncident |', { timespan: 'P1D' }).catch((e: unknown) => e)) as AzureError;
    expect(err).toMatchObject({ code: 'INVALID_QUERY', statusCode: 400, serviceCode: 'BadArgumentError', retryable: false });
    expect(err.serviceMessage).toBe("The request had some invalid properties Query could not be parsed at '|'");
    expect(err.message).not.toContain('parsed');
  });

  it('a query error nested twice, as Log Analytics nests it, keeps and logs the innermost detail', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => lines.push(line) } });
    server.script({
      status: 400,
      body: {
        error: {
          message: 'The request had some invalid properties',
          code: 'BadArgumentError',
          correlationId: 'c0ffee00-0000-4000-8000-000000000000',
          innererror: {
            code: 'SemanticError',
            message: 'A semantic error occurred.',
            innererror: { code: 'SEM0100', message: "'where' operator: Failed to resolve scalar expression named 'Foo'" },
          },
        },
      },
    });
    const h = harness(server, { logger });
    const err = (await h.audit.query('SecurityIncident | where Foo == 1', { timespan: 'P1D' }).catch((e: unknown) => e)) as AzureError;
    expect(err).toMatchObject({ code: 'INVALID_QUERY', serviceCode: 'BadArgumentError', serviceDetailCode: 'SEM0100' });
    expect(err.serviceMessage).toContain("Failed to resolve scalar expression named 'Foo'");
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ detailCode: 'SEM0100', detail: expect.stringContaining("named 'Foo'"), msg: 'Log Analytics refused a query' })]);
  });

  it('an error body that is not JSON still maps by status', async () => {
    server.script({ status: 502, rawBody: '<html>Bad Gateway</html>', headers: { 'Content-Type': 'text/html' } });
    const h = harness(server, { maxRetries: 0 });
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'UNAVAILABLE', statusCode: 502, serviceCode: undefined });
  });

  it('carries a request id: the service one, or the client one it sent', async () => {
    server.script({ status: 404, headers: { 'x-ms-request-id': 'svc-1' } });
    const h = harness(server);
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ requestId: 'svc-1' });
    server.script({ status: 404 });
    const err = (await h.sentinel.getIncident(INCIDENT_ID).catch((e: unknown) => e)) as AzureError;
    expect(err.requestId).toBe(server.received[1]!.headers['x-ms-client-request-id']);
  });
});

describe('secrets stay out of errors', () => {
  const echo = (r: Received) => ({
    status: 403,
    body: { error: { code: 'AuthorizationFailed', message: `denied for header ${String(r.headers.authorization)} (token ${String(r.headers.authorization).slice(7)})` } },
  });

  function texts(err: unknown): string[] {
    return [String(err), JSON.stringify(err), (err as Error).message, (err as Error).stack ?? '', inspect(err, { depth: 10 }), JSON.stringify(Object.entries(err as object))];
  }

  it.each([
    ['an echoed opaque token', false],
    ['an echoed JWT', true],
  ])('%s is cut out of message, String(), JSON and inspect()', async (_, jwt) => {
    server.script(echo);
    const h = harness(server, { credential: new CountingCredential({ jwt }) });
    const err = await h.sentinel.getIncident(INCIDENT_ID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureError);
    expect((err as AzureError).serviceMessage).toContain('[redacted]');
    for (const text of texts(err)) {
      expect(text).not.toContain(TOKEN_SECRET);
      expect(text).not.toMatch(/bearer\s+(?!\[redacted\])/i);
    }
  });

  it.each([
    ['a timeout', { delayMs: 1000, status: 200 }],
    ['a dropped connection', { reset: true }],
    ['a 500', { status: 500, body: { error: { code: 'Internal', message: 'oops' } } }],
  ])('%s carries no axios request or config', async (_, answer) => {
    server.script(answer);
    const h = harness(server, { timeoutInMs: 100, maxRetries: 0 });
    const err = await h.sentinel.getIncident(INCIDENT_ID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureError);
    expect(Object.keys(err as object).sort()).toEqual(['actingAs', 'afterUnansweredAttempt', 'code', 'name', 'requestId', 'retryAfterSeconds', 'retryable', 'service', 'serviceCode', 'serviceDetailCode', 'serviceMessage', 'signInReason', 'statusCode', 'workspaceName', 'write']);
    expect((err as { cause?: unknown }).cause).toBeUndefined();
    for (const text of texts(err)) {
      expect(text).not.toContain(TOKEN_SECRET);
      expect(text.toLowerCase()).not.toContain('authorization');
    }
  });

  it('a failing credential does not leak either', async () => {
    const h = harness(server);
    h.credential.failNext = 1;
    const err = await h.sentinel.getIncident(INCIDENT_ID).catch((e: unknown) => e);
    for (const text of texts(err)) expect(text).not.toContain(TOKEN_SECRET);
  });

  it.each([
    ['Authorization: Bearer abc.def-ghi', 'Authorization: [redacted]'],
    ['{"authorization":"Bearer xyz"}', '{"authorization":"[redacted]"}'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-part here', 'token [redacted] here'],
    ['bearer abc123==', 'bearer [redacted]'],
    ['Resource not found', 'Resource not found'],
    ['The bearer of this request lacks a role', 'The bearer of this request lacks a role'],
  ])('scrubSecrets(%j) -> %j', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });
});
