/**
 * The one place that reads the environment. Everything else receives typed values.
 *
 * Two modes:
 * - emulator mode: none of the four workspace variables is set; the bot talks to the
 *   embedded local Sentinel emulator;
 * - real mode: all four are set; the bot talks to Azure with DefaultAzureCredential.
 * Anything in between is a configuration error, reported once with every problem listed.
 */
import path from 'node:path';
import { ConfigError, GUID, Reader, type Env } from './configReader';
import { loadIdentity, loadSso } from './configIdentity';
import type { AccessConfig, AppConfig, BotAuthConfig, BotAuthEndpoints, EmulatorConfig, StateConfig, TelemetrySettings, WorkspaceConfig } from './configTypes';

export { ConfigError, GUID, Reader, type Env } from './configReader';
export type * from './configTypes';

const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$/;
const RESOURCE_GROUP = /^[-\w._()]{1,90}$/;
const ISO_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

export const DEFAULT_API_VERSION = '2025-09-01';

/** Defaults of the local emulator, shared by the seed data, the docs and the tests. */
export const EMULATOR_DEFAULTS = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'soc-demo-rg',
  workspaceName: 'soc-demo',
  logAnalyticsWorkspaceId: '11111111-1111-1111-1111-111111111111',
  port: 4010,
  host: '127.0.0.1',
  dataDir: path.join('.data', 'emulator'),
  /** A few seconds, so that people trying the bot see the audit table lag (Azure: 20 s to minutes). */
  ingestionDelayMs: 5000,
} as const;
export const BOT_AUTH_DEFAULTS: BotAuthEndpoints = {
  channelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  channelTokenIssuer: 'https://api.botframework.com',
  entraOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  loginUrl: 'https://login.microsoftonline.com/botframework.com',
  oauthScope: 'https://api.botframework.com',
  tokenServiceUrl: 'https://api.botframework.com',
};

const WORKSPACE_VARS = [
  'SENTINEL_SUBSCRIPTION_ID',
  'SENTINEL_RESOURCE_GROUP',
  'SENTINEL_WORKSPACE_NAME',
  'LOG_ANALYTICS_WORKSPACE_ID',
] as const;

export function loadEmulatorConfig(env: Env, r: Reader = new Reader(env)): EmulatorConfig {
  const cfg: EmulatorConfig = {
    port: r.int('SENTINEL_EMULATOR_PORT', EMULATOR_DEFAULTS.port, 0, 65535),
    host: r.str('SENTINEL_EMULATOR_HOST') ?? EMULATOR_DEFAULTS.host,
    dataDir: path.resolve(r.str('SENTINEL_EMULATOR_DATA_DIR') ?? EMULATOR_DEFAULTS.dataDir),
    seed: r.oneOf('SENTINEL_EMULATOR_SEED', ['demo', 'empty'] as const, 'demo'),
    ingestionDelayMs: r.int('SENTINEL_EMULATOR_INGESTION_DELAY_MS', EMULATOR_DEFAULTS.ingestionDelayMs, 0, 600_000),
  };
  if (r.problems.length) throw new ConfigError(r.problems);
  return cfg;
}

function loadWorkspace(r: Reader): { mode: AppConfig['mode']; workspace: WorkspaceConfig } {
  const present = WORKSPACE_VARS.filter((v) => r.str(v) !== undefined);
  const apiVersion = r.str('SENTINEL_API_VERSION') ?? DEFAULT_API_VERSION;
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) {
    r.problems.push(`SENTINEL_API_VERSION must look like 2025-09-01 (got "${apiVersion}")`);
  }
  if (present.length === 0) {
    const port = r.int('SENTINEL_EMULATOR_PORT', EMULATOR_DEFAULTS.port, 0, 65535);
    // An emulator already running elsewhere (e.g. shared by several bot instances).
    const external = r.str('SENTINEL_EMULATOR_URL');
    const base = external ? r.url('SENTINEL_EMULATOR_URL', external) : `http://${EMULATOR_DEFAULTS.host}:${port}`;
    return {
      mode: 'emulator',
      workspace: {
        subscriptionId: EMULATOR_DEFAULTS.subscriptionId,
        resourceGroup: EMULATOR_DEFAULTS.resourceGroup,
        workspaceName: EMULATOR_DEFAULTS.workspaceName,
        logAnalyticsWorkspaceId: EMULATOR_DEFAULTS.logAnalyticsWorkspaceId,
        armEndpoint: base,
        logAnalyticsEndpoint: base,
        apiVersion,
      },
    };
  }
  for (const v of WORKSPACE_VARS) {
    if (!present.includes(v)) r.problems.push(`${v} is missing (set all four workspace variables, or none for the local emulator)`);
  }
  const subscriptionId = r.str('SENTINEL_SUBSCRIPTION_ID') ?? '';
  const resourceGroup = r.str('SENTINEL_RESOURCE_GROUP') ?? '';
  const workspaceName = r.str('SENTINEL_WORKSPACE_NAME') ?? '';
  const logAnalyticsWorkspaceId = r.str('LOG_ANALYTICS_WORKSPACE_ID') ?? '';
  if (subscriptionId && !GUID.test(subscriptionId)) r.problems.push(`SENTINEL_SUBSCRIPTION_ID must be a GUID (got "${subscriptionId}")`);
  if (resourceGroup && !RESOURCE_GROUP.test(resourceGroup)) r.problems.push(`SENTINEL_RESOURCE_GROUP is not a valid resource group name (got "${resourceGroup}")`);
  if (workspaceName && !WORKSPACE_NAME.test(workspaceName)) r.problems.push(`SENTINEL_WORKSPACE_NAME is not a valid workspace name (got "${workspaceName}")`);
  if (logAnalyticsWorkspaceId && !GUID.test(logAnalyticsWorkspaceId)) {
    r.problems.push(`LOG_ANALYTICS_WORKSPACE_ID must be the workspace's GUID (Workspace ID in the portal), got "${logAnalyticsWorkspaceId}"`);
  }
  return {
    mode: 'azure',
    workspace: {
      subscriptionId,
      resourceGroup,
      workspaceName,
      logAnalyticsWorkspaceId,
      armEndpoint: r.url('ARM_ENDPOINT', 'https://management.azure.com'),
      logAnalyticsEndpoint: r.url('LOG_ANALYTICS_ENDPOINT', 'https://api.loganalytics.io'),
      apiVersion,
    },
  };
}

function loadAuth(r: Reader): BotAuthConfig {
  const appId = r.str('MicrosoftAppId');
  const appPassword = r.str('MicrosoftAppPassword');
  // New Azure Bot registrations are single-tenant or managed identity; multi-tenant is for old ones.
  const appType = r.oneOf('MicrosoftAppType', ['SingleTenant', 'UserAssignedMSI', 'MultiTenant'] as const, 'SingleTenant');
  const appTenantId = r.str('MicrosoftAppTenantId');
  if (appId && !GUID.test(appId)) r.problems.push(`MicrosoftAppId must be a GUID (got "${appId}")`);
  if (!appId && (appPassword || appTenantId)) r.problems.push('MicrosoftAppPassword/MicrosoftAppTenantId are set but MicrosoftAppId is not');
  if (appId && appType !== 'UserAssignedMSI' && !appPassword) r.problems.push(`MicrosoftAppPassword is required with MicrosoftAppId when MicrosoftAppType is ${appType} (a managed identity, UserAssignedMSI, needs none)`);
  if (appId && appType === 'UserAssignedMSI' && appPassword) r.problems.push('MicrosoftAppPassword must not be set when MicrosoftAppType is UserAssignedMSI: the managed identity needs no secret');
  if (appType !== 'MultiTenant' && appId && !appTenantId) r.problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}`);
  if (appTenantId && !GUID.test(appTenantId)) r.problems.push(`MicrosoftAppTenantId must be a GUID (got "${appTenantId}")`);
  const d = BOT_AUTH_DEFAULTS;
  const endpoints: BotAuthEndpoints = {
    channelOpenIdMetadataUrl: r.url('BOT_OPENID_METADATA_URL', d.channelOpenIdMetadataUrl),
    channelTokenIssuer: r.str('BOT_TOKEN_ISSUER') ?? d.channelTokenIssuer,
    entraOpenIdMetadataUrl: r.url('ENTRA_OPENID_METADATA_URL', d.entraOpenIdMetadataUrl),
    loginUrl: r.url('BOT_LOGIN_URL', d.loginUrl),
    oauthScope: r.str('BOT_OAUTH_SCOPE') ?? d.oauthScope,
    tokenServiceUrl: r.url('BOT_TOKEN_SERVICE_URL', d.tokenServiceUrl),
  };
  return { appId, appPassword, appType, appTenantId, endpoints };
}

/** 127.0.0.0/8, ::1 and localhost: the only addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

function loadState(r: Reader): StateConfig {
  const kind = r.oneOf('STATE_STORE', ['memory', 'blob'] as const, 'memory');
  if (kind === 'memory') return { kind };
  const container = r.str('STATE_BLOB_CONTAINER') ?? 'bot-state';
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(container)) r.problems.push(`STATE_BLOB_CONTAINER is not a valid container name (got "${container}")`);
  const connectionString = r.str('STATE_BLOB_CONNECTION_STRING');
  const accountUrl = r.str('STATE_BLOB_ACCOUNT_URL');
  if (connectionString && accountUrl) {
    r.problems.push('Set STATE_BLOB_CONNECTION_STRING or STATE_BLOB_ACCOUNT_URL, not both');
  } else if (accountUrl) {
    return { kind, container, accountUrl: blobAccountUrl(r, accountUrl) };
  } else if (!connectionString) {
    r.problems.push('STATE_STORE is blob: set STATE_BLOB_ACCOUNT_URL (managed identity) or STATE_BLOB_CONNECTION_STRING');
  }
  return { kind, container, connectionString: connectionString ?? '' };
}

/** https only: the managed identity's token must not cross the network in clear text. */
function blobAccountUrl(r: Reader, raw: string): string {
  try {
    const u = new URL(raw);
    if (u.protocol !== 'https:' || u.search || u.hash || u.username) throw new Error('shape');
    return u.href.replace(/\/+$/, '');
  } catch {
    r.problems.push(`STATE_BLOB_ACCOUNT_URL must be the storage account's https blob endpoint, e.g. https://mystorage.blob.core.windows.net (got "${raw}")`);
    return '';
  }
}

function loadTelemetry(r: Reader): TelemetrySettings {
  const connectionString = r.str('APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (connectionString && !/(^|;)\s*InstrumentationKey=[0-9a-f-]{36}\s*(;|$)/i.test(connectionString)) {
    // The value is a secret of sorts: say what is wrong without echoing it.
    r.problems.push('APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)');
  }
  return {
    connectionString,
    serviceName: r.str('OTEL_SERVICE_NAME') ?? 'sentinel-teams-bot',
    metricIntervalMs: r.int('TELEMETRY_METRIC_INTERVAL_MS', 60000, 1000, 3600000),
  };
}

function operatorName(r: Reader): string | undefined {
  const name = r.str('DEVELOPER_NAME');
  if (name && name.length > 32) r.problems.push(`DEVELOPER_NAME must be at most 32 characters (Teams' limit for developer.name), got ${name.length}`);
  return name;
}

/** Command-line flags that `npm start -- …` may pass; they win over the environment. */
export interface CliFlags {
  noPlayground?: boolean;
}

export function parseCliFlags(argv: readonly string[]): CliFlags {
  return { noPlayground: argv.includes('--no-playground') };
}

export function loadConfig(env: Env, flags: CliFlags = {}): AppConfig {
  const r = new Reader(env);
  const { mode, workspace } = loadWorkspace(r);
  const auth = loadAuth(r);
  const emulator = mode === 'emulator' && !r.str('SENTINEL_EMULATOR_URL') ? loadEmulatorConfig(env, r) : undefined;
  const state = loadState(r);
  const playground = {
    enabled: mode === 'emulator' && !flags.noPlayground && r.flag('PLAYGROUND', true),
    port: r.int('PLAYGROUND_PORT', 56150, 0, 65535),
  };
  const access: AccessConfig = {
    allowedTenantIds: r.guidList('ALLOWED_TENANT_IDS'),
    responderObjectIds: r.guidList('RESPONDER_OBJECT_IDS'),
    responderGroupIds: r.guidList('RESPONDER_GROUP_IDS'),
  };
  const auditLookback = r.str('AUDIT_LOOKBACK') ?? 'P90D';
  if (!ISO_DURATION.test(auditLookback)) r.problems.push(`AUDIT_LOOKBACK must be an ISO 8601 duration such as P90D (got "${auditLookback}")`);
  const publicBaseUrl = r.str('PUBLIC_BASE_URL');
  if (publicBaseUrl) r.url('PUBLIC_BASE_URL', publicBaseUrl);
  const host = r.str('HOST') ?? (auth.appId ? '0.0.0.0' : '127.0.0.1');
  const inboundAuthByProxy = r.flag('INBOUND_AUTH_BY_PROXY', false);
  if (!auth.appId && !isLoopbackHost(host) && !inboundAuthByProxy) {
    r.problems.push(
      `HOST is "${host}" but MicrosoftAppId is not set: without an app id nobody checks who calls /api/messages, so the bot only listens on a loopback address (127.0.0.1). ` +
        'Set MicrosoftAppId (and its type, tenant and secret), or HOST=127.0.0.1, or INBOUND_AUTH_BY_PROXY=true if an authenticating proxy stands in front of the bot.',
    );
  }
  const identity = loadIdentity(r, mode);
  const cfg: AppConfig = {
    mode,
    identity,
    sso: identity === 'person' && mode === 'azure' ? loadSso(r, auth) : undefined,
    port: r.int('PORT', 3978, 0, 65535),
    host,
    inboundAuthByProxy,
    workspace,
    emulator,
    auth,
    access,
    playground,
    state,
    telemetry: loadTelemetry(r),
    operatorName: operatorName(r),
    http: {
      timeoutInMs: r.int('SENTINEL_TIMEOUT_MS', 10000, 100, 120000),
      maxRetries: r.int('SENTINEL_MAX_RETRIES', 3, 0, 10),
      maxRetryDelayInMs: r.int('SENTINEL_MAX_RETRY_DELAY_MS', 8000, 0, 60000),
    },
    feed: {
      enabled: r.flag('INCIDENT_FEED', true),
      pollMs: r.int('INCIDENT_FEED_POLL_MS', 30000, 1000, 3600000),
      burstThreshold: r.int('INCIDENT_FEED_BURST_THRESHOLD', 25, 1, 1000),
      // Azure Blob leases last 15 to 60 seconds; a crashed poller's successor waits at most this long.
      leaseSeconds: r.int('INCIDENT_FEED_LEASE_SECONDS', 30, 15, 60),
      // On with the Playground (npm start), so its channel shows the feed moving; off in tests.
      demoRuleEveryMs: mode === 'emulator' ? r.int('INCIDENT_FEED_DEMO_RULES_MS', playground.enabled ? 45000 : 0, 0, 3600000) : 0,
    },
    auditLookback,
    socChannelConversationId: r.str('SOC_CHANNEL_CONVERSATION_ID'),
    graphEndpoint: r.url('GRAPH_ENDPOINT', 'https://graph.microsoft.com'),
    invokeDeadlineMs: r.int('INVOKE_DEADLINE_MS', 4000, 100, 15000),
    publicBaseUrl,
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  };
  if (r.problems.length) throw new ConfigError(r.problems);
  return cfg;
}

/** The process environment, read here and nowhere else. */
export function processEnv(): Env {
  return process.env;
}
