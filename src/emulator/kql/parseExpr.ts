/**
 * Recursive-descent parser for scalar expressions. Precedence, loosest first:
 * or, and, comparison and string operators (non-associative), + -, * / %, unary,
 * postfix (`.name`, `[index]`), primary.
 */
import type { Expr, InOp } from './ast';
import { MAX_EXPRESSION_DEPTH, type Cursor } from './cursor';
import { unsupportedOperator } from './errors';
import { isTypedLiteral, parseDynamicValue, parseScalarLiteralValue, rawLiteral } from './parseLiterals';
import { typeFromName } from './values';

const COMPARISON_PUNCT = new Set(['==', '!=', '<>', '<', '<=', '>', '>=', '=~', '!~']);

/** Word operators that may follow `!` (negated forms) or stand alone. */
const STRING_OPS = new Set(['has', 'has_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs']);
const SUPPORTED_STRING_OPS = new Set(['has', 'has_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs']);
/** Named in the error for a scalar operator outside the subset. */
const SUPPORTED_SCALAR_OPERATORS = [
  '==', '!=', '<', '<=', '>', '>=', '=~', '!~', 'and', 'or', '+', '-', '*', '/', '%', 'in', '!in', 'in~', '!in~', 'between', '!between', 'has_any', 'has_all',
  ...[...SUPPORTED_STRING_OPS].flatMap((op) => [op, `!${op}`]),
];
/** Operators Kusto has that the emulator does not evaluate; named in the error. */
const UNSUPPORTED_WORD_OPS = new Set(['matches', 'like', 'notlike', 'in_cidr', 'has_ipv4', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'contains_any']);

export function parseExpression(c: Cursor): Expr {
  const start = c.peek();
  const top = c.atTopLevel();
  const e = c.nest(() => parseOr(c));
  // Chains such as `a + b + ...` are built in a loop, so their depth is checked once, here.
  if (top && depthOf(e) > MAX_EXPRESSION_DEPTH) {
    throw c.error(`the expression is more than ${MAX_EXPRESSION_DEPTH} operators deep`, start);
  }
  return e;
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'member':
      return [e.target];
    case 'index':
      return [e.target, e.index];
    case 'call':
      return e.args;
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'inList':
      return [e.left, ...e.items];
    case 'between':
      return [e.left, e.low, e.high];
    default:
      return [];
  }
}

/** Iterative, so that measuring a deep tree cannot itself overflow the stack. */
function depthOf(root: Expr): number {
  let max = 0;
  const stack: Array<[Expr, number]> = [[root, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [e, d] = item;
    if (d > max) max = d;
    for (const child of children(e)) stack.push([child, d + 1]);
  }
  return max;
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
  const isOperatorWord = word === 'in' || word === 'between' || word === 'has_any' || word === 'has_all' || STRING_OPS.has(word) || UNSUPPORTED_WORD_OPS.has(word);
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
  if (word === 'has_any' || word === 'has_all') {
    if (negated) throw unsupportedOperator(name, SUPPORTED_SCALAR_OPERATORS);
    return { kind: 'inList', op: word, left, items: parseParenList(c, `after '${word}'`), pos: t.start };
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
    throw unsupportedOperator(word === 'matches' ? 'matches regex' : name, SUPPORTED_SCALAR_OPERATORS);
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
    const operand = c.nest(() => parseUnary(c));
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
