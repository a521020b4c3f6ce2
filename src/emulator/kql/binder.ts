/**
 * Semantic pass for scalar expressions: resolves names against the current columns and
 * the `let`/parameter scope, checks operand types and returns typed evaluators.
 */
import type { Expr } from './ast';
import { columnIndex, constant, foldIfConstant, type Compiled, type Scope } from './compiled';
import { semanticError, SemCode, unsupportedFunction } from './errors';
import { buildFunction, lookupFunction, scalarFunctionNames } from './functions';
import { compileBetween, compileIn } from './membershipOps';
import { compileArithmetic, compileComparison, compileLogical, compileNegate } from './scalarOps';
import { compileStringOp } from './stringOps';
import { bindUserCall } from './userFunctions';
import { bindWindowCall, WINDOW_FUNCTIONS } from './windowFunctions';
import { isPlainObject, typeFromName } from './values';

/** Aggregation functions: legal only directly inside `summarize`. */
export const AGGREGATE_NAMES = new Set([
  'count', 'countif', 'dcount', 'dcountif', 'arg_max', 'arg_min', 'max', 'min', 'sum', 'sumif', 'avg', 'avgif',
  'make_list', 'make_set', 'make_bag', 'any', 'take_any', 'maxif', 'minif', 'stdev', 'variance', 'percentile', 'percentiles',
  'make_list_if', 'make_set_if', 'take_anyif', 'anyif', 'count_distinct', 'hll', 'tdigest', 'make_list_with_nulls',
]);

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

export function unresolvedName(name: string): Error {
  return semanticError(SemCode.unresolved, `Failed to resolve scalar expression named '${name}'`);
}

export function bindExpr(e: Expr, scope: Scope): Compiled {
  switch (e.kind) {
    case 'literal':
      return constant(e.type, e.value);
    case 'column': {
      const idx = columnIndex(scope.columns, e.name);
      if (idx >= 0) return { type: scope.columns[idx].type, eval: (row) => row[idx] };
      const scalar = scope.scalars.get(e.name);
      if (scalar) return constant(scalar.type, scalar.value);
      throw unresolvedName(e.name);
    }
    case 'member': {
      const target = bindExpr(e.target, scope);
      requireDynamic(target, `.${e.name}`);
      const name = e.name;
      return foldIfConstant({ type: 'dynamic', eval: (row) => property(target.eval(row), name) }, [target]);
    }
    case 'index': {
      const target = bindExpr(e.target, scope);
      requireDynamic(target, '[...]');
      const index = bindExpr(e.index, scope);
      return foldIfConstant({ type: 'dynamic', eval: (row) => element(target.eval(row), index.eval(row)) }, [target, index]);
    }
    case 'call':
      return bindCall(e.name, e.args, scope);
    case 'unary': {
      const operand = bindExpr(e.operand, scope);
      return e.op === '-' ? foldIfConstant(compileNegate(operand), [operand]) : operand;
    }
    case 'binary': {
      if (e.left.kind === 'star') return bindAnyColumn(e.op, bindExpr(e.right, scope), scope);
      const left = bindExpr(e.left, scope);
      const right = bindExpr(e.right, scope);
      return foldIfConstant(bindBinary(e.op, left, right), [left, right]);
    }
    case 'inList': {
      const left = bindExpr(e.left, scope);
      const items = e.items.map((i) => bindExpr(i, scope));
      return foldIfConstant(compileIn(e.op, left, items), [left, ...items]);
    }
    case 'between': {
      const parts = [e.left, e.low, e.high].map((x) => bindExpr(x, scope));
      return foldIfConstant(compileBetween(e.negated, parts[0], parts[1], parts[2]), parts);
    }
    case 'star':
      throw semanticError(SemCode.badOperand, "'*' is only allowed as an argument of arg_max/arg_min");
  }
}

const STAR_OPERATORS = new Set(['has', 'has_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs']);

/** `* has "x"`: true when any column of the row matches (`!has`: when none does). */
function bindAnyColumn(op: string, right: Compiled, scope: Scope): Compiled {
  const negated = op.startsWith('!');
  const positive = negated ? op.slice(1) : op;
  if (!STAR_OPERATORS.has(positive)) throw semanticError(SemCode.badOperand, `'*' can only be searched with has, contains, startswith or endswith (and their _cs forms), not '${op}'`);
  const tests = scope.columns.map((c, i) => compileStringOp(positive, { type: c.type, eval: (row) => row[i] }, right));
  return {
    type: 'bool',
    eval: (row) => {
      const found = tests.some((t) => t.eval(row) === true);
      return negated ? !found : found;
    },
  };
}

function bindBinary(op: string, left: Compiled, right: Compiled): Compiled {
  if (op === 'and' || op === 'or') return compileLogical(op, left, right);
  if (COMPARISONS.has(op)) return compileComparison(op, left, right);
  if (ARITHMETIC.has(op)) return compileArithmetic(op, left, right);
  return compileStringOp(op, left, right);
}

function requireDynamic(target: Compiled, access: string): void {
  if (target.type !== 'dynamic') {
    throw semanticError(SemCode.badOperand, `The access '${access}' needs a dynamic value, got ${target.type}`);
  }
}

function property(v: unknown, name: string): unknown {
  if (!isPlainObject(v) || !Object.prototype.hasOwnProperty.call(v, name)) return null;
  return v[name] ?? null;
}

function element(v: unknown, index: unknown): unknown {
  if (typeof index === 'string') return property(v, index);
  if (typeof index !== 'number' || !Array.isArray(v)) return null;
  const i = index < 0 ? v.length + index : index;
  return i >= 0 && i < v.length ? ((v[i] as unknown) ?? null) : null;
}

function bindCall(name: string, argExprs: Expr[], scope: Scope): Compiled {
  if (name === 'column_ifexists') return bindColumnIfExists(argExprs, scope);
  if (name === 'typeof') {
    const [arg] = argExprs;
    const type = argExprs.length === 1 && arg.kind === 'column' ? typeFromName(arg.name) : undefined;
    if (type === undefined) throw semanticError(SemCode.badArguments, "'typeof' expects a type name, e.g. typeof(long)");
    return { type: 'string', eval: () => type, constant: true, typeLiteral: type };
  }
  if (WINDOW_FUNCTIONS.has(name)) return bindWindowCall(name, argExprs, scope, bindExpr);
  const userFunction = scope.functions?.get(name);
  if (userFunction !== undefined) return bindUserCall(userFunction, name, argExprs, scope, bindExpr);
  if (AGGREGATE_NAMES.has(name)) {
    throw semanticError(SemCode.badArguments, `The aggregation function '${name}' can only be used in 'summarize'`);
  }
  const def = lookupFunction(name);
  if (def === undefined) throw unsupportedFunction(name, scalarFunctionNames());
  const args = argExprs.map((a) => bindExpr(a, scope));
  return foldIfConstant(buildFunction(def, args, { name, now: scope.now }), args);
}

/** Resolved at bind time: the column when it exists, otherwise the default expression. */
function bindColumnIfExists(argExprs: Expr[], scope: Scope): Compiled {
  const [nameExpr, fallback] = argExprs;
  if (argExprs.length !== 2 || nameExpr.kind !== 'literal' || nameExpr.type !== 'string') {
    throw semanticError(SemCode.badArguments, "Function 'column_ifexists': expects a column name string literal and a default value");
  }
  const idx = columnIndex(scope.columns, String(nameExpr.value));
  if (idx >= 0) return { type: scope.columns[idx].type, eval: (row) => row[idx] };
  return bindExpr(fallback, scope);
}

/**
 * The column name Kusto gives an unnamed expression: the column itself, a dynamic path
 * joined with `_`, or the wrapped expression of a conversion. Undefined means "ColumnN".
 */
export function deriveName(e: Expr): string | undefined {
  switch (e.kind) {
    case 'column':
      return e.name;
    case 'member': {
      const base = deriveName(e.target);
      return base === undefined ? undefined : `${base}_${e.name}`;
    }
    case 'index': {
      const base = deriveName(e.target);
      if (base === undefined || e.index.kind !== 'literal') return undefined;
      return `${base}_${String(e.index.value)}`;
    }
    case 'call':
      if (e.args.length >= 1 && (isConversion(e.name) || e.name === 'bin' || e.name === 'floor' || e.name === 'column_ifexists')) {
        if (e.name === 'column_ifexists') return e.args[0].kind === 'literal' ? String(e.args[0].value) : undefined;
        return deriveName(e.args[0]);
      }
      return undefined;
    default:
      return undefined;
  }
}

function isConversion(name: string): boolean {
  if (name === 'todynamic' || name === 'parse_json') return true;
  return name.startsWith('to') && typeFromName(name.slice(2)) !== undefined;
}
