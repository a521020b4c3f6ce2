import { BOT_AUTH_DEFAULTS, ConfigError, EMULATOR_DEFAULTS, loadConfig, parseCliFlags } from '../src/config';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT_ID = '99999999-8888-4777-8666-555555555555';

const REAL = {
  SENTINEL_SUBSCRIPTION_ID: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0',
  SENTINEL_RESOURCE_GROUP: 'soc-rg',
  SENTINEL_WORKSPACE_NAME: 'soc-workspace',
  LOG_ANALYTICS_WORKSPACE_ID: '63613592-b6f7-4c3d-a390-22ba13102111',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs against the emulator when no workspace is configured', () => {
    const cfg = loadConfig({});
    expect(cfg.mode).toBe('emulator');
    expect(cfg.workspace.subscriptionId).toBe(EMULATOR_DEFAULTS.subscriptionId);
    expect(cfg.workspace.armEndpoint).toBe('http://127.0.0.1:4010');
    expect(cfg.workspace.apiVersion).toBe('2025-09-01');
    expect(cfg.port).toBe(3978);
    expect(cfg.host).toBe('127.0.0.1');
    expect(cfg.playground.enabled).toBe(true);
    expect(cfg.emulator?.seed).toBe('demo');
    // The demo lets people see the audit log lag behind a change, as it does in Azure.
    expect(cfg.emulator?.ingestionDelayMs).toBe(5000);
  });

  it('acts as the person against the emulator and as the app in Azure unless told otherwise', () => {
    expect(loadConfig({}).identity).toBe('person');
    expect(loadConfig({ AZURE_IDENTITY: 'APP' }).identity).toBe('app');
    expect(loadConfig(REAL).identity).toBe('app');
    expect(problems({ AZURE_IDENTITY: 'bot' })).toEqual(['AZURE_IDENTITY must be one of person, app (got "bot")']);
  });

  it('acts as the person in Azure through single sign-on, with the OAuth connection and the app registration that exchanges the token', () => {
    const app = { MicrosoftAppId: '7d3e8f1a-2b4c-4d5e-9f6a-7b8c9d0e1f2a', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: 'd6d49420-f39b-4df7-a1dc-d59a935871db' };
    const cfg = loadConfig({ ...REAL, ...app, AZURE_IDENTITY: 'person', SSO_CONNECTION_NAME: 'sentinel-sso' });
    expect(cfg.sso).toEqual({ connectionName: 'sentinel-sso', clientId: app.MicrosoftAppId, clientSecret: app.MicrosoftAppPassword, tenantId: app.MicrosoftAppTenantId, authorityHost: 'https://login.microsoftonline.com' });
    expect(loadConfig({ ...REAL, ...app, AZURE_IDENTITY: 'person', SSO_CONNECTION_NAME: 'c', ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.us' }).sso?.authorityHost).toBe('https://login.microsoftonline.us');
    expect(loadConfig({ ...REAL, ...app }).sso).toBeUndefined();
    const missing = problems({ ...REAL, AZURE_IDENTITY: 'person' });
    expect(missing).toEqual([expect.stringContaining('SSO_CONNECTION_NAME'), expect.stringContaining('MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId')]);
    expect(problems({ ...REAL, ...app, AZURE_IDENTITY: 'person', SSO_CONNECTION_NAME: 'c', ENTRA_AUTHORITY_HOST: 'http://127.0.0.1:1' })).toEqual([expect.stringContaining('ENTRA_AUTHORITY_HOST must be an https URL')]);
  });

  it('reads the incident feed settings: on, every 30 s, digest above 25, a 30 s lease; bad values are named', () => {
    expect(loadConfig({}).feed).toEqual({ enabled: true, pollMs: 30000, burstThreshold: 25, leaseSeconds: 30, demoRuleEveryMs: 45000 });
    expect(loadConfig({ INCIDENT_FEED: 'off', INCIDENT_FEED_POLL_MS: '5000', INCIDENT_FEED_BURST_THRESHOLD: '10', INCIDENT_FEED_LEASE_SECONDS: '15' }).feed).toEqual({
      enabled: false,
      pollMs: 5000,
      burstThreshold: 10,
      leaseSeconds: 15,
      demoRuleEveryMs: 45000,
    });
    // Azure Blob leases last 15 to 60 seconds: anything else would fail at the first poll.
    expect(problems({ INCIDENT_FEED_LEASE_SECONDS: '5' })).toEqual([expect.stringContaining('INCIDENT_FEED_LEASE_SECONDS')]);
    expect(problems({ INCIDENT_FEED_LEASE_SECONDS: '61' })).toEqual([expect.stringContaining('INCIDENT_FEED_LEASE_SECONDS')]);
    // The demo's analytics rules play with the Playground only, never against Azure or in tests without it.
    expect(loadConfig({ PLAYGROUND: 'off' }).feed.demoRuleEveryMs).toBe(0);
    expect(loadConfig({ INCIDENT_FEED_DEMO_RULES_MS: '0' }).feed.demoRuleEveryMs).toBe(0);
    expect(problems({ INCIDENT_FEED_POLL_MS: '10' })).toEqual([expect.stringContaining('INCIDENT_FEED_POLL_MS')]);
    // Poll interval bounds: one second to one hour, whole milliseconds; "30s" is not read as 30.
    for (const bad of ['999', '0', '-1', '3600001', '30s', 'abc']) expect(problems({ INCIDENT_FEED_POLL_MS: bad })).toEqual([expect.stringContaining(`between 1000 and 3600000 (got "${bad}")`)]);
    expect(loadConfig({ INCIDENT_FEED_POLL_MS: '1000' }).feed.pollMs).toBe(1000);
    expect(loadConfig({ INCIDENT_FEED_POLL_MS: '3600000' }).feed.pollMs).toBe(3600000);
    // The burst threshold: 1 to 1000 new incidents.
    for (const bad of ['0', '1001']) expect(problems({ INCIDENT_FEED_BURST_THRESHOLD: bad })).toEqual([expect.stringContaining('INCIDENT_FEED_BURST_THRESHOLD')]);
  });

  it('takes the emulator ingestion delay from SENTINEL_EMULATOR_INGESTION_DELAY_MS, 0 included', () => {
    expect(loadConfig({ SENTINEL_EMULATOR_INGESTION_DELAY_MS: '0' }).emulator?.ingestionDelayMs).toBe(0);
    expect(loadConfig({ SENTINEL_EMULATOR_INGESTION_DELAY_MS: '120000' }).emulator?.ingestionDelayMs).toBe(120000);
    for (const bad of ['-1', 'soon', '1.5', '600001']) {
      expect(problems({ SENTINEL_EMULATOR_INGESTION_DELAY_MS: bad })).toEqual([expect.stringContaining('SENTINEL_EMULATOR_INGESTION_DELAY_MS must be an integer between 0 and 600000')]);
    }
  });

  it('talks to Azure when all four workspace variables are set', () => {
    const cfg = loadConfig(REAL);
    expect(cfg.mode).toBe('azure');
    expect(cfg.workspace).toMatchObject({ ...{ subscriptionId: REAL.SENTINEL_SUBSCRIPTION_ID }, armEndpoint: 'https://management.azure.com', logAnalyticsEndpoint: 'https://api.loganalytics.io' });
    expect(cfg.emulator).toBeUndefined();
    expect(cfg.playground.enabled).toBe(false);
  });

  it('supports sovereign cloud endpoints', () => {
    const cfg = loadConfig({ ...REAL, ARM_ENDPOINT: 'https://management.usgovcloudapi.net/', LOG_ANALYTICS_ENDPOINT: 'https://api.loganalytics.us' });
    expect(cfg.workspace.armEndpoint).toBe('https://management.usgovcloudapi.net');
  });

  it('lists every problem of a partial or invalid configuration at once', () => {
    const p = problems({ SENTINEL_SUBSCRIPTION_ID: 'not-a-guid', SENTINEL_WORKSPACE_NAME: '-bad', PORT: 'eighty', STATE_STORE: 'redis', MicrosoftAppId: 'abc' });
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringContaining('SENTINEL_RESOURCE_GROUP is missing'),
        expect.stringContaining('LOG_ANALYTICS_WORKSPACE_ID is missing'),
        expect.stringContaining('SENTINEL_SUBSCRIPTION_ID must be a GUID'),
        expect.stringContaining('SENTINEL_WORKSPACE_NAME is not a valid workspace name'),
        expect.stringContaining('PORT must be an integer'),
        expect.stringContaining('STATE_STORE must be one of memory, blob'),
        expect.stringContaining('MicrosoftAppId must be a GUID'),
      ]),
    );
    expect(p.length).toBeGreaterThanOrEqual(7);
  });

  it('requires a password with an app id, and a tenant for single-tenant bots', () => {
    expect(problems({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppType: 'SingleTenant' })).toEqual([
      'MicrosoftAppPassword is required with MicrosoftAppId when MicrosoftAppType is SingleTenant (a managed identity, UserAssignedMSI, needs none)',
      'MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant',
    ]);
  });

  it('listens on all interfaces only when inbound requests are authenticated', () => {
    const cfg = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT_ID });
    expect(cfg.host).toBe('0.0.0.0');
  });

  describe('bot identities', () => {
    it('defaults to SingleTenant, which needs the tenant and a secret', () => {
      expect(loadConfig({}).auth.appType).toBe('SingleTenant');
      const cfg = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT_ID });
      expect(cfg.auth).toMatchObject({ appType: 'SingleTenant', appId: APP_ID, appTenantId: TENANT_ID });
      expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' })).toEqual(['MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant']);
    });

    it('takes a user-assigned managed identity with no secret, and refuses one given a secret', () => {
      const cfg = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID });
      expect(cfg.auth).toMatchObject({ appType: 'UserAssignedMSI', appPassword: undefined });
      expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' })).toEqual(['MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI']);
      expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'userassignedmsi', MicrosoftAppTenantId: TENANT_ID, MicrosoftAppPassword: 'x' })).toEqual([
        'MicrosoftAppPassword must not be set when MicrosoftAppType is UserAssignedMSI: the managed identity needs no secret',
      ]);
    });

    it('still takes MultiTenant for old registrations (no tenant needed)', () => {
      expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' }).auth.appType).toBe('MultiTenant');
      expect(problems({ MicrosoftAppType: 'Federated' })).toEqual(['MicrosoftAppType must be one of SingleTenant, UserAssignedMSI, MultiTenant (got "Federated")']);
    });

    it('takes the OpenID metadata and token endpoints as settings, public cloud by default', () => {
      expect(loadConfig({}).auth.endpoints).toEqual(BOT_AUTH_DEFAULTS);
      const cfg = loadConfig({
        BOT_OPENID_METADATA_URL: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
        ENTRA_OPENID_METADATA_URL: 'https://login.microsoftonline.us/common/v2.0/.well-known/openid-configuration',
        BOT_TOKEN_ISSUER: 'https://api.botframework.us',
        BOT_LOGIN_URL: 'https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us',
        BOT_OAUTH_SCOPE: 'https://api.botframework.us',
        BOT_TOKEN_SERVICE_URL: 'https://tokengcch.botframework.azure.us',
      });
      expect(cfg.auth.endpoints).toEqual({
        channelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
        entraOpenIdMetadataUrl: 'https://login.microsoftonline.us/common/v2.0/.well-known/openid-configuration',
        channelTokenIssuer: 'https://api.botframework.us',
        loginUrl: 'https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us',
        oauthScope: 'https://api.botframework.us',
        tokenServiceUrl: 'https://tokengcch.botframework.azure.us',
      });
      expect(problems({ BOT_OPENID_METADATA_URL: 'login.botframework.com' })).toEqual(['BOT_OPENID_METADATA_URL must be an http(s) URL (got "login.botframework.com")']);
    });
  });

  describe('no app id means loopback only', () => {
    it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('listens on %s without an app id', (host) => {
      expect(loadConfig({ HOST: host }).host).toBe(host);
    });

    it.each(['0.0.0.0', '::', '10.0.0.4', 'bot.contoso.com', '192.168.1.20'])('refuses to start on %s without an app id, saying what to do', (host) => {
      const p = problems({ HOST: host });
      expect(p).toHaveLength(1);
      expect(p[0]).toContain(`HOST is "${host}" but MicrosoftAppId is not set`);
      expect(p[0]).toContain('INBOUND_AUTH_BY_PROXY=true');
    });

    it('starts on a network address without an app id only when an authenticating proxy is declared', () => {
      const cfg = loadConfig({ HOST: '0.0.0.0', INBOUND_AUTH_BY_PROXY: 'true' });
      expect(cfg).toMatchObject({ host: '0.0.0.0', inboundAuthByProxy: true });
      expect(problems({ HOST: '0.0.0.0', INBOUND_AUTH_BY_PROXY: 'perhaps' })[0]).toContain('INBOUND_AUTH_BY_PROXY must be on or off');
    });

    it('listens anywhere with an app id', () => {
      expect(loadConfig({ HOST: '0.0.0.0', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppTenantId: TENANT_ID }).host).toBe('0.0.0.0');
    });
  });

  it('turns the Playground off with a flag or PLAYGROUND=off', () => {
    expect(loadConfig({}, parseCliFlags(['--no-playground'])).playground.enabled).toBe(false);
    expect(loadConfig({ PLAYGROUND: 'off' }).playground.enabled).toBe(false);
    expect(problems({ PLAYGROUND: 'maybe' })).toEqual(['PLAYGROUND must be on or off (got "maybe")']);
  });

  it('needs an account URL or a connection string for blob state, not both', () => {
    expect(problems({ STATE_STORE: 'blob' })).toEqual(['STATE_STORE is blob: set STATE_BLOB_ACCOUNT_URL (managed identity) or STATE_BLOB_CONNECTION_STRING']);
    expect(problems({ STATE_STORE: 'blob', STATE_BLOB_ACCOUNT_URL: 'https://a.blob.core.windows.net', STATE_BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' })).toEqual([
      'Set STATE_BLOB_CONNECTION_STRING or STATE_BLOB_ACCOUNT_URL, not both',
    ]);
  });

  it('reaches blob state with the managed identity through the account URL, https only', () => {
    expect(loadConfig({ STATE_STORE: 'blob', STATE_BLOB_ACCOUNT_URL: 'https://socbotst123.blob.core.windows.net/' }).state).toEqual({
      kind: 'blob',
      container: 'bot-state',
      accountUrl: 'https://socbotst123.blob.core.windows.net',
    });
    expect(loadConfig({ STATE_STORE: 'blob', STATE_BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true', STATE_BLOB_CONTAINER: 'state' }).state).toEqual({
      kind: 'blob',
      container: 'state',
      connectionString: 'UseDevelopmentStorage=true',
    });
    for (const bad of ['http://socbotst123.blob.core.windows.net', 'socbotst123', 'https://a.blob.core.windows.net/?sv=2024&sig=abc']) {
      expect(problems({ STATE_STORE: 'blob', STATE_BLOB_ACCOUNT_URL: bad })[0]).toMatch(/^STATE_BLOB_ACCOUNT_URL must be the storage account's https blob endpoint/);
    }
  });

  it('exports telemetry only with an Application Insights connection string, and never echoes it', () => {
    expect(loadConfig({}).telemetry).toEqual({ connectionString: undefined, serviceName: 'sentinel-teams-bot', metricIntervalMs: 60000 });
    const cs = 'InstrumentationKey=00000000-1111-2222-3333-444444444444;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs, OTEL_SERVICE_NAME: 'soc-bot' }).telemetry).toMatchObject({ connectionString: cs, serviceName: 'soc-bot' });
    const p = problems({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'hunter2-not-a-connection-string' });
    expect(p).toEqual(['APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)']);
    expect(p.join(' ')).not.toContain('hunter2');
  });

  it("takes the operator's name for the privacy and terms pages, within Teams' 32 characters", () => {
    expect(loadConfig({ DEVELOPER_NAME: 'Fabrikam SOC' }).operatorName).toBe('Fabrikam SOC');
    expect(loadConfig({}).operatorName).toBeUndefined();
    expect(problems({ DEVELOPER_NAME: 'x'.repeat(33) })).toEqual(["DEVELOPER_NAME must be at most 32 characters (Teams' limit for developer.name), got 33"]);
  });

  it('never echoes a password in its errors', () => {
    const p = problems({ MicrosoftAppPassword: 'hunter2-secret' });
    expect(p.join(' ')).not.toContain('hunter2');
  });
});
