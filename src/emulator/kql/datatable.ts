/** `datatable(Name:type, ...) [v1, v2, ...]`: a small constant table written in the query. */
import type { Expr, Source } from './ast';
import { bindExpr } from './binder';
import type { Cursor } from './cursor';
import { semanticError, SemCode } from './errors';
import { parseExpression } from './parseExpr';
import { lazy, scopeFor, type EvalContext, type RowSet } from './rowset';
import type { ColumnSchema, KqlType } from './types';
import { isNumericType, toDynamic, type Value } from './values';
import type { Row } from './compiled';
import { typeFromName } from './values';

export function parseDatatable(c: Cursor): Source {
  const pos = c.next().start;
  c.expectPunct('(', "after 'datatable'");
  const columns: ColumnSchema[] = [];
  do {
    const name = c.expectName('for a datatable column');
    c.expectPunct(':', `after the column name '${name}'`);
    const t = c.next();
    const type = typeFromName(t.text);
    if (t.kind !== 'ident' || type === undefined) throw c.error(`'${t.text}' is not a scalar type`, t);
    columns.push({ name, type });
  } while (c.acceptPunct(','));
  c.expectPunct(')', "to close the datatable's columns");
  c.expectPunct('[', "to open the datatable's values");
  const values: Expr[] = [];
  while (!c.isPunct(']')) {
    values.push(parseExpression(c));
    if (!c.acceptPunct(',')) break;
  }
  c.expectPunct(']', "to close the datatable's values");
  return { kind: 'datatable', columns, values, pos };
}

function cell(v: Value, from: KqlType, to: KqlType, column: string): Value {
  if (v === null || v === undefined) return to === 'string' ? '' : null;
  if (from === to || (isNumericType(from) && isNumericType(to)) || (to === 'guid' && from === 'string')) return v;
  if (to === 'dynamic') return toDynamic(v, from);
  throw semanticError(SemCode.typeMismatch, `datatable: a ${from} value in the ${to} column '${column}'`);
}

export function openDatatable(columns: ColumnSchema[], values: Expr[], ctx: EvalContext): RowSet {
  if (values.length % columns.length !== 0) {
    throw semanticError(SemCode.badArguments, `datatable: ${values.length} values do not fill rows of ${columns.length} columns`);
  }
  const scope = scopeFor([], ctx);
  const rows: Row[] = [];
  for (let i = 0; i < values.length; i += columns.length) {
    rows.push(
      columns.map((col, j) => {
        const c = bindExpr(values[i + j], scope);
        if (!c.constant) throw semanticError(SemCode.badArguments, 'datatable: values must be constants');
        return cell(c.eval([]), c.type, col.type, col.name);
      }),
    );
  }
  return { columns, rows: lazy(() => rows[Symbol.iterator]()) };
}
