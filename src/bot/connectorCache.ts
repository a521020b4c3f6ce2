/**
 * botbuilder builds a new connector client (and a user-token client) for every turn: a
 * fresh HTTP pipeline, its policies and a credential object, about a quarter of the CPU of a
 * turn under load. Both clients are stateless between requests (the credential fetches and
 * refreshes its token on every request it signs, through botbuilder's token cache), so one
 * per destination is kept for the adapter's lifetime: per app id, service URL and audience
 * for connector clients, per app id for user-token clients.
 *
 * A client that could not be built is not kept: the next turn tries again. The number kept
 * is bounded, since without an app id the service URL is whatever the caller sent.
 */
import { AuthenticationConstants, ConnectorFactory, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';

/** Far more than the few service URLs Teams uses per region; oldest dropped first. */
export const MAX_CACHED_CLIENTS = 64;

/** A map of promises with a size bound, forgetting any that rejects. */
export class BoundedPromiseCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly limit = MAX_CACHED_CLIENTS) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found) return found;
    const made = make();
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return made;
  }
}

/** The app id botbuilder builds outbound clients for: the token's audience, else its appid claim. */
export function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** A ConnectorFactory answering from the shared cache, building through botbuilder's own factory. */
export class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly cache: BoundedPromiseCache<ConnectorClient>,
    private readonly appId: string,
    private readonly inner: ConnectorFactory,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    // JSON keeps the three parts apart whatever characters they hold.
    return this.cache.get(JSON.stringify([this.appId, serviceUrl, audience ?? null]), () => this.inner.create(serviceUrl, audience));
  }
}

/** What the authentication wrapper keeps for the adapter's lifetime. */
export class OutboundClients {
  readonly connectors = new BoundedPromiseCache<ConnectorClient>();
  readonly userTokens = new BoundedPromiseCache<UserTokenClient>();

  connectorFactory(claimsIdentity: ClaimsIdentity, inner: ConnectorFactory): ConnectorFactory {
    return new CachingConnectorFactory(this.connectors, appIdOf(claimsIdentity), inner);
  }

  userTokenClient(claimsIdentity: ClaimsIdentity, make: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(claimsIdentity), make);
  }
}
