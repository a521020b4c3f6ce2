/**
 * Token checks on inbound activities, with answers a caller can act on and nothing more.
 *
 * botbuilder does the checking (issuer, audience, signing keys and their channel
 * endorsements, lifetime, the `serviceurl` claim) but reports failures inconsistently:
 * some as AuthenticationError 401, others as the JWT library's own errors, and a metadata
 * endpoint it cannot reach as a network error or an AuthenticationError 500. This wrapper
 * turns every failure into one of two typed refusals:
 * - `unauthorized` (401): the token is missing, malformed or not valid for this bot;
 * - `unavailable` (503): the signing keys could not be fetched, so no token can be judged
 *   now. The library retries the fetch on the next request, so the bot recovers by itself.
 * It also hands out outbound clients built once per destination (connectorCache.ts).
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { CallerIdConstants } from 'botbuilder';
import {
  AuthenticationError,
  GovernmentConstants,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import type { BotAuthConfig } from '../config';
import type { Logger } from '../logging';
import { OutboundClients } from './connectorCache';

export type InboundAuthFailure = 'unauthorized' | 'unavailable';

export class InboundAuthError extends Error {
  readonly statusCode: number;
  constructor(
    readonly failure: InboundAuthFailure,
    /** What went wrong, for the log only: never sent to the caller. */
    readonly reason: string,
  ) {
    super(failure === 'unauthorized' ? 'Unauthorized' : 'Authentication unavailable');
    this.name = 'InboundAuthError';
    this.statusCode = failure === 'unauthorized' ? 401 : 503;
  }
}

/** The JWT library's verdicts on a token (bad signature, algorithm, lifetime): all the caller's fault. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export function classifyAuthFailure(err: unknown): InboundAuthError {
  if (err instanceof InboundAuthError) return err;
  const e = err as { name?: unknown; statusCode?: unknown; message?: unknown };
  const reason = typeof e?.message === 'string' ? e.message.slice(0, 200) : String(err).slice(0, 200);
  if (err instanceof AuthenticationError && e.statusCode === 401) return new InboundAuthError('unauthorized', reason);
  if (typeof e?.name === 'string' && TOKEN_ERRORS.has(e.name)) return new InboundAuthError('unauthorized', reason);
  // Anything else happened while fetching or reading the OpenID metadata and its keys.
  return new InboundAuthError('unavailable', reason);
}

export class GuardedBotFrameworkAuthentication extends BotFrameworkAuthentication {
  /** Outbound clients, built once per destination (connectorCache.ts says why). */
  private readonly clients = new OutboundClients();

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly logger: Logger,
    /** Tests only: a user-token client built without the bot's own credential, which needs Entra itself. */
    private readonly userTokens?: UserTokenClient,
  ) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      const result = await this.inner.authenticateRequest(activity, authHeader);
      return result.connectorFactory ? { ...result, connectorFactory: this.clients.connectorFactory(result.claimsIdentity, result.connectorFactory) } : result;
    } catch (err) {
      const failure = classifyAuthFailure(err);
      this.logger.warn({ failure: failure.failure, reason: failure.reason, errorName: (err as Error)?.name }, failure.failure === 'unauthorized' ? 'inbound token refused' : 'inbound token could not be checked: OpenID metadata unavailable');
      throw failure;
    }
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (err) {
      throw classifyAuthFailure(err);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.clients.connectorFactory(claimsIdentity, this.inner.createConnectorFactory(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    if (this.userTokens) return Promise.resolve(this.userTokens);
    return this.clients.userTokenClient(claimsIdentity, () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await this.inner.authenticateChannelRequest(authHeader);
    } catch (err) {
      throw classifyAuthFailure(err);
    }
  }
}

/** botbuilder's configuration, with every endpoint taken from our settings. */
export function createAuthentication(auth: BotAuthConfig, logger: Logger, userTokens?: UserTokenClient): BotFrameworkAuthentication {
  const e = auth.endpoints;
  const inner = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: auth.appId ?? '',
    MicrosoftAppPassword: auth.appPassword ?? '',
    // Without an app id botbuilder turns authentication off, which only its multi-tenant mode allows.
    MicrosoftAppType: auth.appId ? auth.appType : 'MultiTenant',
    MicrosoftAppTenantId: auth.appTenantId ?? '',
    // Setting any of these makes botbuilder use exactly these (public cloud values by default).
    ToBotFromChannelOpenIdMetadataUrl: e.channelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: e.channelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: e.entraOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: e.loginUrl,
    ToChannelFromBotOAuthScope: e.oauthScope,
    OAuthUrl: e.tokenServiceUrl,
    CallerId: e.channelTokenIssuer === GovernmentConstants.ToBotFromChannelTokenIssuer ? CallerIdConstants.USGovChannel : CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  });
  return new GuardedBotFrameworkAuthentication(inner as unknown as BotFrameworkAuthentication, logger, userTokens);
}
