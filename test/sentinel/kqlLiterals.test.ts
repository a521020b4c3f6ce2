import { kqlDatetime, kqlInt, kqlString } from '../../src/sentinel/kqlLiterals';

describe('KQL literals', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['x" | union Foo | where "a"=="a', '"x\\" | union Foo | where \\"a\\"==\\"a"'],
    ["it's", '"it\'s"'],
    ['line\nbreak\r\ttab', '"line\\nbreak\\r\\ttab"'],
    ['bell\u0007 and nul\u0000', '"bell and nul"'],
    ['// comment', '"// comment"'],
    ['emoji 🚨 and رسالة', '"emoji 🚨 and رسالة"'],
  ])('%j -> %s', (input, expected) => {
    expect(kqlString(input)).toBe(expected);
  });

  it('keeps the literal closed: every quote inside is escaped', () => {
    const lit = kqlString('"\\"\\\\"');
    const inner = lit.slice(1, -1);
    expect(inner.replace(/\\./g, '')).not.toContain('"');
  });

  it('accepts only safe integers and valid dates', () => {
    expect(kqlInt(405211)).toBe('405211');
    expect(() => kqlInt(1.5)).toThrow();
    expect(() => kqlInt(Number.NaN)).toThrow();
    expect(() => kqlInt(2 ** 60)).toThrow();
    expect(kqlDatetime(new Date('2026-11-20T09:15:00Z'))).toBe('datetime(2026-11-20T09:15:00.000Z)');
    expect(() => kqlDatetime(new Date('x'))).toThrow();
  });
});
