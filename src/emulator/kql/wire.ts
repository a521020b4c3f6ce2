/** Converts evaluation values to the query API's wire form (see ResultTable in types.ts). */
import type { ColumnSchema, KqlType, ResultTable } from './types';
import type { Row } from './compiled';
import { datetimeInRange, formatDatetime, formatTimespan, timespanInRange, type Value } from './values';

export function toWireCell(v: Value, type: KqlType): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'datetime':
      return datetimeInRange(v as number) === null ? null : formatDatetime(v as number);
    case 'timespan':
      return timespanInRange(v as number) === null ? null : formatTimespan(v as number);
    case 'dynamic':
      // Log Analytics sends dynamic cells as JSON text.
      return JSON.stringify(v);
    case 'real':
    case 'decimal':
    case 'int':
    case 'long': {
      const n = v as number;
      // JSON has no NaN/Infinity; Kusto writes them as strings.
      if (Number.isNaN(n)) return 'NaN';
      if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
      return n;
    }
    default:
      return v;
  }
}

export function toResultTable(name: string, columns: ReadonlyArray<ColumnSchema>, rows: Iterable<Row>): ResultTable {
  const out: unknown[][] = [];
  for (const row of rows) out.push(columns.map((c, i) => toWireCell(row[i], c.type)));
  return { name, columns: columns.map((c) => ({ name: c.name, type: c.type })), rows: out };
}
