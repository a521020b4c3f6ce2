/** Wire form of result cells and column types, as the query API returns them. */
import { KqlError } from '../../../src/emulator/kql';
import { MemoryTable, catalogOf } from './fixtures';
import { errorOf, records, run } from './run';

describe('wire form', () => {
  it('formats each type', () => {
    const t = run(`print i = int(7), l = 7, r = 2.5, s = "x", b = false, d = datetime(2026-11-20T09:15:00Z), f = datetime(2026-11-20T09:15:00.123Z),
      ts = 90m, dy = dynamic({"a": [1, "two"]}), ds = dynamic("text"), n = long(null), nan = 0.0 / 0.0, inf = 1.0 / 0.0`);
    expect(t.columns.map((c) => c.type)).toEqual(['int', 'long', 'real', 'string', 'bool', 'datetime', 'datetime', 'timespan', 'dynamic', 'dynamic', 'long', 'real', 'real']);
    expect(t.rows[0]).toEqual([7, 7, 2.5, 'x', false, '2026-11-20T09:15:00Z', '2026-11-20T09:15:00.123Z', '01:30:00', '{"a":[1,"two"]}', '"text"', null, 'NaN', 'Infinity']);
  });

  it('keeps the table column types, including int', () => {
    const t = run('SecurityIncident | take 1');
    const types = Object.fromEntries(t.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ IncidentNumber: 'int', _BilledSize: 'real', TimeGenerated: 'datetime', Owner: 'dynamic', Title: 'string' });
    expect(records(t)[0]).toMatchObject({ IncidentNumber: 405300, _BilledSize: 2048.5, ClosedTime: null, Classification: '', TimeGenerated: '2026-11-19T08:00:00Z' });
  });

  it('reads storage rows leniently: missing strings are empty, other datetime forms parse', () => {
    const table = new MemoryTable(
      'T',
      [
        { name: 'S', type: 'string' },
        { name: 'D', type: 'datetime' },
        { name: 'G', type: 'guid' },
        { name: 'X', type: 'dynamic' },
      ],
      [{ S: null, D: '2026-11-20T09:15:00.1234567Z' }, { S: 'a', D: '2026-11-20 09:15', G: 'c0ffee00-0000-4000-8000-000000000000', X: false }],
    );
    const t = run('T', catalogOf(table));
    expect(t.rows).toEqual([
      ['', '2026-11-20T09:15:00.123Z', null, null],
      ['a', '2026-11-20T09:15:00Z', 'c0ffee00-0000-4000-8000-000000000000', 'false'],
    ]);
  });

  it('KqlError is an Error with kind, code and message', () => {
    const e = errorOf('Nope');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(KqlError);
    expect({ kind: e.kind, code: e.code, message: e.message }).toEqual({
      kind: 'SemanticError',
      code: 'SEM0100',
      message: "Failed to resolve table or column expression named 'Nope'",
    });
  });

  it('dynamic paths over the incident table', () => {
    const t = run(`SecurityIncident | where IncidentNumber == 405211 | summarize arg_max(TimeGenerated, *) by IncidentNumber
      | project First = Tasks[0].title, Second = Tasks[1]['title'], Missing = Tasks[5].title, Upn = Owner['userPrincipalName'], Label = Labels[0].labelName, Kind = tostring(Owner.ownerType)`);
    expect(records(t)).toEqual([{ First: '"Reset the user\'s password"', Second: '"Review sign-in logs"', Missing: null, Upn: '"alice@contoso.com"', Label: '"Demo"', Kind: 'User' }]);
  });
});
