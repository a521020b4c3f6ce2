/**
 * Every corpus query with an expected answer runs over HTTP against the emulator seeded with
 * the demo workspace at the corpus's seed time, and answers exactly those rows (and columns,
 * where given); queries marked unsupported are refused as such, never answered.
 */
import { DEMO_SEED_TIME, KQL_CORPUS, type KqlCorpusEntry } from '../fixtures/kql/corpus';
import { startHarness, type Harness } from './helpers/emulatorHarness';

interface WireTable {
  columns: Array<{ name: string; type: string }>;
  rows: unknown[][];
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo', now: () => new Date(DEMO_SEED_TIME) });
});
afterAll(async () => h.stop());

/** Dynamic cells are JSON text: compared as values, so key order inside a bag does not matter. */
function comparable(table: WireTable, rows: unknown[][]): unknown[][] {
  return rows.map((r) => r.map((cell, i) => (table.columns[i]?.type === 'dynamic' && typeof cell === 'string' ? (JSON.parse(cell) as unknown) : cell)));
}

const answered = KQL_CORPUS.filter((e): e is KqlCorpusEntry & { rows: unknown[][] } => e.rows !== undefined);
const refused = KQL_CORPUS.filter((e) => e.unsupported === true);

describe('corpus queries answer what was worked out by hand', () => {
  it.each(answered.map((e) => [e.name, e] as const))('%s', async (_name, entry) => {
    const res = await h.query(entry.query, 'P30D');
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.data)}`);
    const table = (res.data as { tables: WireTable[] }).tables[0]!;
    if (entry.columns) expect(table.columns).toEqual(entry.columns);
    expect(comparable(table, table.rows)).toEqual(comparable(table, entry.rows));
  });
});

describe('corpus queries the emulator does not run', () => {
  it.each(refused.map((e) => [e.name, e] as const))('%s', async (_name, entry) => {
    const res = await h.query(entry.query, 'P30D');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain('ot supported by the emulator');
  });
});
