/**
 * One bearer token per scope, reused until a few minutes before it expires. Concurrent
 * callers share one in-flight request, so a burst of turns costs one token fetch, not one
 * each. If a refresh fails while the old token is still valid, the old one keeps serving.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import { AzureError } from './errors';
import { EntraUnavailableError, SignInRequiredError } from './oboCredential';

/** Refresh this long before expiry: inside the 2-5 minute window Entra ID and MSAL use. */
export const REFRESH_BEFORE_EXPIRY_MS = 3 * 60 * 1000;
/** Never send a token this close to its end: it could expire in flight. */
const MIN_REMAINING_MS = 30 * 1000;

export interface TokenCacheOptions {
  credential: TokenCredential;
  scope: string;
  now?: () => number;
  logger?: Logger;
  /** Told of every fetch from the credential (stats summed over many caches). */
  onFetch?: () => void;
}

export class TokenCache {
  private token?: AccessToken;
  private pending?: Promise<AccessToken>;
  private fetches = 0;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(private readonly options: TokenCacheOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
  }

  get tokenRequests(): number {
    return this.fetches;
  }

  async getToken(): Promise<string> {
    const cached = this.token;
    const now = this.now();
    if (cached && now < refreshAt(cached)) return cached.token;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    try {
      return (await this.pending).token;
    } catch (err) {
      if (cached && this.now() < cached.expiresOnTimestamp - MIN_REMAINING_MS) {
        this.logger.warn({ scope: this.options.scope, code: (err as AzureError).code }, 'token refresh failed; the current token is still valid');
        return cached.token;
      }
      throw err;
    }
  }

  /** After a 401 the cached token is not trusted any more: the next call fetches a new one. */
  invalidate(): void {
    this.token = undefined;
  }

  private async fetch(): Promise<AccessToken> {
    this.fetches++;
    this.options.onFetch?.();
    let token: AccessToken | null;
    try {
      token = await this.options.credential.getToken(this.options.scope);
    } catch (err) {
      if (err instanceof SignInRequiredError) {
        throw new AzureError('SIGN_IN_REQUIRED', `the person must sign in again for ${this.options.scope}`, { actingAs: 'person', signInReason: err.reason });
      }
      if (err instanceof EntraUnavailableError) {
        // Not retryable here: @azure/identity already retried, waiting out Retry-After.
        throw new AzureError(err.outage === 'throttled' ? 'THROTTLED' : 'UNAVAILABLE', `Microsoft Entra ID gave no token for ${this.options.scope}`, { actingAs: 'person', service: 'Microsoft Entra ID' });
      }
      // A credential's message names the sources it tried; it never holds a token.
      throw new AzureError('UNAUTHORIZED', `could not get a token for ${this.options.scope}`, {
        serviceCode: err instanceof Error ? err.name : undefined,
        serviceMessage: err instanceof Error ? err.message : undefined,
      });
    }
    if (!token || typeof token.token !== 'string' || token.token === '') {
      throw new AzureError('UNAUTHORIZED', `no token for ${this.options.scope}`);
    }
    this.token = token;
    return token;
  }
}

function refreshAt(token: AccessToken): number {
  const beforeExpiry = token.expiresOnTimestamp - REFRESH_BEFORE_EXPIRY_MS;
  return token.refreshAfterTimestamp !== undefined ? Math.min(token.refreshAfterTimestamp, beforeExpiry) : beforeExpiry;
}
