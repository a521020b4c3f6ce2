/**
 * Pushdown of `where IndexedCol == N` / `in (...)` to the table, and the request timespan:
 * both are passed as hints, and results must be right even when a table ignores them.
 */
import { executeQuery } from '../../../src/emulator/kql';
import { catalogOf, defaultOptions, NOW, securityIncidentTable } from './fixtures';
import { column, run } from './run';

const LATEST = `SecurityIncident | where IncidentNumber == 405211 | summarize arg_max(TimeGenerated, *) by IncidentNumber`;

describe('pushdown', () => {
  it('reads only the rows of the incident asked for', () => {
    const table = securityIncidentTable();
    const t = run(LATEST, catalogOf(table));
    expect(table.hints).toEqual([{ equals: [{ column: 'IncidentNumber', values: [405211] }], latestBy: { keyColumn: 'IncidentNumber', orderColumn: 'TimeGenerated' } }]);
    expect(table.rowsRead).toBe(1);
    expect(column(t, 'TimeGenerated')).toEqual(['2026-11-20T10:15:00Z']);
  });

  it('gives the same answer when the table ignores hints', () => {
    const ignoring = securityIncidentTable({ honourHints: false });
    const honouring = securityIncidentTable();
    const a = run(LATEST, catalogOf(ignoring));
    const b = run(LATEST, catalogOf(honouring));
    expect(a).toEqual(b);
    expect(ignoring.rowsRead).toBe(11);
  });

  it.each([
    ['SecurityIncident | where IncidentNumber in (405211, 405300) and Status == "Closed"', [{ column: 'IncidentNumber', values: [405211, 405300] }]],
    ['SecurityIncident | where 405300 == IncidentNumber', [{ column: 'IncidentNumber', values: [405300] }]],
    ['SecurityIncident | where Status == "Closed" | where IncidentNumber == 405300', [{ column: 'IncidentNumber', values: [405300] }]],
    ['let n = 405300; SecurityIncident | where IncidentNumber == n', [{ column: 'IncidentNumber', values: [405300] }]],
    ['declare query_parameters(n:int = 405300); SecurityIncident | where IncidentNumber == n', [{ column: 'IncidentNumber', values: [405300] }]],
    ['let T = SecurityIncident; T | where IncidentNumber == 405300', [{ column: 'IncidentNumber', values: [405300] }]],
    ['let T = SecurityIncident | where Status != "New"; T | where IncidentNumber == 405300 | take 1', [{ column: 'IncidentNumber', values: [405300] }]],
  ])('pushes %s', (query, equals) => {
    const table = securityIncidentTable();
    const t = run(query, catalogOf(table));
    expect(table.hints[0].equals).toEqual(equals);
    expect(new Set(column(t, 'IncidentNumber')).size).toBeGreaterThan(0);
  });

  it.each([
    'SecurityIncident | where IncidentNumber == 405211 or Status == "New"',
    'SecurityIncident | where IncidentNumber != 405211',
    'SecurityIncident | where IncidentNumber in~ (405211)',
    'SecurityIncident | where Status == "Active"',
    'SecurityIncident | take 3 | where IncidentNumber == 405211',
    'SecurityIncident | extend IncidentNumber = IncidentNumber + 1 | where IncidentNumber == 405212',
    'let T = SecurityIncident | take 5; T | where IncidentNumber == 405211',
  ])('does not push %s', (query) => {
    const table = securityIncidentTable();
    const expected = run(query, catalogOf(securityIncidentTable({ honourHints: false })));
    expect(run(query, catalogOf(table))).toEqual(expected);
    expect(table.hints[0].equals).toBeUndefined();
  });

  it('streams: take stops reading the table early', () => {
    const table = securityIncidentTable();
    run('SecurityIncident | where Status == "Active" | take 1', catalogOf(table));
    expect(table.rowsRead).toBe(2);
  });

  it('does not read the table when the query has a semantic error', () => {
    const table = securityIncidentTable();
    expect(() => executeQuery('SecurityIncident | where IncidentNumber > "405211"', catalogOf(table), defaultOptions)).toThrow(/Cannot compare/);
    expect(table.rowsRead).toBe(0);
  });

  it('hands down `IncidentNumber == "405211"` as the number it compares with', () => {
    const table = securityIncidentTable();
    run('SecurityIncident | where IncidentNumber == "405211"', catalogOf(table));
    expect(table.hints[0].equals).toEqual([{ column: 'IncidentNumber', values: [405211] }]);
  });
});

describe('timespan bounding', () => {
  const window = { fromMs: Date.parse('2026-11-20T09:30:00Z'), toMs: Date.parse('2026-11-20T10:00:00Z') };

  it.each([true, false])('passes the range as a hint and filters by TimeGenerated itself (honourHints=%s)', (honourHints) => {
    const table = securityIncidentTable({ honourHints });
    const t = run('SecurityIncident | project TimeGenerated', catalogOf(table), { now: NOW, timespan: window });
    expect(table.hints).toEqual([{ timeRange: window }]);
    expect(column(t, 'TimeGenerated')).toEqual(['2026-11-20T09:30:00.250Z', '2026-11-20T09:45:00Z', '2026-11-20T10:00:00Z']);
  });

  it('combines with the pushed-down incident number', () => {
    const table = securityIncidentTable();
    const t = run('SecurityIncident | where IncidentNumber == 405300 | count', catalogOf(table), { now: NOW, timespan: { fromMs: Date.parse('2026-11-20T00:00:00Z'), toMs: NOW.getTime() } });
    expect(table.hints).toEqual([{ equals: [{ column: 'IncidentNumber', values: [405300] }], timeRange: { fromMs: Date.parse('2026-11-20T00:00:00Z'), toMs: NOW.getTime() } }]);
    expect(t.rows).toEqual([[1]]);
  });
});
