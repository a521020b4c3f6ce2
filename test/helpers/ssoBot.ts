/**
 * The bot with Teams single sign-on, offline: the fake connector plays the Bot Framework token
 * service, a local HTTPS fake plays Microsoft Entra ID, the emulator plays Sentinel. The bot runs
 * without an app id (MSAL's instance discovery has no offline path for its own token), so it is
 * handed botbuilder's own user-token client for the app id, with no credential: its requests
 * are the real ones, to the fake token service. Logs are captured to check no token leaks.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { MicrosoftAppCredentials } from 'botframework-connector';
// Not exported by the package's index: the same class botbuilder builds for every turn.
import { UserTokenClientImpl } from 'botframework-connector/lib/auth/userTokenClientImpl';
import { DEMO_TENANT_ID, type DemoUser } from '../../src/demo/identities';
import { createLogger } from '../../src/logging';
import { startBotHarness, type Activity, type BotHarness } from './botHarness';
import { startFakeConnector, type FakeConnector } from './fakeConnector';
import { startFakeEntra, unsignedJwt, type FakeEntra } from './fakeEntra';

export const SSO_APP_ID = '6b0e2f4c-1d3a-4e5b-8c7d-9e0f1a2b3c4d';
export const SSO_CONNECTION = 'sentinel-sso';
export const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

export interface SsoBot {
  h: BotHarness;
  entra: FakeEntra;
  connector: FakeConnector;
  /** Every log line the bot wrote (debug level). */
  logLines: string[];
  stop(): Promise<void>;
}

export async function startSsoBot(options: { entraTimeoutMs?: number } = {}): Promise<SsoBot> {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const entra = await startFakeEntra();
  const connector = await startFakeConnector();
  const h = await startBotHarness(
    { BOT_TOKEN_SERVICE_URL: connector.url, LOG_LEVEL: 'debug' },
    { sso: { connectionName: SSO_CONNECTION, clientId: SSO_APP_ID, clientSecret: 'not-a-real-secret', tenantId: DEMO_TENANT_ID, authorityHost: entra.authorityHost } },
    createLogger({ level: 'debug', destination: sink }),
    { entraCa: entra.ca, ...(options.entraTimeoutMs ? { entraTimeoutMs: options.entraTimeoutMs } : {}), userTokenClient: new UserTokenClientImpl(SSO_APP_ID, MicrosoftAppCredentials.Empty, connector.url.replace(/\/$/, '')) },
  );
  entra.signWith(h.emulatorUrl);
  return {
    h,
    entra,
    connector,
    logLines,
    async stop() {
      await h.stop();
      await connector.close();
      await entra.close();
    },
  };
}

/** A person's token for the bot's API, as Entra issues it to Teams (tenant overridable). */
export function teamsTokenFor(user: DemoUser, tenantId = DEMO_TENANT_ID): string {
  const now = Math.floor(Date.now() / 1000);
  return unsignedJwt({ aud: `api://botid-${SSO_APP_ID}`, tid: tenantId, oid: user.objectId, name: user.name, upn: user.userPrincipalName, jti: randomUUID(), iat: now, exp: now + 3600 });
}

/** The user id the fake token service files a person's tokens under (the chat harness's from.id). */
export const userIdOf = (user: DemoUser): string => `user-${user.objectId}`;

export const oauthCardOf = (replies: Activity[]): Record<string, unknown> | undefined => replies.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === OAUTH_CARD)?.content;
