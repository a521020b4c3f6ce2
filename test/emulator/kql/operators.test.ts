/** Tabular operators over the small Sample table (Id 1..4) and the incident history. */
import { column, errorOf, records, run } from './run';
import { catalogOf, sampleTable } from './fixtures';

const ids = (q: string): unknown[] => column(run(q), 'Id');

describe('where / filter', () => {
  it.each([
    ['Sample | where Id > 2', [3, 4]],
    ['Sample | filter Id <= 2', [1, 2]],
    ['Sample | where Id != 1 and Flag', [4]],
    ['Sample | where Id == 1 or Name == "beta"', [1, 2]],
    ['Sample | where Flag == false', [2]],
    ['Sample | where isnull(Flag)', [3]],
    ['Sample | where Score > 0', [1, 3]],
    ['Sample | where When > datetime(2026-11-20)', [1, 2]],
    ['Sample | where When between (datetime(2026-11-20T09:00:00Z) .. 1h)', [1, 2]],
    ['Sample | where Id between (2 .. 3)', [2, 3]],
    ['Sample | where Id !between (2 .. 3)', [1, 4]],
    ['Sample | where Bag.k == "a"', [1, 4]],
    ['Sample | where Bag.missing == "a"', []],
    ['Sample | where Bag["n"] > 1', [2]],
    ['Sample | where array_length(Bag.list) > 0', [1]],
  ])('%s', (q, expected) => {
    expect(ids(q)).toEqual(expected);
  });

  it('needs a bool predicate', () => {
    expect(errorOf('Sample | where Id').message).toMatch(/predicate must be of type bool, got int/);
  });
});

describe('project and friends', () => {
  it('projects, renames and computes with derived names', () => {
    const t = run('Sample | where Id == 1 | project Id, Label = strcat(Name, "!"), Bag.k, Bag["list"][1], Id * 2');
    expect(t.columns).toEqual([
      { name: 'Id', type: 'int' },
      { name: 'Label', type: 'string' },
      { name: 'Bag_k', type: 'dynamic' },
      { name: 'Bag_list_1', type: 'dynamic' },
      { name: 'Column1', type: 'long' },
    ]);
    expect(t.rows).toEqual([[1, 'Alpha!', '"a"', '2', 2]]);
  });

  it('bracketed names and paths', () => {
    const t = run("Sample | where Id == 1 | project ['Name'], K = ['Bag'].k, L = Bag['list'][0]");
    expect(t.rows).toEqual([['Alpha', '"a"', '1']]);
  });

  it('project-away removes columns, with wildcards', () => {
    expect(run('Sample | project-away Bag, When, Fl*').columns.map((c) => c.name)).toEqual(['Id', 'Name', 'Score', 'Big']);
    expect(errorOf('Sample | project-away Nope').message).toBe("Failed to resolve scalar expression named 'Nope'");
  });

  it('project-rename keeps position and type', () => {
    const t = run('Sample | project-rename Identifier = Id, Label = Name | take 1');
    expect(t.columns.slice(0, 2)).toEqual([{ name: 'Identifier', type: 'int' }, { name: 'Label', type: 'string' }]);
  });

  it('extend appends, replaces in place and sees earlier items', () => {
    const t = run('Sample | where Id == 2 | extend Double = Id * 2, Quad = Double * 2, Name = toupper(Name) | project Name, Double, Quad');
    expect(t.rows).toEqual([['BETA', 4, 8]]);
    expect(t.columns.map((c) => c.type)).toEqual(['string', 'long', 'long']);
  });

  it('rejects duplicate output names in project', () => {
    expect(errorOf('Sample | project Id, Id').kind).toBe('SemanticError');
  });
});

describe('sort / order / top / take', () => {
  it.each([
    ['Sample | sort by Id', [4, 3, 2, 1]],
    ['Sample | order by Id asc', [1, 2, 3, 4]],
    ['Sample | sort by Score desc', [3, 1, 4, 2]],
    ['Sample | sort by Score asc', [2, 4, 1, 3]],
    ['Sample | sort by Score asc nulls last', [4, 1, 3, 2]],
    ['Sample | sort by Flag asc, Id desc', [3, 2, 4, 1]],
    ['Sample | sort by When desc', [2, 1, 4, 3]],
    ['Sample | sort by Name asc', [4, 1, 3, 2]],
    ['Sample | sort by tostring(Bag.k) asc, Id asc', [3, 1, 4, 2]],
    ['Sample | take 2', [1, 2]],
    ['Sample | limit 0', []],
    ['Sample | top 2 by Big', [4, 2]],
    ['Sample | top 1 by Id asc', [1]],
  ])('%s', (q, expected) => {
    expect(ids(q)).toEqual(expected);
  });

  it('take needs a constant count', () => {
    expect(errorOf('Sample | take 1.5').message).toMatch(/constant whole number/);
    expect(errorOf('Sample | take Id').message).toBe("Failed to resolve scalar expression named 'Id'");
    expect(ids('let n = 1 + 1; Sample | take n')).toEqual([1, 2]);
  });
});

describe('summarize', () => {
  it('counts by key with default and explicit names', () => {
    const t = run('SecurityIncident | summarize count(), Rows = count() by N = IncidentNumber | sort by N asc');
    expect(t.columns).toEqual([{ name: 'N', type: 'int' }, { name: 'count_', type: 'long' }, { name: 'Rows', type: 'long' }]);
    expect(t.rows).toEqual([[405211, 6, 6], [405300, 3, 3], [405400, 1, 1], [405500, 1, 1]]);
  });

  it('aggregates without by over everything (one row, even when empty)', () => {
    const t = run('Sample | summarize count(), countif(Id > 1), dcount(Bag.k), max(Score), min(When), sum(Big), avg(Id), take_any(Name)');
    expect(records(t)).toEqual([
      { count_: 4, countif_: 3, dcount_Bag_k: 2, max_Score: 3.25, min_When: '2026-11-19T23:59:59.500Z', sum_Big: 70, avg_Id: 2.5, Name: 'Alpha' },
    ]);
    expect(t.columns.map((c) => c.type)).toEqual(['long', 'long', 'long', 'real', 'datetime', 'long', 'real', 'string']);
    expect(run('Sample | where Id > 100 | summarize count()').rows).toEqual([[0]]);
    expect(run('Sample | where Id > 100 | summarize count() by Name').rows).toEqual([]);
  });

  it('make_list and make_set', () => {
    const t = run('Sample | summarize L = make_list(Bag.k), S = make_set(Bag.k), W = make_list(When, 1)');
    expect(t.rows).toEqual([['["a","b","a"]', '["a","b"]', '["2026-11-20T09:00:00Z"]']]);
  });

  it('arg_max(expr, *) keeps the winning row, by-columns first, names unchanged', () => {
    const t = run('Sample | summarize arg_max(Id, *) by Flag');
    expect(t.columns.map((c) => c.name)).toEqual(['Flag', 'Id', 'Name', 'Score', 'Big', 'When', 'Bag']);
    expect(records(t).map((r) => [r.Flag, r.Id, r.Name])).toEqual([[true, 4, ''], [false, 2, 'beta'], [null, 3, 'Gamma ray']]);
  });

  it('arg_min with named columns', () => {
    const t = run('Sample | summarize arg_min(Score, Id, Name)');
    expect(records(t)).toEqual([{ Score: -2, Id: 4, Name: '' }]);
  });

  it('groups by a computed key', () => {
    const t = run('Sample | summarize c = count() by Day = bin(When, 1d) | sort by Day asc');
    expect(t.rows).toEqual([[null, 1], ['2026-11-19T00:00:00Z', 1], ['2026-11-20T00:00:00Z', 2]]);
  });

  it('rejects non-aggregates', () => {
    expect(errorOf('Sample | summarize tostring(Id)').kind).toBe('SemanticError');
    expect(errorOf('Sample | extend c = count()').message).toMatch(/only be used in 'summarize'/);
  });
});

describe('mv-expand and bag_unpack', () => {
  it('expands arrays one row per element and drops empty arrays; null gives one row', () => {
    const t = run('Sample | mv-expand Bag.list | project Id, Bag_list');
    expect(t.rows).toEqual([[1, '1'], [1, '2'], [3, null], [4, null]]);
    expect(t.columns[1].type).toBe('dynamic');
  });

  it('expands into a named column with a typed cast and a limit', () => {
    const t = run('Sample | where Id == 1 | mv-expand Item = Bag.list to typeof(long) limit 1 | project Id, Item');
    expect(t.columns[1]).toEqual({ name: 'Item', type: 'long' });
    expect(t.rows).toEqual([[1, 1]]);
  });

  it('expands Tasks of the latest incident row', () => {
    const t = run('SecurityIncident | where IncidentNumber == 405211 | summarize arg_max(TimeGenerated, *) by IncidentNumber | mv-expand Tasks | project T = tostring(Tasks.title)');
    expect(t.rows).toEqual([["Reset the user's password"], ['Review sign-in logs']]);
  });

  it('bag_unpack adds one column per key, sorted, typed from its values, and removes the bag', () => {
    const t = run('Sample | project Id, Bag | evaluate bag_unpack(Bag)');
    expect(t.columns).toEqual([
      { name: 'Id', type: 'int' },
      { name: 'extra', type: 'bool' },
      { name: 'k', type: 'string' },
      { name: 'list', type: 'dynamic' },
      { name: 'n', type: 'long' },
    ]);
    expect(t.rows[0]).toEqual([1, null, 'a', '[1,2]', 1]);
    expect(t.rows[2]).toEqual([3, null, null, null, null]);
  });

  it('bag_unpack types a property dynamic when its values differ in type, real when integers and reals mix', () => {
    const t = run("print b = dynamic([{'x': 1, 'y': 'a', 'z': 1}, {'x': 2.5, 'y': 3, 'z': null}]) | mv-expand b | evaluate bag_unpack(b)");
    expect(t.columns).toEqual([{ name: 'x', type: 'real' }, { name: 'y', type: 'dynamic' }, { name: 'z', type: 'long' }]);
  });

  it('bag_unpack with a prefix', () => {
    expect(run("Sample | project Bag | evaluate bag_unpack(Bag, 'b_')").columns.map((c) => c.name)).toEqual(['b_extra', 'b_k', 'b_list', 'b_n']);
  });

  it('bag_unpack: columnsConflict and ignoredProperties, positional or named', () => {
    const clash = 'Sample | project Id, k = "outer", Bag';
    expect(errorOf(`${clash} | evaluate bag_unpack(Bag)`).message).toMatch(/property 'k' conflicts with the existing column 'k'/);
    const kept = run(`${clash} | evaluate bag_unpack(Bag, columnsConflict='keep_source') | where Id == 1`);
    expect(records(kept)).toEqual([{ Id: 1, k: 'outer', extra: null, list: '[1,2]', n: 1 }]);
    expect(kept.columns.find((c) => c.name === 'k')?.type).toBe('string');
    const replaced = run(`${clash} | evaluate bag_unpack(Bag, '', 'replace_source') | where Id == 1`);
    expect(records(replaced)).toEqual([{ Id: 1, extra: null, k: 'a', list: '[1,2]', n: 1 }]);
    const ignored = run("Sample | project Id, Bag | evaluate bag_unpack(Bag, ignoredProperties=dynamic(['list', 'extra']))");
    expect(ignored.columns.map((c) => c.name)).toEqual(['Id', 'k', 'n']);
    expect(errorOf("Sample | evaluate bag_unpack(Bag, columnsConflict='merge')").kind).toBe('SyntaxError');
    expect(errorOf('Sample | evaluate bag_unpack(Bag, colour=1)').message).toMatch(/has no parameter 'colour'/);
  });

  it('bag_unpack with an output schema types the columns and streams', () => {
    const t = run('Sample | project Id, Bag | evaluate bag_unpack(Bag) : (*, k:string, n:long, missing:datetime)');
    expect(t.columns).toEqual([
      { name: 'Id', type: 'int' },
      { name: 'k', type: 'string' },
      { name: 'n', type: 'long' },
      { name: 'missing', type: 'datetime' },
    ]);
    expect(t.rows).toEqual([[1, 'a', 1, null], [2, 'b', 2, null], [3, null, null, null], [4, 'a', null, null]]);
    // Without `*` only the declared columns come out; a declared input column keeps its value.
    expect(run('Sample | evaluate bag_unpack(Bag) : (Id:int, k:string) | take 1').rows).toEqual([[1, 'a']]);
    // The schema makes later names resolvable even when no row has a bag.
    const none = run('Sample | where Id == 3 | evaluate bag_unpack(Bag) : (*, k:string) | where isempty(k) | project Id, k');
    expect(none.rows).toEqual([[3, null]]);
    expect(errorOf('Sample | where Id == 3 | evaluate bag_unpack(Bag) | project k').message).toBe("Failed to resolve scalar expression named 'k'");
    const table = sampleTable();
    run('Sample | evaluate bag_unpack(Bag) : (*, k:string) | take 1', catalogOf(table));
    expect(table.rowsRead).toBe(1);
  });

  it('dynamic columns compare by their underlying value after bag_unpack', () => {
    const t = run("Sample | project Id, Bag | evaluate bag_unpack(Bag) | where k !in ('b') and n in (1, 5)");
    expect(column(t, 'Id')).toEqual([1]);
  });
});

describe('distinct and count', () => {
  it('distinct columns and expressions', () => {
    expect(run('SecurityIncident | distinct Severity | sort by Severity asc').rows).toEqual([['High'], ['Low'], ['Medium']]);
    expect(run('SecurityIncident | distinct IncidentNumber, Status | count').rows).toEqual([[7]]);
    expect(run('Sample | distinct *').rows).toHaveLength(4);
  });

  it('count returns a long Count column', () => {
    const t = run('SecurityIncident | where Status == "Active" | count');
    expect(t.columns).toEqual([{ name: 'Count', type: 'long' }]);
    expect(t.rows).toEqual([[7]]);
  });
});
