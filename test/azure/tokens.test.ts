/** Tokens: fetched once, shared by concurrent callers, refreshed a few minutes before expiry. */
import { TokenCache, REFRESH_BEFORE_EXPIRY_MS } from '../../src/azure/tokenCache';
import { SentinelClient } from '../../src/sentinel/sentinelClient';
import { CountingCredential, exampleWorkspace, fakeClock, INCIDENT_ID } from '../sentinel/helpers/fakes';
import { harness } from '../sentinel/helpers/harness';
import { useScriptedServer } from '../sentinel/helpers/scriptedServer';

const server = useScriptedServer();
beforeEach(() => {
  server.script({ status: 200, body: { id: 'i', name: INCIDENT_ID, type: 'Microsoft.SecurityInsights/incidents', properties: { title: 'T', severity: 'High', status: 'New' } } });
});

const HOUR = 3600_000;
const MINUTE = 60_000;

describe('through the client', () => {
  it('fetches one token for many requests, concurrent ones included', async () => {
    const h = harness(server);
    await Promise.all(Array.from({ length: 25 }, () => h.sentinel.getIncident(INCIDENT_ID)));
    for (let i = 0; i < 5; i++) await h.sentinel.getIncident(INCIDENT_ID);
    expect(h.credential.calls).toBe(1);
    expect(h.sentinel.stats()).toEqual({ requests: 30, tokenRequests: 1, retries: 0 });
    expect(new Set(server.received.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer opaque-secret-token-value-1']));
  });

  it('keeps the token until a few minutes before expiry, then refreshes it once', async () => {
    const clock = fakeClock();
    const credential = new CountingCredential({ now: clock.now, lifetimeMs: HOUR });
    const h = harness(server, { credential, clock });
    await h.sentinel.getIncident(INCIDENT_ID);
    clock.advance(HOUR - REFRESH_BEFORE_EXPIRY_MS - 1000);
    await h.sentinel.getIncident(INCIDENT_ID);
    expect(credential.calls).toBe(1);
    clock.advance(2000);
    await Promise.all([h.sentinel.getIncident(INCIDENT_ID), h.sentinel.getIncident(INCIDENT_ID), h.sentinel.getIncident(INCIDENT_ID)]);
    expect(credential.calls).toBe(2);
    expect(server.received.slice(-3).map((r) => r.headers.authorization)).toEqual(Array(3).fill('Bearer opaque-secret-token-value-2'));
  });

  it('ARM and Log Analytics clients each ask for their own scope', async () => {
    server.script({ status: 200, body: { tables: [] } });
    const h = harness(server);
    await h.audit.query('SecurityIncident | take 1', { timespan: 'P1D' });
    expect(h.credential.scopes).toEqual([`${server.url}/.default`]);
    expect(h.audit.stats()).toEqual({ requests: 1, tokenRequests: 1, retries: 0, sharedInFlight: 0 });
  });

  it('after a 401 tries once more with a fresh token (it may have been revoked or expired early), then stops', async () => {
    const h = harness(server);
    await h.sentinel.getIncident(INCIDENT_ID);
    server.script({ status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } } });
    await expect(h.sentinel.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'UNAUTHORIZED', statusCode: 401, retryable: false });
    expect(server.received).toHaveLength(3);
    expect(server.received[1]!.headers.authorization).toBe('Bearer opaque-secret-token-value-1');
    expect(server.received[2]!.headers.authorization).toBe('Bearer opaque-secret-token-value-2');
    server.script({ status: 200, body: {} });
    await h.sentinel.getIncident(INCIDENT_ID);
    expect(h.credential.calls).toBe(3);
    expect(server.received[3]!.headers.authorization).toBe('Bearer opaque-secret-token-value-3');
    expect(h.delays).toEqual([]);
  });

  it.each([
    [true, 'SIGN_IN_REQUIRED', 'expired'],
    [false, 'UNAUTHORIZED', undefined],
  ])("a person's token refused even fresh: signing in again is the way out only when it came from their sign-in (%s)", async (renewBySignIn, code, signInReason) => {
    server.script({ status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } } });
    const credential = new CountingCredential({ now: fakeClock().now });
    const client = new SentinelClient({ workspace: exampleWorkspace(server.url), credential, http: { timeoutInMs: 2000, maxRetries: 3, maxRetryDelayInMs: 0 }, actingAs: 'person', renewBySignIn });
    await expect(client.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code, statusCode: 401, signInReason, actingAs: 'person' });
    expect(server.received).toHaveLength(2);
  });

  it('a token refused once is replaced and the call succeeds, counted as one retry', async () => {
    const h = harness(server);
    server.script({ status: 401, body: { error: { code: 'ExpiredAuthenticationToken', message: 'expired' } } }, { status: 200, body: {} });
    await h.sentinel.getIncident(INCIDENT_ID);
    expect(server.received.map((r) => r.headers.authorization)).toEqual(['Bearer opaque-secret-token-value-1', 'Bearer opaque-secret-token-value-2']);
    expect(h.sentinel.stats()).toEqual({ requests: 2, tokenRequests: 2, retries: 1 });
  });

  it('turns a credential failure into UNAUTHORIZED without sending anything', async () => {
    const h = harness(server);
    h.credential.failNext = 1;
    const err = await h.sentinel.getIncident(INCIDENT_ID).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', retryable: false, serviceMessage: 'ManagedIdentityCredential: no endpoint found' });
    expect(server.received).toHaveLength(0);
  });
});

describe('TokenCache', () => {
  it('serves the old token while it is still valid if a refresh fails, then gives up after expiry', async () => {
    const clock = fakeClock();
    const credential = new CountingCredential({ now: clock.now, lifetimeMs: HOUR });
    const cache = new TokenCache({ credential, scope: 's/.default', now: clock.now });
    expect(await cache.getToken()).toBe('opaque-secret-token-value-1');
    clock.advance(HOUR - 2 * MINUTE);
    credential.failNext = 1;
    expect(await cache.getToken()).toBe('opaque-secret-token-value-1');
    clock.advance(2 * MINUTE);
    credential.failNext = 1;
    await expect(cache.getToken()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await cache.getToken()).toBe('opaque-secret-token-value-4');
    expect(cache.tokenRequests).toBe(4);
  });

  it('honours refreshAfterTimestamp when the credential gives one', async () => {
    const clock = fakeClock();
    let calls = 0;
    const cache = new TokenCache({
      credential: {
        getToken: async () => ({ token: `t${++calls}`, expiresOnTimestamp: clock.now() + HOUR, refreshAfterTimestamp: clock.now() + 30 * MINUTE }),
      },
      scope: 's',
      now: clock.now,
    });
    await cache.getToken();
    clock.advance(29 * MINUTE);
    expect(await cache.getToken()).toBe('t1');
    clock.advance(2 * MINUTE);
    expect(await cache.getToken()).toBe('t2');
  });

  it('treats a null or empty token as a failure', async () => {
    const cache = new TokenCache({ credential: { getToken: async () => null }, scope: 's' });
    await expect(cache.getToken()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('shares one in-flight fetch among concurrent callers, and starts a new one after a failure', async () => {
    const credential = new CountingCredential({ latencyMs: 20 });
    const cache = new TokenCache({ credential, scope: 's' });
    credential.failNext = 1;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => cache.getToken()));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(credential.calls).toBe(1);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(credential.calls).toBe(2);
  });
});
