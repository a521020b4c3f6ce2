/**
 * Builds the Teams app package (manifest + icons in a zip) from manifest/. The manifest
 * template holds placeholders such as ${{BOT_ID}}; ids come from configuration, never
 * from the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { ConfigError, processEnv } from '../config';
import { loadPackagingConfig, type PackagingConfig } from './packagingConfig';
import { PROJECT_ROOT } from '../projectRoot';

export const MANIFEST_DIR = path.join(PROJECT_ROOT, 'manifest');
export const PACKAGE_FILE = path.join(PROJECT_ROOT, 'build', 'appPackage.zip');

export function renderManifest(template: string, cfg: PackagingConfig): Record<string, unknown> {
  const values: Record<string, string> = {
    TEAMS_APP_ID: cfg.teamsAppId,
    BOT_ID: cfg.botId,
    BOT_DOMAIN: cfg.botDomain,
    APP_VERSION: cfg.appVersion,
    DEVELOPER_NAME: cfg.developerName,
    DEVELOPER_WEBSITE_URL: cfg.websiteUrl,
    PRIVACY_URL: cfg.privacyUrl,
    TERMS_URL: cfg.termsUrl,
  };
  const rendered = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (token, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest placeholder ${token} has no value`);
    // Values land inside JSON strings: encode them as JSON, minus the quotes.
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(rendered) as Record<string, unknown>;
}

export function buildAppPackage(cfg: PackagingConfig, dir = MANIFEST_DIR): Buffer {
  const manifest = renderManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), cfg);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  const icons = manifest.icons as { color: string; outline: string };
  for (const icon of [icons.color, icons.outline]) zip.addFile(icon, fs.readFileSync(path.join(dir, icon)));
  return zip.toBuffer();
}

/**
 * An Agents Toolkit env file (env/.env.dev): KEY=VALUE lines, # comments, optional quotes.
 * Empty values count as unset, as in the environment.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const raw = m[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(raw);
    env[m[1]!] = quoted ? (quoted[2] ?? '') : raw;
  }
  return env;
}

function argValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function main(argv: readonly string[]): void {
  const version = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  // `--env-file env/.env.dev`: the Agents Toolkit's settings, over the process environment.
  const envFile = argValue(argv, '--env-file');
  const fileEnv = envFile ? Object.fromEntries(Object.entries(parseEnvFile(fs.readFileSync(envFile, 'utf8'))).filter(([, v]) => v !== '')) : {};
  let cfg: PackagingConfig;
  try {
    cfg = loadPackagingConfig({ ...processEnv(), ...fileEnv }, version);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nExample: TEAMS_APP_ID=<new GUID> MicrosoftAppId=<bot app id> BOT_DOMAIN=bot.contoso.com DEVELOPER_NAME="Fabrikam SOC" npm run package\n`);
      process.exit(2);
    }
    throw err;
  }
  const outArg = argValue(argv, '--out');
  const out = outArg ? path.resolve(outArg) : PACKAGE_FILE;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, buildAppPackage(cfg));
  process.stdout.write(`Wrote ${path.relative(process.cwd(), out)}: upload it in Teams (Apps > Manage your apps > Upload an app).\n`);
}

if (require.main === module) main(process.argv.slice(2));
