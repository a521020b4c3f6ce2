/**
 * The Log Analytics query API's answer as rows the bot can read. The wire format is
 * loosely typed: dynamic values arrive as JSON text, and numbers and booleans may arrive as
 * text (the swagger example itself has "1" for a long and "true" for a bool).
 */

export interface QueryColumn {
  name: string;
  type: string;
}

export interface QueryTable {
  columns: QueryColumn[];
  rows: Record<string, unknown>[];
}

/** queryResults.tables[n] as the swagger defines it. */
export interface WireTable {
  name?: string;
  columns?: QueryColumn[];
  rows?: unknown[][];
}

export function parseCell(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  switch (type.toLowerCase()) {
    case 'dynamic':
      return parseDynamic(value);
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return parseNumber(value);
    case 'bool':
    case 'boolean':
      return parseBool(value);
    default:
      // string, datetime (ISO text), guid, timespan: kept as the service wrote them.
      return value;
  }
}

function parseDynamic(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  // Only JSON containers and literals are parsed: a plain word stays the string it is.
  if (!/^[[{"]|^(true|false|null|-?\d)/.test(text)) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  if (text === 'NaN') return Number.NaN;
  if (text === 'Infinity' || text === '+Infinity') return Number.POSITIVE_INFINITY;
  if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
  const n = Number(text);
  return Number.isNaN(n) ? null : n;
}

function parseBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
  }
  return null;
}

export function parseTable(table: WireTable | undefined): QueryTable {
  if (!table || !Array.isArray(table.columns)) return { columns: [], rows: [] };
  const columns = table.columns.map((c) => ({ name: String(c.name), type: String(c.type ?? 'string') }));
  const rows = (Array.isArray(table.rows) ? table.rows : []).map((row) => {
    const out: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      out[c.name] = parseCell(Array.isArray(row) ? row[i] : undefined, c.type);
    });
    return out;
  });
  return { columns, rows };
}
