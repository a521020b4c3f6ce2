/**
 * `union`: rows of every input, one after the other, with columns matched by name. A name
 * that comes with different types in different inputs becomes one column per type
 * (`Title_string`, `Title_long`), as Kusto does; `kind=inner` keeps only the columns every
 * input has.
 */
import type { Row } from './compiled';
import { emptyCell } from './join';
import { lazy, type RowSet } from './rowset';
import type { ColumnSchema } from './types';

export interface UnionInput {
  name: string;
  rows: RowSet;
}

const slot = (c: ColumnSchema): string => `${c.name}\u0000${c.type}`;

export function applyUnion(inputs: UnionInput[], kind: 'inner' | 'outer', withSource?: string): RowSet {
  let slots: ColumnSchema[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    for (const c of input.rows.columns) {
      if (seen.has(slot(c))) continue;
      seen.add(slot(c));
      slots.push(c);
    }
  }
  if (kind === 'inner') {
    slots = slots.filter((s) => inputs.every((i) => i.rows.columns.some((c) => slot(c) === slot(s))));
  }
  const typesPerName = new Map<string, number>();
  for (const s of slots) typesPerName.set(s.name, (typesPerName.get(s.name) ?? 0) + 1);
  const columns: ColumnSchema[] = slots.map((s) => ((typesPerName.get(s.name) ?? 0) > 1 ? { name: `${s.name}_${s.type}`, type: s.type } : s));
  if (withSource !== undefined) columns.unshift({ name: withSource, type: 'string' });
  const offset = withSource === undefined ? 0 : 1;
  // Per input, where each output slot's value comes from (-1: the input has no such column).
  const plans = inputs.map((input) => slots.map((s) => input.rows.columns.findIndex((c) => slot(c) === slot(s))));
  const blanks = slots.map(emptyCellOf);
  return {
    columns,
    rows: lazy(function* () {
      for (let k = 0; k < inputs.length; k++) {
        const plan = plans[k];
        const name = inputs[k].name;
        for (const row of inputs[k].rows.rows) {
          const out: Row = new Array(plan.length + offset);
          if (offset === 1) out[0] = name;
          for (let i = 0; i < plan.length; i++) out[i + offset] = plan[i] < 0 ? blanks[i] : row[plan[i]];
          yield out;
        }
      }
    }),
  };
}

function emptyCellOf(c: ColumnSchema): unknown {
  return emptyCell(c.type);
}
