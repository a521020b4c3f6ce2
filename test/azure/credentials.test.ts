/** The credentials: a real DefaultAzureCredential in Azure, a JWT-shaped emulator token otherwise. */
import { DefaultAzureCredential } from '@azure/identity';
import { armScope, createCredential, EMULATOR_BOT_IDENTITY, EmulatorTokenCredential, logAnalyticsScope, scopeFor, StaticTokenCredential, STATIC_TOKEN_LIFETIME_MS } from '../../src/azure/credentials';
import { fakeClock } from '../sentinel/helpers/fakes';

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('StaticTokenCredential', () => {
  it('returns an unsigned JWT naming the bot, valid for an hour', async () => {
    const clock = fakeClock();
    const token = await new StaticTokenCredential(undefined, clock.now).getToken('https://management.azure.com/.default');
    const [header, payload, signature] = token.token.split('.');
    expect(decode(header!)).toEqual({ alg: 'none', typ: 'JWT' });
    expect(decode(payload!)).toMatchObject({ oid: EMULATOR_BOT_IDENTITY.oid, name: 'Sentinel Teams Bot', appid: EMULATOR_BOT_IDENTITY.appid, aud: 'https://management.azure.com' });
    expect(signature).toBe('');
    expect(token.expiresOnTimestamp).toBe(clock.now() + STATIC_TOKEN_LIFETIME_MS);
    expect(decode(payload!).exp).toBe(Math.floor((clock.now() + STATIC_TOKEN_LIFETIME_MS) / 1000));
  });

  it('is renewed: a later call gets a later expiry', async () => {
    const clock = fakeClock();
    const cred = new StaticTokenCredential(undefined, clock.now);
    const first = await cred.getToken('s');
    clock.advance(STATIC_TOKEN_LIFETIME_MS);
    const second = await cred.getToken('s');
    expect(second.expiresOnTimestamp).toBeGreaterThan(first.expiresOnTimestamp);
    expect(second.token).not.toBe(first.token);
  });
});

describe('createCredential', () => {
  it("is DefaultAzureCredential in Azure and the emulator's identity provider for the emulator", () => {
    expect(createCredential('azure', 'https://management.azure.com')).toBeInstanceOf(DefaultAzureCredential);
    expect(createCredential('emulator', 'http://127.0.0.1:1')).toBeInstanceOf(EmulatorTokenCredential);
  });
});

describe('scopes', () => {
  it.each([
    ['https://management.azure.com', 'https://management.azure.com/.default'],
    ['https://management.azure.com/', 'https://management.azure.com/.default'],
    ['https://management.usgovcloudapi.net', 'https://management.usgovcloudapi.net/.default'],
    ['https://api.loganalytics.io', 'https://api.loganalytics.io/.default'],
    ['https://api.loganalytics.io/v1', 'https://api.loganalytics.io/.default'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010/.default'],
  ])('%s -> %s', (endpoint, scope) => {
    expect(scopeFor(endpoint)).toBe(scope);
  });

  it('derives ARM and Log Analytics scopes from the workspace config', () => {
    expect(armScope({ armEndpoint: 'https://management.azure.com' })).toBe('https://management.azure.com/.default');
    expect(logAnalyticsScope({ logAnalyticsEndpoint: 'https://api.loganalytics.io' })).toBe('https://api.loganalytics.io/.default');
  });
});
