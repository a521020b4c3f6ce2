/**
 * Recursive-descent parser for scalar expressions. Precedence, loosest first:
 * or, and, comparison and string operators (non-associative), + -, * / %, unary,
 * postfix (`.name`, `[index]`), primary.
 */
import type { Expr, InOp } from './ast';
import type { Cursor } from './cursor';
import { unsupportedOperator } from './errors';
import { parseDatetimeText, parseClockTimespan, typeFromName } from './values';
import { timespanUnitMs } from './lexer';
import type { KqlType } from './types';

const COMPARISON_PUNCT = new Set(['==', '!=', '<>', '<', '<=', '>', '>=', '=~', '!~']);

/** Word operators that may follow `!` (negated forms) or stand alone. */
const STRING_OPS = new Set(['has', 'has_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs']);
const SUPPORTED_STRING_OPS = new Set(['has', 'has_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs']);
/** Operators Kusto has that the emulator does not evaluate; named in the error. */
const UNSUPPORTED_WORD_OPS = new Set(['matches', 'like', 'notlike', 'has_any', 'has_all', 'in_cidr', 'has_ipv4', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'contains_any']);

export function parseExpression(c: Cursor): Expr {
  return parseOr(c);
}

function parseOr(c: Cursor): Expr {
  let left = parseAnd(c);
  while (c.isWord('or')) {
    const pos = c.next().start;
    left = { kind: 'binary', op: 'or', left, right: parseAnd(c), pos };
  }
  return left;
}

function parseAnd(c: Cursor): Expr {
  let left = parseComparison(c);
  while (c.isWord('and')) {
    const pos = c.next().start;
    left = { kind: 'binary', op: 'and', left, right: parseComparison(c), pos };
  }
  return left;
}

function parseComparison(c: Cursor): Expr {
  const left = parseAdditive(c);
  const t = c.peek();
  if (t.kind === 'punct' && COMPARISON_PUNCT.has(t.text)) {
    c.next();
    const op = t.text === '<>' ? '!=' : t.text;
    return { kind: 'binary', op, left, right: parseAdditive(c), pos: t.start };
  }
  // Negated word operators are written `!in`, `!has`, ...: a `!` touching the word.
  let negated = false;
  let word: string | undefined;
  if (t.kind === 'punct' && t.text === '!' && c.isWord(undefined, 1) && c.touches(1)) {
    negated = true;
    word = c.peek(1).text;
  } else if (t.kind === 'ident') {
    word = t.text;
  }
  if (word === undefined) return left;
  const isOperatorWord = word === 'in' || word === 'between' || STRING_OPS.has(word) || UNSUPPORTED_WORD_OPS.has(word);
  if (!isOperatorWord) {
    if (negated) throw c.error(`unknown operator '!${word}'`);
    return left;
  }
  if (negated) c.next();
  c.next();
  const name = negated ? `!${word}` : word;
  if (word === 'in') {
    let op: InOp = negated ? '!in' : 'in';
    if (c.isPunct('~') && c.touches(0)) {
      c.next();
      op = negated ? '!in~' : 'in~';
    }
    return { kind: 'inList', op, left, items: parseParenList(c, `after '${op}'`), pos: t.start };
  }
  if (word === 'between') {
    c.expectPunct('(', "after 'between'");
    const low = parseAdditive(c);
    c.expectPunct('..', "between the bounds of 'between'");
    const high = parseAdditive(c);
    c.expectPunct(')', "after the bounds of 'between'");
    return { kind: 'between', negated, left, low, high, pos: t.start };
  }
  if (!SUPPORTED_STRING_OPS.has(word)) {
    throw unsupportedOperator(word === 'matches' ? 'matches regex' : name);
  }
  return { kind: 'binary', op: name, left, right: parseAdditive(c), pos: t.start };
}

function parseParenList(c: Cursor, context: string): Expr[] {
  c.expectPunct('(', context);
  const items: Expr[] = [];
  if (!c.isPunct(')')) {
    do {
      items.push(parseExpression(c));
    } while (c.acceptPunct(','));
  }
  c.expectPunct(')', 'to close the list');
  return items;
}

function parseAdditive(c: Cursor): Expr {
  let left = parseMultiplicative(c);
  while (c.isPunct('+') || c.isPunct('-')) {
    const t = c.next();
    left = { kind: 'binary', op: t.text, left, right: parseMultiplicative(c), pos: t.start };
  }
  return left;
}

function parseMultiplicative(c: Cursor): Expr {
  let left = parseUnary(c);
  while (c.isPunct('*') || c.isPunct('/') || c.isPunct('%')) {
    const t = c.next();
    left = { kind: 'binary', op: t.text, left, right: parseUnary(c), pos: t.start };
  }
  return left;
}

function parseUnary(c: Cursor): Expr {
  if (c.isPunct('-') || c.isPunct('+')) {
    const t = c.next();
    const operand = parseUnary(c);
    // Fold `-5` into a literal so that `take -1` and `in (-1)` see a constant.
    if (t.text === '-' && operand.kind === 'literal' && typeof operand.value === 'number' && operand.type !== 'datetime') {
      return { ...operand, value: -operand.value, pos: t.start };
    }
    return { kind: 'unary', op: t.text === '-' ? '-' : '+', operand, pos: t.start };
  }
  return parsePostfix(c);
}

function parsePostfix(c: Cursor): Expr {
  let e = parsePrimary(c);
  for (;;) {
    if (c.isPunct('.') && c.isWord(undefined, 1)) {
      const pos = c.next().start;
      e = { kind: 'member', target: e, name: c.next().text, pos };
    } else if (c.isPunct('[')) {
      const pos = c.next().start;
      const index = parseExpression(c);
      c.expectPunct(']', 'to close the index');
      e = { kind: 'index', target: e, index, pos };
    } else {
      return e;
    }
  }
}

function parsePrimary(c: Cursor): Expr {
  const t = c.peek();
  switch (t.kind) {
    case 'string':
      c.next();
      return { kind: 'literal', type: 'string', value: t.value, pos: t.start };
    case 'long':
      c.next();
      return { kind: 'literal', type: 'long', value: t.value, pos: t.start };
    case 'real':
      c.next();
      return { kind: 'literal', type: 'real', value: t.value, pos: t.start };
    case 'timespan':
      c.next();
      return { kind: 'literal', type: 'timespan', value: t.value, pos: t.start };
    case 'rawLiteral':
      c.next();
      return rawLiteral(c, t.literalType ?? '', String(t.value));
    case 'punct':
      if (t.text === '(') {
        c.next();
        const inner = parseExpression(c);
        c.expectPunct(')', 'to close the parenthesis');
        return inner;
      }
      if (t.text === '*') {
        c.next();
        return { kind: 'star', pos: t.start };
      }
      if (c.isName()) return { kind: 'column', name: c.expectName(''), pos: t.start };
      throw c.error('expected an expression');
    case 'ident':
      return parseIdentifierPrimary(c);
    default:
      throw c.error('expected an expression');
  }
}

function parseIdentifierPrimary(c: Cursor): Expr {
  const t = c.next();
  const word = t.text;
  if (word === 'true' || word === 'false') return { kind: 'literal', type: 'bool', value: word === 'true', pos: t.start };
  if (!c.isPunct('(')) return { kind: 'column', name: word, pos: t.start };
  if (word === 'dynamic') {
    c.next();
    const value = parseDynamicValue(c);
    c.expectPunct(')', 'to close dynamic(...)');
    return { kind: 'literal', type: 'dynamic', value, pos: t.start };
  }
  const typed = typeFromName(word);
  if (typed !== undefined && isTypedLiteral(c)) {
    c.next();
    const value = parseScalarLiteralValue(c, typed);
    c.expectPunct(')', `to close ${word}(...)`);
    return { kind: 'literal', type: typed, value, pos: t.start };
  }
  c.next();
  const args: Expr[] = [];
  if (!c.isPunct(')')) {
    do {
      args.push(parseExpression(c));
    } while (c.acceptPunct(','));
  }
  c.expectPunct(')', `to close the arguments of '${word}'`);
  return { kind: 'call', name: word, args, pos: t.start };
}

/** `int(null)`, `real(-1.5)`, `bool(true)`: a type name applied to a literal. */
function isTypedLiteral(c: Cursor): boolean {
  let k = 1;
  if (c.isPunct('-', k) || c.isPunct('+', k)) k++;
  const t = c.peek(k);
  const literal = t.kind === 'long' || t.kind === 'real' || t.kind === 'string' || (t.kind === 'ident' && ['null', 'true', 'false', 'nan', 'inf'].includes(t.text));
  return literal && c.isPunct(')', k + 1);
}

function parseScalarLiteralValue(c: Cursor, type: KqlType): unknown {
  const neg = c.acceptPunct('-') ? -1 : (c.acceptPunct('+'), 1);
  const t = c.next();
  if (t.kind === 'ident') {
    if (t.text === 'null') return null;
    if (t.text === 'true' || t.text === 'false') return type === 'bool' ? t.text === 'true' : t.text === 'true' ? 1 : 0;
    if (t.text === 'nan') return NaN;
    return neg * Infinity;
  }
  if (t.kind === 'string') {
    if (type === 'string' || type === 'guid') return t.value;
    throw c.error(`a string is not a valid ${type} literal`, t);
  }
  const n = neg * Number(t.value);
  return type === 'int' || type === 'long' ? Math.trunc(n) : n;
}

function rawLiteral(c: Cursor, keyword: string, inner: string): Expr {
  const t = c.peek(-1);
  const type = typeFromName(keyword) ?? 'string';
  if (inner === 'null') return { kind: 'literal', type, value: null, pos: t.start };
  if (type === 'datetime') {
    const ms = parseDatetimeText(inner);
    if (ms === undefined) throw c.error(`'${inner}' is not a valid datetime literal`, t);
    return { kind: 'literal', type, value: ms, pos: t.start };
  }
  if (type === 'timespan') {
    const ms = parseTimespanLiteralText(inner);
    if (ms === undefined) throw c.error(`'${inner}' is not a valid timespan literal`, t);
    return { kind: 'literal', type, value: ms, pos: t.start };
  }
  return { kind: 'literal', type: 'guid', value: inner.toLowerCase(), pos: t.start };
}

/** The argument of `timespan(...)`: `2h`, `1.5d`, `1.02:03:04` or a bare number of days. */
export function parseTimespanLiteralText(text: string): number | undefined {
  const clock = parseClockTimespan(text);
  if (clock !== undefined) return clock;
  let i = 0;
  while (i < text.length && ((text[i] >= '0' && text[i] <= '9') || text[i] === '.' || text[i] === '-')) i++;
  const num = Number(text.slice(0, i));
  if (i === 0 || Number.isNaN(num)) return undefined;
  const unit = text.slice(i).trim().toLowerCase();
  const per = unit === '' ? 86_400_000 : timespanUnitMs(unit);
  return per === undefined ? undefined : num * per;
}

/** The JSON-like body of `dynamic(...)`. Datetime literals inside become ISO strings. */
function parseDynamicValue(c: Cursor): unknown {
  const t = c.peek();
  if (c.acceptPunct('[')) {
    const items: unknown[] = [];
    if (!c.isPunct(']')) {
      do {
        items.push(parseDynamicValue(c));
      } while (c.acceptPunct(','));
    }
    c.expectPunct(']', 'to close the dynamic array');
    return items;
  }
  if (c.acceptPunct('{')) {
    const bag: Record<string, unknown> = {};
    if (!c.isPunct('}')) {
      do {
        const key = c.next();
        if (key.kind !== 'string' && key.kind !== 'ident') throw c.error('expected a property name in dynamic object', key);
        c.expectPunct(':', 'after the property name');
        bag[key.kind === 'string' ? String(key.value) : key.text] = parseDynamicValue(c);
      } while (c.acceptPunct(','));
    }
    c.expectPunct('}', 'to close the dynamic object');
    return bag;
  }
  if (c.isPunct('-') || c.isPunct('+')) {
    const sign = c.next().text === '-' ? -1 : 1;
    const n = c.next();
    if (n.kind !== 'long' && n.kind !== 'real') throw c.error('expected a number', n);
    return sign * Number(n.value);
  }
  c.next();
  switch (t.kind) {
    case 'string':
      return t.value;
    case 'long':
    case 'real':
      return t.value;
    case 'rawLiteral': {
      const lit = rawLiteral(c, t.literalType ?? '', String(t.value));
      if (lit.kind === 'literal' && lit.type === 'datetime' && typeof lit.value === 'number') return new Date(lit.value).toISOString();
      return lit.kind === 'literal' ? lit.value : null;
    }
    case 'ident':
      if (t.text === 'true') return true;
      if (t.text === 'false') return false;
      if (t.text === 'null') return null;
      break;
    default:
      break;
  }
  throw c.error('expected a JSON value inside dynamic(...)', t);
}
