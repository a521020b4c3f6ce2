/**
 * Builds the folder that is deployed (App Service zip deploy, or any host with Node): the
 * compiled dist/, the runtime assets (cards/, pages/, manifest/), package.json and the lock
 * file, and production dependencies only. It starts with `npm run start:prod`, which needs
 * no TypeScript, no build tools and no dev dependencies.
 *
 * `npm run release` (after `npm run build`) writes build/release; `-- --out <dir>` elsewhere.
 * `--offline` installs from the npm cache only (tests, air-gapped build agents).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { processEnv, type Env } from '../config';
import { PROJECT_ROOT } from '../projectRoot';

/** What a production start reads besides node_modules. */
export const RELEASE_CONTENTS = ['dist', 'cards', 'pages', 'manifest', 'package.json', 'package-lock.json'] as const;

export interface ReleaseOptions {
  outDir: string;
  /** Install from the npm cache only; 'prefer' falls back to the registry for what is missing. */
  offline?: boolean | 'prefer';
  root?: string;
  /** The environment npm runs in (its cache, registry and proxy settings); NODE_ENV is set to production. */
  env?: Env;
}

export function buildRelease(options: ReleaseOptions): string {
  const root = options.root ?? PROJECT_ROOT;
  const out = path.resolve(options.outDir);
  if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first');
  // Only ever wipe a folder we own: one under build/, or one outside the project.
  const rel = path.relative(root, out);
  const insideProject = !rel.startsWith('..') && !path.isAbsolute(rel);
  const underBuild = rel.startsWith(`build${path.sep}`);
  const aboveProject = !path.relative(out, root).startsWith('..');
  if ((insideProject && !underBuild) || aboveProject) throw new Error(`refusing to write a release into ${out}`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const entry of RELEASE_CONTENTS) {
    fs.cpSync(path.join(root, entry), path.join(out, entry), {
      recursive: true,
      // Incremental-build bookkeeping is not part of a release.
      filter: (src) => !src.endsWith('.tsbuildinfo'),
    });
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'];
  if (options.offline === 'prefer') args.push('--prefer-offline');
  else if (options.offline) args.push('--offline');
  execFileSync(npm, args, { cwd: out, stdio: ['ignore', 'ignore', 'inherit'], env: { ...(options.env ?? processEnv()), NODE_ENV: 'production' }, shell: process.platform === 'win32' });
  return out;
}

function main(argv: string[]): void {
  const at = argv.indexOf('--out');
  const outDir = at >= 0 && argv[at + 1] ? argv[at + 1]! : path.join(PROJECT_ROOT, 'build', 'release');
  const out = buildRelease({ outDir, offline: argv.includes('--offline'), env: processEnv() });
  process.stdout.write(`Wrote ${out}: deploy this folder and start it with \`npm run start:prod\`.\n`);
}

if (require.main === module) main(process.argv.slice(2));
