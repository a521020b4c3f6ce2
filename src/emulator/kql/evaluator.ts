/**
 * Runs a parsed query: binds `let` and query parameters, resolves the source table, then
 * threads a lazy RowSet through the operators. Operators are bound one after the other,
 * so every semantic error before a data-dependent operator (bag_unpack) is raised before
 * any row is read.
 */
import type { NamedExpr, Pipeline, Source, Statement, TabularOp, UserFunction } from './ast';
import { bindExpr } from './binder';
import type { ScalarBinding } from './compiled';
import { semanticError, SemCode, unsupported } from './errors';
import { applyBagUnpack } from './bagUnpack';
import { openDatatable } from './datatable';
import { applyJoin, applyLookup } from './join';
import { applyMvApply } from './mvApply';
import { applyParse } from './parseOperator';
import { applyUnion } from './union';
import { tabularArguments } from './userFunctions';
import { applyMvExpand } from './expand';
import {
  applyCount, applyDistinct, applyExtend, applyProject, applyProjectAway, applyProjectKeep, applyProjectRename, applyProjectReorder, applyTake, applyWhere, constantCount,
} from './operators';
import { lazy, scopeFor, type EvalContext, type RowSet } from './rowset';
import { scanTable } from './source';
import { applySort, applyTop } from './sort';
import { applySummarize } from './summarize';
import type { KqlCatalog, QueryOptions } from './types';
import { isNumericType } from './values';

const MAX_OPERATORS = 256;

interface Environment extends EvalContext {
  scalars: Map<string, ScalarBinding>;
  tabular: Map<string, Pipeline>;
  functions: Map<string, UserFunction>;
  catalog: KqlCatalog;
  timespan?: { fromMs: number; toMs: number };
  depth: number;
  pruneColumns: boolean;
}

/** Switches for tests that compare the engine's shortcuts against the plain evaluation. */
export interface EngineSettings {
  /** Convert only the table columns the query can observe (default true). */
  pruneColumns?: boolean;
}

export function runStatements(statements: Statement[], catalog: KqlCatalog, options: QueryOptions, settings: EngineSettings = {}): RowSet {
  const env: Environment = {
    now: options.now.getTime(),
    scalars: new Map(),
    tabular: new Map(),
    functions: new Map(),
    catalog,
    timespan: options.timespan,
    depth: 0,
    pruneColumns: settings.pruneColumns ?? true,
  };
  let query: Pipeline | undefined;
  for (const s of statements) {
    switch (s.kind) {
      case 'let':
        bindLet(env, s.name, s.value);
        break;
      case 'letTabular':
        env.scalars.delete(s.name);
        env.functions.delete(s.name);
        env.tabular.set(s.name, s.value);
        break;
      case 'letFunction':
        env.scalars.delete(s.name);
        env.tabular.delete(s.name);
        env.functions.set(s.name, s.fn);
        break;
      case 'declare':
        for (const p of s.parameters) {
          if (p.defaultValue === undefined) {
            throw semanticError(SemCode.unresolved, `Query parameter '${p.name}' has no value: declare a default (${p.name}:${p.type} = ...)`);
          }
          const c = bindExpr(p.defaultValue, scopeFor([], env));
          const compatible = c.type === p.type || (isNumericType(c.type) && isNumericType(p.type)) || (p.type === 'guid' && c.type === 'string');
          if (!compatible) {
            throw semanticError(SemCode.typeMismatch, `Query parameter '${p.name}' is declared ${p.type} but its default is ${c.type}`);
          }
          env.scalars.set(p.name, { type: p.type, value: c.eval([]) });
        }
        break;
      case 'query':
        if (query !== undefined) throw unsupported('A query with more than one tabular expression statement');
        query = s.pipeline;
        break;
    }
  }
  if (query === undefined) throw semanticError(SemCode.unresolved, 'The query has no tabular expression to return');
  return runPipeline(query, env);
}

function bindLet(env: Environment, name: string, value: NamedExpr['expr']): void {
  // `let T = SecurityIncident;` names a table, not a scalar.
  if (value.kind === 'column' && (env.tabular.has(value.name) || (!env.scalars.has(value.name) && env.catalog.getTable(value.name)))) {
    env.tabular.set(name, { source: { kind: 'table', name: value.name, pos: value.pos }, ops: [] });
    return;
  }
  const c = bindExpr(value, scopeFor([], env));
  env.tabular.delete(name);
  env.functions.delete(name);
  // Scalars bound with no columns in scope are constant: evaluate once for the whole query.
  env.scalars.set(name, { type: c.type, value: c.eval([]) });
}

/**
 * `followingOps` are the operators applied after a tabular `let` is referenced. The table
 * sees the whole chain: its leading `where`s are pushdown candidates (also through a let
 * made only of `where`s) and the rest tells which columns can be observed.
 */
function runPipeline(p: Pipeline, env: Environment, followingOps: TabularOp[] = []): RowSet {
  const chain = [...p.ops, ...followingOps];
  // Each operator is a generator around the previous one; a very long chain would overflow the stack.
  if (chain.length > MAX_OPERATORS) throw unsupported(`A query with more than ${MAX_OPERATORS} tabular operators`);
  let rs = openSource(p.source, chain, env);
  for (const op of p.ops) rs = applyOperator(rs, op, env);
  return rs;
}

function openSource(source: Source, ops: TabularOp[], env: Environment): RowSet {
  if (source.kind === 'print') return printRow(source.items, env);
  if (source.kind === 'datatable') return openDatatable(source.columns, source.values, env);
  if (source.kind === 'union') {
    // The operators after the union see each argument's rows, so each table may use them (pushdown, pruning).
    const inputs = source.tables.map((t, i) => ({ name: source.names[i], rows: runPipeline(t, env, ops) }));
    return applyUnion(inputs, source.unionKind, source.withSource);
  }
  const fn = env.functions.get(source.name);
  if (fn !== undefined) {
    if (fn.body.kind !== 'tabular') throw semanticError(SemCode.badOperand, `'${source.name}' is a scalar function, not a table`);
    if (env.depth > 32) throw semanticError(SemCode.unresolved, `'${source.name}' refers to itself`);
    const params = tabularArguments(fn, source.name, source.args ?? [], scopeFor([], env), bindExpr);
    const scalars = new Map([...env.scalars, ...params]);
    return runPipeline(fn.body.pipeline, { ...env, scalars, depth: env.depth + 1 }, ops);
  }
  const letPipeline = env.tabular.get(source.name);
  if (source.args !== undefined && source.args.length > 0) {
    throw semanticError(SemCode.badArguments, `'${source.name}' takes no arguments`);
  }
  if (letPipeline !== undefined) {
    if (env.depth > 32) throw semanticError(SemCode.unresolved, `'${source.name}' refers to itself`);
    return runPipeline(letPipeline, { ...env, depth: env.depth + 1 }, ops);
  }
  const table = env.catalog.getTable(source.name);
  if (table === undefined) {
    throw semanticError(SemCode.unresolved, `Failed to resolve table or column expression named '${source.name}'`);
  }
  return scanTable(table, ops, { timespan: env.timespan, scalars: env.scalars, pruneColumns: env.pruneColumns });
}

function printRow(items: NamedExpr[], env: Environment): RowSet {
  const scope = scopeFor([], env);
  const bound = items.map((item, i) => ({ name: item.name ?? `print_${i}`, c: bindExpr(item.expr, scope) }));
  return {
    columns: bound.map((b) => ({ name: b.name, type: b.c.type })),
    rows: lazy(function* () {
      yield bound.map((b) => b.c.eval([]) ?? null);
    }),
  };
}

function applyOperator(rs: RowSet, op: TabularOp, env: Environment): RowSet {
  switch (op.op) {
    case 'where':
      return applyWhere(rs, op.predicate, env);
    case 'project':
      return applyProject(rs, op.items, env);
    case 'project-away':
      return applyProjectAway(rs, op.patterns);
    case 'project-keep':
      return applyProjectKeep(rs, op.patterns);
    case 'project-rename':
      return applyProjectRename(rs, op.renames);
    case 'extend':
      return applyExtend(rs, op.items, env);
    case 'sort':
      return applySort(rs, op.keys, env);
    case 'take':
      return applyTake(rs, constantCount(op.count, env, 'take'));
    case 'top':
      return applyTop(rs, constantCount(op.count, env, 'top'), op.key, env);
    case 'summarize':
      return applySummarize(rs, op.aggregates, op.by, env);
    case 'mv-expand':
      return applyMvExpand(rs, op.items, op.limit, env, op.itemIndex);
    case 'bag_unpack':
      return applyBagUnpack(rs, op, env);
    case 'distinct':
      return applyDistinct(rs, op.items, env);
    case 'count':
      return applyCount(rs);
    case 'join':
      return applyJoin(rs, runPipeline(op.right, env), op.kind, op.on);
    case 'lookup':
      return applyLookup(rs, runPipeline(op.right, env), op.kind, op.on);
    case 'union': {
      const inputs = [{ name: 'union_arg0', rows: rs }, ...op.tables.map((t, i) => ({ name: op.names[i], rows: runPipeline(t, env) }))];
      return applyUnion(inputs, op.unionKind, op.withSource);
    }
    case 'mv-apply':
      return applyMvApply(rs, op.items, op.limit, op.subquery, env, (input, ops) => ops.reduce((acc, o) => applyOperator(acc, o, env), input), op.itemIndex);
    case 'parse':
      return applyParse(rs, op.kind, op.source, op.pattern, op.filter, env);
    case 'project-reorder':
      return applyProjectReorder(rs, op.items);
  }
}
