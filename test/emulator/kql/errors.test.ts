/** Unsupported KQL is named in an UnsupportedError; malformed KQL is a SyntaxError with a position. */
import { errorOf, run } from './run';

describe('unsupported constructs', () => {
  it.each([
    ['SecurityIncident | join kind=inner (SecurityIncident) on IncidentNumber == IncidentNumber', "A 'join' condition other than 'Key' or '$left.Key == $right.Key' is not supported by the Sentinel emulator"],
    ['union isfuzzy=true SecurityIncident, SecurityAlert', "The 'isfuzzy' parameter of 'union' is not supported by the Sentinel emulator"],
    ['union Security*', 'A wildcard table name in union is not supported by the Sentinel emulator'],
    ['SecurityIncident | parse kind=relaxed Title with a " " b', "'parse kind=relaxed' is not supported by the Sentinel emulator"],
    ['SecurityIncident | make-series count() on TimeGenerated step 1h', "The operator 'make-series' is not supported by the Sentinel emulator"],
    ['SecurityIncident | mv-apply kind=array Tasks on (take 1)', "The 'kind' parameter of 'mv-apply' is not supported by the Sentinel emulator"],
    ['SecurityIncident | parse-kv Title as (a:string)', "The operator 'parse-kv' is not supported by the Sentinel emulator"],
    ['SecurityIncident | getschema', "The operator 'getschema' is not supported by the Sentinel emulator"],
    ['SecurityIncident | top-nested 3 of Severity by count()', "The operator 'top-nested' is not supported by the Sentinel emulator"],
    ['SecurityIncident | as T', "The operator 'as' is not supported by the Sentinel emulator"],
    ['SecurityIncident | sample 3', "The operator 'sample' is not supported by the Sentinel emulator"],
    ['externaldata (a:string) [@"https://example.com/a.csv"]', "The operator 'externaldata' is not supported by the Sentinel emulator"],
    ['union *', "'union *' (every table of the workspace) is not supported by the Sentinel emulator"],
    ['range x from 1 to 3 step 1', "The operator 'range' is not supported by the Sentinel emulator"],
    ['search "x"', "The operator 'search' is not supported by the Sentinel emulator"],
    ['SecurityIncident | where Title matches regex "a.*"', "The operator 'matches regex' is not supported by the Sentinel emulator"],
    ['SecurityIncident | where Title like "a"', "The operator 'like' is not supported by the Sentinel emulator"],
    ['SecurityIncident | where Title hasprefix "a"', "The operator 'hasprefix' is not supported by the Sentinel emulator"],
    ['SecurityIncident | where Title !hasprefix "a"', "The operator '!hasprefix' is not supported by the Sentinel emulator"],
    ['SecurityIncident | evaluate pivot(Status)', "The evaluate plugin 'pivot' is not supported by the Sentinel emulator"],
    ['SecurityIncident | extend x = url_decode(Title)', "The function 'url_decode' is not supported by the Sentinel emulator"],
    ['SecurityIncident | extend x = format_datetime(TimeGenerated, Title)', "A 'format_datetime' format that is not a constant string is not supported by the Sentinel emulator"],
    ['SecurityIncident | extend x = parse_url(IncidentUrl)', "The function 'parse_url' is not supported by the Sentinel emulator"],
    ['SecurityIncident | evaluate bag_unpack(Owner, ignoredProperties = Title)', "A 'bag_unpack' ignoredProperties that is not a dynamic array of strings is not supported by the Sentinel emulator"],
    ['SecurityIncident | summarize tdigest(IncidentNumber)', "The function 'tdigest' is not supported by the Sentinel emulator"],
    ['SecurityIncident | summarize hint.strategy=shuffle count() by Status', "The 'hint.strategy' parameter of 'summarize' is not supported by the Sentinel emulator"],
    ['SecurityIncident | mv-expand bagexpansion=array Tasks', "The 'bagexpansion' parameter of 'mv-expand' is not supported by the Sentinel emulator"],
    ['let f = (T:(*)) { T | count }; f(SecurityIncident)', 'Tabular function parameters is not supported by the Sentinel emulator'],
    ['print a = 1; print b = 2', 'A query with more than one tabular expression statement is not supported by the Sentinel emulator'],
  ])('%s', (query, message) => {
    const e = errorOf(query);
    expect(e.kind).toBe('UnsupportedError');
    expect(e.code).toBe('UNSUPPORTED');
    expect(e.message.startsWith(message)).toBe(true);
  });

  it('lists what is supported instead', () => {
    expect(errorOf('SecurityIncident | sample 3').message).toBe(
      "The operator 'sample' is not supported by the Sentinel emulator (supported: where, filter, project, project-away, project-keep, project-rename, project-reorder, extend, sort, order, take, limit, top, summarize, mv-expand, mv-apply, evaluate bag_unpack, distinct, count, join, lookup, union, parse, parse-where, serialize, render)",
    );
    expect(errorOf('range x from 1 to 3 step 1').message).toContain('(supported: a table name, a tabular let, print, union, datatable, (query), materialize(query))');
    expect(errorOf('SecurityIncident | where Title like "a"').message).toMatch(/\(supported: ==, !=, .*has_any, has_all, .*\bhas, !has, has_cs, .*contains.*\)$/);
    expect(errorOf('SecurityIncident | evaluate pivot(Status)').message).toContain('(supported: bag_unpack)');
    const fn = errorOf('print url_decode("abc")').message;
    expect(fn).toMatch(/^The function 'url_decode' is not supported by the Sentinel emulator \(supported: .*\)$/);
    expect(fn).toContain('array_length');
    expect(fn).toContain('column_ifexists');
    expect(errorOf('SecurityIncident | summarize tdigest(IncidentNumber)').message).toContain('(supported: count(), countif(), dcount(),');
  });
});

describe('syntax errors carry a position', () => {
  it.each([
    ['SecurityIncident | where', 'end of query', 1, 25],
    ['SecurityIncident\n| where (IncidentNumber == 1', 'end of query', 2, 29],
    ['SecurityIncident | wher IncidentNumber == 1', "'wher'", 1, 20],
    ['SecurityIncident\n| project Title,\n| take 1', "'|'", 3, 1],
    ['SecurityIncident | where Title == "open', `'"open'`, 1, 35],
    ["SecurityIncident | where Title == 'a\\q'", "'\\q'", 1, 37],
    ['SecurityIncident | sort TimeGenerated', "'TimeGenerated'", 1, 25],
    ['SecurityIncident | where x == datetime(yesterday)', "'datetime(yesterday)'", 1, 31],
    ['SecurityIncident | take 10xyz', "'10xyz'", 1, 25],
    ['SecurityIncident | where a ! b', "'!'", 1, 28],
    ['SecurityIncident # x', "'#'", 1, 18],
    ['SecurityIncident | project a = ', 'end of query', 1, 32],
    ['SecurityIncident | extend x = dynamic([1,)', "')'", 1, 42],
  ])('%s', (query, at, line, col) => {
    const e = errorOf(query);
    expect(e.kind).toBe('SyntaxError');
    expect(e.code).toBe('SYN0002');
    expect(e.message.startsWith(`Query could not be parsed at ${at} on line [${line},${col}]`)).toBe(true);
    expect(e.position).toMatchObject({ line, column: col });
  });
});

describe('limits that keep the stack safe', () => {
  const nested = (n: number): string => `print x = ${'('.repeat(n)}1${')'.repeat(n)}`;
  const chain = (n: number): string => `print x = ${Array(n).fill('1').join(' + ')}`;
  const pipeline = (n: number): string => `SecurityIncident${' | extend a = 1'.repeat(n)} | count`;

  it('evaluates queries up to the limits', () => {
    expect(run(nested(60)).rows).toEqual([[1]]);
    expect(run(chain(250)).rows).toEqual([[250]]);
    expect(run(pipeline(255)).rows).toEqual([[11]]);
    expect(run(`print x = dynamic(${'['.repeat(60)}${']'.repeat(60)})`).rows).toHaveLength(1);
  });

  it.each([
    [nested(5000), 'SyntaxError', /nested more than 64 levels deep/],
    [`print x = ${'-'.repeat(5000)}1`, 'SyntaxError', /nested more than 64 levels deep/],
    [`print x = dynamic(${'['.repeat(5000)}${']'.repeat(5000)})`, 'SyntaxError', /nested more than 64 levels deep/],
    [chain(20000), 'SyntaxError', /more than 256 operators deep/],
    [pipeline(5000), 'UnsupportedError', /more than 256 tabular operators/],
  ])('refuses %#', (query, kind, message) => {
    const e = errorOf(query);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
  });
});
