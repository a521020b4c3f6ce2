/**
 * Who the bot is to Azure. In Azure: DefaultAzureCredential (managed identity in Azure,
 * `az login` on a laptop). Against the emulator: a token the emulator signs (it is the demo
 * tenant's identity provider) naming the bot, renewed like a real one, so the same token path
 * (cache, refresh, Authorization header, a 401 for a token it no longer accepts) is exercised.
 */
import { DefaultAzureCredential, type AccessToken, type TokenCredential } from '@azure/identity';
import type { WorkspaceConfig } from '../config';

export const EMULATOR_BOT_IDENTITY = {
  oid: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  name: 'Sentinel Teams Bot',
  appid: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
} as const;

export const STATIC_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned JWT-shaped token (`alg: none`), for tests against local fakes; the emulator refuses it as ARM would. */
export class StaticTokenCredential implements TokenCredential {
  constructor(
    private readonly claims: Readonly<Record<string, string>> = EMULATOR_BOT_IDENTITY,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const now = this.now();
    const scope = Array.isArray(scopes) ? scopes[0] : scopes;
    const payload = {
      ...this.claims,
      ...(scope ? { aud: scope.replace(/\/\.default$/, '') } : {}),
      iat: Math.floor(now / 1000),
      nbf: Math.floor(now / 1000),
      exp: Math.floor((now + STATIC_TOKEN_LIFETIME_MS) / 1000),
    };
    return {
      token: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`,
      expiresOnTimestamp: now + STATIC_TOKEN_LIFETIME_MS,
      tokenType: 'Bearer',
    };
  }
}

/** How long the emulator's identity provider may take to answer (it is local). */
const EMULATOR_TOKEN_TIMEOUT_MS = 10_000;

/**
 * A token from the emulator's identity provider (`POST /_emulator/token`, loopback only),
 * signed by it, for the claims given: the bot's app identity or one person of the demo tenant.
 */
export class EmulatorTokenCredential implements TokenCredential {
  constructor(
    /** Where the emulator listens (a function when it is known only once it has started). */
    private readonly emulatorUrl: string | (() => string),
    private readonly claims: Readonly<Record<string, string>> = EMULATOR_BOT_IDENTITY,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = (Array.isArray(scopes) ? scopes[0] : scopes) ?? '';
    const started = this.now();
    const res = await fetch(new URL('/_emulator/token', typeof this.emulatorUrl === 'string' ? this.emulatorUrl : this.emulatorUrl()), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scope, claims: this.claims }),
      signal: AbortSignal.timeout(EMULATOR_TOKEN_TIMEOUT_MS),
    });
    const body = (await res.json().catch(() => undefined)) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (!res.ok || typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
      // The answer's words only: no token is in a refusal.
      throw new Error(`the emulator's identity provider answered ${res.status}`);
    }
    return { token: body.access_token, expiresOnTimestamp: started + body.expires_in * 1000, tokenType: 'Bearer' };
  }
}

export function createCredential(mode: 'emulator' | 'azure', emulatorUrl: string): TokenCredential {
  return mode === 'azure' ? new DefaultAzureCredential() : new EmulatorTokenCredential(emulatorUrl);
}

/** The `.default` scope of a resource: `https://management.azure.com` -> `https://management.azure.com/.default`. */
export function scopeFor(endpoint: string): string {
  return `${new URL(endpoint).origin}/.default`;
}

/** ARM, for incidents, tasks and comments (sovereign clouds configure their own endpoint). */
export function armScope(workspace: Pick<WorkspaceConfig, 'armEndpoint'>): string {
  return scopeFor(workspace.armEndpoint);
}

/** The Log Analytics query API: `https://api.loganalytics.io/.default` in the public cloud. */
export function logAnalyticsScope(workspace: Pick<WorkspaceConfig, 'logAnalyticsEndpoint'>): string {
  return scopeFor(workspace.logAnalyticsEndpoint);
}
