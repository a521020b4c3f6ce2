/** Whose identity reaches Azure, and what acting as the person needs in Azure (single sign-on). */
import type { Reader } from './configReader';
import type { AppConfig, AzureIdentity, BotAuthConfig, SsoConfig } from './configTypes';

export const ENTRA_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * The emulator is the demo tenant's identity provider, so acting as the person works out of
 * the box there; Azure keeps the app identity unless single sign-on is set up (loadSso).
 */
export function loadIdentity(r: Reader, mode: AppConfig['mode']): AzureIdentity {
  return r.oneOf('AZURE_IDENTITY', ['person', 'app'] as const, mode === 'emulator' ? 'person' : 'app');
}

/**
 * The on-behalf-of exchange is made by the app registration Teams issued the person's token
 * to, so it needs that app's id, tenant and secret (a managed identity cannot do it).
 */
export function loadSso(r: Reader, auth: BotAuthConfig): SsoConfig {
  const connectionName = r.str('SSO_CONNECTION_NAME');
  const needs = 'AZURE_IDENTITY=person in Azure acts as each person through Teams single sign-on';
  if (!connectionName) r.problems.push(`${needs}: set SSO_CONNECTION_NAME to the OAuth connection of the Azure Bot resource (or use AZURE_IDENTITY=app)`);
  if (!auth.appId || !auth.appPassword || !auth.appTenantId || auth.appType === 'UserAssignedMSI') {
    r.problems.push(`${needs}: it needs MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId of a SingleTenant or MultiTenant app registration (a managed identity cannot exchange the person's token)`);
  }
  const authorityHost = r.url('ENTRA_AUTHORITY_HOST', ENTRA_AUTHORITY_HOST);
  if (!authorityHost.startsWith('https://')) r.problems.push(`ENTRA_AUTHORITY_HOST must be an https URL (got "${authorityHost}")`);
  return { connectionName: connectionName ?? '', clientId: auth.appId ?? '', clientSecret: auth.appPassword ?? '', tenantId: auth.appTenantId ?? '', authorityHost };
}
