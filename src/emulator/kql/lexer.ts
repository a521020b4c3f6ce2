/**
 * Tokenizer. Positions are kept on every token so the parser can report where a query
 * went wrong and can tell `project-away` (no spaces) from `a - b`.
 */
import { syntaxError } from './errors';
import { PUNCTUATION, RAW_LITERAL_TYPES, timespanUnitMs, type Token } from './tokens';

export type { Token, TokenKind } from './tokens';

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;

  const readQuoted = (start: number, quote: string, verbatim: boolean): { value: string; end: number } => {
    let j = start + 1;
    let out = '';
    while (j < n) {
      const c = text[j];
      if (c === quote) {
        // In verbatim strings a doubled quote stands for one quote character.
        if (verbatim && text[j + 1] === quote) {
          out += quote;
          j += 2;
          continue;
        }
        return { value: out, end: j + 1 };
      }
      if (c === '\n' || c === '\r') break;
      if (c === '\\' && !verbatim) {
        const e = text[j + 1];
        const map: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', '0': '\0' };
        if (e !== undefined && map[e] !== undefined) {
          out += map[e];
          j += 2;
          continue;
        }
        throw syntaxError(text, j, text.slice(j, j + 2), `unknown escape sequence '\\${e ?? ''}' in string literal`);
      }
      out += c;
      j++;
    }
    throw syntaxError(text, start, text.slice(start, Math.min(n, start + 20)), 'unterminated string literal');
  };

  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    // Verbatim and obfuscated (h'...') strings: the prefix letter must touch the quote.
    if ((c === '@' || c === 'h' || c === 'H') && (text[i + 1] === '"' || text[i + 1] === "'")) {
      const verbatim = c === '@';
      const { value, end } = readQuoted(i + 1, text[i + 1], verbatim);
      tokens.push({ kind: 'string', text: text.slice(start, end), start, end, value });
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      const { value, end } = readQuoted(i, c, false);
      tokens.push({ kind: 'string', text: text.slice(start, end), start, end, value });
      i = end;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? '') && !prevIsValue(tokens, start))) {
      i = readNumber(text, i, tokens);
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text[j])) j++;
      const word = text.slice(i, j);
      const raw = RAW_LITERAL_TYPES.has(word) ? readRawLiteral(text, j) : undefined;
      if (raw) {
        tokens.push({ kind: 'rawLiteral', text: text.slice(start, raw.end), start, end: raw.end, value: raw.inner, literalType: word });
        i = raw.end;
        continue;
      }
      tokens.push({ kind: 'ident', text: word, start, end: j });
      i = j;
      continue;
    }
    const p = PUNCTUATION.find((s) => text.startsWith(s, i));
    if (p === undefined) throw syntaxError(text, i, c, `unexpected character '${c}'`);
    tokens.push({ kind: 'punct', text: p, start, end: i + p.length });
    i += p.length;
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n });
  return tokens;
}

function prevIsValue(tokens: Token[], start: number): boolean {
  const prev = tokens[tokens.length - 1];
  return prev !== undefined && prev.end === start && (prev.kind === 'ident' || prev.text === ')' || prev.text === ']');
}

/**
 * `datetime(2026-11-20T10:00:00Z)` cannot be tokenized normally (the colons and dashes
 * are part of the value), so the text between the parentheses is taken as is.
 * Returns undefined when the keyword is not followed by `(` (e.g. a type name).
 */
function readRawLiteral(text: string, from: number): { inner: string; end: number } | undefined {
  let j = from;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] !== '(') return undefined;
  const close = text.indexOf(')', j + 1);
  if (close < 0) throw syntaxError(text, j, '(', "missing ')' after literal");
  return { inner: text.slice(j + 1, close).trim(), end: close + 1 };
}

function readNumber(text: string, i: number, tokens: Token[]): number {
  const start = i;
  const n = text.length;
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
    let j = i + 2;
    while (j < n && /[0-9a-fA-F]/.test(text[j])) j++;
    tokens.push({ kind: 'long', text: text.slice(start, j), start, end: j, value: parseInt(text.slice(i + 2, j), 16) });
    return j;
  }
  let j = i;
  while (j < n && isDigit(text[j])) j++;
  let isReal = false;
  // A dot followed by another dot is the `..` of `between (1 .. 5)`.
  if (text[j] === '.' && text[j + 1] !== '.') {
    isReal = true;
    j++;
    while (j < n && isDigit(text[j])) j++;
  }
  if ((text[j] === 'e' || text[j] === 'E') && (isDigit(text[j + 1] ?? '') || ((text[j + 1] === '-' || text[j + 1] === '+') && isDigit(text[j + 2] ?? '')))) {
    isReal = true;
    j += 2;
    while (j < n && isDigit(text[j])) j++;
  }
  const numText = text.slice(start, j);
  if (j < n && isIdentStart(text[j])) {
    let k = j;
    while (k < n && isIdentPart(text[k])) k++;
    const unit = text.slice(j, k);
    const per = timespanUnitMs(unit.toLowerCase());
    if (per === undefined) throw syntaxError(text, start, text.slice(start, k), `'${unit}' is not a timespan unit`);
    tokens.push({ kind: 'timespan', text: text.slice(start, k), start, end: k, value: Number(numText) * per });
    return k;
  }
  tokens.push({ kind: isReal ? 'real' : 'long', text: numText, start, end: j, value: Number(numText) });
  return j;
}
