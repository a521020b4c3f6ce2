/** The Kusto.Language worker: answers in order of asking, waits for loading, and stops cleanly. */
import { SECURITY_INCIDENT_COLUMNS, SECURITY_INCIDENT_TABLE } from '../../../src/emulator/audit/schema';
import { KustoOracle, KustoOracleClosedError } from '../../../src/emulator/kusto/oracle';

const tables = [{ name: SECURITY_INCIDENT_TABLE, columns: SECURITY_INCIDENT_COLUMNS }];

describe('KustoOracle', () => {
  const oracle = new KustoOracle(tables);
  afterAll(() => oracle.close());

  it('answers queries sent before it has loaded, each with its own result schema', async () => {
    const queries = Array.from({ length: 12 }, (_, i) => `SecurityIncident | project c${i} = IncidentNumber + ${i}`);
    const answers = await Promise.all(queries.map((q) => oracle.analyze(q)));
    answers.forEach((a, i) => expect(a.columns).toEqual([{ name: `c${i}`, type: 'long' }]));
  });

  it('binds a query text once: repeats, at once or later, share its verdict', async () => {
    const query = 'SecurityIncident | where IncidentNumber == 405211 | take 1';
    const before = oracle.bindings;
    const first = await Promise.all([oracle.analyze(query), oracle.analyze(query), oracle.analyze(query)]);
    const later = await oracle.analyze(query);
    expect(oracle.bindings - before).toBe(1);
    for (const a of [...first, later]) expect(a.columns?.map((c) => c.name)).toContain('IncidentNumber');
    await oracle.analyze(`${query} | project Title`);
    expect(oracle.bindings - before).toBe(2);
  });

  it("binds the table in Log Analytics' column order", async () => {
    const a = await oracle.analyze('SecurityIncident | take 1');
    expect(a).toMatchObject({ kind: 'Query', diagnostics: [], open: false });
    expect(a.columns?.map((c) => c.name)).toEqual(SECURITY_INCIDENT_COLUMNS.map((c) => c.name));
    expect(a.columns?.slice(0, 3)).toEqual([
      { name: 'TenantId', type: 'string' },
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'IncidentName', type: 'string' },
    ]);
  });

  it('tells syntax errors from semantic ones and marks data-dependent results open', async () => {
    const syntax = await oracle.analyze('SecurityIncident | where');
    expect(syntax.diagnostics[0]).toMatchObject({ severity: 'Error', syntax: true });
    const semantic = await oracle.analyze('SecurityIncident | where Nope == 1');
    expect(semantic.diagnostics).toEqual([expect.objectContaining({ code: 'KS142', syntax: false, start: 25, length: 4 })]);
    const open = await oracle.analyze('SecurityIncident | evaluate bag_unpack(Owner)');
    expect(open.open).toBe(true);
  });

  it('survives hostile input: very deep nesting is a diagnostic, not a crash', async () => {
    const deep = await oracle.analyze(`print x = ${'1 + '.repeat(8000)}1`);
    expect(deep.diagnostics.map((d) => d.code)).toContain('KS245');
    expect((await oracle.analyze('print 1')).columns).toEqual([{ name: 'print_0', type: 'long' }]);
  });

  it('closed while loading, its pending query fails as closed; it loads again on the next query', async () => {
    const other = new KustoOracle(tables);
    const pending = other.analyze('print 1');
    await other.close();
    await expect(pending).rejects.toBeInstanceOf(KustoOracleClosedError);
    expect((await other.analyze('print 2')).columns).toEqual([{ name: 'print_0', type: 'long' }]);
    await other.close();
  });
});
