/**
 * The files a deployment reads besides the template: the Dockerfile (no Docker engine
 * here, so checked as text for what it must do), the Agents Toolkit project and its env
 * files. Each check names what an operator would trip over if it were wrong.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (f: string): string => fs.readFileSync(path.join(ROOT, f), 'utf8');

interface Stage {
  from: string;
  name?: string;
  lines: string[];
}

/** Dockerfile instructions, continuation lines joined, grouped by stage. */
function stages(dockerfile: string): Stage[] {
  const joined = dockerfile.replace(/\\\n\s*/g, ' ');
  const out: Stage[] = [];
  for (const raw of joined.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) out.push({ from: from[1]!, name: from[2], lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const all = stages(dockerfile);
  const build = all[0]!;
  const runtime = all.at(-1)!;

  it('builds in one stage and runs from another, on Node 24 (or 22)', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(build.name).toBeDefined();
    expect(build.lines.some((l) => /^RUN .*npm ci\b/.test(l))).toBe(true);
    expect(build.lines.some((l) => /^RUN .*npm run build\b/.test(l))).toBe(true);
    expect(build.lines.some((l) => /npm prune --omit=dev/.test(l))).toBe(true);
    const nodeVersion = /^ARG NODE_VERSION=(\d+)/m.exec(dockerfile)?.[1];
    expect(['22', '24']).toContain(nodeVersion);
    for (const s of all) expect(s.from).toMatch(/^node:\$\{NODE_VERSION\}-/);
  });

  it('the runtime stage copies compiled output and production modules from the build, and no sources', () => {
    const copies = runtime.lines.filter((l) => l.startsWith('COPY'));
    expect(copies.some((l) => l.includes(`--from=${build.name}`) && l.includes('/app/node_modules'))).toBe(true);
    expect(copies.some((l) => l.includes(`--from=${build.name}`) && l.includes('/app/dist'))).toBe(true);
    expect(copies.some((l) => / src\b/.test(l))).toBe(false);
    expect(runtime.lines.some((l) => /npm (ci|install)/.test(l))).toBe(false);
    // Everything a production start reads from the project folder.
    for (const dir of ['cards', 'pages', 'package.json']) expect(copies.join('\n')).toContain(dir);
  });

  it('runs as a non-root user with a health check on /healthz and the production start', () => {
    const user = runtime.lines.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    const health = runtime.lines.find((l) => l.startsWith('HEALTHCHECK'));
    expect(health).toContain('/healthz');
    expect(health).toMatch(/process\.env\.PORT/);
    const cmd = runtime.lines.find((l) => l.startsWith('CMD'));
    expect(cmd).toBe('CMD ["npm", "run", "start:prod"]');
    expect(runtime.lines.some((l) => /^ENV .*NODE_ENV=production/.test(l))).toBe(true);
    // The health check's command is valid JavaScript.
    const script = /"-e", "(.*)"\]$/.exec(health ?? '')?.[1] ?? '';
    expect(() => new Function(script.replace(/\\"/g, '"'))).not.toThrow();
  });

  it('keeps secrets, local state and build output out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', '.data', '.env', '.git']) expect(ignored).toContain(entry);
    // and never ignores what the Dockerfile copies
    for (const needed of ['src', 'cards', 'pages', 'package.json', 'package-lock.json', 'manifest']) expect(ignored).not.toContain(needed);
  });
});

describe('Microsoft 365 Agents Toolkit project (m365agents.yml, env/)', () => {
  const yml = read('m365agents.yml');
  const section = (name: string): string => {
    const start = yml.indexOf(`\n${name}:\n`);
    expect(start).toBeGreaterThan(0);
    const rest = yml.slice(start + name.length + 3);
    const end = rest.search(/\n[a-z]\w*:/);
    return end < 0 ? rest : rest.slice(0, end);
  };
  const uses = (text: string): string[] => [...text.matchAll(/- uses: (\S+)/g)].map((m) => m[1]!);
  const env = (file: string): Record<string, string> =>
    Object.fromEntries(
      read(file)
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );

  it('has provision, deploy and publish lifecycles with the steps each needs', () => {
    expect(yml).toMatch(/^version: v1\.\d+$/m);
    expect(yml).toMatch(/^environmentFolderPath: \.\/env$/m);
    expect(uses(section('provision'))).toEqual(['teamsApp/create', 'arm/deploy', 'cli/runNpmCommand', 'teamsApp/validateAppPackage', 'teamsApp/update']);
    expect(uses(section('deploy'))).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(uses(section('publish'))).toContain('teamsApp/publishAppPackage');
  });

  it('points at files and scripts that exist', () => {
    for (const [, file] of yml.matchAll(/path: (\.\/\S+)/g)) expect(fs.existsSync(path.join(ROOT, file!))).toBe(true);
    for (const [, file] of yml.matchAll(/parameters: (\.\/\S+)/g)) expect(fs.existsSync(path.join(ROOT, file!))).toBe(true);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const [, script] of yml.matchAll(/args: run (\S+)/g)) expect(Object.keys(scripts)).toContain(script);
    // Deploys the release folder the release script writes, which starts with start:prod.
    expect(yml).toMatch(/artifactFolder: \.\/build\/release/);
    expect(scripts.release).toContain('devtools/release.js');
  });

  it.each(['env/.env.dev', 'env/.env.prod'])('%s defines every variable the project, the template parameters and the manifest use', (file) => {
    const defined = env(file);
    const written = new Set<string>();
    for (const [, name] of yml.matchAll(/^\s+\w+: ([A-Z_]+)$/gm)) written.add(name!); // writeToEnvironmentFile
    for (const [, name] of read('infra/main.bicep').matchAll(/^output (\w+) /gm)) written.add(name!); // arm/deploy outputs
    const used = new Set<string>();
    for (const text of [yml, read('infra/main.parameters.json'), read('manifest/manifest.json')]) for (const [, name] of text.matchAll(/\$\{\{([A-Z_]+)\}\}/g)) used.add(name!);
    for (const name of used) expect(`${name}: ${name in defined || written.has(name) ? 'defined' : 'missing'}`).toBe(`${name}: defined`);
    for (const name of written) expect(Object.keys(defined)).toContain(name);
    // No secret is ever kept in an env file.
    expect(Object.keys(defined).filter((k) => /PASSWORD|SECRET|KEY$|CONNECTION_STRING/.test(k))).toEqual([]);
  });

  it('the manifest placeholders are the ones the app package builder fills', () => {
    const src = read('src/devtools/appPackage.ts');
    for (const [, name] of read('manifest/manifest.json').matchAll(/\$\{\{([A-Z_]+)\}\}/g)) expect(src).toContain(`${name}:`);
  });
});
