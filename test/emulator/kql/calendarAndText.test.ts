/** Calendar functions, has_any/has_all, extract/extract_all, percentiles and make_bag. */
import { errorOf, run, scalar } from './run';

describe('calendar functions', () => {
  it.each([
    // Microsoft's documented examples of datetime_diff.
    ["datetime_diff('year', datetime(2017-01-01), datetime(2000-12-31))", 17],
    ["datetime_diff('quarter', datetime(2017-07-01), datetime(2017-03-30))", 2],
    ["datetime_diff('month', datetime(2017-01-01), datetime(2015-12-30))", 13],
    ["datetime_diff('week', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59))", 5],
    ["datetime_diff('day', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59))", 29],
    ["datetime_diff('hour', datetime(2017-10-31 01:00), datetime(2017-10-30 23:59))", 2],
    ["datetime_diff('minute', datetime(2017-10-30 23:05:01), datetime(2017-10-30 23:00:59))", 5],
    ["datetime_diff('second', datetime(2017-10-30 23:00:10.100), datetime(2017-10-30 23:00:00.900))", 10],
    ["datetime_diff('millisecond', datetime(2017-10-30 23:00:00.200100), datetime(2017-10-30 23:00:00.100900))", 100],
    ["datetime_diff('day', datetime(2026-11-19), datetime(2026-11-21))", -2],
  ])('%s', (expr, expected) => {
    expect(scalar(expr)).toEqual({ value: expected, type: 'long' });
  });

  it.each([
    ["datetime_part('year', datetime(2026-11-21 13:14:15.678))", 2026],
    ["datetime_part('quarter', datetime(2026-11-21 13:14:15.678))", 4],
    ["datetime_part('month', datetime(2026-11-21 13:14:15.678))", 11],
    ["datetime_part('week_of_year', datetime(2021-01-03))", 53],
    ["datetime_part('day', datetime(2026-11-21 13:14:15.678))", 21],
    ["datetime_part('dayofyear', datetime(2026-11-21))", 325],
    ["datetime_part('hour', datetime(2026-11-21 13:14:15.678))", 13],
    ["datetime_part('minute', datetime(2026-11-21 13:14:15.678))", 14],
    ["datetime_part('second', datetime(2026-11-21 13:14:15.678))", 15],
    ["datetime_part('millisecond', datetime(2026-11-21 13:14:15.678))", 678],
    ['hourofday(datetime(2026-11-21 13:14))', 13],
    ['dayofmonth(datetime(2026-11-21))', 21],
    ['getmonth(datetime(2026-11-21))', 11],
    ['getyear(datetime(2026-11-21))', 2026],
    ['weekofyear(datetime(2026-01-01))', 1],
  ])('%s', (expr, expected) => {
    expect(scalar(expr)).toEqual({ value: expected, type: 'int' });
  });

  it.each([
    ['startofday(datetime(2026-11-21 13:14))', '2026-11-21T00:00:00Z'],
    ['startofday(datetime(2026-11-21 13:14), -1)', '2026-11-20T00:00:00Z'],
    ['startofweek(datetime(2026-11-21 13:14))', '2026-11-15T00:00:00Z'],
    ['startofweek(datetime(2026-11-22))', '2026-11-22T00:00:00Z'],
    ['startofmonth(datetime(2026-11-21), 2)', '2027-01-01T00:00:00Z'],
    ['startofyear(datetime(2026-11-21))', '2026-01-01T00:00:00Z'],
    ['endofday(datetime(2026-11-21 13:14))', '2026-11-21T23:59:59.999Z'],
    ['endofmonth(datetime(2024-02-10))', '2024-02-29T23:59:59.999Z'],
    ["datetime_add('month', 1, datetime(2026-01-31))", '2026-02-28T00:00:00Z'],
    ["datetime_add('hour', -3, datetime(2026-01-01))", '2025-12-31T21:00:00Z'],
  ])('%s', (expr, expected) => {
    expect(scalar(expr)).toEqual({ value: expected, type: 'datetime' });
  });

  it('dayofweek is a timespan counted from Sunday; nulls stay null', () => {
    expect(scalar('dayofweek(datetime(2026-11-21))')).toEqual({ value: '6.00:00:00', type: 'timespan' });
    expect(scalar('dayofweek(datetime(null))').value).toBeNull();
    expect(scalar("datetime_diff('day', datetime(null), now())").value).toBeNull();
  });

  it('refuses unknown periods and non-datetime arguments', () => {
    expect(errorOf("print datetime_diff('fortnight', now(), now())").message).toMatch(/'fortnight' is not a period/);
    expect(errorOf("print datetime_part('hour', 'x')").kind).toBe('SemanticError');
    expect(errorOf('print startofweek(1)').kind).toBe('SemanticError');
  });
});

describe('has_any and has_all', () => {
  it.each([
    ["'Sign-in from Lisbon' has_any ('lisbon', 'porto')", true],
    ["'Sign-in from Lisbon' has_any ('lis', 'porto')", false],
    ["'Sign-in from Lisbon' has_all ('SIGN', 'from')", true],
    ["'Sign-in from Lisbon' has_all ('sign', 'porto')", false],
    ["'Sign-in from Lisbon' has_any (dynamic(['x', 'in']))", true],
    ["dynamic(['phishing', 'identity']) has_any ('identity')", true],
  ])('%s', (expr, expected) => {
    expect(scalar(expr)).toEqual({ value: expected, type: 'bool' });
  });
});

describe('extract and extract_all', () => {
  it('extracts a group as text or as a type; no match is empty text or null', () => {
    expect(scalar('extract(@"(\\d+) ms", 1, "took 42 ms")')).toEqual({ value: '42', type: 'string' });
    expect(scalar('extract(@"(\\d+) ms", 1, "took 42 ms", typeof(int))')).toEqual({ value: 42, type: 'int' });
    expect(scalar('extract(@"(\\d+) ms", 0, "took 42 ms")').value).toBe('42 ms');
    expect(scalar('extract(@"(\\d+) s", 1, "took 42 ms")').value).toBe('');
    expect(scalar('extract(@"(\\d+) s", 1, "took 42 ms", typeof(long))').value).toBeNull();
  });

  it('extract_all returns every match, with chosen groups', () => {
    expect(scalar('extract_all(@"(\\w+)=(\\d+)", "a=1 b=22")').value).toBe('[["a","1"],["b","22"]]');
    expect(scalar('extract_all(@"(\\w+)=(\\d+)", dynamic([2]), "a=1 b=22")').value).toBe('["1","22"]');
    expect(scalar('extract_all(@"(\\d+)", "none")').value).toBeNull();
  });

  it("reads RE2's inline flags such as (?i)", () => {
    expect(scalar('extract(@"(?i)LISBON (\\w+)", 1, "from lisbon today")').value).toBe('today');
    expect(run('print s = "Malware ON host-1" | parse kind=regex s with "(?i).*on " Host').rows[0][1]).toBe('host-1');
  });

  it('refuses a pattern that is not a constant valid regular expression', () => {
    expect(errorOf('print extract("(", 1, "x")').kind).toBe('SemanticError');
    expect(errorOf('print extract_all(@"\\d+", "1")').message).toMatch(/capture group/);
  });
});

describe('percentile, percentiles and make_bag', () => {
  it('takes the nearest rank and names columns as Kusto does', () => {
    const t = run('Sample | summarize percentile(Id, 50), percentiles(Score, 0, 75, 99.5), p = percentile(When, 100)');
    expect(t.columns).toEqual([
      { name: 'percentile_Id_50', type: 'long' },
      { name: 'percentile_Score_0', type: 'real' },
      { name: 'percentile_Score_75', type: 'real' },
      { name: 'percentile_Score_99_5', type: 'real' },
      { name: 'p', type: 'datetime' },
    ]);
    // Id 1..4: rank ceil(2) = 2. Score -2, 1.5, 3.25 (null skipped): ranks 1, 3, 3.
    expect(t.rows).toEqual([[2, -2, 3.25, 3.25, '2026-11-20T10:00:00Z']]);
  });

  it('is null for a group without values, and refuses a percentage that is not constant', () => {
    expect(run('Sample | where Id == 3 | summarize percentile(Big, 50)').rows).toEqual([[null]]);
    expect(errorOf('Sample | summarize percentile(Id, Id)').kind).toBe('SemanticError');
    expect(errorOf('Sample | summarize percentile(Name, 50)').kind).toBe('SemanticError');
  });

  it('make_list_if and make_set_if collect only where the predicate holds', () => {
    const t = run('Sample | summarize make_list_if(Id, Id > 1), make_set_if(tostring(Bag.k), isnotnull(Bag), 1)');
    expect(t.columns.map((c) => c.name)).toEqual(['list_Id', 'set_Bag_k']);
    expect(t.rows).toEqual([['[2,3,4]', '["a"]']]);
  });

  it('percentiles_array gives one dynamic array; the ...if forms filter first', () => {
    const t = run('Sample | summarize percentiles_array(Id, 50, 100), percentiles_array(Big, dynamic([0])), dcountif(Name, Id > 1), maxif(Id, Flag), minif(Score, Id > 1), take_anyif(Name, Id == 2), make_bag_if(Bag, Id == 4)');
    expect(t.columns).toEqual([
      { name: 'percentiles_Id', type: 'dynamic' },
      { name: 'percentiles_Big', type: 'dynamic' },
      { name: 'dcountif_Name', type: 'long' },
      { name: 'maxif_Id', type: 'int' },
      { name: 'minif_Score', type: 'real' },
      { name: 'Name', type: 'string' },
      { name: 'bag_Bag', type: 'dynamic' },
    ]);
    expect(t.rows).toEqual([['[2,4]', '[10]', 3, 4, -2, 'beta', '{"k":"a","extra":true}']]);
  });

  it('take_any takes several columns from one row, named after them', () => {
    const t = run('Sample | where Id >= 3 | summarize take_any(Name, Score), take_any(Id + 1), any(Big)');
    expect(t.columns.map((c) => c.name)).toEqual(['Name', 'Score', 'any_arg0', 'any_Big']);
    expect(t.rows[0].slice(0, 2)).toEqual(['Gamma ray', 3.25]);
  });

  it('make_bag merges property bags, first value per key, other values ignored', () => {
    const t = run('Sample | summarize make_bag(Bag)');
    expect(t.columns).toEqual([{ name: 'bag_Bag', type: 'dynamic' }]);
    expect(JSON.parse(String(t.rows[0][0]))).toEqual({ k: 'a', n: 1, list: [1, 2], extra: true });
  });
});
