/** The engine's answer held to the binder's result schema. */
import { conformToKusto } from '../../../src/emulator/kusto/resultSchema';
import type { KustoAnalysis } from '../../../src/emulator/kusto/oracle';
import type { ResultTable } from '../../../src/emulator/kql/types';

const analysis = (columns: Array<[string, string]>, open = false): KustoAnalysis => ({
  kind: 'Query',
  diagnostics: [],
  open,
  columns: columns.map(([name, type]) => ({ name, type })),
});
const table = (columns: Array<[string, string]>, rows: unknown[][]): ResultTable => ({
  name: 'PrimaryResult',
  columns: columns.map(([name, type]) => ({ name, type: type as never })),
  rows,
});

describe('conformToKusto', () => {
  it("puts the columns in the binder's order, rows with them", () => {
    const out = conformToKusto(table([['b', 'string'], ['a', 'long']], [['x', 1]]), analysis([['a', 'long'], ['b', 'string']]));
    expect(out).toEqual({ ok: true, table: table([['a', 'long'], ['b', 'string']], [[1, 'x']]) });
  });

  it("gives int the binder's long (the same on the wire) and keeps the engine's type where the binder has none", () => {
    const out = conformToKusto(table([['n', 'int'], ['t', 'string']], [[1, 'a']]), analysis([['n', 'long'], ['t', 'unknown']]));
    expect(out).toEqual({ ok: true, table: table([['n', 'long'], ['t', 'string']], [[1, 'a']]) });
  });

  it('casts a column typed from data to the type the binder knows', () => {
    const out = conformToKusto(
      table([['when', 'string'], ['n', 'dynamic']], [['2026-11-20T09:00:00Z', '5'], [null, 'null']]),
      analysis([['when', 'datetime'], ['n', 'long']]),
    );
    expect(out).toEqual({ ok: true, table: table([['when', 'datetime'], ['n', 'long']], [['2026-11-20T09:00:00Z', 5], [null, null]]) });
  });

  it('refuses, naming the column, when the engine lacks a column, adds one, or types one otherwise', () => {
    expect(conformToKusto(table([['a', 'long']], []), analysis([['a', 'long'], ['b', 'string']]))).toMatchObject({ ok: false, detail: expect.stringContaining("'b'") });
    expect(conformToKusto(table([['a', 'long'], ['z', 'long']], []), analysis([['a', 'long']]))).toMatchObject({ ok: false, detail: expect.stringContaining("'z'") });
    expect(conformToKusto(table([['a', 'datetime']], []), analysis([['a', 'long']]))).toMatchObject({ ok: false, detail: expect.stringContaining('long') });
  });

  it('keeps data-dependent columns of an open result in the engine order', () => {
    const out = conformToKusto(table([['Id', 'int'], ['k', 'string'], ['n', 'long']], [[1, 'a', 2]]), analysis([['Id', 'int']], true));
    expect(out).toEqual({ ok: true, table: table([['Id', 'int'], ['k', 'string'], ['n', 'long']], [[1, 'a', 2]]) });
  });
});
