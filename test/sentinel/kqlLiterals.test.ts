/** KQL literals: whatever a person types stays one string literal; numbers and dates are checked. */
import { kql, kqlBool, kqlDatetime, kqlInt, kqlReal, kqlString, KqlValueError } from '../../src/sentinel/kqlLiterals';

/**
 * Reads a KQL double-quoted string literal from the start of `text` the way the KQL lexer
 * does (backslash escapes the next character, a quote ends it, a line break is an error)
 * and returns where it ends: for a safe literal, exactly at the last character.
 */
function literalEnd(text: string): number {
  if (text[0] !== '"') throw new Error('not a literal');
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') throw new Error(`raw line break at ${i}`);
    if (ch === '\\') i++;
    else if (ch === '"') return i;
  }
  throw new Error('unterminated');
}

describe('kqlString', () => {
  it.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['trailing backslash\\', '"trailing backslash\\\\"'],
    ['x" | union Foo | where "a"=="a', '"x\\" | union Foo | where \\"a\\"==\\"a"'],
    ["it's", '"it\'s"'],
    ["' or 1==1 //", '"\' or 1==1 //"'],
    ['line\nbreak\r\ttab', '"line\\nbreak\\r\\ttab"'],
    ['x"\n| take 100000', '"x\\"\\n| take 100000"'],
    ['bell\u0007 nul\u0000 del\u007f c1\u0085', '"bell nul del c1"'],
    ['ls\u2028ps\u2029', '"lsps"'],
    ['lone \ud800 surrogate', '"lone  surrogate"'],
    ['// comment', '"// comment"'],
    ['\\"; drop table', '"\\\\\\"; drop table"'],
    ['emoji 🚨 and رسالة and 日本語', '"emoji 🚨 and رسالة and 日本語"'],
    ['${injected}', '"${injected}"'],
  ])('%j -> %s', (input, expected) => {
    const lit = kqlString(input);
    expect(lit).toBe(expected);
    expect(literalEnd(lit)).toBe(lit.length - 1);
  });

  it('keeps any mix of quotes, backslashes and line breaks inside one literal', () => {
    const alphabet = ['"', "'", '\\', '\n', '\r', '|', ';', '/', 'a', ' ', '\u2028', '`'];
    for (let seed = 1; seed < 500; seed++) {
      let s = '';
      for (let i = 0, x = seed; i < 12; i++, x = (x * 7919 + 13) % 104729) s += alphabet[x % alphabet.length];
      const lit = kqlString(s);
      expect(literalEnd(lit)).toBe(lit.length - 1);
    }
  });

  it('refuses what is not a string', () => {
    expect(() => kqlString(5 as unknown as string)).toThrow(KqlValueError);
  });
});

describe('numbers, dates, booleans', () => {
  it('accepts only safe integers for kqlInt', () => {
    expect(kqlInt(405211)).toBe('405211');
    expect(kqlInt(-3)).toBe('-3');
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '1 or 1==1' as unknown as number]) expect(() => kqlInt(bad)).toThrow(KqlValueError);
  });

  it('writes finite reals as real()', () => {
    expect(kqlReal(0.5)).toBe('real(0.5)');
    expect(() => kqlReal(Number.NaN)).toThrow(KqlValueError);
  });

  it('writes dates as datetime() in UTC', () => {
    expect(kqlDatetime(new Date('2026-11-20T10:15:00+01:00'))).toBe('datetime(2026-11-20T09:15:00.000Z)');
    expect(() => kqlDatetime(new Date('x'))).toThrow(KqlValueError);
    expect(() => kqlDatetime('2026-11-20' as unknown as Date)).toThrow(KqlValueError);
  });

  it('writes booleans', () => {
    expect(kqlBool(true)).toBe('true');
    expect(() => kqlBool('true' as unknown as boolean)).toThrow(KqlValueError);
  });
});

describe('kql template', () => {
  it('turns every hole into a literal', () => {
    const owner = 'x" | union Secrets | where "a"=="a';
    const q = kql`SecurityIncident | where IncidentNumber == ${405211} and Owner == ${owner} and TimeGenerated > ${new Date('2026-11-20T00:00:00Z')} and Flag == ${true}`;
    expect(q).toBe(
      'SecurityIncident | where IncidentNumber == 405211 and Owner == "x\\" | union Secrets | where \\"a\\"==\\"a" and TimeGenerated > datetime(2026-11-20T00:00:00.000Z) and Flag == true',
    );
  });

  it('writes lists for in()', () => {
    expect(kql`T | where Status in ${['New', 'Active']} and N in ${[1, 2]}`).toBe('T | where Status in ("New", "Active") and N in (1, 2)');
    expect(() => kql`T | where Status in ${[]}`).toThrow(KqlValueError);
  });

  it('refuses values that are not KQL values', () => {
    expect(() => kql`T | where a == ${Number.NaN}`).toThrow(KqlValueError);
    expect(() => kql`T | where a == ${{ toString: () => '1 | take 1' } as unknown as string}`).toThrow(KqlValueError);
    expect(() => kql`T | where a == ${undefined as unknown as string}`).toThrow(KqlValueError);
  });
});
