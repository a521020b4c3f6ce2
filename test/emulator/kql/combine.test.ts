/** join, lookup and union over the Sample table (Id 1..4) and the incident history. */
import { catalogOf, sampleTable, securityIncidentTable } from './fixtures';
import { errorOf, records, run } from './run';

const names = (q: string): string[] => run(q).columns.map((c) => c.name);

describe('join', () => {
  const byKey = 'Sample | project Id, K = tostring(Bag.k) | join KIND (Sample | project K2 = tostring(Bag.k), Name) on $left.K == $right.K2';

  it('kind=inner pairs every matching row; empty strings match each other', () => {
    const t = run(`${byKey.replace('KIND', 'kind=inner')} | order by Id asc, Name asc`);
    expect(t.columns.map((c) => c.name)).toEqual(['Id', 'K', 'K2', 'Name']);
    expect(t.rows.map((r) => [r[0], r[3]])).toEqual([[1, ''], [1, 'Alpha'], [2, 'beta'], [3, 'Gamma ray'], [4, ''], [4, 'Alpha']]);
  });

  it('without a kind (innerunique) keeps only the first left row of each key', () => {
    const t = run(`${byKey.replace('KIND', '')} | order by Id asc, Name asc`);
    expect(t.rows.map((r) => [r[0], r[3]])).toEqual([[1, ''], [1, 'Alpha'], [2, 'beta'], [3, 'Gamma ray']]);
  });

  it('kind=leftouter keeps unmatched left rows; a null key matches nothing', () => {
    const t = run('Sample | project Id, B = Big | join kind=leftouter (Sample | project B = Big, Name) on B | order by Id asc');
    expect(t.columns).toEqual([
      { name: 'Id', type: 'int' },
      { name: 'B', type: 'long' },
      { name: 'B1', type: 'long' },
      { name: 'Name', type: 'string' },
    ]);
    expect(t.rows).toEqual([[1, 10, 10, 'Alpha'], [2, 20, 20, 'beta'], [3, null, null, ''], [4, 40, 40, '']]);
  });

  it('kind=fullouter and rightouter add the unmatched right rows', () => {
    const q = 'Sample | where Id <= 2 | project Id | join kind=KIND (Sample | where Id >= 2 | project Id, Name) on Id';
    expect(run(q.replace('KIND', 'fullouter')).rows).toEqual([[1, null, ''], [2, 2, 'beta'], [null, 3, 'Gamma ray'], [null, 4, '']]);
    expect(run(q.replace('KIND', 'rightouter')).rows).toEqual([[2, 2, 'beta'], [null, 3, 'Gamma ray'], [null, 4, '']]);
  });

  it('semi and anti joins return one side only', () => {
    const q = 'Sample | where Id <= 2 | project Id, Name | join kind=KIND (Sample | where Id >= 2 | project Id, Big) on Id';
    expect(run(q.replace('KIND', 'leftsemi')).rows).toEqual([[2, 'beta']]);
    expect(run(q.replace('KIND', 'leftanti')).rows).toEqual([[1, 'Alpha']]);
    expect(run(q.replace('KIND', 'rightsemi')).rows).toEqual([[2, 20]]);
    const anti = run(q.replace('KIND', 'rightanti'));
    expect(anti.columns.map((c) => c.name)).toEqual(['Id', 'Big']);
    expect(anti.rows).toEqual([[3, null], [4, 40]]);
  });

  it('names clashing right columns with the smallest free suffix', () => {
    expect(names('Sample | project Id, Name | join kind=inner (Sample | project Id, Name, Name1 = 1) on Id')).toEqual(['Id', 'Name', 'Id1', 'Name2', 'Name1']);
  });

  it('joins on several keys, with on a, b and $left/$right mixed', () => {
    const t = run('Sample | project Id, K = tostring(Bag.k) | join kind=inner (Sample | project Id, Key = tostring(Bag.k), Name) on Id, $left.K == $right.Key');
    expect(t.rows.map((r) => r[0])).toEqual([1, 2, 3, 4]);
  });

  it('accepts hints, which change nothing', () => {
    expect(run('Sample | join hint.strategy=broadcast kind=inner (Sample | project Id) on Id | count').rows).toEqual([[4]]);
  });

  it('refuses keys of different types and keys missing on a side', () => {
    expect(errorOf('Sample | join (Sample | project Id = tostring(Id)) on Id').message).toBe('Inconsistent data types for join keys: (int, string)');
    expect(errorOf('Sample | join (Sample | project Name) on Id').message).toMatch(/'Id' must exist on both sides of the join/);
    expect(errorOf('Sample | join (Sample) on $left.Id == $left.Id').message).toMatch(/compares a \$left column with a \$right column/);
    expect(errorOf('Sample | join kind=sideways (Sample) on Id').kind).toBe('SyntaxError');
  });

  it('reads each side once however many rows match (hash join)', () => {
    const left = securityIncidentTable();
    const right = sampleTable();
    const catalog = catalogOf(left, right);
    const t = run('SecurityIncident | project IncidentNumber | join kind=inner (SecurityIncident | project IncidentNumber) on IncidentNumber | count', catalog);
    const perIncident = records(run('SecurityIncident | summarize n = count() by IncidentNumber', catalog)).map((r) => Number(r.n));
    expect(t.rows[0][0]).toBe(perIncident.reduce((a, n) => a + n * n, 0));
    // One scan per side for the join, one for the check above.
    expect(left.hints).toHaveLength(3);
  });
});

describe('lookup', () => {
  it('appends the right columns once, without repeating the key; clashes get a suffix', () => {
    const t = run('Sample | project Id, Name | lookup (Sample | where Id != 2 | project Id, Name, Big) on Id');
    expect(t.columns.map((c) => c.name)).toEqual(['Id', 'Name', 'Name1', 'Big']);
    expect(t.rows).toEqual([[1, 'Alpha', 'Alpha', 10], [2, 'beta', '', null], [3, 'Gamma ray', 'Gamma ray', null], [4, '', '', 40]]);
  });

  it('kind=inner drops unmatched rows; $left/$right drops the right key', () => {
    const t = run('Sample | project Id | lookup kind=inner (Sample | where Id > 2 | project N = Id, Score) on $left.Id == $right.N');
    expect(t.columns.map((c) => c.name)).toEqual(['Id', 'Score']);
    expect(t.rows).toEqual([[3, 3.25], [4, -2]]);
  });

  it('refuses other kinds', () => {
    expect(errorOf('Sample | lookup kind=fullouter (Sample) on Id').kind).toBe('SyntaxError');
  });
});

describe('union', () => {
  it('outer (the default) unions columns by name, one per type, in order of appearance', () => {
    const t = run('union (Sample | where Id == 1 | project Id, V = Name), (Sample | where Id == 2 | project V = Big, Id, Extra = true)');
    expect(t.columns).toEqual([
      { name: 'Id', type: 'int' },
      { name: 'V_string', type: 'string' },
      { name: 'V_long', type: 'long' },
      { name: 'Extra', type: 'bool' },
    ]);
    expect(t.rows).toEqual([[1, 'Alpha', null, null], [2, '', 20, true]]);
  });

  it('kind=inner keeps the columns every input has', () => {
    const t = run('union kind=inner (Sample | project Id, Name), (Sample | project Score, Id)');
    expect(t.columns.map((c) => c.name)).toEqual(['Id']);
    expect(t.rows).toHaveLength(8);
  });

  it('withsource names the table, the let or the argument position', () => {
    const t = run('let Two = Sample | take 2; union withsource=Src Sample, Two, (Sample | take 1) | summarize n = count() by Src');
    expect(t.rows).toEqual([['Sample', 4], ['Two', 2], ['union_arg2', 1]]);
  });

  it('works as an operator after a pipeline', () => {
    expect(run('Sample | where Id == 1 | union (Sample | where Id == 2) | project Id').rows).toEqual([[1], [2]]);
  });

  it('hands a following where to each table, and still filters', () => {
    const table = securityIncidentTable();
    const t = run('union SecurityIncident, (SecurityIncident) | where IncidentNumber == 405211 | count', catalogOf(table));
    const single = run('SecurityIncident | where IncidentNumber == 405211 | count', catalogOf(securityIncidentTable()));
    expect(t.rows[0][0]).toBe(2 * Number(single.rows[0][0]));
    expect(table.hints.every((h) => h.equals?.[0]?.values[0] === 405211)).toBe(true);
  });

  it('refuses wildcards and isfuzzy', () => {
    expect(errorOf('union Sam*').kind).toBe('UnsupportedError');
    expect(errorOf('union isfuzzy=true Sample, Nope').kind).toBe('UnsupportedError');
  });
});

describe('datatable', () => {
  it('is a table of constants, typed by its declaration', () => {
    const t = run('datatable(Name:string, Rank:int, At:datetime, Extra:dynamic) ["a", 1, datetime(2026-11-20), dynamic({"x":1}), "b", 2, datetime(null), dynamic(null),]');
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Rank:int', 'At:datetime', 'Extra:dynamic']);
    expect(t.rows).toEqual([['a', 1, '2026-11-20T00:00:00Z', '{"x":1}'], ['b', 2, null, null]]);
  });

  it('serves as the right side of a lookup, in a let or inline', () => {
    const q = "let Rank = datatable(Name:string, Rank:long) ['Alpha', 1, 'beta', 2]; Sample | project Id, Name | lookup kind=inner Rank on Name";
    expect(run(q).rows).toEqual([[1, 'Alpha', 1], [2, 'beta', 2]]);
    expect(run("Sample | project Id, Name | lookup kind=inner datatable(Name:string, R:long) ['beta', 7] on Name").rows).toEqual([[2, 'beta', 7]]);
  });

  it('refuses values that do not fill the rows or do not fit the column', () => {
    expect(errorOf('datatable(a:long, b:long) [1, 2, 3]').message).toMatch(/do not fill rows/);
    expect(errorOf('datatable(a:long) ["x"]').message).toMatch(/string value in the long column 'a'/);
  });
});

describe('tabular expressions as sources', () => {
  it.each([
    ['(Sample | where Id > 2) | count', 2],
    ['let V = view () { Sample | where Id < 3 }; V() | count', 2],
    ['let V = () { Sample | where Id < 3 }; V | count', 2],
    ['let M = materialize(Sample | take 2); M | join kind=inner (M) on Id | count', 2],
    ['let T = (Sample | where Id == 4); T | count', 1],
  ])('%s', (q, n) => {
    expect(run(q).rows).toEqual([[n]]);
  });

});

describe('functions defined with let', () => {
  it.each([
    ['let f = (x:int) { Sample | where Id == x }; f(1) | project Name', [['Alpha']]],
    ["let f = (minId:long, suffix:string = '!') { Sample | where Id >= minId | project Label = strcat(Name, suffix) }; f(4)", [['!']]],
    ["let f = (minId:long, suffix:string = '!') { Sample | where Id >= minId | project Label = strcat(Name, suffix) }; f(3, '?')", [['Gamma ray?'], ['?']]],
    ['let twice = (n:long) { n * 2 }; Sample | where Id <= 2 | project d = twice(Id)', [[2], [4]]],
    ["let label = (s:string, n:long = 1) { strcat(s, '#', n) }; Sample | where Id == 2 | project label(Name), label(Name, Id)", [['beta#1', 'beta#2']]],
    ['let f = (x:int) { Sample | where Id == x }; Sample | project Id | join kind=inner (f(2)) on Id | project Name', [['beta']]],
  ])('%s', (q, rows) => {
    expect(run(q).rows).toEqual(rows);
  });

  it('pushes a constant argument down to the table', () => {
    const table = securityIncidentTable();
    run('let one = (n:int) { SecurityIncident | where IncidentNumber == n }; one(405211) | count', catalogOf(table));
    expect(table.hints[0].equals).toEqual([{ column: 'IncidentNumber', values: [405211] }]);
  });

  it('refuses wrong calls, recursion and tabular parameters', () => {
    expect(errorOf('let f = (x:int) { Sample | where Id == x }; f()').message).toMatch(/expects 1 argument/);
    expect(errorOf("let f = (x:int) { Sample | where Id == x }; f('a')").kind).toBe('SemanticError');
    expect(errorOf('let f = (x:long) { f(x) }; print f(1)').message).toMatch(/calls itself/);
    expect(errorOf('let f = (x:long) { x + 1 }; f(1)').message).toMatch(/scalar function/);
    expect(errorOf('let f = (T:(*)) { T | count }; f(Sample)').kind).toBe('UnsupportedError');
  });
});
