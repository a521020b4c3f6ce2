/**
 * Outbound clients are built once per destination: a turn to a service URL already seen
 * reuses its client, any other destination (service URL, audience, app id) gets its own, a
 * failed build is tried again on the next turn, and the number kept stays bounded.
 */
import { ClaimsIdentity, AuthenticationConstants, ConnectorClient, ConnectorFactory, MicrosoftAppCredentials, type UserTokenClient } from 'botframework-connector';
import { BoundedPromiseCache, OutboundClients } from '../../src/bot/connectorCache';

class CountingFactory extends ConnectorFactory {
  built = 0;
  failNext = false;
  override async create(serviceUrl: string): Promise<ConnectorClient> {
    this.built += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('Invalid appId.');
    }
    return new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl });
  }
}

const identity = (appId: string): ClaimsIdentity => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

describe('outbound client cache', () => {
  it('reuses the client of a destination already seen, and builds one for each other destination', async () => {
    const clients = new OutboundClients();
    const inner = new CountingFactory();
    const first = await clients.connectorFactory(identity('app-a'), inner).create('https://smba.example/amer/', 'https://api.botframework.com');
    const again = await clients.connectorFactory(identity('app-a'), inner).create('https://smba.example/amer/', 'https://api.botframework.com');
    expect(again).toBe(first);
    expect(inner.built).toBe(1);
    const others = await Promise.all([
      clients.connectorFactory(identity('app-a'), inner).create('https://smba.example/emea/', 'https://api.botframework.com'),
      clients.connectorFactory(identity('app-a'), inner).create('https://smba.example/amer/', 'https://api.botframework.us'),
      clients.connectorFactory(identity('app-b'), inner).create('https://smba.example/amer/', 'https://api.botframework.com'),
    ]);
    expect(new Set([first, ...others]).size).toBe(4);
  });

  it('tries again after a client could not be built', async () => {
    const clients = new OutboundClients();
    const inner = new CountingFactory();
    inner.failNext = true;
    await expect(clients.connectorFactory(identity('app-a'), inner).create('https://smba.example/amer/')).rejects.toThrow('Invalid appId.');
    const client = await clients.connectorFactory(identity('app-a'), inner).create('https://smba.example/amer/');
    expect(client).toBeInstanceOf(ConnectorClient);
    expect(inner.built).toBe(2);
  });

  it('keeps one user-token client per app id', async () => {
    const clients = new OutboundClients();
    let built = 0;
    const make = async (): Promise<UserTokenClient> => {
      built += 1;
      return {} as UserTokenClient;
    };
    const a = await clients.userTokenClient(identity('app-a'), make);
    expect(await clients.userTokenClient(identity('app-a'), make)).toBe(a);
    expect(await clients.userTokenClient(identity('app-b'), make)).not.toBe(a);
    expect(built).toBe(2);
  });

  it('stays bounded whatever service URLs callers send, dropping the oldest first', async () => {
    const cache = new BoundedPromiseCache<number>(3);
    for (let i = 0; i < 10; i += 1) await cache.get(`url-${i}`, async () => i);
    expect(cache.size).toBe(3);
    let rebuilt = false;
    await cache.get('url-9', async () => ((rebuilt = true), -1));
    expect(rebuilt).toBe(false);
    await cache.get('url-0', async () => ((rebuilt = true), -1));
    expect(rebuilt).toBe(true);
  });
});
