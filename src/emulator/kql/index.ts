/**
 * The KQL engine of the Log Analytics emulator: a documented subset of KQL evaluated over
 * KqlTables. The query route calls these entry points and maps KqlError to HTTP 400.
 */
import { runStatements } from './evaluator';
import { parseQuery } from './parseQuery';
import type { KqlCatalog, QueryOptions, QueryResult } from './types';
import { toResultTable } from './wire';

export { KqlError } from './errors';
export type { KqlErrorKind, KqlPosition } from './errors';
export { parseTimespan } from './timespan';
export type * from './types';

export function executeQuery(query: string, catalog: KqlCatalog, options: QueryOptions): QueryResult {
  const statements = parseQuery(query);
  const result = runStatements(statements, catalog, options);
  return { tables: [toResultTable('PrimaryResult', result.columns, result.rows)] };
}
