import { cleanText, isBlank, truncate, visibleLength } from '../../src/incidents/text';

describe('text hygiene', () => {
  it.each([
    ['  spaces  ', 'spaces'],
    ['line\nbreak', 'line break'],
    ['tab\tand\u0007bell', 'tab andbell'],
    ['zero\u200Bwidth', 'zerowidth'],
    ['bidi \u202Eoverride\u202C', 'bidi override'],
    ['family 👩\u200D👩\u200D👧', 'family 👩\u200D👩\u200D👧'],
    ['e\u0301', '\u00e9'],
  ])('single line %j -> %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('keeps line breaks in multi-line text and normalizes CRLF', () => {
    expect(cleanText('a\r\nb\rc\u0000', { multiline: true })).toBe('a\nb\nc');
  });

  it('counts emoji as one character each and truncates without splitting them', () => {
    expect(visibleLength('🚨🚨')).toBe(2);
    expect(truncate('🚨🚨🚨', 2)).toBe('🚨…');
  });

  it('sees only invisible characters as blank', () => {
    expect(isBlank('\u200C\u200D  ')).toBe(true);
    expect(isBlank('a')).toBe(false);
  });
});
