/**
 * The `parse` operator: a pattern of text, `*` and `Column[:type]` becomes one regular
 * expression with a named group per column. Text matches literally (`kind=simple`) or as
 * a regular expression (`kind=regex`); a column takes the shortest text up to what
 * follows it, the last one the rest. A row that does not match gets empty columns.
 */
import type { Expr, ParsePart } from './ast';
import { bindExpr } from './binder';
import { columnIndex } from './compiled';
import { semanticError, SemCode } from './errors';
import { compileRegex, convertCaptured } from './regexFunctions';
import { lazy, scopeFor, type EvalContext, type RowSet } from './rowset';
import type { KqlType } from './types';
import { toKqlString } from './values';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function capture(type: KqlType, last: boolean): string {
  if (type === 'int' || type === 'long') return '-?\\d+';
  if (type === 'real' || type === 'decimal') return '-?\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?';
  return last ? '.*' : '.*?';
}

export function applyParse(input: RowSet, kind: 'simple' | 'regex', source: Expr, pattern: ParsePart[], filter: boolean, ctx: EvalContext): RowSet {
  const text = bindExpr(source, scopeFor(input.columns, ctx));
  const columns = [...input.columns];
  const targets: Array<{ index: number; type: KqlType; group: string }> = [];
  const lastColumn = pattern.map((p) => p.kind).lastIndexOf('column');
  let regex = '^';
  pattern.forEach((p, i) => {
    if (p.kind === 'text') regex += kind === 'simple' ? escape(p.text) : `(?:${p.text})`;
    else if (p.kind === 'any') regex += i === pattern.length - 1 ? '.*' : '.*?';
    else {
      if (targets.some((t) => columns[t.index].name === p.name)) {
        throw semanticError(SemCode.duplicate, `'parse': the column name '${p.name}' is used more than once`);
      }
      const group = `c${targets.length}`;
      regex += `(?<${group}>${capture(p.type, i === lastColumn && i === pattern.length - 1)})`;
      let index = columnIndex(columns, p.name);
      if (index >= 0) columns[index] = { name: p.name, type: p.type };
      else {
        index = columns.length;
        columns.push({ name: p.name, type: p.type });
      }
      targets.push({ index, type: p.type, group });
    }
  });
  const re = compileRegex(kind === 'simple' ? `${regex}$` : regex, kind === 'simple' ? 's' : '', "'parse'");
  return {
    columns,
    rows: lazy(function* () {
      for (const row of input.rows) {
        const m = re.exec(toKqlString(text.eval(row), text.type));
        if (m === null && filter) continue;
        const out = row.slice();
        for (const t of targets) out[t.index] = convertCaptured(m?.groups?.[t.group], t.type);
        yield out;
      }
    }),
  };
}
