/** Literals, scalar operators and functions, evaluated with `print` (value in wire form, type). */
import { errorOf, run, scalar } from './run';

describe('literals', () => {
  it.each([
    ['42', 42, 'long'],
    ['-7', -7, 'long'],
    ['1.5', 1.5, 'real'],
    ['1e3', 1000, 'real'],
    ['true', true, 'bool'],
    ["'it\\'s'", "it's", 'string'],
    ['"tab\\there\\n"', 'tab\there\n', 'string'],
    ['"back\\\\slash \\"q\\""', 'back\\slash "q"', 'string'],
    ["@'C:\\temp'", 'C:\\temp', 'string'],
    ['@"say ""hi"""', 'say "hi"', 'string'],
    ['datetime(2026-11-20)', '2026-11-20T00:00:00Z', 'datetime'],
    ['datetime(2026-11-20T10:00:00Z)', '2026-11-20T10:00:00Z', 'datetime'],
    ['datetime(2026-11-20 10:00:00.123)', '2026-11-20T10:00:00.123Z', 'datetime'],
    ['datetime(null)', null, 'datetime'],
    ['1d', '1.00:00:00', 'timespan'],
    ['2h', '02:00:00', 'timespan'],
    ['30m', '00:30:00', 'timespan'],
    ['10s', '00:00:10', 'timespan'],
    ['100ms', '00:00:00.1000000', 'timespan'],
    ['1d + 2h + 30m', '1.02:30:00', 'timespan'],
    ['timespan(1.02:03:04)', '1.02:03:04', 'timespan'],
    ['dynamic([1, "a", {"b": null}])', '[1,"a",{"b":null}]', 'dynamic'],
    ['dynamic({"k": [true, -1.5]})', '{"k":[true,-1.5]}', 'dynamic'],
    ['dynamic(null)', null, 'dynamic'],
    ['int(null)', null, 'int'],
    ['long(null)', null, 'long'],
    ['real(null)', null, 'real'],
    ['bool(null)', null, 'bool'],
    ['int(5)', 5, 'int'],
    ['real(-2)', -2, 'real'],
  ])('%s', (expr, value, type) => {
    expect(scalar(expr)).toEqual({ value, type });
  });
});

describe('operators', () => {
  it.each([
    ['1 + 2 * 3', 7, 'long'],
    ['(1 + 2) * 3', 9, 'long'],
    ['7 / 2', 3, 'long'],
    ['-7 / 2', -3, 'long'],
    ['7 % 3', 1, 'long'],
    ['7 / 2.0', 3.5, 'real'],
    ['int(3) + int(4)', 7, 'int'],
    ['1 / 0', null, 'long'],
    ['datetime(2026-11-20T10:00:00Z) - datetime(2026-11-20T08:30:00Z)', '01:30:00', 'timespan'],
    ['datetime(2026-11-20) + 1d', '2026-11-21T00:00:00Z', 'datetime'],
    ['datetime(2026-11-20) - 90m', '2026-11-19T22:30:00Z', 'datetime'],
    ['2h / 30m', 4, 'real'],
    ['2h * 2', '04:00:00', 'timespan'],
    ['1 < 2', true, 'bool'],
    ['2 >= 2.5', false, 'bool'],
    ['"a" == "A"', false, 'bool'],
    ['"a" =~ "A"', true, 'bool'],
    ['"a" !~ "A"', false, 'bool'],
    ['"a" != "b"', true, 'bool'],
    ['"a" <> "b"', true, 'bool'],
    ['int(null) == 1', null, 'bool'],
    ['true and bool(null)', null, 'bool'],
    ['false and bool(null)', false, 'bool'],
    ['true or bool(null)', true, 'bool'],
    ['not(1 > 2)', true, 'bool'],
    ['"Sign-in from Contoso VPN" has "contoso"', true, 'bool'],
    ['"Sign-in from ContosoVPN" has "contoso"', false, 'bool'],
    ['"Sign-in from Contoso VPN" has "in from"', true, 'bool'],
    ['"Sign-in" !has "sign"', false, 'bool'],
    ['"Contoso" has_cs "contoso"', false, 'bool'],
    ['"ContosoVPN" contains "sovp"', true, 'bool'],
    ['"ContosoVPN" !contains "sovp"', false, 'bool'],
    ['"ContosoVPN" contains_cs "sovp"', false, 'bool'],
    ['"ContosoVPN" startswith "CONTO"', true, 'bool'],
    ['"ContosoVPN" endswith "vpn"', true, 'bool'],
    ['"ContosoVPN" !startswith "x"', true, 'bool'],
    ['"b" in ("a", "b")', true, 'bool'],
    ['"B" in ("a", "b")', false, 'bool'],
    ['"B" in~ ("a", "b")', true, 'bool'],
    ['"B" !in~ ("a", "b")', false, 'bool'],
    ['"c" !in ("a", "b")', true, 'bool'],
    ['2 in (dynamic([1, 2]), 7)', true, 'bool'],
    ['5 between (1 .. 5)', true, 'bool'],
    ['5 !between (1 .. 4)', true, 'bool'],
    ['dynamic({"s": "Completed"}).s in ("Completed", "Deleted")', true, 'bool'],
    ['dynamic({"n": 3}).n == 3', true, 'bool'],
    ['dynamic({"t": "2026-11-20T10:00:00Z"}).t > datetime(2026-11-20)', true, 'bool'],
    ['dynamic({"a": 1}).b', null, 'dynamic'],
    ['dynamic([10, 20, 30])[-1]', '30', 'dynamic'],
  ])('%s', (expr, value, type) => {
    expect(scalar(expr)).toEqual({ value, type });
  });
});

describe('functions', () => {
  it.each([
    ['array_length(dynamic([1,2,3]))', 3, 'long'],
    ['array_length(dynamic({"a":1}))', null, 'long'],
    ['isempty("")', true, 'bool'],
    ['isempty(dynamic(null))', true, 'bool'],
    ['isnotempty("x")', true, 'bool'],
    ['isnull(int(null))', true, 'bool'],
    ['isnotnull(0)', true, 'bool'],
    ['isnull("")', false, 'bool'],
    ['tostring(42)', '42', 'string'],
    ['tostring(dynamic({"a":1}))', '{"a":1}', 'string'],
    ['tostring(dynamic("x"))', 'x', 'string'],
    ['tostring(datetime(2026-11-20T10:00:00Z))', '2026-11-20T10:00:00Z', 'string'],
    ['tostring(int(null))', '', 'string'],
    ['toint("405211")', 405211, 'int'],
    ['toint("x")', null, 'int'],
    ['tolong(2.9)', 2, 'long'],
    ['toreal("1.25")', 1.25, 'real'],
    ['todouble(3)', 3, 'real'],
    ['todatetime("2026-11-20T10:00:00Z")', '2026-11-20T10:00:00Z', 'datetime'],
    ['todatetime("nope")', null, 'datetime'],
    ['todynamic(\'{"a":[1]}\').a[0]', '1', 'dynamic'],
    ['parse_json("[1,2]")', '[1,2]', 'dynamic'],
    ['tolower("AbC")', 'abc', 'string'],
    ['toupper("AbC")', 'ABC', 'string'],
    ['strlen("héllo")', 5, 'long'],
    ['ago(1d)', '2026-11-20T00:00:00Z', 'datetime'],
    ['now()', '2026-11-21T00:00:00Z', 'datetime'],
    ['now(-2h)', '2026-11-20T22:00:00Z', 'datetime'],
    ['iff(1 > 2, "yes", "no")', 'no', 'string'],
    ['iif(true, 1, 2.5)', 1, 'real'],
    ['case(1 > 2, "a", 2 > 1, "b", "c")', 'b', 'string'],
    ['case(false, 1, 2)', 2, 'long'],
    ['coalesce(int(null), 2, 3)', 2, 'long'],
    ['coalesce("", "x")', 'x', 'string'],
    ['strcat("a", 1, true, dynamic([1]))', 'a1true[1]', 'string'],
    ['bag_keys(dynamic({"b":1,"a":2}))', '["b","a"]', 'dynamic'],
    ['column_ifexists("Nope", "fallback")', 'fallback', 'string'],
    ['column_ifexists("Nope", datetime(null))', null, 'datetime'],
    ['bin(17, 5)', 15, 'long'],
    ['substring("abcdef", 2, 3)', 'cde', 'string'],
    ['split("a,b", ",")', '["a","b"]', 'dynamic'],
    ['pack_array(1, "x")', '[1,"x"]', 'dynamic'],
    ['bag_pack("k", 1)', '{"k":1}', 'dynamic'],
    ['gettype(dynamic([]))', 'array', 'string'],
    ['array_index_of(dynamic(["a", "b", "a"]), "a")', 0, 'long'],
    ['array_index_of(dynamic(["a", "b", "a"]), "a", 1)', 2, 'long'],
    ['array_index_of(dynamic([1, 2]), 2)', 1, 'long'],
    ['array_index_of(dynamic([1, 2]), 3)', -1, 'long'],
    ['array_index_of(dynamic({"a": 1}), 1)', null, 'long'],
    ['abs(-3)', 3, 'long'],
    ['abs(-1.5)', 1.5, 'real'],
    ['format_datetime(datetime(2026-11-20T09:05:07.123Z), "yyyy-MM-dd HH:mm:ss.fff")', '2026-11-20 09:05:07.123', 'string'],
    ['format_datetime(datetime(2026-11-20T21:05:07Z), "d/M/yy h:m:s tt")', '20/11/26 9:5:7 PM', 'string'],
    ['format_datetime(datetime(2026-11-20T09:05:07Z), "HH:mm:ss.FFF")', '09:05:07', 'string'],
    ['format_datetime(datetime(2026-11-20T09:05:07.5Z), "[yyyy] ss.FFF_ff")', '[2026] 07.5_50', 'string'],
    ['format_datetime(datetime(null), "yyyy")', null, 'string'],
    // Results outside Kusto's ranges are null rather than text the wire cannot carry.
    ['ago(100000000d)', null, 'datetime'],
    ['datetime(9999-12-31T23:59:59Z) + 1d', null, 'datetime'],
    ['tostring(datetime(2026-01-01) + 10000000000d)', '', 'string'],
    ['1d * 1e300', null, 'timespan'],
    ['datetime(0050-01-01)', '0050-01-01T00:00:00Z', 'datetime'],
    ['toint(3000000000)', null, 'int'],
    ['toint(-2147483648)', -2147483648, 'int'],
    ['tolong(1e300)', null, 'long'],
  ])('%s', (expr, value, type) => {
    expect(scalar(expr)).toEqual({ value, type });
  });

  it('column_ifexists uses the column when it exists', () => {
    const t = run('Sample | where Id == 1 | project c = column_ifexists("Name", "x"), d = column_ifexists("Nope", Id)');
    expect(t.columns).toEqual([{ name: 'c', type: 'string' }, { name: 'd', type: 'int' }]);
    expect(t.rows).toEqual([['Alpha', 1]]);
  });
});

describe('numbers and strings', () => {
  it.each([
    ['Sample | where Id == "2" | project Id', [[2]]],
    ['Sample | where "2" == Id | project Id', [[2]]],
    ['Sample | where Id != "2" | project Id', [[1], [3], [4]]],
    ['Sample | where Id == " 3 " | project Id', [[3]]],
    ['Sample | where Id == "two" | project Id', []],
    ['Sample | where Id != "two" | project Id', []],
    ['Sample | where Id in ("1", "4") | project Id', [[1], [4]]],
    ['Sample | where Id !in ("1", "x") | project Id', [[2], [3], [4]]],
    ['Sample | where Score == "1.5" | project Id', [[1]]],
  ])('%s compares as numbers, as Kusto does', (query, rows) => {
    expect(run(query).rows).toEqual(rows);
  });
});

describe('type errors', () => {
  it.each([
    ['Sample | where Id > "1"', 'Cannot compare values of types int and string. Try adding explicit casts'],
    ['Sample | where Name > 1', 'Cannot compare values of types string and long. Try adding explicit casts'],
    ['Sample | where When == 1', 'Cannot compare values of types datetime and long. Try adding explicit casts'],
    ['Sample | where Flag == "true"', 'Cannot compare values of types bool and string. Try adding explicit casts'],
    ['Sample | extend x = Name + 1', "Operator '+' cannot be applied to operands of types string and long"],
    ['Sample | extend x = Name.k', "The access '.k' needs a dynamic value, got string"],
    ['Sample | extend x = iff(Flag, 1, "a")', "Function 'iff': arguments must have the same type, got long and string"],
    ['Sample | extend x = ago(1)', "Function 'ago': expects a timespan, got long"],
    ['Sample | extend x = strlen()', "Function 'strlen': expects 1 argument(s), got 0"],
    ['Sample | where Nope == 1', "Failed to resolve scalar expression named 'Nope'"],
    ['print format_datetime(datetime(2026-11-20), "yyyy-MMM-dd")', "Function 'format_datetime': 'MMM' is not a supported format element (use d, dd, f..fffffff, F..FFFFFFF, h, hh, H, HH, m, mm, M, MM, s, ss, y, yy, yyyy, tt and the separators   / - : , . _ [ ])"],
    ['print format_datetime("2026", "yyyy")', "Function 'format_datetime': expects a datetime, got string"],
    ['print array_index_of("a", "a")', "Function 'array_index_of': expects a dynamic array, got string"],
    ['Usage | take 1', "Failed to resolve table or column expression named 'Usage'"],
  ])('%s', (query, message) => {
    const e = errorOf(query);
    expect(e.kind).toBe('SemanticError');
    expect(e.message).toBe(message);
    expect(e.code).toMatch(/^SEM\d{4}$/);
  });
});
