/**
 * The shared KQL corpus against the real emulator over HTTP, each query judged by
 * Kusto.Language: the emulator's result columns (names, types, order) are the ones Kusto's
 * binder computes for the query, or the emulator refuses the query as not supported.
 */
import { SECURITY_INCIDENT_COLUMNS, SECURITY_INCIDENT_TABLE } from '../../../src/emulator/audit/schema';
import { KustoOracle, type KustoAnalysis } from '../../../src/emulator/kusto/oracle';
import { DEMO_SEED_TIME, KQL_CORPUS } from '../../fixtures/kql/corpus';
import { startHarness, type Harness } from '../helpers/emulatorHarness';

let h: Harness;
const oracle = new KustoOracle([{ name: SECURITY_INCIDENT_TABLE, columns: SECURITY_INCIDENT_COLUMNS }]);
beforeAll(async () => {
  // The expected rows are worked out over the demo workspace seeded at this instant.
  h = await startHarness({ seed: 'demo', now: () => new Date(DEMO_SEED_TIME) });
});
afterAll(async () => {
  await h.stop();
  await oracle.close();
});

type Column = { name: string; type: string };

/** The binder's columns, with the emulator's type where the binder cannot know it (data-dependent). */
function expectSchemaOfKusto(actual: Column[], analysis: KustoAnalysis): void {
  const expected = analysis.columns ?? [];
  if (analysis.open) {
    // Columns from the data (bag_unpack): every column the binder knows, in its relative order and type.
    const knownNames = new Set(expected.map((c) => c.name));
    const got = actual.filter((c) => knownNames.has(c.name));
    expect(got.map((c) => c.name)).toEqual(expected.map((c) => c.name));
    expected.forEach((c, i) => {
      if (c.type !== 'unknown') expect(got[i]).toEqual(c);
    });
    return;
  }
  expect(actual.map((c) => c.name)).toEqual(expected.map((c) => c.name));
  expected.forEach((c, i) => {
    if (c.type !== 'unknown') expect(actual[i]).toEqual(c);
  });
}

describe('the KQL corpus', () => {
  it('has unique names and a query in each entry', () => {
    expect(new Set(KQL_CORPUS.map((e) => e.name)).size).toBe(KQL_CORPUS.length);
    for (const e of KQL_CORPUS) expect(e.query.trim()).not.toBe('');
  });

  it.each(KQL_CORPUS.map((e) => [e.name, e] as const))('%s', async (_name, entry) => {
    const analysis = await oracle.analyze(entry.query);
    expect(analysis.diagnostics.filter((d) => d.severity === 'Error')).toEqual([]);
    const res = await h.query(entry.query, 'P30D');
    if (entry.unsupported) {
      expect(res.status).toBe(400);
      expect(res.data.error.innererror.code).toBe('UnsupportedError');
      expect(res.data.error.innererror.innererror.message).toMatch(/^Not supported by the emulator: /);
      return;
    }
    expect(res.status).toBe(200);
    const table = res.data.tables[0] as { columns: Column[]; rows: unknown[][] };
    expectSchemaOfKusto(table.columns, analysis);
    if (entry.columns) expect(table.columns).toEqual(entry.columns);
    if (entry.rows) expect(table.rows).toEqual(entry.rows);
  });
});
