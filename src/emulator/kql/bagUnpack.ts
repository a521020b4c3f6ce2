/**
 * `evaluate bag_unpack`: one column per top-level property of the bags in a dynamic column,
 * which replaces that column. Without a declared schema the columns depend on the data, so
 * the input is read before later operators are bound; with one, rows stream.
 */
import type { BagUnpackArgs } from './ast';
import { bindExpr } from './binder';
import { columnIndex, type Row } from './compiled';
import { semanticError, SemCode } from './errors';
import { castElement } from './expand';
import { lazy, scopeFor, type EvalContext, type RowSet } from './rowset';
import type { ColumnSchema, KqlType } from './types';
import { isPlainObject, type Value } from './values';

/** Where an output column's value comes from: an input column or a property of the bag. */
type Slot = { from: 'input'; index: number } | { from: 'bag'; key: string; type: KqlType };

function property(bag: Value, key: string): Value {
  return isPlainObject(bag) && Object.prototype.hasOwnProperty.call(bag, key) ? (bag[key] ?? null) : null;
}

type SlotTypes = Set<KqlType>;

/** The scalar type Kusto gives a JSON value in a bag; undefined for null. */
function valueType(v: Value): KqlType | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real';
  return 'dynamic';
}

/**
 * As Kusto types bag_unpack's columns: the type all of a property's values share (long and
 * real together are real), dynamic when they differ or are arrays and bags, or all null.
 */
function slotType(types: SlotTypes): KqlType {
  if (types.size === 2 && types.has('long') && types.has('real')) return 'real';
  if (types.size !== 1) return 'dynamic';
  return [...types][0]!;
}

export function applyBagUnpack(input: RowSet, args: BagUnpackArgs, ctx: EvalContext): RowSet {
  const { column, prefix, conflict } = args;
  if (column.kind !== 'column') {
    throw semanticError(SemCode.badArguments, "'bag_unpack' expects a column of type dynamic");
  }
  const bound = bindExpr(column, scopeFor(input.columns, ctx));
  const bagIndex = columnIndex(input.columns, column.name);
  if (bound.type !== 'dynamic' || bagIndex < 0) {
    throw semanticError(SemCode.badArguments, `'bag_unpack' expects a column of type dynamic, got ${bound.type}`);
  }
  const ignored = new Set(args.ignored);
  let rows: Iterable<Row> = input.rows;
  let properties: Array<{ name: string; key: string; type: KqlType }>;
  if (args.schema === undefined) {
    // Sorted, so that the same data always gives the same column order.
    const materialized = [...input.rows];
    rows = materialized;
    const keys = new Map<string, SlotTypes>();
    for (const row of materialized) {
      const v = row[bagIndex];
      if (!isPlainObject(v)) continue;
      for (const [k, value] of Object.entries(v)) {
        if (ignored.has(k)) continue;
        let seen = keys.get(k);
        if (!seen) keys.set(k, (seen = new Set()));
        const t = valueType(value);
        if (t) seen.add(t);
      }
    }
    properties = [...keys.keys()].sort().map((key) => ({ name: `${prefix}${key}`, key, type: slotType(keys.get(key)!) }));
  } else {
    properties = args.schema.columns.map((c) => ({
      name: c.name,
      key: prefix !== '' && c.name.startsWith(prefix) ? c.name.slice(prefix.length) : c.name,
      type: c.type,
    }));
  }

  const kept = new Map<string, number>();
  input.columns.forEach((c, i) => {
    if (i !== bagIndex) kept.set(c.name, i);
  });
  const slots: Array<{ column: ColumnSchema; slot: Slot }> = [];
  const keepInput = args.schema === undefined || args.schema.wildcard;
  if (keepInput) for (const index of kept.values()) slots.push({ column: input.columns[index], slot: { from: 'input', index } });
  for (const p of properties) {
    const existing = slots.findIndex((s) => s.column.name === p.name);
    if (existing >= 0) {
      if (conflict === 'keep_source') continue;
      if (conflict === 'error') {
        throw semanticError(SemCode.duplicate, `'bag_unpack': the property '${p.key}' conflicts with the existing column '${p.name}' (use columnsConflict='replace_source' or 'keep_source')`);
      }
      slots.splice(existing, 1);
    } else if (!keepInput && kept.has(p.name) && !ignored.has(p.key)) {
      // A schema without `*` may still name input columns: they keep their values.
      const index = kept.get(p.name) as number;
      slots.push({ column: { name: p.name, type: input.columns[index].type }, slot: { from: 'input', index } });
      continue;
    }
    slots.push({ column: { name: p.name, type: p.type }, slot: { from: 'bag', key: p.key, type: p.type } });
  }

  return {
    columns: slots.map((s) => s.column),
    rows: lazy(function* () {
      for (const row of rows) {
        const bag = row[bagIndex];
        const out: Row = new Array<Value>(slots.length);
        for (let i = 0; i < slots.length; i++) {
          const s = slots[i].slot;
          out[i] = s.from === 'input' ? row[s.index] : ignored.has(s.key) ? null : castElement(property(bag, s.key), s.type);
        }
        yield out;
      }
    }),
  };
}
