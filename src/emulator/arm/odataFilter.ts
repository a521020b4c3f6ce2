/**
 * The `$filter` subset Sentinel's list calls use, parsed by a small tokenizer and a
 * recursive-descent parser: comparisons of a property path with a literal, combined with
 * and / or / not and parentheses. Anything else is a 400, never an ignored filter.
 */
import { badRequest } from '../errors';

type Literal = string | number | boolean | null;
type Token = { kind: 'word'; value: string } | { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'paren'; value: '(' | ')' };
type Predicate = (resource: unknown) => boolean;

const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')') {
      tokens.push({ kind: 'paren', value: c });
      i++;
    } else if (c === "'") {
      let value = '';
      for (i++; ; i++) {
        if (i >= text.length) throw badRequest('Invalid $filter: unterminated string literal.');
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i++;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
      }
      tokens.push({ kind: 'string', value });
    } else {
      let j = i;
      while (j < text.length && !/[\s()']/.test(text[j]!)) j++;
      const word = text.slice(i, j);
      if (/^-?\d+(\.\d+)?$/.test(word)) tokens.push({ kind: 'number', value: Number(word) });
      else tokens.push({ kind: 'word', value: word });
      i = j;
    }
  }
  return tokens;
}

function valueAt(resource: unknown, path: string[]): unknown {
  let v: unknown = resource;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    const key = Object.keys(o).find((k) => k.toLowerCase() === seg.toLowerCase());
    v = key === undefined ? undefined : o[key];
  }
  return v;
}

function compare(left: unknown, op: string, right: Literal): boolean {
  if (right === null || left === undefined || left === null) {
    const isNull = left === undefined || left === null;
    return op === 'eq' ? isNull === (right === null) : op === 'ne' ? isNull !== (right === null) : false;
  }
  let a: number | string | boolean;
  let b: number | string | boolean;
  if (typeof left === 'number' && typeof right === 'number') [a, b] = [left, right];
  else if (typeof left === 'string' && typeof right === 'string' && ISO_DATE.test(left) && ISO_DATE.test(right)) [a, b] = [Date.parse(left), Date.parse(right)];
  else if (typeof left === 'string' && typeof right === 'string') [a, b] = [left.toLowerCase(), right.toLowerCase()];
  else if (typeof left === 'boolean' && typeof right === 'boolean') [a, b] = [left, right];
  else return op === 'ne';
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    default:
      return a <= b;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Predicate {
    const p = this.or();
    if (this.pos < this.tokens.length) throw badRequest(`Invalid $filter: unexpected '${String(this.tokens[this.pos]!.value)}'.`);
    return p;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'word' && t.value.toLowerCase() === word;
  }

  private or(): Predicate {
    let left = this.and();
    while (this.peekWord('or')) {
      this.pos++;
      const l = left;
      const r = this.and();
      left = (x) => l(x) || r(x);
    }
    return left;
  }

  private and(): Predicate {
    let left = this.unary();
    while (this.peekWord('and')) {
      this.pos++;
      const l = left;
      const r = this.unary();
      left = (x) => l(x) && r(x);
    }
    return left;
  }

  private unary(): Predicate {
    if (this.peekWord('not')) {
      this.pos++;
      const inner = this.unary();
      return (x) => !inner(x);
    }
    const t = this.tokens[this.pos];
    if (t?.kind === 'paren' && t.value === '(') {
      this.pos++;
      const inner = this.or();
      const close = this.tokens[this.pos++];
      if (close?.kind !== 'paren' || close.value !== ')') throw badRequest("Invalid $filter: missing ')'.");
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Predicate {
    const field = this.tokens[this.pos++];
    if (field?.kind !== 'word' || !/^[A-Za-z][\w/]*$/.test(field.value)) throw badRequest('Invalid $filter: expected a property path such as properties/status.');
    const op = this.tokens[this.pos++];
    if (op?.kind !== 'word' || !OPS.has(op.value.toLowerCase())) throw badRequest(`Invalid $filter: unsupported operator after '${field.value}' (use eq, ne, gt, ge, lt, le).`);
    const lit = this.tokens[this.pos++];
    let value: Literal;
    if (lit?.kind === 'string' || lit?.kind === 'number') value = lit.value;
    else if (lit?.kind === 'word' && /^(true|false|null)$/i.test(lit.value)) value = lit.value.toLowerCase() === 'null' ? null : lit.value.toLowerCase() === 'true';
    else if (lit?.kind === 'word' && ISO_DATE.test(lit.value)) value = lit.value;
    else throw badRequest(`Invalid $filter: expected a literal after '${field.value} ${op.value}'.`);
    const path = field.value.split('/');
    const operator = op.value.toLowerCase();
    return (x) => compare(valueAt(x, path), operator, value);
  }
}

export function parseODataFilter(filter: string): Predicate {
  if (filter.length > 2000) throw badRequest('Invalid $filter: too long.');
  return new Parser(tokenize(filter)).parse();
}

/** `$orderby=properties/createdTimeUtc desc[, ...]` as a comparator. */
export function parseOrderBy(orderBy: string): (a: unknown, b: unknown) => number {
  const keys = orderBy.split(',').map((part) => {
    const [path = '', dir = 'asc', ...rest] = part.trim().split(/\s+/);
    if (!/^[A-Za-z][\w/]*$/.test(path) || !/^(asc|desc)$/i.test(dir) || rest.length) throw badRequest(`Invalid $orderby: '${part.trim()}'.`);
    return { path: path.split('/'), sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const k of keys) {
      const x = valueAt(a, k.path);
      const y = valueAt(b, k.path);
      if (x === y) continue;
      if (x === undefined || x === null) return -k.sign;
      if (y === undefined || y === null) return k.sign;
      return (x < y ? -1 : 1) * k.sign;
    }
    return 0;
  };
}
