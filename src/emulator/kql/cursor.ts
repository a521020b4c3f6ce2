/** A position in the token stream with the small helpers both parsers share. */
import { KqlError, syntaxError, unsupported } from './errors';
import type { Token } from './tokens';

/**
 * The parsers and the binder recurse once per level of nesting; past these limits a query
 * would exhaust the stack (a RangeError, not a KqlError), so it is refused as a syntax error.
 */
export const MAX_NESTING = 64;
export const MAX_EXPRESSION_DEPTH = 256;

export class Cursor {
  private i = 0;
  private nesting = 0;

  /** Runs a parser that may recurse, refusing queries nested deeper than MAX_NESTING. */
  nest<T>(parse: () => T): T {
    if (this.nesting >= MAX_NESTING) throw this.error(`the query is nested more than ${MAX_NESTING} levels deep`);
    this.nesting++;
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  /** True outside any nested parse: where a whole expression has just been read. */
  atTopLevel(): boolean {
    return this.nesting === 0;
  }

  constructor(
    readonly text: string,
    private readonly tokens: Token[],
  ) {}

  peek(k = 0): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  isPunct(p: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === p;
  }

  /** Keywords are identifiers compared case-sensitively, as Kusto does. */
  isWord(word?: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && (word === undefined || t.text === word);
  }

  /** True when token k starts exactly where token k-1 ends (no whitespace between them). */
  touches(k: number): boolean {
    return this.peek(k).start === this.peek(k - 1).end;
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.next();
    return true;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.next();
    return true;
  }

  expectPunct(p: string, context: string): Token {
    if (!this.isPunct(p)) throw this.error(`expected '${p}' ${context}`);
    return this.next();
  }

  expectWord(word: string, context: string): Token {
    if (!this.isWord(word)) throw this.error(`expected '${word}' ${context}`);
    return this.next();
  }

  /** A column or parameter name: a plain identifier or the bracketed form `['name']`. */
  isName(k = 0): boolean {
    return this.isWord(undefined, k) || (this.isPunct('[', k) && this.peek(k + 1).kind === 'string' && this.isPunct(']', k + 2));
  }

  /** Number of tokens `isName(k)` spans. */
  nameLength(k = 0): number {
    return this.isWord(undefined, k) ? 1 : 3;
  }

  expectName(context: string): string {
    if (this.isWord()) return this.next().text;
    if (this.isName()) {
      this.next();
      const s = this.next().value as string;
      this.next();
      return s;
    }
    throw this.error(`expected a name ${context}`);
  }

  error(detail: string, token: Token = this.peek()): KqlError {
    return syntaxError(this.text, token.start, token.text, detail);
  }
}

/** Operator options such as `hint.strategy=shuffle` change nothing here but must not be silently dropped. */
export function rejectOperatorParameters(c: Cursor, operator: string): void {
  if (c.isWord() && c.peek().text.startsWith('hint') && c.isPunct('.', 1)) {
    throw unsupported(`The '${c.peek().text}.${c.peek(2).text}' parameter of '${operator}'`);
  }
}
