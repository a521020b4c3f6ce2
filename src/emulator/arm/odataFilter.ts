/**
 * The `$filter` and `$orderby` subset of the incidents list: comparisons (eq ne gt ge lt le)
 * of a supported property with a literal, combined with and / or / not and parentheses.
 * A tokenizer and a recursive-descent parser; anything outside the subset is a 400, never
 * a filter silently ignored.
 */
import type { StoredIncident } from '../model';
import { badRequest } from './errors';

type Kind = 'number' | 'datetime' | 'enum' | 'guid';
type Value = number | string | null;

interface Field {
  path: string;
  kind: Kind;
  get(i: StoredIncident): Value;
  /** Sort rank of enum values (severity, status): sorting follows meaning, not spelling. */
  rank?: readonly string[];
}

const FILTER_FIELDS: readonly Field[] = [
  { path: 'properties/incidentNumber', kind: 'number', get: (i) => i.incidentNumber },
  { path: 'properties/status', kind: 'enum', get: (i) => i.status, rank: ['New', 'Active', 'Closed'] },
  { path: 'properties/severity', kind: 'enum', get: (i) => i.severity, rank: ['Informational', 'Low', 'Medium', 'High'] },
  { path: 'properties/owner/objectId', kind: 'guid', get: (i) => i.owner?.objectId ?? null },
  { path: 'properties/createdTimeUtc', kind: 'datetime', get: (i) => i.createdTimeUtc },
  { path: 'properties/lastModifiedTimeUtc', kind: 'datetime', get: (i) => i.lastModifiedTimeUtc },
];

const ORDER_FIELDS: readonly Field[] = [
  ...FILTER_FIELDS.filter((f) => f.kind !== 'guid'),
  { path: 'properties/title', kind: 'enum', get: (i) => i.title },
];

type Token =
  | { t: 'word'; v: string; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'number'; v: number; at: number }
  | { t: '(' | ')'; at: number };

const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ t: c, at: i++ });
    } else if (c === "'") {
      const at = i;
      let v = '';
      for (i++; ; i++) {
        if (i >= text.length) throw badRequest(`Invalid $filter: the string starting at position ${at} is not closed.`);
        if (text[i] === "'") {
          if (text[i + 1] !== "'") break;
          i++; // '' is an escaped quote
        }
        v += text[i];
      }
      i++;
      tokens.push({ t: 'string', v, at });
    } else {
      const at = i;
      while (i < text.length && !/[\s()']/.test(text[i]!)) i++;
      const word = text.slice(at, i);
      if (/^-?\d+(\.\d+)?$/.test(word)) tokens.push({ t: 'number', v: Number(word), at });
      else tokens.push({ t: 'word', v: word, at });
    }
  }
  return tokens;
}

export type IncidentPredicate = (incident: StoredIncident) => boolean;

function fieldNamed(fields: readonly Field[], path: string, what: string): Field {
  const f = fields.find((x) => x.path.toLowerCase() === path.toLowerCase());
  if (!f) throw badRequest(`Invalid ${what}: '${path}' is not supported. Supported: ${fields.map((x) => x.path).join(', ')}.`);
  return f;
}

function literal(field: Field, token: Token | undefined): Value {
  const where = `after '${field.path}'`;
  if (token?.t === 'word' && token.v.toLowerCase() === 'null') {
    if (field.kind !== 'guid') throw badRequest(`Invalid $filter: ${field.path} is never null.`);
    return null;
  }
  switch (field.kind) {
    case 'number':
      if (token?.t !== 'number' || !Number.isInteger(token.v)) throw badRequest(`Invalid $filter: expected an integer ${where}.`);
      return token.v;
    case 'datetime': {
      const text = token?.t === 'string' || token?.t === 'word' ? token.v : undefined;
      if (text === undefined || !DATETIME.test(text) || Number.isNaN(Date.parse(text))) throw badRequest(`Invalid $filter: expected a date-time such as 2025-01-31T00:00:00Z ${where}.`);
      return Date.parse(text);
    }
    default:
      if (token?.t !== 'string') throw badRequest(`Invalid $filter: expected a quoted string ${where}.`);
      return token.v.toLowerCase();
  }
}

function compare(field: Field, op: string, right: Value): IncidentPredicate {
  if ((field.kind === 'enum' || field.kind === 'guid') && op !== 'eq' && op !== 'ne') {
    throw badRequest(`Invalid $filter: ${field.path} can only be compared with eq or ne.`);
  }
  if (right === null) return op === 'eq' ? (i) => field.get(i) === null : (i) => field.get(i) !== null;
  const left = (i: StoredIncident): Value => {
    const v = field.get(i);
    if (v === null) return null;
    return field.kind === 'datetime' ? Date.parse(String(v)) : typeof v === 'string' ? v.toLowerCase() : v;
  };
  const test: Record<string, (a: number | string, b: number | string) => boolean> = {
    eq: (a, b) => a === b,
    ne: (a, b) => a !== b,
    gt: (a, b) => a > b,
    ge: (a, b) => a >= b,
    lt: (a, b) => a < b,
    le: (a, b) => a <= b,
  };
  const fn = test[op]!;
  return (i) => {
    const v = left(i);
    return v === null ? op === 'ne' : fn(v, right);
  };
}

class FilterParser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): IncidentPredicate {
    if (this.tokens.length === 0) throw badRequest('Invalid $filter: it is empty.');
    const p = this.or();
    const extra = this.tokens[this.pos];
    if (extra) throw badRequest(`Invalid $filter: unexpected '${'v' in extra ? String(extra.v) : extra.t}' at position ${extra.at}.`);
    return p;
  }

  private isWord(word: string): boolean {
    const t = this.tokens[this.pos];
    return t?.t === 'word' && t.v.toLowerCase() === word;
  }

  private or(): IncidentPredicate {
    let left = this.and();
    while (this.isWord('or')) {
      this.pos++;
      const [l, r] = [left, this.and()];
      left = (i) => l(i) || r(i);
    }
    return left;
  }

  private and(): IncidentPredicate {
    let left = this.unary();
    while (this.isWord('and')) {
      this.pos++;
      const [l, r] = [left, this.unary()];
      left = (i) => l(i) && r(i);
    }
    return left;
  }

  private unary(): IncidentPredicate {
    if (this.isWord('not')) {
      this.pos++;
      const inner = this.unary();
      return (i) => !inner(i);
    }
    if (this.tokens[this.pos]?.t === '(') {
      this.pos++;
      const inner = this.or();
      if (this.tokens[this.pos]?.t !== ')') throw badRequest("Invalid $filter: a '(' is not closed.");
      this.pos++;
      return inner;
    }
    return this.comparison();
  }

  private comparison(): IncidentPredicate {
    const name = this.tokens[this.pos++];
    if (name?.t !== 'word' || this.tokens[this.pos]?.t === '(') {
      const what = name && 'v' in name ? `'${String(name.v)}'` : 'the end';
      throw badRequest(`Invalid $filter: expected a property such as properties/status, found ${what}. Functions are not supported.`);
    }
    const field = fieldNamed(FILTER_FIELDS, name.v, '$filter');
    const op = this.tokens[this.pos++];
    if (op?.t !== 'word' || !COMPARISONS.has(op.v.toLowerCase())) throw badRequest(`Invalid $filter: expected eq, ne, gt, ge, lt or le after '${field.path}'.`);
    return compare(field, op.v.toLowerCase(), literal(field, this.tokens[this.pos++]));
  }
}

export function parseIncidentFilter(filter: string): IncidentPredicate {
  if (filter.length > 4000) throw badRequest('Invalid $filter: it is longer than 4000 characters.');
  return new FilterParser(tokenize(filter)).parse();
}

export type IncidentComparator = (a: StoredIncident, b: StoredIncident) => number;

function sortKey(field: Field, i: StoredIncident): number | string {
  const v = field.get(i);
  if (field.rank) return field.rank.indexOf(String(v));
  if (field.kind === 'datetime') return Date.parse(String(v));
  return typeof v === 'string' ? v.toLowerCase() : (v ?? 0);
}

/** `$orderby=properties/createdTimeUtc desc[, ...]`; ties fall back to the newest number first. */
export function parseIncidentOrderBy(orderBy: string | null): IncidentComparator {
  const keys = (orderBy ?? '')
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const [path = '', direction = 'asc', ...rest] = part.trim().split(/\s+/);
      if (!/^(asc|desc)$/i.test(direction) || rest.length) throw badRequest(`Invalid $orderby: '${part.trim()}' (use: property [asc|desc]).`);
      return { field: fieldNamed(ORDER_FIELDS, path, '$orderby'), sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
    });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const x = sortKey(field, a);
      const y = sortKey(field, b);
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    return b.incidentNumber - a.incidentNumber;
  };
}
