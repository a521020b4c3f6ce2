/**
 * The only way values enter the KQL the bot sends. Numbers are checked integers; text
 * becomes a string literal in which nothing can end the literal or start a new clause.
 */

export class KqlValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KqlValueError';
  }
}

export function kqlInt(n: number): string {
  if (!Number.isSafeInteger(n)) throw new KqlValueError('not a safe integer');
  return String(n);
}

/**
 * A double-quoted KQL string literal. Backslash and quote are escaped; line breaks and tabs
 * become KQL's escapes so the literal stays on one line; other control characters, which
 * no person types, are dropped.
 */
export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029) continue;
    else out += ch;
  }
  return `${out}"`;
}

export function kqlDatetime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new KqlValueError('invalid date');
  return `datetime(${d.toISOString()})`;
}
