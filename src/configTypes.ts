/** The typed configuration the bot is built from; src/config.ts reads it from the environment. */
export type StateStoreKind = 'memory' | 'blob';
export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface WorkspaceConfig {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  logAnalyticsWorkspaceId: string;
  armEndpoint: string;
  logAnalyticsEndpoint: string;
  apiVersion: string;
}

export interface EmulatorConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Start with the demo workspace (incident 405211 and friends) or with nothing. */
  seed: 'demo' | 'empty';
  /**
   * How long after a change its SecurityIncident record becomes queryable, as Log Analytics
   * ingests records some time after Sentinel writes them. 0 (or absent): at once.
   */
  ingestionDelayMs?: number;
}

export interface BotAuthConfig {
  appId?: string;
  appPassword?: string;
  appType: AppType;
  appTenantId?: string;
  /** Where inbound tokens are checked against (sovereign clouds and offline tests differ). */
  endpoints: BotAuthEndpoints;
}

/** The Bot Framework's public-cloud endpoints; each one is a setting. */
export interface BotAuthEndpoints {
  /** OpenID metadata of the Bot Framework channel service (tokens Teams sends). */
  channelOpenIdMetadataUrl: string;
  /** The issuer those channel tokens carry. */
  channelTokenIssuer: string;
  /** OpenID metadata of Microsoft Entra ID (tokens issued by Entra, e.g. the Bot Framework Emulator's). */
  entraOpenIdMetadataUrl: string;
  /** Authority the bot gets its own outbound tokens from. */
  loginUrl: string;
  /** Scope of those outbound tokens (the channel service). */
  oauthScope: string;
  /** The Bot Framework token service (sign-in cards). */
  tokenServiceUrl: string;
}

export interface AccessConfig {
  /** Empty: every tenant is accepted (only sensible without an app id, i.e. locally). */
  allowedTenantIds: string[];
  /** Entra object ids allowed to change incidents. Empty with no groups: everyone may. */
  responderObjectIds: string[];
  responderGroupIds: string[];
}

/** Whose identity changes reach Sentinel under: the person's (Sentinel names them) or the bot's app. */
export type AzureIdentity = 'person' | 'app';

/**
 * Teams single sign-on and the on-behalf-of exchange (AZURE_IDENTITY=person in Azure): the
 * person's Teams token, from the Azure Bot's OAuth connection, is exchanged by the bot's own
 * app registration for their ARM and Log Analytics tokens.
 */
export interface SsoConfig {
  /** SSO_CONNECTION_NAME: the OAuth connection on the Azure Bot resource. */
  connectionName: string;
  /** The bot's app registration (MicrosoftAppId / MicrosoftAppPassword / MicrosoftAppTenantId). */
  clientId: string;
  clientSecret: string;
  tenantId: string;
  /** ENTRA_AUTHORITY_HOST: Microsoft Entra ID's sign-in host (sovereign clouds differ). */
  authorityHost: string;
}

export interface AppConfig {
  mode: 'emulator' | 'azure';
  /**
   * AZURE_IDENTITY. 'person': each person's changes run with their own token, so Sentinel's
   * records name them and their own roles apply. 'app': the bot's identity for everyone.
   */
  identity: AzureIdentity;
  /** Present in Azure with AZURE_IDENTITY=person: how the bot gets each person's token. */
  sso?: SsoConfig;
  port: number;
  /** 127.0.0.1 when no app id is configured: an unauthenticated endpoint must not face a network. */
  host: string;
  /**
   * No app id and yet a non-loopback host: allowed only when the operator says an
   * authenticating proxy stands in front (INBOUND_AUTH_BY_PROXY).
   */
  inboundAuthByProxy: boolean;
  workspace: WorkspaceConfig;
  emulator?: EmulatorConfig;
  auth: BotAuthConfig;
  access: AccessConfig;
  playground: { enabled: boolean; port: number };
  state: StateConfig;
  telemetry: TelemetrySettings;
  /** Who runs this bot, named on its privacy and terms pages. */
  operatorName?: string;
  http: { timeoutInMs: number; maxRetries: number; maxRetryDelayInMs: number };
  /** The channel feed of new and changed incidents. */
  feed: {
    enabled: boolean;
    pollMs: number;
    burstThreshold: number;
    /** How long one instance's hold on polling lasts unless renewed (Blob lease, 15-60 s). */
    leaseSeconds: number;
    /** The local emulator plays an analytics rule every this many ms (a few times); 0: off. */
    demoRuleEveryMs: number;
  };
  /** How far back the audit table is searched for an incident's latest record (ISO 8601 duration). */
  auditLookback: string;
  socChannelConversationId?: string;
  publicBaseUrl?: string;
  /** Microsoft Graph, for responder group membership (sovereign clouds differ). */
  graphEndpoint: string;
  invokeDeadlineMs: number;
  logLevel: string;
}

/**
 * Blob state is reached either with a connection string (Azurite, or an account key) or
 * with the account URL and the managed identity (Azure, no secret at all).
 */
export type StateConfig =
  | { kind: 'memory' }
  | { kind: 'blob'; container: string; connectionString: string }
  | { kind: 'blob'; container: string; accountUrl: string };

export interface TelemetrySettings {
  /** APPLICATIONINSIGHTS_CONNECTION_STRING: traces and metrics go to Azure Monitor. Absent: nowhere. */
  connectionString?: string;
  serviceName: string;
  metricIntervalMs: number;
}
