/**
 * Wiring only: configuration -> (emulator) -> clients -> service -> storage -> adapter
 * -> bot -> server -> (Playground). Behaviour lives in the modules it connects.
 */
import './compileCache';
import { AccessPolicy } from './bot/access';
import { BotEndpoint, createAdapter, type AdapterOverrides } from './bot/adapter';
import { createBot } from './bot/createBot';
import { FeedChannel } from './bot/feedChannel';
import { FeedStore } from './feed/feedStore';
import { FeedPoller, type PollResult } from './feed/poller';
import { startFeed } from './feed/feedLoop';
import { OwnerNotices } from './feed/ownerNotices';
import { DeletionSweep } from './feed/deletions';
import { AuditOwnerHistory } from './feed/ownerHistory';
import { createPollLease } from './bot/pollLease';
import { Messenger } from './bot/messenger';
import { createStorage } from './bot/storage';
import { ConfigError, isLoopbackHost, loadConfig, parseCliFlags, processEnv, type AppConfig } from './config';
import { GraphGroupMembership } from './directory/groupMembership';
import { GraphPeopleDirectory, StaticPeopleDirectory } from './directory/people';
import { DEMO_USERS } from './demo/identities';
import { startPlayground, type RunningPlayground } from './devtools/playground';
import { startEmulator } from './emulator/startEmulator';
import { startRuleTrickle } from './emulator/ruleHits';
import { AttributionQueue } from './incidents/attribution';
import { AuditViews } from './incidents/auditViews';
import { IncidentService } from './incidents/incidentService';
import { RecentChanges } from './incidents/recentChanges';
import { TaskService } from './incidents/taskService';
import { createLogger, routeConsoleTo, routeProcessEventsTo, type Logger } from './logging';
import { AuditLogClient } from './sentinel/auditLogClient';
import type { TokenCredential } from '@azure/identity';
import { createCredential } from './azure/credentials';
import type { ActingPerson } from './azure/personCredentials';
import { createPersonServices } from './actingServices';
import type { AzureCaller } from './azure/errors';
import type { HttpStats } from './azure/httpClient';
import { SentinelClient } from './sentinel/sentinelClient';
import { startServer, type RunningServer } from './server';
import { turnTelemetry } from './bot/turnTelemetry';
import { loadPages } from './pages/pages';
import { createTelemetry } from './telemetry/setup';
import type { Telemetry } from './telemetry/telemetry';
import { PROJECT_ROOT } from './projectRoot';
import fs from 'node:fs';
import path from 'node:path';

/** How many incidents the demo's analytics rules raise after start-up. */
const DEMO_RULE_HITS = 5;

export interface RunningApp {
  server: RunningServer;
  config: AppConfig;
  /** Where the embedded emulator listens (emulator mode only). */
  emulatorUrl?: string;
  /** Requests and token fetches the Azure clients made so far (for benchmarks). */
  azureStats(): { arm: HttpStats; query: HttpStats & { sharedInFlight: number } };
  /** The attribution comments still being written in the background. */
  attributions: Pick<AttributionQueue, 'drain' | 'stats'>;
  /** Runs one feed poll now (tests and benchmarks); undefined when another instance holds the poll lease; absent when INCIDENT_FEED is off. */
  pollFeed?: () => Promise<PollResult | undefined>;
  stop(): Promise<void>;
}

/** Replacements for tests: an in-memory telemetry, for one. */
export interface AppOverrides {
  telemetry?: Telemetry;
  /** Who the bot is to Azure, and whether that token is the app's or a person's. */
  credential?: TokenCredential;
  actingAs?: AzureCaller;
  /** A test authority's CA certificate (PEM), trusted for the on-behalf-of exchange only. */
  entraCa?: string;
  /** How long the on-behalf-of exchange may take (default ENTRA_TIMEOUT_MS); tests shorten it. */
  entraTimeoutMs?: number;
  /** botbuilder's user-token client against a local token service (the bot's own token needs Entra). */
  userTokenClient?: AdapterOverrides['userTokenClient'];
}

export async function startApp(config: AppConfig, logger: Logger, overrides: AppOverrides = {}): Promise<RunningApp> {
  const stops: Array<() => Promise<void>> = [];
  const telemetry = overrides.telemetry ?? (await createTelemetry({ ...config.telemetry, serviceVersion: packageVersion() }, logger.child({ component: 'telemetry' })));
  stops.push(() => telemetry.shutdown());
  let workspace = config.workspace;
  let emulatorUrl: string | undefined;

  if (config.mode === 'emulator' && config.emulator) {
    const emulator = await startEmulator({ config: config.emulator, logger: logger.child({ component: 'emulator' }) });
    stops.push(() => emulator.close());
    emulatorUrl = emulator.url;
    if (config.feed.demoRuleEveryMs > 0) {
      const trickle = startRuleTrickle(emulator.store, config.feed.demoRuleEveryMs, DEMO_RULE_HITS);
      stops.push(async () => trickle.stop());
    }
    // The emulator may have been given port 0: talk to wherever it actually listens.
    workspace = { ...workspace, armEndpoint: emulator.url, logAnalyticsEndpoint: emulator.url };
    logger.info({ emulator: emulator.url, dataDir: config.emulator.dataDir, ingestionDelayMs: config.emulator.ingestionDelayMs ?? 0 }, 'No Azure workspace configured: using the local Sentinel emulator');
  } else if (config.mode === 'emulator') {
    logger.info({ emulator: workspace.armEndpoint }, 'No Azure workspace configured: using the Sentinel emulator already running at SENTINEL_EMULATOR_URL');
  } else {
    logger.info({ subscriptionId: workspace.subscriptionId, workspace: workspace.workspaceName }, 'Using Microsoft Sentinel in Azure');
  }

  const credential = overrides.credential ?? createCredential(config.mode, workspace.armEndpoint);
  const clientOptions = { workspace, credential, actingAs: overrides.actingAs, http: config.http, logger: logger.child({ component: 'azure' }), observer: telemetry };
  const sentinel = new SentinelClient(clientOptions);
  const attributions = new AttributionQueue(sentinel, logger.child({ component: 'attribution' }));
  const recent = new RecentChanges();
  const incidents = new IncidentService(sentinel, logger.child({ component: 'incidents' }), { attribution: attributions, recent });
  const tasks = new TaskService(sentinel, incidents, logger.child({ component: 'tasks' }));
  const auditLog = new AuditLogClient(clientOptions);
  const audit = new AuditViews(auditLog, config.auditLookback, { live: sentinel, known: incidents });
  // Each person's own clients (and token caches); reads done for nobody (the feed) stay the app's.
  const personServices =
    // In Azure a person's token exists only through single sign-on: never an emulator-style token there.
    config.identity === 'person' && (config.sso || config.mode === 'emulator')
      ? createPersonServices({
          clientOptions: { ...clientOptions, workspace },
          attributions,
          recent,
          auditLookback: config.auditLookback,
          logger,
          obo: config.sso && { ...config.sso, authorityCa: overrides.entraCa, timeoutMs: overrides.entraTimeoutMs },
          withDetails: withDirectoryDetails,
        })
      : undefined;
  const groups = config.mode === 'azure' && config.access.responderGroupIds.length > 0 ? new GraphGroupMembership({ credential, http: config.http, endpoint: config.graphEndpoint, observer: telemetry }) : undefined;
  // The emulator's directory is the demo tenant; in Azure, Microsoft Graph (User.ReadBasic.All).
  const people = config.mode === 'azure' ? new GraphPeopleDirectory({ credential, http: config.http, endpoint: config.graphEndpoint, observer: telemetry }) : new StaticPeopleDirectory(DEMO_USERS);
  const access = new AccessPolicy(config.access, logger.child({ component: 'access' }), groups);
  const adapter = createAdapter(config.auth, logger.child({ component: 'adapter' }), { userTokenClient: overrides.userTokenClient });
  adapter.use(turnTelemetry(telemetry));
  const messenger = new Messenger(adapter, config.auth.appId ?? '', logger.child({ component: 'messenger' }), config.socChannelConversationId, telemetry);
  const storage = await createStorage(config.state);
  const feedStore = config.feed.enabled ? new FeedStore(storage) : undefined;
  const bot = createBot({
    incidents,
    tasks,
    audit,
    people,
    access,
    messenger,
    invokeDeadlineMs: config.invokeDeadlineMs,
    actAs: personServices?.get,
    forgetPerson: personServices?.forget,
    sso: config.sso && { connectionName: config.sso.connectionName },
    storage,
    feed: feedStore,
    logger: logger.child({ component: 'bot' }),
  });
  logInboundAuth(config, logger);

  // Stopped after the server (stops run in reverse): comments still owed get a last chance.
  stops.push(() => drainWithin(attributions, ATTRIBUTION_DRAIN_ON_STOP_MS, logger));
  const endpoint = new BotEndpoint(adapter, bot, logger.child({ component: 'adapter' }));
  const server = await startServer({ port: config.port, host: config.host, endpoint, logger: logger.child({ component: 'http' }), pages: loadPages({ operatorName: config.operatorName }) });
  stops.push(() => server.close());
  server.setReady(true);
  logger.info({ url: `${server.url}/api/messages` }, 'Bot listening');

  let pollFeed: RunningApp['pollFeed'];
  if (feedStore) {
    const feedLogger = logger.child({ component: 'feed' });
    const channel = new FeedChannel(adapter, config.auth.appId ?? '', feedLogger);
    const owners = new OwnerNotices(feedStore, new AuditOwnerHistory(auditLog, config.auditLookback), sentinel, channel, { logger: feedLogger, now: Date.now });
    const poller = new FeedPoller(sentinel, feedStore, channel, {
      burstThreshold: config.feed.burstThreshold,
      logger: feedLogger,
      owners,
      deletions: new DeletionSweep(feedStore, sentinel, channel, feedLogger),
      // Another instance's unfinished post is taken over once its lease has surely lapsed.
      intentStaleMs: config.feed.leaseSeconds * 1000,
    });
    // Stopped before the server closes (stops run in reverse), so no poll posts into a closing adapter.
    const lease = await createPollLease(config.state, config.feed.leaseSeconds);
    const feed = startFeed(poller, lease, config.feed.pollMs, feedLogger);
    stops.push(() => feed.stop());
    pollFeed = () => feed.pollNow();
  }

  let playground: RunningPlayground | undefined;
  if (config.playground.enabled) {
    playground = startPlayground({ botEndpoint: `${server.url}/api/messages`, port: config.playground.port, logger: logger.child({ component: 'playground' }) });
    if (playground) {
      const stopPlayground = playground.stop;
      stops.push(() => stopPlayground());
      logger.info({ url: playground.url }, `Open ${playground.url} in your browser to chat with the bot`);
    }
  }

  return {
    server,
    config,
    emulatorUrl,
    // The app's own clients and every person's, together: what the bot asked of Azure and of Entra.
    azureStats: () => {
      const people = personServices?.stats();
      const sum = (a: HttpStats, b?: HttpStats): HttpStats => ({ requests: a.requests + (b?.requests ?? 0), tokenRequests: a.tokenRequests + (b?.tokenRequests ?? 0), retries: a.retries + (b?.retries ?? 0) });
      const query = auditLog.stats();
      return { arm: sum(sentinel.stats(), people?.arm), query: { ...sum(query, people?.query), sharedInFlight: query.sharedInFlight } };
    },
    attributions,
    pollFeed,
    stop: async () => {
      server.setReady(false);
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

/** The demo directory's UPN, as the emulator's identity provider puts it in a person's token. */
function withDirectoryDetails(person: ActingPerson): ActingPerson {
  const known = DEMO_USERS.find((u) => u.objectId === person.objectId);
  return known ? { ...person, name: person.name || known.name, userPrincipalName: known.userPrincipalName } : person;
}

/** One line that says who checks inbound requests, and where the bot can be reached from. */
function logInboundAuth(config: AppConfig, logger: Logger): void {
  const { auth, host } = config;
  if (auth.appId) {
    logger.info({ appType: auth.appType, host, openIdMetadata: auth.endpoints.channelOpenIdMetadataUrl }, `Inbound requests need a Bot Framework token for app ${auth.appId} (${auth.appType})`);
  } else if (isLoopbackHost(host)) {
    logger.warn({ host }, `No MicrosoftAppId: inbound requests are not authenticated, so the bot listens on ${host} (this machine) only.`);
  } else {
    logger.warn({ host }, `No MicrosoftAppId: the bot does not authenticate inbound requests and listens on ${host}; INBOUND_AUTH_BY_PROXY says a proxy in front does.`);
  }
}

const ATTRIBUTION_DRAIN_ON_STOP_MS = 5000;

async function drainWithin(queue: AttributionQueue, ms: number, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const result = await Promise.race([queue.drain().then(() => 'done' as const), timeout]);
  clearTimeout(timer);
  if (result === 'timeout') logger.error({ pending: queue.stats().pending }, 'stopping with attribution comments not yet written');
}

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(processEnv(), parseCliFlags(process.argv.slice(2)));
  } catch (err) {
    if (err instanceof ConfigError) {
      // A JSON line for log collectors; the same sentences in plain text for a person at a terminal.
      createLogger().fatal({ code: err.code, problems: err.problems }, 'Invalid configuration (see .env.sample for every setting): the bot did not start');
      if (process.stderr.isTTY) process.stderr.write(`${err.message}\nSee .env.sample for every setting.\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  // Libraries that print to the console (botbuilder does) write JSON lines like everything else.
  routeConsoleTo(logger.child({ component: 'console' }));
  routeProcessEventsTo(logger);
  const app = await startApp(config, logger);
  if (config.playground.enabled && process.stdout.isTTY) {
    // One plain line a newcomer at a terminal cannot miss among the JSON logs (never when piped).
    process.stdout.write(`\n  Chat with the bot: open http://localhost:${config.playground.port} in your browser (Ctrl+C to stop)\n\n`);
  }
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    void app.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    createLogger().fatal({ err }, 'Start-up failed');
    process.exit(1);
  });
}
