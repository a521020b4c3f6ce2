/**
 * `join` and `lookup` as hash joins: the side that is looked up is read once into a map
 * from key to rows, the other side streams past it, so an equi-join costs one pass over
 * each side rather than one per pair of rows.
 */
import type { JoinKey, JoinKind } from './ast';
import { columnIndex, type Row } from './compiled';
import { family } from './compare';
import { semanticError, SemCode } from './errors';
import { lazy, type RowSet } from './rowset';
import type { ColumnSchema, KqlType } from './types';
import type { Value } from './values';

type KeyOf = (row: Row) => Value | undefined;

/** An empty cell of a type: Kusto strings are never null, they are empty. */
export function emptyCell(type: KqlType): Value {
  return type === 'string' ? '' : null;
}

function keyIndexes(left: RowSet, right: RowSet, on: JoinKey[], operator: string): { l: number[]; r: number[] } {
  const l: number[] = [];
  const r: number[] = [];
  for (const k of on) {
    const li = columnIndex(left.columns, k.left);
    const ri = columnIndex(right.columns, k.right);
    if (li < 0 || ri < 0) {
      const missing = li < 0 ? k.left : k.right;
      const message = k.left === k.right ? `The column '${missing}' must exist on both sides of the ${operator}` : `Failed to resolve column '${missing}' on the ${li < 0 ? 'left' : 'right'} side of the ${operator}`;
      throw semanticError(SemCode.unresolved, message);
    }
    const lt = left.columns[li].type;
    const rt = right.columns[ri].type;
    if (family(lt) !== family(rt) || lt === 'dynamic') {
      throw semanticError(SemCode.typeMismatch, `Inconsistent data types for join keys: (${lt}, ${rt})`);
    }
    l.push(li);
    r.push(ri);
  }
  return { l, r };
}

/** Undefined for a key with a null part: null keys match nothing. */
function keyFunction(indexes: number[]): KeyOf {
  if (indexes.length === 1) {
    const i = indexes[0];
    return (row) => {
      const v = row[i];
      return v === null || v === undefined ? undefined : v;
    };
  }
  return (row) => {
    const parts: Value[] = [];
    for (const i of indexes) {
      const v = row[i];
      if (v === null || v === undefined) return undefined;
      parts.push(v);
    }
    return JSON.stringify(parts);
  };
}

function buildIndex(rows: Iterable<Row>, key: KeyOf): { index: Map<Value, Row[]>; all: Row[] } {
  const index = new Map<Value, Row[]>();
  const all: Row[] = [];
  for (const row of rows) {
    all.push(row);
    const k = key(row);
    if (k === undefined) continue;
    const list = index.get(k);
    if (list === undefined) index.set(k, [row]);
    else list.push(row);
  }
  return { index, all };
}

/** Right-side names that clash with the left get the smallest free numeric suffix, as Kusto does. */
function combinedColumns(left: ColumnSchema[], right: ColumnSchema[]): ColumnSchema[] {
  const leftNames = new Set(left.map((c) => c.name));
  const used = new Set([...leftNames, ...right.map((c) => c.name)]);
  const out = [...left];
  for (const c of right) {
    if (!leftNames.has(c.name)) {
      out.push(c);
      continue;
    }
    let i = 1;
    while (used.has(`${c.name}${i}`)) i++;
    used.add(`${c.name}${i}`);
    out.push({ name: `${c.name}${i}`, type: c.type });
  }
  return out;
}

export function applyJoin(left: RowSet, right: RowSet, kind: JoinKind, on: JoinKey[]): RowSet {
  const { l, r } = keyIndexes(left, right, on, 'join');
  const leftKey = keyFunction(l);
  const rightKey = keyFunction(r);
  const leftBlank = left.columns.map((c) => emptyCell(c.type));
  const rightBlank = right.columns.map((c) => emptyCell(c.type));
  if (kind === 'leftsemi' || kind === 'leftanti') {
    const wanted = kind === 'leftsemi';
    return {
      columns: left.columns,
      rows: lazy(function* () {
        const { index } = buildIndex(right.rows, rightKey);
        for (const row of left.rows) {
          const k = leftKey(row);
          if ((k !== undefined && index.has(k)) === wanted) yield row;
        }
      }),
    };
  }
  if (kind === 'rightsemi' || kind === 'rightanti') {
    const wanted = kind === 'rightsemi';
    return {
      columns: right.columns,
      rows: lazy(function* () {
        const { index } = buildIndex(left.rows, leftKey);
        for (const row of right.rows) {
          const k = rightKey(row);
          if ((k !== undefined && index.has(k)) === wanted) yield row;
        }
      }),
    };
  }
  const keepLeftUnmatched = kind === 'leftouter' || kind === 'fullouter';
  const keepRightUnmatched = kind === 'rightouter' || kind === 'fullouter';
  return {
    columns: combinedColumns(left.columns, right.columns),
    rows: lazy(function* () {
      const { index, all } = buildIndex(right.rows, rightKey);
      const matchedRight = keepRightUnmatched ? new Set<Row>() : undefined;
      // innerunique keeps one left row per key (the first), then joins it with every match.
      const seenLeft = kind === 'innerunique' ? new Set<Value>() : undefined;
      for (const row of left.rows) {
        const k = leftKey(row);
        if (seenLeft !== undefined) {
          if (k === undefined || seenLeft.has(k)) continue;
          seenLeft.add(k);
        }
        const matches = k === undefined ? undefined : index.get(k);
        if (matches === undefined) {
          if (keepLeftUnmatched) yield [...row, ...rightBlank];
          continue;
        }
        for (const m of matches) {
          matchedRight?.add(m);
          yield [...row, ...m];
        }
      }
      if (matchedRight !== undefined) for (const m of all) if (!matchedRight.has(m)) yield [...leftBlank, ...m];
    }),
  };
}

/** `lookup`: like a left outer (or inner) join, but the right side's key columns are not repeated. */
export function applyLookup(left: RowSet, right: RowSet, kind: 'leftouter' | 'inner', on: JoinKey[]): RowSet {
  const { l, r } = keyIndexes(left, right, on, 'lookup');
  const leftKey = keyFunction(l);
  const rightKey = keyFunction(r);
  const rightKeys = new Set(r);
  const kept = right.columns.map((_, i) => i).filter((i) => !rightKeys.has(i));
  const keptColumns = kept.map((i) => right.columns[i]);
  const blank = keptColumns.map((c) => emptyCell(c.type));
  return {
    columns: combinedColumns(left.columns, keptColumns),
    rows: lazy(function* () {
      const { index } = buildIndex(right.rows, rightKey);
      for (const row of left.rows) {
        const k = leftKey(row);
        const matches = k === undefined ? undefined : index.get(k);
        if (matches === undefined) {
          if (kind === 'leftouter') yield [...row, ...blank];
          continue;
        }
        for (const m of matches) yield [...row, ...kept.map((i) => m[i])];
      }
    }),
  };
}
