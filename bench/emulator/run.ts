/**
 * `npm run bench:emulator`: builds a SecurityIncident history of 1,000,000 records (100,000
 * incidents, ten changes each) straight through the emulator's store, and at 10k, 100k and
 * 1M records measures, in a fresh process: load time, "latest record of one incident and its
 * tasks" through the KQL engine (p50/p99 over a few thousand random incidents), one whole-table
 * join (first and last record of every incident), memory and
 * disk. Writes the figures to bench/RESULTS.md under "Emulator". Not a test: no thresholds.
 *
 * Options: --records N (default 1000000), --runs N queries per measurement (default 3000),
 *          --no-write (print only), --keep (leave the data directory).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMULATOR_WORKSPACE } from '../../src/emulator/startEmulator';
import { WorkspaceStore } from '../../src/emulator/store/workspaceStore';
import type { Measurement } from './measure';
import { writeResults } from './results';
import { transpileTree } from './transpile';
import { CHANGES_PER_INCIDENT, Workload } from './workload';

const DAY = 86_400_000;
const ROOT = path.resolve(__dirname, '..', '..');
/** Inside the project (build/ is ignored by git) so that node_modules resolve from there. */
const JS_DIR = path.join(ROOT, 'build', 'bench-emulator');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

function measure(dataDir: string, runs: number): Measurement {
  const out = execFileSync(process.execPath, ['--expose-gc', path.join(JS_DIR, 'bench', 'emulator', 'measure.js'), dataDir, String(runs)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Measurement;
}

function main(): void {
  const total = option('--records', 1_000_000);
  const runs = option('--runs', 3000);
  const checkpoints = [10_000, 100_000, 1_000_000].filter((n) => n < total).concat(total);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-emulator-bench-'));
  const results: Array<Measurement & { buildSeconds: number }> = [];
  const began = Date.now();
  try {
    transpileTree(ROOT, ['src', 'bench/emulator'], JS_DIR);
    // The history spans the last 300 days; queries look at all of it.
    const startMs = Date.now() - 300 * DAY;
    const stepMs = Math.floor((300 * DAY) / total);
    let store = new WorkspaceStore({ dataDir, workspace: EMULATOR_WORKSPACE });
    const generator = new Workload(store, { startMs, stepMs });
    let written = 0;
    for (const target of checkpoints) {
      const t0 = Date.now();
      generator.run(target - written);
      written = target;
      store.close(); // flushes and releases the lock for the measuring process
      const buildSeconds = (Date.now() - t0) / 1000;
      const m = measure(dataDir, runs);
      results.push({ ...m, buildSeconds });
      process.stdout.write(
        `${m.records.toLocaleString('en-US')} records (${m.incidents.toLocaleString('en-US')} incidents, ${(m.journalBytes / 1024 / 1024).toFixed(0)} MiB): ` +
          `load ${(m.loadMs / 1000).toFixed(2)} s, p50 ${m.p50Ms.toFixed(2)} ms, p99 ${m.p99Ms.toFixed(2)} ms, RSS ${m.rssMiB.toFixed(0)} MiB (peak ${m.peakRssMiB.toFixed(0)}), heap ${m.heapUsedMiB.toFixed(0)} MiB, join of first and last records ${m.joinMs.toFixed(0)} ms\n`,
      );
      if (target !== total) {
        store = new WorkspaceStore({ dataDir, workspace: EMULATOR_WORKSPACE });
        generator.useStore(store);
      }
    }
    if (!process.argv.includes('--no-write')) {
      const file = writeResults(path.join(__dirname, '..', 'RESULTS.md'), results, { changesPerIncident: CHANGES_PER_INCIDENT, runs, totalSeconds: (Date.now() - began) / 1000 });
      process.stdout.write(`Written to ${path.relative(process.cwd(), file)}\n`);
    }
  } finally {
    fs.rmSync(JS_DIR, { recursive: true, force: true });
    if (process.argv.includes('--keep')) process.stdout.write(`Data kept in ${dataDir}\n`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main();
