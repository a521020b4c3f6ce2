/** Helpers to run a query and read its primary result as the tests need. */
import { executeQuery, KqlError } from '../../../src/emulator/kql';
import type { KqlCatalog, QueryOptions, ResultTable } from '../../../src/emulator/kql/types';
import { catalogOf, defaultOptions, sampleTable, securityIncidentTable } from './fixtures';

export function defaultCatalog(): KqlCatalog {
  return catalogOf(securityIncidentTable(), sampleTable());
}

export function run(query: string, catalog: KqlCatalog = defaultCatalog(), options: QueryOptions = defaultOptions): ResultTable {
  const result = executeQuery(query, catalog, options);
  expect(result.tables).toHaveLength(1);
  expect(result.tables[0].name).toBe('PrimaryResult');
  return result.tables[0];
}

/** Rows as objects keyed by column name, for readable assertions. */
export function records(table: ResultTable): Array<Record<string, unknown>> {
  return table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.name, r[i]])));
}

export function column(table: ResultTable, name: string): unknown[] {
  const i = table.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`no column ${name} in ${table.columns.map((c) => c.name).join(', ')}`);
  return table.rows.map((r) => r[i]);
}

/** Evaluates `print x = <expr>` and returns the single cell and its type. */
export function scalar(expr: string, catalog?: KqlCatalog): { value: unknown; type: string } {
  const t = run(`print x = ${expr}`, catalog);
  return { value: t.rows[0][0], type: t.columns[0].type };
}

export function errorOf(query: string, catalog: KqlCatalog = defaultCatalog(), options: QueryOptions = defaultOptions): KqlError {
  try {
    executeQuery(query, catalog, options);
  } catch (e) {
    if (e instanceof KqlError) return e;
    throw e;
  }
  throw new Error(`expected a KqlError for: ${query}`);
}
