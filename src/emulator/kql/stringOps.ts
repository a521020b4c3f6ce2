/** String operators (`has`, `contains`, `startswith`, `=~` and their negated and `_cs` forms). */
import type { Compiled } from './compiled';
import { semanticError, SemCode } from './errors';
import { operandError } from './scalarOps';
import { toKqlString } from './values';

function isAlnum(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127;
}

/** `has`: the needle must appear as a whole term (bounded by non-alphanumeric characters). */
export function hasTerm(hay: string, needle: string): boolean {
  if (needle === '') return true;
  let from = 0;
  for (;;) {
    const i = hay.indexOf(needle, from);
    if (i < 0) return false;
    const startOk = i === 0 || !isAlnum(needle[0]) || !isAlnum(hay[i - 1]);
    const end = i + needle.length;
    const endOk = end === hay.length || !isAlnum(needle[needle.length - 1]) || !isAlnum(hay[end]);
    if (startOk && endOk) return true;
    from = i + 1;
  }
}

const STRING_TESTS: Record<string, (hay: string, needle: string) => boolean> = {
  has: hasTerm,
  contains: (h, n) => h.includes(n),
  startswith: (h, n) => h.startsWith(n),
  endswith: (h, n) => h.endsWith(n),
  '=~': (h, n) => h === n,
};

export function compileStringOp(op: string, l: Compiled, r: Compiled): Compiled {
  const negated = op.startsWith('!');
  const base = negated ? op.slice(1) : op;
  const caseSensitive = base.endsWith('_cs');
  const name = caseSensitive ? base.slice(0, -3) : base === '~' ? '=~' : base;
  const test = STRING_TESTS[name];
  if (test === undefined) throw semanticError(SemCode.badOperand, `Unknown string operator '${op}'`);
  for (const t of [l.type, r.type]) {
    if (op.endsWith('~') && t !== 'string' && t !== 'guid' && t !== 'dynamic') throw operandError(op, l.type, r.type);
  }
  const norm = caseSensitive ? (s: string) => s : (s: string) => s.toLowerCase();
  return {
    type: 'bool',
    eval: (row) => {
      const hay = norm(toKqlString(l.eval(row), l.type));
      const needle = norm(toKqlString(r.eval(row), r.type));
      const result = test(hay, needle);
      return negated ? !result : result;
    },
  };
}
