/**
 * What `npm run package` needs to turn manifest/manifest.json into an app package: ids,
 * the bot's host, the version, and what the Store shows about the developer. Pure, like
 * loadConfig: it reads the Env it is given.
 */
import { ConfigError, GUID, Reader, type Env } from '../config';

export interface PackagingConfig {
  teamsAppId: string;
  botId: string;
  botDomain: string;
  appVersion: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
}

/** Names Store validation and Teams refuse as a developer: placeholders nobody replaced. */
const PLACEHOLDER_DEVELOPER = /^(your\b|contoso\b|example\b|todo\b|tbd\b|xxx|<)/i;

/** What `npm run package` needs to turn manifest/manifest.json into an app package. */
export function loadPackagingConfig(env: Env, defaultVersion: string): PackagingConfig {
  const r = new Reader(env);
  const teamsAppId = r.str('TEAMS_APP_ID') ?? '';
  // BOT_ID is what the Agents Toolkit writes after provisioning; MicrosoftAppId what the bot reads.
  const botIdName = r.str('BOT_ID') !== undefined ? 'BOT_ID' : r.str('MicrosoftAppId') !== undefined ? 'MicrosoftAppId' : 'BOT_ID (or MicrosoftAppId)';
  const botId = r.str('BOT_ID') ?? r.str('MicrosoftAppId') ?? '';
  const botDomain = (r.str('BOT_DOMAIN') ?? '').replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const appVersion = r.str('APP_VERSION') ?? defaultVersion;
  const developerName = r.str('DEVELOPER_NAME') ?? '';
  if (!GUID.test(teamsAppId)) r.problems.push(`TEAMS_APP_ID must be a GUID that identifies the Teams app (got "${teamsAppId}")`);
  if (!GUID.test(botId)) r.problems.push(`${botIdName} must be the bot's app id, a GUID (got "${botId}")`);
  const domainOk = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i.test(botDomain);
  if (!domainOk) r.problems.push(`BOT_DOMAIN must be the bot's public host name, e.g. sentinel-bot.contoso.com (got "${botDomain}")`);
  if (!/^\d+\.\d+\.\d+$/.test(appVersion)) r.problems.push(`APP_VERSION must look like 1.2.3 (got "${appVersion}")`);
  if (!developerName) r.problems.push('DEVELOPER_NAME must name your organisation, as Teams shows it for the app (at most 32 characters)');
  else if (developerName.length > 32) r.problems.push(`DEVELOPER_NAME must be at most 32 characters (got ${developerName.length})`);
  else if (PLACEHOLDER_DEVELOPER.test(developerName)) r.problems.push(`DEVELOPER_NAME looks like a placeholder ("${developerName}"): use your organisation's name`);
  const base = `https://${botDomain.toLowerCase()}`;
  const page = (name: string, fallback: string): string => {
    const raw = r.str(name);
    if (raw === undefined) return fallback;
    try {
      if (new URL(raw).protocol !== 'https:') throw new Error('scheme');
    } catch {
      r.problems.push(`${name} must be an https URL (got "${raw}")`);
    }
    return raw;
  };
  const websiteUrl = page('DEVELOPER_WEBSITE_URL', `${base}/`);
  const privacyUrl = page('PRIVACY_URL', `${base}/privacy`);
  const termsUrl = page('TERMS_URL', `${base}/terms`);
  if (r.problems.length) throw new ConfigError(r.problems);
  return { teamsAppId: teamsAppId.toLowerCase(), botId: botId.toLowerCase(), botDomain: botDomain.toLowerCase(), appVersion, developerName, websiteUrl, privacyUrl, termsUrl };
}
