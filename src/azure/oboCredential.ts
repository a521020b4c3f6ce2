/**
 * The person's own Azure tokens in Azure: Teams single sign-on gives the bot the person's
 * token for the bot's API, and `OnBehalfOfCredential` exchanges it (with the bot's app
 * registration) for their ARM and Log Analytics tokens. MSAL keeps those in the credential's
 * own in-memory cache, so each person's credential holds that person's tokens and nobody
 * else's; the credential is dropped with its entry (PerPerson) once the Teams token expires.
 *
 * Entra's refusals that only the person can resolve (sign in again, consent, satisfy a
 * conditional-access policy) become a SignInRequiredError, so the bot can offer a sign-in
 * card instead of a dead end. Tokens and Entra's own messages are never put into it.
 */
import {
  OnBehalfOfCredential,
  type AccessToken,
  type AuthorityValidationOptions,
  type GetTokenOptions,
  type MultiTenantTokenCredentialOptions,
  type OnBehalfOfCredentialSecretOptions,
  type TokenCredential,
} from '@azure/identity';

export interface OboSettings {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  authorityHost: string;
  /** Extra trusted CA certificates (PEM) for the authority; only a private test authority needs them. */
  authorityCa?: string;
  /** How long one token may take, retries included (default ENTRA_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * A token endpoint that accepts the connection and never answers would hold the person's turn
 * for ever: @azure/identity sets no timeout and ignores the abort signal for this exchange.
 * Its retries of a 5xx or 429 (Retry-After waited out) fit well within this.
 */
export const ENTRA_TIMEOUT_MS = 20_000;

/** Why Entra wants the person back: their token expired, consent is missing, or a policy asks for more (MFA, a compliant device). */
export type SignInReason = 'expired' | 'consent' | 'claims';

export class SignInRequiredError extends Error {
  readonly code = 'SIGN_IN_REQUIRED';
  constructor(readonly reason: SignInReason) {
    super(`the person must sign in again (${reason})`);
    this.name = 'SignInRequiredError';
  }
}

/**
 * Entra's error codes, as MSAL passes them on in its message: AADSTS500133 an assertion out of
 * its time range; AADSTS65001 (consent_required) no consent for the API; interaction_required
 * with a claims challenge (AADSTS50076/50079 MFA, 53000-53003 device and location policies).
 */
export function signInReasonOf(err: unknown): SignInReason | undefined {
  const text = err instanceof Error ? `${err.name} ${err.message}` : '';
  if (/AADSTS500133\b|AADSTS700024\b/.test(text)) return 'expired';
  if (/AADSTS65001\b|consent_required/.test(text)) return 'consent';
  if (/interaction_required|AADSTS5007[69]\b|AADSTS5300[0-3]\b|AADSTS50158\b/.test(text)) return 'claims';
  return undefined;
}

/** Entra itself is down or throttling: nothing the person can do but wait. */
export type EntraOutage = 'unavailable' | 'throttled';

export class EntraUnavailableError extends Error {
  readonly code = 'ENTRA_UNAVAILABLE';
  constructor(readonly outage: EntraOutage) {
    super(`Microsoft Entra ID could not issue the person's token (${outage})`);
    this.name = 'EntraUnavailableError';
  }
}

/**
 * An outage as MSAL reports it once @azure/identity's own retries (which wait out Retry-After)
 * are spent, or when MSAL declines to call again within a Retry-After: the OAuth error codes
 * of a 5xx or 429, Entra's transient AADSTS codes, or no answer at all.
 */
export function outageOf(err: unknown): EntraOutage | undefined {
  const text = err instanceof Error ? `${err.name} ${err.message}` : '';
  if (/\bthrottl|AADSTS50196\b|\b429\b/i.test(text)) return 'throttled';
  if (/temporarily_unavailable|service_unavailable|server_error|AADSTS90033\b|AADSTS9000[0-9]\b|endpoints_resolution_error|network_error|ETIMEDOUT|ECONNREFUSED|ECONNRESET|EAI_AGAIN|\btimed? ?out\b/i.test(text)) return 'unavailable';
  return undefined;
}

class PersonOboCredential implements TokenCredential {
  constructor(
    private readonly inner: TokenCredential,
    private readonly timeoutMs: number,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    let timer: NodeJS.Timeout | undefined;
    const request = this.inner.getToken(scopes, options);
    // Left behind on a timeout: its late failure must not become an unhandled rejection.
    request.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EntraUnavailableError('unavailable')), this.timeoutMs);
    });
    try {
      return await Promise.race([request, timeout]);
    } catch (err) {
      if (err instanceof EntraUnavailableError) throw err;
      const reason = signInReasonOf(err);
      if (reason) throw new SignInRequiredError(reason);
      const outage = outageOf(err);
      if (outage) throw new EntraUnavailableError(outage);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}

export function oboCredential(settings: OboSettings, userAssertionToken: string): TokenCredential {
  const options: OnBehalfOfCredentialSecretOptions & MultiTenantTokenCredentialOptions & AuthorityValidationOptions = {
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    userAssertionToken,
    authorityHost: settings.authorityHost,
    // The configured authority is the one to trust: no discovery call to the public cloud's.
    disableInstanceDiscovery: true,
    ...(settings.authorityCa ? { tlsOptions: { ca: settings.authorityCa } } : {}),
  };
  return new PersonOboCredential(new OnBehalfOfCredential(options), settings.timeoutMs ?? ENTRA_TIMEOUT_MS);
}

function payloadOf(jwt: string): Record<string, unknown> | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** When a JWT's `exp` says it expires (ms), or undefined; the token is not verified here. */
export function expiryOf(jwt: string): number | undefined {
  const exp = payloadOf(jwt)?.exp;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/**
 * Whose token this is (`oid`, `tid`), lower-cased; undefined when it names nobody. Not verified
 * here: Entra verifies the signature when the token is exchanged on behalf of the person, so a
 * token whose claims were altered is refused there, and one that was not names its own person.
 */
export function subjectOf(jwt: string): { objectId: string; tenantId: string } | undefined {
  const payload = payloadOf(jwt);
  const { oid, tid } = payload ?? {};
  return typeof oid === 'string' && typeof tid === 'string' && oid !== '' && tid !== '' ? { objectId: oid.toLowerCase(), tenantId: tid.toLowerCase() } : undefined;
}
