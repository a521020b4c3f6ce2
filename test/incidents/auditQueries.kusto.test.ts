/**
 * Every query the bot can send to Log Analytics, judged by Kusto.Language (Microsoft's KQL
 * parser and binder) against SecurityIncident in Log Analytics' column order: each must bind
 * with no diagnostic at all, for every builder and every kind of value it is given.
 */
import { KustoOracle } from '../../src/emulator/kusto/oracle';
import { SECURITY_INCIDENT_COLUMNS, SECURITY_INCIDENT_TABLE } from '../../src/emulator/audit/schema';
import { AuditViews } from '../../src/incidents/auditViews';
import type { AuditQueryApi, QueryTable } from '../../src/incidents/ports';

const oracle = new KustoOracle([{ name: SECURITY_INCIDENT_TABLE, columns: SECURITY_INCIDENT_COLUMNS }]);
afterAll(() => oracle.close());

/** Answers one plausible record so every builder gets past its "not found" check. */
class RecordingAuditLog implements AuditQueryApi {
  readonly queries: Array<{ kql: string; timespan: string }> = [];
  async query(kql: string, options: { timespan: string }): Promise<QueryTable> {
    this.queries.push({ kql, timespan: options.timespan });
    return { columns: [], rows: [{ IncidentNumber: 1, IncidentName: 'x', Title: 't', Status: 'Active', Severity: 'High', Tasks: [], TimeGenerated: '2026-01-01T00:00:00Z' }] };
  }
}

const NUMBERS = [1, 405211, 2_147_483_647];
const OBJECT_IDS = [
  '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b',
  "O'Brien",
  'say "hi"',
  'back\\slash\\',
  "'; SecurityIncident | take 1 //",
  'Ünïcødé ✓',
  '',
];
const LOOKBACKS = ['P90D', 'PT12H', '2026-01-01T00:00:00Z/P1D'];

type Builder = (views: AuditViews) => Array<Promise<unknown>>;

/** One entry per AuditViews method: a new query builder must be added here to pass. */
const BUILDERS: Record<string, Builder> = {
  getTasks: (v) => NUMBERS.map((n) => v.getTasks(n)),
  myIncidents: (v) => OBJECT_IDS.map((id) => v.myIncidents(id)),
  taskHistory: (v) => NUMBERS.map((n) => v.taskHistory(n)),
  looseEnds: (v) => [v.looseEnds()],
};

async function allBotQueries(): Promise<Array<{ builder: string; kql: string }>> {
  const out: Array<{ builder: string; kql: string }> = [];
  for (const [builder, run] of Object.entries(BUILDERS)) {
    for (const lookback of LOOKBACKS) {
      const log = new RecordingAuditLog();
      await Promise.allSettled(run(new AuditViews(log, lookback)));
      expect(log.queries.length).toBeGreaterThan(0);
      for (const q of log.queries) {
        expect(q.timespan).toBe(lookback);
        out.push({ builder, kql: q.kql });
      }
    }
  }
  return out;
}

describe("the bot's Log Analytics queries", () => {
  it('has a variant list for every query builder the bot has', () => {
    // Helpers that read Sentinel (ARM), not Log Analytics.
    const armOnly = new Set(['constructor', 'readLive', 'recentlyChanged']);
    const methods = Object.getOwnPropertyNames(AuditViews.prototype).filter((m) => !armOnly.has(m));
    expect(methods.sort()).toEqual(Object.keys(BUILDERS).sort());
  });

  it('bind in Kusto.Language with no error, warning or other diagnostic', async () => {
    const queries = await allBotQueries();
    expect(queries.length).toBeGreaterThan(10);
    const complaints: string[] = [];
    for (const { builder, kql } of queries) {
      const analysis = await oracle.analyze(kql);
      for (const d of analysis.diagnostics) complaints.push(`${builder}: ${d.code} ${d.severity} ${d.message}\n${kql}`);
      expect(analysis.kind).toBe('Query');
      expect(analysis.columns?.length).toBeGreaterThan(0);
    }
    expect(complaints).toEqual([]);
  });

  it('the old loose-ends spelling `Task.title` is one Kusto refuses (the test can fail)', async () => {
    const analysis = await oracle.analyze('SecurityIncident | mv-expand Task = Tasks | project TaskTitle = tostring(Task.title)');
    expect(analysis.diagnostics.map((d) => d.message).join('\n')).toContain("['title']");
  });
});
