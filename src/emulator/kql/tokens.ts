/**
 * Token shapes and the fixed vocabulary of the lexer: punctuation and timespan units.
 * Kept apart from the lexer so the parsers can depend on the shapes alone.
 */

export type TokenKind = 'ident' | 'string' | 'long' | 'real' | 'timespan' | 'rawLiteral' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text of the token (for punctuation, the operator itself). */
  text: string;
  start: number;
  end: number;
  /** Decoded string, numeric value or timespan milliseconds; for rawLiteral the inner text. */
  value?: string | number;
  /** For rawLiteral: the literal's type keyword (datetime, timespan, guid). */
  literalType?: string;
}

// Longest first, so that `==` is not read as `=` `=`.
export const PUNCTUATION = [
  '..', '==', '!=', '<>', '<=', '>=', '=~', '!~',
  '|', '(', ')', '[', ']', '{', '}', ',', ';', '.', '=', '<', '>', '+', '-', '*', '/', '%', ':', '!', '~', '?',
];

/** Literal types whose parenthesised argument is free text rather than tokens. */
export const RAW_LITERAL_TYPES = new Set(['datetime', 'date', 'timespan', 'time', 'guid', 'uuid', 'uniqueid']);

const MS_PER: Record<string, number> = {
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  microsecond: 0.001, microseconds: 0.001,
  tick: 0.0001, ticks: 0.0001,
};

export function timespanUnitMs(unit: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(MS_PER, unit) ? MS_PER[unit] : undefined;
}
