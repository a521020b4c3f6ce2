/**
 * One measurement in a fresh process, as after a restart: open a data directory (load time,
 * memory), then time "the latest record of one incident and its tasks" through the KQL
 * engine for random incidents. Prints one JSON line: a Measurement.
 *
 *   node --expose-gc build/bench-emulator/bench/emulator/measure.js <dataDir> <runs>   (run.ts transpiles it there)
 */
import { executeQuery } from '../../src/emulator/kql';
import type { KqlCatalog } from '../../src/emulator/kql/types';
import { EMULATOR_WORKSPACE } from '../../src/emulator/startEmulator';
import { WorkspaceStore } from '../../src/emulator/store/workspaceStore';
import { random } from './workload';

export interface Measurement {
  records: number;
  incidents: number;
  journalBytes: number;
  loadMs: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** After the queries and a GC. */
  rssMiB: number;
  /** The most the process ever held (loading included). */
  peakRssMiB: number;
  heapUsedMiB: number;
  /** One full-table hash join: the first and the last record of every incident (ms). */
  joinMs: number;
  joinRows: number;
}

/** What analysts run against the whole table: a join of two summarized views of it. */
export const JOIN_QUERY = [
  'let First = SecurityIncident | summarize arg_min(TimeGenerated, *) by IncidentNumber | project IncidentNumber, FirstSeen = TimeGenerated;',
  'let Last = SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber | project IncidentNumber, LastSeen = TimeGenerated, Status;',
  'First | join kind=inner Last on IncidentNumber | summarize Incidents = count(), Open = countif(Status != "Closed")',
].join('\n');

const MiB = 1024 * 1024;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) collect();
}

function main(): void {
  const [dataDir, runsArg] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: measure.ts <dataDir> <runs>');
  const runs = Number(runsArg ?? 3000);
  const started = process.hrtime.bigint();
  const store = new WorkspaceStore({ dataDir, workspace: EMULATOR_WORKSPACE });
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  try {
    const numbers = store.incidents().map((i) => i.incidentNumber);
    const catalog: KqlCatalog = { getTable: (name) => (name === 'SecurityIncident' ? store.auditTable : undefined) };
    const now = new Date();
    const timespan = { fromMs: 0, toMs: now.getTime() };
    const rnd = random(7);
    const latest = (n: number): string =>
      `SecurityIncident\n| where IncidentNumber == ${n}\n| summarize arg_max(TimeGenerated, *) by IncidentNumber`;
    const once = (): number => {
      const n = numbers[Math.floor(rnd() * numbers.length)]!;
      const t0 = process.hrtime.bigint();
      const result = executeQuery(latest(n), catalog, { now, timespan });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const table = result.tables[0]!;
      const tasks = table.rows[0]?.[table.columns.findIndex((c) => c.name === 'Tasks')];
      if (table.rows.length !== 1 || typeof tasks !== 'string' || !Array.isArray(JSON.parse(tasks))) throw new Error(`unexpected answer for incident ${n}`);
      return ms;
    };
    for (let i = 0; i < Math.min(200, runs); i++) once(); // warm-up: JIT and page cache
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(once());
    times.sort((a, b) => a - b);
    const j0 = process.hrtime.bigint();
    const joined = executeQuery(JOIN_QUERY, catalog, { now, timespan }).tables[0]!;
    const joinMs = Number(process.hrtime.bigint() - j0) / 1e6;
    const joinRows = Number(joined.rows[0]?.[0]);
    if (joinRows !== numbers.length) throw new Error(`the join answered ${joinRows} incidents, expected ${numbers.length}`);
    gc();
    const mem = process.memoryUsage();
    const m: Measurement = {
      records: store.auditTable.size,
      incidents: numbers.length,
      journalBytes: store.journalBytes,
      loadMs,
      queries: runs,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      maxMs: times[times.length - 1]!,
      rssMiB: mem.rss / MiB,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      heapUsedMiB: mem.heapUsed / MiB,
      joinMs,
      joinRows,
    };
    process.stdout.write(`${JSON.stringify(m)}\n`);
  } finally {
    store.close();
  }
}

main();
