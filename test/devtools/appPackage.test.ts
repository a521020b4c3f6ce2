import { parseCommand } from '../../src/bot/commands';
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { ConfigError } from '../../src/config';
import { loadPackagingConfig } from '../../src/devtools/packagingConfig';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { buildAppPackage, MANIFEST_DIR, parseEnvFile, renderManifest } from '../../src/devtools/appPackage';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'teams', 'MicrosoftTeams.schema.json'), 'utf8')) as Record<string, unknown>;
const BASE_ENV = { TEAMS_APP_ID: '0f6a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', MicrosoftAppId: '7d3e8f1a-2b4c-4d5e-9f6a-7b8c9d0e1f2a', BOT_DOMAIN: 'https://sentinel-bot.contoso.com/api/messages', DEVELOPER_NAME: 'Fabrikam Security Operations' };
const cfg = loadPackagingConfig(BASE_ENV, '0.1.0');

function validator(): ReturnType<Ajv['compile']> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('Teams app package', () => {
  const manifest = renderManifest(fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'), cfg);

  it('renders a manifest that validates against the official v1.29 schema', () => {
    const validate = validator();
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is real: a broken manifest fails it', () => {
    const validate = validator();
    expect(validate({ ...manifest, manifestVersion: '1.0' })).toBe(false);
    expect(validate({ ...manifest, id: 'not-a-guid' })).toBe(false);
    const { icons: _icons, ...withoutIcons } = manifest;
    expect(validate(withoutIcons)).toBe(false);
  });

  it('takes its ids from configuration, with the bot in all three scopes and the Report to SOC action', () => {
    expect(manifest.id).toBe(cfg.teamsAppId);
    const bots = manifest.bots as Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
    expect(bots[0]?.botId).toBe(cfg.botId);
    expect(bots[0]?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    // The command menu fits the place: personal things in a personal chat, the channel feed in teams and group chats.
    expect(bots[0]?.commandLists.map((l) => l.scopes)).toEqual([['personal'], ['team', 'groupChat']]);
    expect(bots[0]?.commandLists[0]?.commands.map((c) => c.title)).toEqual(['report', 'my incidents', 'show tasks for', 'assign to me', 'show', 'sign out', 'help']);
    expect(bots[0]?.commandLists[1]?.commands.map((c) => c.title)).toEqual(['show', 'show tasks for', 'assign to me', 'watch incidents', 'what are you watching', 'unwatch', 'help']);
    // Each menu entry, sent as it is, is understood (one that needs a number asks for it).
    for (const list of bots[0]?.commandLists ?? []) for (const { title } of list.commands) expect(['unknown', 'empty']).not.toContain(parseCommand(title).kind);
    const ext = manifest.composeExtensions as Array<{ commands: Array<{ id: string; type: string; context: string[]; fetchTask: boolean }> }>;
    expect(ext[0]?.commands[0]).toMatchObject({ id: 'reportToSoc', type: 'action', context: ['message'], fetchTask: true });
    expect(manifest.validDomains).toEqual(['sentinel-bot.contoso.com']);
    expect(JSON.stringify(manifest)).not.toMatch(/\$\{\{/);
  });

  it('zips the manifest with icons of the right sizes: color 192x192, outline 32x32 white on transparent', () => {
    const zip = new AdmZip(buildAppPackage(cfg));
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const color = PNG.sync.read(zip.readFile('color.png') as Buffer);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(zip.readFile('outline.png') as Buffer);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i]!, outline.data[i + 1]!, outline.data[i + 2]!, outline.data[i + 3]!];
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
  });

  it('refuses to package without the ids it needs, naming each', () => {
    expect(() => loadPackagingConfig({}, '0.1.0')).toThrow(ConfigError);
    let problems: string[] = [];
    try {
      loadPackagingConfig({ BOT_DOMAIN: 'localhost' }, 'x');
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'APP_VERSION', 'DEVELOPER_NAME']);
  });
});

describe('Store readiness of the app package', () => {
  const template = fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
  const manifest = renderManifest(template, cfg);

  it("names the developer from settings and points website, privacy and terms at the bot's own pages by default", () => {
    expect(manifest.developer).toEqual({
      name: 'Fabrikam Security Operations',
      websiteUrl: 'https://sentinel-bot.contoso.com/',
      privacyUrl: 'https://sentinel-bot.contoso.com/privacy',
      termsOfUseUrl: 'https://sentinel-bot.contoso.com/terms',
    });
  });

  it('takes configured website, privacy and terms URLs instead, https only', () => {
    const own = loadPackagingConfig({ ...BASE_ENV, DEVELOPER_WEBSITE_URL: 'https://fabrikam.example/soc', PRIVACY_URL: 'https://fabrikam.example/privacy', TERMS_URL: 'https://fabrikam.example/terms' }, '1.0.0');
    expect(renderManifest(template, own).developer).toMatchObject({ websiteUrl: 'https://fabrikam.example/soc', privacyUrl: 'https://fabrikam.example/privacy', termsOfUseUrl: 'https://fabrikam.example/terms' });
    expect(() => loadPackagingConfig({ ...BASE_ENV, PRIVACY_URL: 'http://fabrikam.example/privacy' }, '1.0.0')).toThrow(/PRIVACY_URL must be an https URL/);
  });

  it.each(['Your SOC', 'Contoso', '<your organisation>', 'TODO', 'x'.repeat(33), ''])('refuses the developer name %j', (name) => {
    expect(() => loadPackagingConfig({ ...BASE_ENV, DEVELOPER_NAME: name }, '1.0.0')).toThrow(/DEVELOPER_NAME/);
  });

  it('a developer name with quotes or backslashes stays a valid manifest, shown literally', () => {
    const odd = loadPackagingConfig({ ...BASE_ENV, DEVELOPER_NAME: 'SOC "Blue" \\ Team' }, '1.0.0');
    expect((renderManifest(template, odd).developer as { name: string }).name).toBe('SOC "Blue" \\ Team');
  });

  it('has a name Store validation accepts: not starting with Microsoft or Teams, within the length limits', () => {
    const name = manifest.name as { short: string; full: string };
    for (const n of [name.short, name.full]) expect(n).not.toMatch(/^\s*(microsoft|teams|ms )/i);
    expect(name.short.length).toBeLessThanOrEqual(30);
    expect(name.full.length).toBeLessThanOrEqual(100);
  });

  it('supports private and shared channels as well as standard ones', () => {
    expect(manifest.supportedChannelTypes).toEqual(['sharedChannels', 'privateChannels']);
    const bots = manifest.bots as Array<{ scopes: string[] }>;
    expect(bots[0]?.scopes).toContain('team');
  });
});

describe('npm run package with an Agents Toolkit env file', () => {
  it('reads KEY=VALUE lines, skipping comments, unquoting values, keeping empty ones empty', () => {
    expect(parseEnvFile('# c\nA=1\nB="two words"\n  C = \'x=y\'  \nD=\n#E=5\nnot a line\r\nF=f\r\n')).toEqual({ A: '1', B: 'two words', C: 'x=y', D: '', F: 'f' });
  });

  it('builds the package from env/.env.<env> after provisioning filled it in (the compiled CLI, as m365agents.yml runs it)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-'));
    try {
      const template = fs.readFileSync(path.join(__dirname, '..', '..', 'env', '.env.dev'), 'utf8');
      const filled = template
        .replace(/^TEAMS_APP_ID=$/m, `TEAMS_APP_ID=${BASE_ENV.TEAMS_APP_ID}`)
        .replace(/^BOT_ID=$/m, `BOT_ID=${BASE_ENV.MicrosoftAppId}`)
        .replace(/^BOT_DOMAIN=$/m, 'BOT_DOMAIN=socbot-abc.azurewebsites.net')
        .replace(/^DEVELOPER_NAME=$/m, 'DEVELOPER_NAME="Fabrikam SOC"');
      fs.writeFileSync(path.join(dir, '.env.dev'), filled);
      const out = path.join(dir, 'appPackage.dev.zip');
      const cli = path.join(__dirname, '..', '..', 'dist', 'devtools', 'appPackage.js');
      execFileSync(process.execPath, [cli, '--env-file', path.join(dir, '.env.dev'), '--out', out], { env: { PATH: process.env.PATH ?? '' }, stdio: 'pipe' });
      const manifest = JSON.parse(new AdmZip(out).readAsText('manifest.json')) as { id: string; version: string; developer: Record<string, string>; bots: Array<{ botId: string }> };
      expect(manifest.id).toBe(BASE_ENV.TEAMS_APP_ID);
      expect(manifest.version).toBe('1.0.0');
      expect(manifest.bots[0]?.botId).toBe(BASE_ENV.MicrosoftAppId);
      expect(manifest.developer).toEqual({ name: 'Fabrikam SOC', websiteUrl: 'https://socbot-abc.azurewebsites.net/', privacyUrl: 'https://socbot-abc.azurewebsites.net/privacy', termsOfUseUrl: 'https://socbot-abc.azurewebsites.net/terms' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unfilled env file stops with every missing setting named', () => {
    const cli = path.join(__dirname, '..', '..', 'dist', 'devtools', 'appPackage.js');
    let stderr = '';
    try {
      execFileSync(process.execPath, [cli, '--env-file', path.join(__dirname, '..', '..', 'env', '.env.dev'), '--out', path.join(os.tmpdir(), `never-${Date.now()}.zip`)], { env: { PATH: process.env.PATH ?? '' }, stdio: 'pipe' });
    } catch (err) {
      stderr = String((err as { stderr?: Buffer }).stderr);
    }
    for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'DEVELOPER_NAME']) expect(stderr).toContain(name);
  });
});
