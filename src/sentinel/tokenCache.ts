/**
 * One bearer token per scope, reused until shortly before it expires. Concurrent callers
 * share one in-flight request, so a burst of turns costs one token fetch, not one each.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { SentinelError } from './errors';

const REFRESH_MARGIN_MS = 3 * 60 * 1000;

export class TokenCache {
  private token?: AccessToken;
  private pending?: Promise<AccessToken>;
  private fetches = 0;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    private readonly now: () => number = Date.now,
  ) {}

  get tokenRequests(): number {
    return this.fetches;
  }

  async getToken(): Promise<string> {
    if (this.token && this.token.expiresOnTimestamp - this.now() > REFRESH_MARGIN_MS) return this.token.token;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return (await this.pending).token;
  }

  /** After a 401 the cached token is not trusted any more. */
  invalidate(): void {
    this.token = undefined;
  }

  private async fetch(): Promise<AccessToken> {
    this.fetches++;
    let token: AccessToken | null;
    try {
      token = await this.credential.getToken(this.scope);
    } catch (err) {
      // The credential's message can name the environment it tried; it never holds a token.
      throw new SentinelError('UNAUTHORIZED', `could not get a token for ${this.scope}`, { serviceMessage: err instanceof Error ? err.message : undefined });
    }
    if (!token) throw new SentinelError('UNAUTHORIZED', `no token for ${this.scope}`);
    this.token = token;
    return token;
  }
}
