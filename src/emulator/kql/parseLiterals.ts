/**
 * Literal forms whose content is not an ordinary expression: `datetime(...)`,
 * `timespan(...)`, `guid(...)`, typed nulls such as `int(null)`, and the JSON-like body
 * of `dynamic(...)`.
 */
import type { Expr } from './ast';
import type { Cursor } from './cursor';
import { timespanUnitMs } from './tokens';
import type { KqlType } from './types';
import { parseClockTimespan, parseDatetimeText, typeFromName } from './values';

/** `int(null)`, `real(-1.5)`, `bool(true)`: a type name applied to a literal. */
export function isTypedLiteral(c: Cursor): boolean {
  let k = 1;
  if (c.isPunct('-', k) || c.isPunct('+', k)) k++;
  const t = c.peek(k);
  const literal = t.kind === 'long' || t.kind === 'real' || t.kind === 'string' || (t.kind === 'ident' && ['null', 'true', 'false', 'nan', 'inf'].includes(t.text));
  return literal && c.isPunct(')', k + 1);
}

export function parseScalarLiteralValue(c: Cursor, type: KqlType): unknown {
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

export function rawLiteral(c: Cursor, keyword: string, inner: string): Expr {
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
export function parseDynamicValue(c: Cursor): unknown {
  return c.nest(() => parseDynamicItem(c));
}

function parseDynamicItem(c: Cursor): unknown {
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
