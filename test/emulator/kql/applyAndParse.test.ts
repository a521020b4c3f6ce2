/** mv-apply, parse, project-reorder and render over the Sample table (Id 1..4). */
import { errorOf, run } from './run';

const names = (q: string): string[] => run(q).columns.map((c) => c.name);

describe('mv-apply', () => {
  const lists = 'Sample | where Id <= 2 | project Id, L = Bag.list, Name';

  it('runs the subquery over each row and keeps the row\'s other columns', () => {
    const t = run(`${lists} | mv-apply L on (summarize n = count())`);
    expect(t.columns.map((c) => c.name)).toEqual(['Id', 'Name', 'n']);
    expect(t.rows).toEqual([[1, 'Alpha', 2], [2, 'beta', 0]]);
  });

  it('a named item keeps the source column; typed items are cast', () => {
    const t = run(`${lists} | mv-apply X = L to typeof(long) on (where X > 1)`);
    expect(t.columns).toEqual([
      { name: 'Id', type: 'int' },
      { name: 'L', type: 'dynamic' },
      { name: 'Name', type: 'string' },
      { name: 'X', type: 'long' },
    ]);
    expect(t.rows).toEqual([[1, '[1,2]', 'Alpha', 2]]);
  });

  it('an expanded source column moves after the others; the subquery sees every column', () => {
    expect(names(`${lists} | mv-apply L on (where Id > 0)`)).toEqual(['Id', 'Name', 'L']);
    const t = run(`${lists} | mv-apply X = L to typeof(long) on (extend Name = X + Id)`);
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Id:int', 'L:dynamic', 'Name:long', 'X:long']);
    expect(t.rows.map((r) => r[2])).toEqual([2, 3]);
  });

  it('with_itemindex numbers the elements, in mv-apply and mv-expand', () => {
    const t = run(`${lists} | mv-apply with_itemindex=i X = L to typeof(long) on (where i > 0)`);
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Id:int', 'L:dynamic', 'Name:string', 'X:long', 'i:long']);
    expect(t.rows.map((r) => [r[3], r[4]])).toEqual([[2, 1]]);
    expect(run(`${lists} | mv-expand with_itemindex=Position X = L | project Id, X, Position`).rows).toEqual([[1, '1', 0], [1, '2', 1]]);
  });

  it('top and limit inside the subquery apply per row', () => {
    const t = run(`${lists} | mv-apply X = L to typeof(long) limit 5 on (top 1 by X desc)`);
    expect(t.rows.map((r) => [r[0], r[3]])).toEqual([[1, 2]]);
  });

  it('refuses what it cannot bind once', () => {
    expect(errorOf(`${lists} | mv-apply L on (evaluate bag_unpack(L))`).kind).toBe('UnsupportedError');
    expect(errorOf(`${lists} | mv-apply kind=array L on (take 1)`).kind).toBe('UnsupportedError');
  });
});

describe('parse', () => {
  it('splits text into typed columns; a row that does not match gets empty columns', () => {
    const t = run('Sample | parse Name with "Gamma " Kind | project Id, Kind');
    expect(t.rows).toEqual([[1, ''], [2, ''], [3, 'ray'], [4, '']]);
  });

  it('reads numbers, skips with * and takes the rest in the last column', () => {
    const t = run('print s = "took 42 ms at node-7, retried" | parse s with "took " N:long " ms at " * "-" Node:int ", " Rest');
    expect(t.columns.slice(1)).toEqual([
      { name: 'N', type: 'long' },
      { name: 'Node', type: 'int' },
      { name: 'Rest', type: 'string' },
    ]);
    expect(t.rows).toEqual([['took 42 ms at node-7, retried', 42, 7, 'retried']]);
  });

  it('text must match where it stands: a literal start is not searched for', () => {
    expect(run('print s = "x took 1" | parse s with "took " N:long').rows[0][1]).toBeNull();
    expect(run('print s = "x took 1" | parse s with * "took " N:long').rows[0][1]).toBe(1);
  });

  it('kind=regex reads the text parts as regular expressions', () => {
    expect(run('print s = "a1b22" | parse kind=regex s with @"a(\\d)b" N:long').rows[0][1]).toBe(22);
  });

  it('parse-where drops the rows that do not match', () => {
    expect(run('Sample | parse-where Name with "Gamma " Kind | project Id, Kind').rows).toEqual([[3, 'ray']]);
  });

  it('refuses a column twice, relaxed mode and flags', () => {
    expect(errorOf('print s = "a" | parse s with A "," A').kind).toBe('SemanticError');
    expect(errorOf('print s = "a" | parse kind=relaxed s with A').kind).toBe('UnsupportedError');
    expect(errorOf('print s = "a" | parse kind=regex flags=Ui s with A').kind).toBe('UnsupportedError');
  });
});

describe('serialized rows: prev, next, row_number', () => {
  it('look back and ahead along the sorted rows', () => {
    const t = run('Sample | sort by Id asc | extend Before = prev(Name), After = next(Id, 2), N = row_number(), Gap = Id - prev(Id, 1, 0) | project Id, Before, After, N, Gap');
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Id:int', 'Before:string', 'After:int', 'N:long', 'Gap:long']);
    expect(t.rows).toEqual([[1, null, 3, 1, 1], [2, 'Alpha', 4, 2, 1], [3, 'beta', null, 3, 1], [4, 'Gamma ray', null, 4, 1]]);
  });

  it('prev sees columns extended before it; row_number restarts when told', () => {
    const t = run('Sample | sort by Id asc | extend Even = Id % 2 == 0 | extend PrevEven = prev(Even) | serialize R = row_number(10, Even) | project Id, PrevEven, R');
    expect(t.rows).toEqual([[1, null, 10], [2, false, 10], [3, true, 11], [4, false, 10]]);
  });

  it('is refused outside extend, project and serialize', () => {
    expect(errorOf('Sample | where prev(Id) > 1').kind).toBe('SemanticError');
    expect(run('Sample | serialize | count').rows).toEqual([[4]]);
  });
});

describe('where * has', () => {
  it('searches every column, dynamic ones as their JSON text', () => {
    expect(run('Sample | where * has "gamma" | project Id').rows).toEqual([[3]]);
    expect(run('Sample | where * has "extra" | project Id').rows).toEqual([[4]]);
    expect(run('Sample | where * !contains "a" | project Id').rows).toEqual([]);
    expect(run('Sample | where * contains_cs "B" | project Id').rows).toEqual([]);
    expect(errorOf('Sample | where * == "a"').kind).toBe('SemanticError');
  });
});

describe('project-reorder and render', () => {
  it('puts the named columns first, patterns sorted when asked', () => {
    expect(names('Sample | project-reorder Name, B* desc')).toEqual(['Name', 'Big', 'Bag', 'Id', 'Score', 'Flag', 'When']);
    expect(names('Sample | project-reorder B* asc, Id')).toEqual(['Bag', 'Big', 'Id', 'Name', 'Score', 'Flag', 'When']);
    expect(errorOf('Sample | project-reorder Nope').kind).toBe('SemanticError');
  });

  it('project-keep keeps the matched columns in their order', () => {
    expect(names('Sample | project-keep When, B*, Id')).toEqual(['Id', 'Big', 'When', 'Bag']);
    expect(errorOf('Sample | project-keep Nope').kind).toBe('SemanticError');
  });

  it('render changes nothing in the result', () => {
    expect(run("Sample | summarize n = count() by Flag | render piechart with (title='Flags', legend=hidden)").rows).toEqual([[true, 2], [false, 1], [null, 1]]);
  });
});
