/**
 * Who the bot is to Azure. In Azure: DefaultAzureCredential (managed identity in Azure,
 * `az login` on a laptop). Against the emulator: a fixed unsigned token naming the bot,
 * so the same token path (cache, Authorization header, 401 handling) is exercised.
 */
import { DefaultAzureCredential, type AccessToken, type TokenCredential } from '@azure/identity';

export const EMULATOR_BOT_IDENTITY = {
  oid: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  name: 'Sentinel Teams Bot',
  appid: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
} as const;

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly claims: Record<string, string> = { ...EMULATOR_BOT_IDENTITY }) {}

  async getToken(): Promise<AccessToken> {
    const now = Date.now();
    const payload = { ...this.claims, iat: Math.floor(now / 1000), exp: Math.floor((now + TOKEN_LIFETIME_MS) / 1000) };
    return { token: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`, expiresOnTimestamp: now + TOKEN_LIFETIME_MS };
  }
}

export function createCredential(mode: 'emulator' | 'azure'): TokenCredential {
  return mode === 'azure' ? new DefaultAzureCredential() : new StaticTokenCredential();
}

/** `https://management.azure.com` -> `https://management.azure.com/.default`. */
export function scopeFor(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/.default`;
}
