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
}

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

class PersonOboCredential implements TokenCredential {
  constructor(private readonly inner: TokenCredential) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    try {
      return await this.inner.getToken(scopes, options);
    } catch (err) {
      const reason = signInReasonOf(err);
      if (reason) throw new SignInRequiredError(reason);
      throw err;
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
  return new PersonOboCredential(new OnBehalfOfCredential(options));
}

/** When a JWT's `exp` says it expires (ms), or undefined; the token is not verified here. */
export function expiryOf(jwt: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
