/**
 * The deployment template: infra/main.json validated against the ARM deployment template
 * schema (local copy, see test/fixtures/arm/SOURCES.md), kept in step with infra/main.bicep,
 * and checked for what the bot needs from Azure. The Bicep CLI is not an npm package, so the
 * Bicep file is compared with its ARM form declaration by declaration.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { loadConfig } from '../../src/config';

const ROOT = path.resolve(__dirname, '..', '..');
const INFRA = path.join(ROOT, 'infra');
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'arm', 'deploymentTemplate.schema.json'), 'utf8')) as Record<string, unknown>;

interface ArmResource {
  type: string;
  apiVersion: string;
  name: string;
  scope?: string;
  location?: string;
  kind?: string;
  resourceGroup?: string;
  sku?: { name: string };
  identity?: { type: string; userAssignedIdentities?: Record<string, unknown> };
  properties?: Record<string, unknown>;
  dependsOn?: string[];
}
interface ArmTemplate {
  parameters: Record<string, { type: string; defaultValue?: unknown; allowedValues?: unknown[] }>;
  variables?: Record<string, unknown>;
  resources: ArmResource[];
  outputs?: Record<string, { type: string; value: unknown }>;
}

const template = JSON.parse(fs.readFileSync(path.join(INFRA, 'main.json'), 'utf8')) as ArmTemplate;
const nested = template.resources.find((r) => r.type === 'Microsoft.Resources/deployments')!;
const nestedTemplate = (nested.properties as { template: ArmTemplate }).template;
const allResources = [...template.resources, ...nestedTemplate.resources];

function validate(doc: unknown): unknown[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  return check(doc) ? [] : (check.errors ?? []);
}

function byType(type: string): ArmResource[] {
  return allResources.filter((r) => r.type === type);
}

function one(type: string): ArmResource {
  const found = byType(type);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const ROLE = {
  sentinelResponder: '3e150937-b8fe-4cfb-8069-0eaf05ecd056',
  logAnalyticsReader: '73c42c96-874c-492b-b04d-ab87d138a893',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
};

/** The role GUID a roleAssignment grants, resolving variables('x') of its own template. */
function roleOf(r: ArmResource, variables: Record<string, unknown>): string {
  const id = String(r.properties?.roleDefinitionId);
  const literal = /'([0-9a-f-]{36})'/.exec(id)?.[1];
  if (literal) return literal;
  const variable = /variables\('(\w+)'\)/.exec(id)?.[1];
  return String(variable ? variables[variable] : '');
}

describe('ARM template (infra/main.json)', () => {
  it('validates against the deployment template schema, the nested template too', () => {
    expect(validate(template)).toEqual([]);
    expect(validate(nestedTemplate)).toEqual([]);
  });

  it('the schema check is real: broken templates fail it', () => {
    expect(validate({ ...template, contentVersion: '1.0' })).not.toEqual([]);
    expect(validate({ ...template, languageVersion: '2.0' })).not.toEqual([]);
    const { resources: _r, ...noResources } = template;
    expect(validate(noResources)).not.toEqual([]);
    expect(validate({ ...template, resources: [{ type: 'Microsoft.Web/sites', name: 'x' }] })).not.toEqual([]);
    expect(validate({ ...template, parameters: { p: { type: 'text' } } })).not.toEqual([]);
  });

  it('every expression is balanced and names only declared parameters and variables', () => {
    const check = (node: unknown, t: ArmTemplate, where: string): void => {
      if (typeof node === 'string') {
        if (!node.startsWith('[') || node.startsWith('[[')) return;
        expect(`${where}: ${node.endsWith(']') ? 'ok' : 'unterminated'}`).toBe(`${where}: ok`);
        const body = node.slice(1, -1).replace(/'(?:[^']|'')*'/g, "''");
        let depth = 0;
        for (const c of body) {
          depth += c === '(' ? 1 : c === ')' ? -1 : 0;
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(`${where}: depth ${depth}`).toBe(`${where}: depth 0`);
        for (const [, name] of node.matchAll(/parameters\('(\w+)'\)/g)) expect(Object.keys(t.parameters)).toContain(name);
        for (const [, name] of node.matchAll(/variables\('(\w+)'\)/g)) expect(Object.keys(t.variables ?? {})).toContain(name);
        return;
      }
      if (Array.isArray(node)) node.forEach((n, i) => check(n, t, `${where}[${i}]`));
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'template' && where.endsWith('properties')) continue; // the nested template has its own scope
          check(k, t, `${where}.${k}`);
          check(v, t, `${where}.${k}`);
        }
      }
    };
    check(template, template, '$');
    check(nestedTemplate, nestedTemplate, 'nested');
  });

  it('runs the bot on App Service for Linux with Node 24 (or 22), started without build tools', () => {
    const site = one('Microsoft.Web/sites');
    expect(site.kind).toContain('linux');
    expect(one('Microsoft.Web/serverfarms').properties).toMatchObject({ reserved: true });
    expect(template.parameters.linuxFxVersion?.defaultValue).toBe('NODE|24-lts');
    expect(template.parameters.linuxFxVersion?.allowedValues).toEqual(['NODE|24-lts', 'NODE|22-lts']);
    const siteConfig = site.properties?.siteConfig as Record<string, unknown>;
    expect(siteConfig).toMatchObject({ linuxFxVersion: "[parameters('linuxFxVersion')]", healthCheckPath: '/healthz', alwaysOn: true, ftpsState: 'Disabled' });
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const command = /^npm run (\S+)$/.exec(String(siteConfig.appCommandLine))?.[1] ?? '';
    expect(pkg.scripts[command]).toBe('node dist/index.js');
    expect(site.properties?.httpsOnly).toBe(true);
  });

  it('gives the web app a user-assigned identity that is also the Azure Bot\'s app (UserAssignedMSI)', () => {
    const identityId = "resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('names').identity)";
    const site = one('Microsoft.Web/sites');
    expect(site.identity?.type).toBe('UserAssigned');
    expect(Object.keys(site.identity?.userAssignedIdentities ?? {}).join()).toContain(identityId);
    const bot = one('Microsoft.BotService/botServices');
    expect(bot.location).toBe('global');
    expect(bot.properties).toMatchObject({ msaAppType: 'UserAssignedMSI', msaAppMSIResourceId: `[${identityId}]` });
    expect(String(bot.properties?.msaAppId)).toContain(`reference(${identityId}, '2023-01-31').clientId`);
    expect(String(bot.properties?.endpoint)).toMatch(/\/api\/messages'/);
    const teams = one('Microsoft.BotService/botServices/channels');
    expect(teams.properties).toEqual({ channelName: 'MsTeamsChannel', properties: { isEnabled: true } });
  });

  it('grants the identity Microsoft Sentinel Responder and Log Analytics Reader on the workspace, Storage Blob Data Contributor on the state account', () => {
    const nestedVars = nestedTemplate.variables ?? {};
    const onWorkspace = nestedTemplate.resources.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments');
    expect(onWorkspace.map((r) => roleOf(r, nestedVars)).sort()).toEqual([ROLE.sentinelResponder, ROLE.logAnalyticsReader].sort());
    for (const r of onWorkspace) {
      expect(r.scope).toBe("[format('Microsoft.OperationalInsights/workspaces/{0}', parameters('workspaceName'))]");
      expect(r.properties).toMatchObject({ principalId: "[parameters('principalId')]", principalType: 'ServicePrincipal' });
    }
    expect(nested.resourceGroup).toBe("[parameters('sentinelResourceGroup')]");
    const onStorage = template.resources.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments');
    expect(onStorage.map((r) => roleOf(r, template.variables ?? {}))).toEqual([ROLE.storageBlobDataContributor]);
    expect(onStorage[0]?.scope).toContain('Microsoft.Storage/storageAccounts/');
  });

  it('keeps state in a storage account without keys or public blobs', () => {
    expect(one('Microsoft.Storage/storageAccounts').properties).toMatchObject({ allowSharedKeyAccess: false, allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2' });
    expect(one('Microsoft.Storage/storageAccounts/blobServices/containers').properties).toEqual({ publicAccess: 'None' });
    expect(one('Microsoft.Insights/components').properties).toMatchObject({ Application_Type: 'web' });
  });

  it("configures the app with settings the bot's own configuration accepts: Azure mode, blob state by identity, telemetry on", () => {
    const settings = (one('Microsoft.Web/sites').properties?.siteConfig as { appSettings: Array<{ name: string; value: string }> }).appSettings;
    // What the expressions resolve to in a real deployment.
    const resolved: Record<string, string> = {
      MicrosoftAppId: '7d3e8f1a-2b4c-4d5e-9f6a-7b8c9d0e1f2a',
      MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      AZURE_CLIENT_ID: '7d3e8f1a-2b4c-4d5e-9f6a-7b8c9d0e1f2a',
      SENTINEL_SUBSCRIPTION_ID: '0f6a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
      SENTINEL_RESOURCE_GROUP: 'soc-rg',
      SENTINEL_WORKSPACE_NAME: 'soc-workspace',
      LOG_ANALYTICS_WORKSPACE_ID: '11111111-2222-3333-4444-555555555555',
      STATE_BLOB_ACCOUNT_URL: 'https://socbotst6x2v.blob.core.windows.net/',
      STATE_BLOB_CONTAINER: 'bot-state',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-1111-2222-3333-444444444444;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
      ALLOWED_TENANT_IDS: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      RESPONDER_GROUP_IDS: '',
      PUBLIC_BASE_URL: 'https://socbot-6x2v.azurewebsites.net',
    };
    const env: Record<string, string> = {};
    for (const s of settings) {
      if (s.value.startsWith('[')) {
        expect(Object.keys(resolved)).toContain(s.name);
        env[s.name] = resolved[s.name]!;
      } else env[s.name] = s.value;
    }
    const cfg = loadConfig(env);
    expect(cfg.mode).toBe('azure');
    expect(cfg.auth).toMatchObject({ appType: 'UserAssignedMSI', appId: resolved.MicrosoftAppId });
    expect(cfg.state).toEqual({ kind: 'blob', container: 'bot-state', accountUrl: 'https://socbotst6x2v.blob.core.windows.net' });
    expect(cfg.telemetry.connectionString).toBe(resolved.APPLICATIONINSIGHTS_CONNECTION_STRING);
    expect(cfg.host).toBe('0.0.0.0');
    // No secret among the settings: the identity replaces the bot password and storage keys.
    expect(settings.map((s) => s.name)).not.toEqual(expect.arrayContaining(['MicrosoftAppPassword']));
    expect(settings.map((s) => s.name)).not.toContain('STATE_BLOB_CONNECTION_STRING');
  });

  it('derives a storage account name within 3-24 lower-case letters and digits', () => {
    const names = (template.variables?.names ?? {}) as Record<string, string>;
    // take(base, 9) + 'st' + uniqueString (13 characters) = at most 24.
    expect(names.storage).toContain("take(replace(parameters('resourceBaseName'), '-', ''), 9)");
    expect(names.storage).toContain('toLower(');
  });
});

describe('Bicep source (infra/main.bicep) and its ARM form', () => {
  const bicep = fs.readFileSync(path.join(INFRA, 'main.bicep'), 'utf8');
  const moduleBicep = fs.readFileSync(path.join(INFRA, 'modules', 'sentinelAccess.bicep'), 'utf8');

  function declared(source: string): { params: Record<string, string>; resources: string[]; outputs: string[] } {
    const params: Record<string, string> = {};
    for (const [, name, type] of source.matchAll(/^param (\w+) (\w+)/gm)) params[name!] = type!;
    const resources = [...source.matchAll(/^resource \w+ '([^@']+)@([^']+)'( existing)?/gm)].filter((m) => !m[3]).map((m) => `${m[1]}@${m[2]}`);
    const outputs = [...source.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
    return { params, resources, outputs };
  }

  const ARM_TYPE: Record<string, string> = { string: 'string', int: 'int', bool: 'bool', object: 'object', array: 'array' };

  it('declares the same parameters, resources and outputs as main.json', () => {
    const main = declared(bicep);
    expect(Object.fromEntries(Object.entries(template.parameters).map(([k, v]) => [k, v.type]))).toEqual(Object.fromEntries(Object.entries(main.params).map(([k, v]) => [k, ARM_TYPE[v]])));
    const modules = [...bicep.matchAll(/^module \w+ '/gm)].length;
    const armTop = template.resources.filter((r) => r.type !== 'Microsoft.Resources/deployments').map((r) => `${r.type}@${r.apiVersion}`);
    expect(armTop.sort()).toEqual(main.resources.sort());
    expect(template.resources.filter((r) => r.type === 'Microsoft.Resources/deployments')).toHaveLength(modules);
    expect(Object.keys(template.outputs ?? {}).sort()).toEqual(main.outputs.sort());
  });

  it('the workspace module matches the nested deployment', () => {
    const mod = declared(moduleBicep);
    expect(Object.keys(nestedTemplate.parameters).sort()).toEqual(Object.keys(mod.params).sort());
    expect(nestedTemplate.resources.map((r) => `${r.type}@${r.apiVersion}`).sort()).toEqual(mod.resources.sort());
    expect(Object.keys(nestedTemplate.outputs ?? {})).toEqual(mod.outputs);
    for (const guid of [ROLE.sentinelResponder, ROLE.logAnalyticsReader]) expect(moduleBicep).toContain(guid);
    expect(bicep).toContain(ROLE.storageBlobDataContributor);
  });

  it('sets the same app settings in both forms', () => {
    const bicepSettings = [...bicep.matchAll(/\{ name: '(\w+)', value: /g)].map((m) => m[1]);
    const armSettings = (one('Microsoft.Web/sites').properties?.siteConfig as { appSettings: Array<{ name: string }> }).appSettings.map((s) => s.name);
    expect(armSettings).toEqual(bicepSettings);
  });

  it('the parameters file sets only declared parameters, and every required one', () => {
    const file = JSON.parse(fs.readFileSync(path.join(INFRA, 'main.parameters.json'), 'utf8')) as { parameters: Record<string, unknown> };
    const declaredNames = Object.keys(template.parameters);
    for (const name of Object.keys(file.parameters)) expect(declaredNames).toContain(name);
    const required = Object.entries(template.parameters).filter(([, p]) => p.defaultValue === undefined).map(([n]) => n);
    for (const name of required) expect(Object.keys(file.parameters)).toContain(name);
  });
});
