/** Text, array and math functions beside the core ones. */
import { errorOf, scalar } from './run';

describe('more scalar functions', () => {
  it.each([
    ['trim(" ", "  padded  ")', 'padded', 'string'],
    ['trim(@"[-_]", "--a-b__")', 'a-b', 'string'],
    ['trim_start("x", "xxabx")', 'abx', 'string'],
    ['trim_end("x", "xabxx")', 'xab', 'string'],
    ['replace_regex("user@contoso.com", @"@.*$", "@redacted")', 'user@redacted', 'string'],
    ['replace_regex("2026-11-21", @"(\\d+)-(\\d+)-(\\d+)", @"\\3/\\2/\\1")', '21/11/2026', 'string'],
    ['countof("a, b, c", ",")', 2, 'long'],
    ['countof("aaa", "aa")', 1, 'long'],
    ['countof("a1b22", @"\\d+", "regex")', 2, 'long'],
    ['reverse("abc")', 'cba', 'string'],
    ['strcat_array(dynamic(["a", 1, "b"]), "-")', 'a-1-b', 'string'],
    ['array_sort_asc(dynamic([3, 1, 2]))', '[1,2,3]', 'dynamic'],
    ['array_sort_desc(dynamic(["b", "c", "a"]))', '["c","b","a"]', 'dynamic'],
    ['array_concat(dynamic([1]), dynamic([2, 3]))', '[1,2,3]', 'dynamic'],
    ['array_slice(dynamic([1, 2, 3, 4]), 1, -2)', '[2,3]', 'dynamic'],
    ['set_union(dynamic([1, 2]), dynamic([2, 3]))', '[1,2,3]', 'dynamic'],
    ['set_intersect(dynamic([1, 2, 3]), dynamic([3, 2]))', '[2,3]', 'dynamic'],
    ['set_difference(dynamic([1, 2, 3]), dynamic([2]))', '[1,3]', 'dynamic'],
    ['set_has_element(dynamic(["phishing", "identity"]), "identity")', true, 'bool'],
    ['set_has_element(dynamic(["phishing"]), "malware")', false, 'bool'],
    ['min_of(3, 1, 2)', 1, 'long'],
    ['max_of(1.5, 2)', 2, 'real'],
    ['max_of(datetime(2026-11-20), datetime(2026-11-21))', '2026-11-21T00:00:00Z', 'datetime'],
    ['ceiling(1.2)', 2, 'real'],
    ['ceiling(7)', 7, 'long'],
    ['pow(2, 10)', 1024, 'real'],
    ['sqrt(16)', 4, 'real'],
    ['log10(1000)', 3, 'real'],
  ])('%s', (expr, value, type) => {
    expect(scalar(expr)).toEqual({ value, type });
  });

  it('null in, null out; bad arguments are refused', () => {
    expect(scalar('array_sort_asc(dynamic(null))').value).toBeNull();
    expect(scalar('min_of(long(null), 2)').value).toBe(2);
    expect(errorOf('Sample | project trim(Name, "x")').kind).toBe('SemanticError');
    expect(errorOf('print array_concat("a")').kind).toBe('SemanticError');
    expect(errorOf('print max_of(1, "a")').kind).toBe('SemanticError');
  });
});
