/**
 * Inbound token checks, proven offline: the bot is pointed (BOT_OPENID_METADATA_URL) at a
 * local OpenID metadata + JWKS server whose RSA keys are generated here, and every kind of
 * forged or misaddressed token is refused with 401 and no detail, while a correctly signed
 * channel token gets through. Metadata that cannot be fetched gives 503, and the bot
 * recovers by itself once it is back.
 */
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { ALEX, DEMO_TENANT_ID } from '../../src/demo/identities';
import { createLogger, routeConsoleTo } from '../../src/logging';
import { startBotHarness, type BotHarness } from '../helpers/botHarness';
import { generateSigningKey, signToken, startOpenIdServer, type OpenIdServer, type SigningKey } from '../helpers/openIdServer';
import { Writable } from 'node:stream';

const APP_ID = '5c2b7d1e-8f3a-4b6c-9d0e-1f2a3b4c5d6e';
const TENANT_ID = DEMO_TENANT_ID;
const SERVICE_URL = 'http://127.0.0.1:9/';
const ISSUER = 'https://api.botframework.com';

const logLines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
const logger = createLogger({ level: 'debug', destination: sink });
let restoreConsole: () => void;

function activity(): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    text: 'help',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: 'user-1', name: ALEX.name, aadObjectId: ALEX.objectId },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: `conv-${randomUUID()}`, conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    deliveryMode: 'expectReplies',
  };
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

async function post(h: BotHarness, authorization?: string): Promise<{ status: number; data: unknown; text: string }> {
  const res = await axios.post(`${h.botUrl}/api/messages`, activity(), {
    headers: authorization === undefined ? {} : { Authorization: authorization },
    validateStatus: () => true,
    transformResponse: (d: unknown) => d,
  });
  const text = typeof res.data === 'string' ? res.data : JSON.stringify(res.data);
  return { status: res.status, data: text ? (JSON.parse(text) as unknown) : undefined, text };
}

async function harness(metadataUrl: string, entraMetadataUrl?: string): Promise<BotHarness> {
  const entra: Record<string, string> = entraMetadataUrl ? { ENTRA_OPENID_METADATA_URL: entraMetadataUrl } : {};
  return startBotHarness(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT_ID, BOT_OPENID_METADATA_URL: metadataUrl, LOG_LEVEL: 'debug', ...entra },
    {},
    logger,
  );
}

beforeAll(() => {
  // botbuilder prints token failures to the console; here, as in the app, they become log lines.
  restoreConsole = routeConsoleTo(logger);
});
afterAll(() => restoreConsole());

describe('a bot with an app id, checking tokens against local OpenID metadata', () => {
  let teamsKey: SigningKey;
  let webchatKey: SigningKey;
  let outsiderKey: SigningKey;
  let openId: OpenIdServer;
  let entraKey: SigningKey;
  let entra: OpenIdServer;
  let h: BotHarness;

  beforeAll(async () => {
    entraKey = generateSigningKey('entra-key', []);
    entra = await startOpenIdServer([entraKey]);
    teamsKey = generateSigningKey('teams-key', ['msteams']);
    webchatKey = generateSigningKey('webchat-key', ['webchat']);
    // Never published: stands for an attacker's key.
    outsiderKey = { ...generateSigningKey('teams-key'), kid: 'teams-key' };
    openId = await startOpenIdServer([teamsKey, webchatKey]);
    h = await harness(openId.metadataUrl, entra.metadataUrl);
  }, 30000);
  afterAll(async () => {
    await h?.stop();
    await openId?.close();
    await entra?.close();
  });

  it('checks Entra-issued tokens (as the Bot Framework Emulator sends) against the Entra metadata setting', async () => {
    const entraClaims = claims({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: APP_ID, serviceurl: undefined });
    const ok = await post(h, `Bearer ${signToken(entraClaims, entraKey)}`);
    expect(ok.status).toBe(200);
    expect(entra.hits()).toBeGreaterThanOrEqual(2);
    // Signed by the channel's key, which Entra's metadata does not publish.
    expect((await post(h, `Bearer ${signToken(entraClaims, teamsKey)}`)).status).toBe(401);
    expect((await post(h, `Bearer ${signToken({ ...entraClaims, appid: '00000000-0000-0000-0000-000000000003' }, entraKey)}`)).status).toBe(401);
  });

  it('lets a correctly signed channel token through', async () => {
    const res = await post(h, `Bearer ${signToken(claims(), teamsKey)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Sentinel incident bot');
    expect(openId.hits()).toBeGreaterThanOrEqual(2);
  });

  // Each row names the check that must be the one refusing it (from the log), so a row cannot pass for the wrong reason.
  const forged: Array<[string, () => string | undefined, string]> = [
    ['no Authorization header', () => undefined, 'not authorized'],
    ['an empty header', () => '', 'not authorized'],
    ['garbage', () => 'Bearer not.a.jwt', 'No valid identity'],
    ['random bytes', () => `Bearer ${Buffer.from(randomUUID()).toString('base64')}`, 'No valid identity'],
    ['another scheme', () => `Basic ${Buffer.from('bot:secret').toString('base64')}`, 'No valid identity'],
    ['the token without its scheme', () => signToken(claims(), teamsKey), 'No valid identity'],
    ['alg none', () => `Bearer ${signToken(claims(), teamsKey, { alg: 'none' })}`, 'signature is required'],
    ['HS256 keyed with the public key', () => `Bearer ${signToken(claims(), teamsKey, { alg: 'HS256' })}`, 'invalid algorithm'],
    ['a token signed by another key under a published kid', () => `Bearer ${signToken(claims(), outsiderKey)}`, 'invalid signature'],
    ['an unknown kid', () => `Bearer ${signToken(claims(), { ...outsiderKey, kid: 'no-such-key' })}`, 'Signing Key could not be retrieved'],
    [
      'a tampered payload',
      () => {
        const [head, , sig] = signToken(claims({ aud: '00000000-0000-0000-0000-000000000001' }), teamsKey).split('.');
        return `Bearer ${head}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.${sig}`;
      },
      'invalid signature',
    ],
    ['an expired token', () => `Bearer ${signToken(claims({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }), teamsKey)}`, 'expired'],
    ['a token not valid yet', () => `Bearer ${signToken(claims({ nbf: Math.floor(Date.now() / 1000) + 3600 }), teamsKey)}`, 'not active'],
    ['the wrong audience', () => `Bearer ${signToken(claims({ aud: '00000000-0000-0000-0000-000000000001' }), teamsKey)}`, 'Invalid AppId'],
    ['no audience', () => `Bearer ${signToken(claims({ aud: undefined }), teamsKey)}`, 'Invalid AppId'],
    ['the wrong issuer', () => `Bearer ${signToken(claims({ iss: 'https://evil.example' }), teamsKey)}`, 'No valid identity'],
    ['the wrong serviceurl claim', () => `Bearer ${signToken(claims({ serviceurl: 'https://evil.example/' }), teamsKey)}`, 'ServiceUrl claim'],
    ['no serviceurl claim', () => `Bearer ${signToken(claims({ serviceurl: undefined }), teamsKey)}`, 'ServiceUrl claim'],
    ['a key not endorsed for the channel', () => `Bearer ${signToken(claims(), webchatKey)}`, 'endorsement'],
  ];

  it.each(forged)('answers 401 with no detail to %s, and runs no turn', async (_name, token, reason) => {
    const before = logLines.filter((l) => l.includes('"msg":"turn"')).length;
    const res = await post(h, token());
    expect(res.status).toBe(401);
    expect(res.data).toEqual({ error: { code: 'Unauthorized', message: 'Unauthorized.' } });
    expect(logLines.filter((l) => l.includes('"msg":"turn"')).length).toBe(before);
    const refusal = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).reverse().find((l) => l.msg === 'inbound token refused');
    expect(String(refusal?.reason)).toContain(reason);
  });

  it('logs why a token was refused, as JSON, never the token', async () => {
    logLines.length = 0;
    const token = signToken(claims({ exp: Math.floor(Date.now() / 1000) - 3600 }), teamsKey);
    await post(h, `Bearer ${token}`);
    const parsed = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.find((l) => l.msg === 'inbound token refused')).toMatchObject({ failure: 'unauthorized', correlationId: expect.any(String) });
    expect(logLines.join('\n')).not.toContain(token.split('.')[1]);
  });
});

describe.each([
  ['SingleTenant', { MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT_ID }],
  ['UserAssignedMSI', { MicrosoftAppTenantId: TENANT_ID }],
  ['MultiTenant', { MicrosoftAppPassword: 'not-a-real-secret' }],
])('a %s bot identity', (appType, identity) => {
  let key: SigningKey;
  let openId: OpenIdServer;
  let h: BotHarness;
  beforeAll(async () => {
    key = generateSigningKey(`key-${appType}`);
    openId = await startOpenIdServer([key]);
    h = await startBotHarness({ MicrosoftAppId: APP_ID, MicrosoftAppType: appType, ...identity, BOT_OPENID_METADATA_URL: openId.metadataUrl }, {}, logger);
  }, 30000);
  afterAll(async () => {
    await h?.stop();
    await openId?.close();
  });

  it('takes a channel token for its app id and refuses one for another', async () => {
    const ok = await post(h, `Bearer ${signToken(claims(), key)}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Sentinel incident bot');
    expect((await post(h, `Bearer ${signToken(claims({ aud: '00000000-0000-0000-0000-000000000002' }), key)}`)).status).toBe(401);
  });
});

describe('OpenID metadata that cannot be fetched', () => {
  let key: SigningKey;
  let openId: OpenIdServer;
  let h: BotHarness;

  beforeAll(async () => {
    key = generateSigningKey('k1');
    openId = await startOpenIdServer([key]);
    await openId.setUp(false);
    h = await harness(openId.metadataUrl);
  }, 30000);
  afterAll(async () => {
    await h?.stop();
    await openId?.close();
  });

  it('answers 503 with no detail while it is down, and recovers by itself when it is back', async () => {
    const token = `Bearer ${signToken(claims(), key)}`;
    for (let i = 0; i < 3; i++) {
      const down = await post(h, token);
      expect(down.status).toBe(503);
      expect(down.data).toEqual({ error: { code: 'ServiceUnavailable', message: 'Temporarily unavailable. Try again shortly.' } });
      expect(down.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|openid|fetch/i);
    }
    // A forged token is still a 401, not a 503: it is refused before any key is needed.
    expect((await post(h, 'Bearer not.a.jwt')).status).toBe(401);

    await openId.setUp(true);
    const back = await post(h, token);
    expect(back.status).toBe(200);
    expect(back.text).toContain('Sentinel incident bot');
  });
});
