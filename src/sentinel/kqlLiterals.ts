/**
 * The only way values enter the KQL the bot sends. Numbers are checked integers; text
 * becomes a string literal in which nothing can end the literal or start a new clause;
 * dates become datetime() literals. The `kql` template applies these to every hole, so a
 * value can never become query syntax.
 */

export class KqlValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KqlValueError';
  }
}

export function kqlInt(n: number): string {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new KqlValueError('not a safe integer');
  return String(n);
}

export function kqlReal(n: number): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new KqlValueError('not a finite number');
  return `real(${String(n)})`;
}

/**
 * A double-quoted KQL string literal. Backslash and the double quote are escaped (a single quote cannot end it); line breaks
 * and tabs become KQL's escapes so the literal stays on one line; other control
 * characters, line/paragraph separators and lone surrogates, which no person types and
 * which some parsers treat as line ends, are dropped.
 */
export function kqlString(value: string): string {
  if (typeof value !== 'string') throw new KqlValueError('not a string');
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029) continue;
    else if (cp >= 0xd800 && cp <= 0xdfff) continue; // a lone surrogate: `for...of` yields pairs whole
    else out += ch;
  }
  return `${out}"`;
}

export function kqlDatetime(d: Date): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new KqlValueError('invalid date');
  return `datetime(${d.toISOString()})`;
}

export function kqlBool(b: boolean): string {
  if (typeof b !== 'boolean') throw new KqlValueError('not a boolean');
  return b ? 'true' : 'false';
}

export type KqlScalar = string | number | boolean | Date;
/** A list becomes `(a, b, c)`, the right-hand side of `in` / `!in`. */
export type KqlValue = KqlScalar | readonly KqlScalar[];

function scalar(value: KqlScalar): string {
  if (typeof value === 'string') return kqlString(value);
  if (typeof value === 'number') return Number.isInteger(value) ? kqlInt(value) : kqlReal(value);
  if (typeof value === 'boolean') return kqlBool(value);
  if (value instanceof Date) return kqlDatetime(value);
  throw new KqlValueError(`a ${typeof value} cannot be a KQL value`);
}

function literal(value: KqlValue): string {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new KqlValueError('an empty list cannot be a KQL value');
    return `(${(value as readonly KqlScalar[]).map(scalar).join(', ')})`;
  }
  return scalar(value as KqlScalar);
}

/**
 * A query whose holes are values, never syntax: strings are quoted and escaped, numbers
 * checked, dates wrapped. Pass raw values (not the output of kqlString, which would be
 * quoted twice); table and column names belong in the template text.
 */
export function kql(strings: TemplateStringsArray, ...values: KqlValue[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += literal(value) + (strings[i + 1] ?? '');
  });
  return out;
}
