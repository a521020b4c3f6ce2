/**
 * The engine's shortcuts must never change an answer: the "latest rows per key" hint and
 * converting only the columns a query can observe. Each query runs with and without them.
 */
import { runStatements } from '../../../src/emulator/kql/evaluator';
import { parseQuery } from '../../../src/emulator/kql/parseQuery';
import type { KqlCatalog, QueryOptions } from '../../../src/emulator/kql/types';
import { toResultTable } from '../../../src/emulator/kql/wire';
import { catalogOf, NOW, sampleTable, securityIncidentTable } from './fixtures';
import { run } from './run';
import { ARTICLE_LOOSE_ENDS_QUERY } from './articleQueries';

const LOOSE_ENDS = ARTICLE_LOOSE_ENDS_QUERY;

const MY_INCIDENTS = `SecurityIncident
| summarize arg_max(TimeGenerated, *) by IncidentNumber
| where Status in ('New', 'Active') and tostring(Owner.objectId) =~ "3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b"
| sort by CreatedTime desc
| project IncidentNumber, Title, Severity, Status, CreatedTime`;

const QUERIES = [
  LOOSE_ENDS,
  MY_INCIDENTS,
  'SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber',
  'SecurityIncident | where IncidentNumber in (405211, 405300) | summarize arg_max(TimeGenerated, Status, Tasks) by IncidentNumber',
  'SecurityIncident | where Status == "Active" | summarize arg_max(TimeGenerated, *) by IncidentNumber',
  'SecurityIncident | summarize arg_max(LastModifiedTime, Title) by Severity',
  'SecurityIncident | summarize arg_max(TimeGenerated, *), count() by IncidentNumber',
  'SecurityIncident | summarize arg_min(TimeGenerated, *) by IncidentNumber',
  'SecurityIncident | count',
  'SecurityIncident | project Title | take 3',
  'SecurityIncident | extend t = column_ifexists("Title", "") | project t',
  'SecurityIncident | project-away Tasks | summarize any(Title) by IncidentNumber',
  'SecurityIncident | project-rename Who = ModifiedBy | summarize dcount(Who)',
  'SecurityIncident | where array_length(Tasks) > 0 | mv-expand Tasks | evaluate bag_unpack(Tasks) : (title:string) | distinct title',
  'SecurityIncident | evaluate bag_unpack(Owner) | distinct userPrincipalName',
  'SecurityIncident | top 2 by TimeGenerated asc | project IncidentNumber, TimeGenerated',
  'SecurityIncident | distinct * | count',
  'let T = SecurityIncident | where IncidentNumber == 405211; T | summarize arg_max(TimeGenerated, *) by IncidentNumber | project Title',
  'Sample | summarize arg_max(When, *) by Flag',
  'Sample | where Id > 1 | project-away Bag',
];

/** Operators with a second input or a subquery: each side prunes and pushes down on its own. */
const COMBINING = [
  'SecurityIncident | where IncidentNumber == 405211 | project IncidentNumber, Title | join kind=inner (SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber) on IncidentNumber | project Title, Status, Tasks',
  'SecurityIncident | join kind=leftouter (SecurityIncident | where Status == "Closed" | project IncidentNumber, Closed = TimeGenerated) on IncidentNumber | project IncidentNumber, Closed',
  'SecurityIncident | lookup (SecurityIncident | summarize n = count() by IncidentNumber) on IncidentNumber | project Title, n',
  'union SecurityIncident, (Sample | project Title = Name) | where IncidentNumber == 405211 or Title == "Alpha" | project Title',
  'union withsource=T SecurityIncident, SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber | project T, Title',
  'SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber | mv-apply Task = Tasks on (where tostring(Task.status) == "New" | project Open = tostring(Task.title)) | project IncidentNumber, Open',
  'SecurityIncident | mv-apply Tasks on (take 1) | project Tasks',
  'SecurityIncident | mv-apply Tasks on (distinct *) | count',
  'SecurityIncident | parse Title with First " " * | project First',
  'SecurityIncident | project-reorder Title, Status | take 2',
  'SecurityIncident | where * has "password" | project IncidentNumber, TimeGenerated',
  'SecurityIncident | where not(* contains "t-0003") | project IncidentNumber, TimeGenerated',
];
QUERIES.push(...COMBINING);

it.each(COMBINING)('runs: %s', (query) => {
  expect(run(query).rows.length).toBeGreaterThan(0);
});

/**
 * Columns exactly, rows as a multiset: Kusto does not order summarize's groups, and the
 * first-seen order of groups depends on which rows the table handed over.
 */
function evaluate(query: string, catalog: KqlCatalog, options: QueryOptions, pruneColumns: boolean): unknown {
  const rs = runStatements(parseQuery(query), catalog, options, { pruneColumns });
  const table = toResultTable('PrimaryResult', rs.columns, rs.rows);
  return { columns: table.columns, rows: table.rows.map((r) => JSON.stringify(r)).sort() };
}

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

const windows: Array<[string, QueryOptions]> = [
  ['no timespan', { now: NOW }],
  ['a window without the first and last records', { now: NOW, timespan: { fromMs: Date.parse('2026-11-19T08:15:00Z'), toMs: Date.parse('2026-11-20T12:30:00Z') } }],
  // No closed incident in this window: bag_unpack finds no bags, so the loose-ends query fails either way.
  ['a window that ends mid-history', { now: NOW, timespan: { fromMs: Date.parse('2026-11-19T08:15:00Z'), toMs: Date.parse('2026-11-20T09:50:00Z') } }],
];

describe.each(windows)('shortcuts change no answer (%s)', (_label, options) => {
  it.each(QUERIES)('%s', (query) => {
    const plain = outcome(() => evaluate(query, catalogOf(securityIncidentTable({ honourHints: false }), sampleTable()), options, false));
    const fast = outcome(() => evaluate(query, catalogOf(securityIncidentTable(), sampleTable()), options, true));
    expect(fast).toEqual(plain);
  });
});

describe('latest rows per key', () => {
  it.each([LOOSE_ENDS, MY_INCIDENTS, 'SecurityIncident | where IncidentNumber in (405211, 405300) | summarize arg_max(TimeGenerated, Status) by IncidentNumber'])(
    'is asked for, and reads one row per incident: %s',
    (query) => {
      const table = securityIncidentTable();
      run(query, catalogOf(table));
      expect(table.hints[0].latestBy).toEqual({ keyColumn: 'IncidentNumber', orderColumn: 'TimeGenerated' });
      expect(table.rowsRead).toBeLessThanOrEqual(4);
    },
  );

  it.each([
    'SecurityIncident | where Status == "Active" | summarize arg_max(TimeGenerated, *) by IncidentNumber',
    'SecurityIncident | where IncidentNumber == 405211 and Status == "Active" | summarize arg_max(TimeGenerated, *) by IncidentNumber',
    'SecurityIncident | summarize arg_max(TimeGenerated, *), count() by IncidentNumber',
    'SecurityIncident | summarize arg_min(TimeGenerated, *) by IncidentNumber',
    'SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber, Status',
    'SecurityIncident | summarize arg_max(TimeGenerated + 1d, *) by IncidentNumber',
    'SecurityIncident | summarize arg_max(TimeGenerated, *) by tostring(IncidentNumber)',
    'SecurityIncident | extend IncidentNumber = 1 | summarize arg_max(TimeGenerated, *) by IncidentNumber',
    'SecurityIncident | summarize arg_max(LastModifiedTime, *) by IncidentNumber',
    'SecurityIncident | summarize arg_max(TimeGenerated, *) by Severity',
  ])('is not asked for when it could change the answer: %s', (query) => {
    const table = securityIncidentTable();
    run(query, catalogOf(table));
    expect(table.hints[0].latestBy).toBeUndefined();
  });
});
