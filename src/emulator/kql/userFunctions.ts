/**
 * Functions defined with `let f = (a:long, b:string = 'x') { body }`. A scalar function is
 * expanded where it is called: its parameters are replaced by the argument expressions, so
 * `f(Severity)` reads the row it is called on. A tabular function runs its pipeline with the
 * parameters bound as constants (its arguments may not depend on a row).
 */
import type { Expr, QueryParameter, UserFunction } from './ast';
import type { Compiled, ScalarBinding, Scope } from './compiled';
import { semanticError, SemCode } from './errors';
import { isNumericType } from './values';

/** Deeper than this, a function calls itself (directly or not). */
const MAX_EXPANSION = 32;
let expanding = 0;

function argumentsFor(fn: UserFunction, name: string, args: Expr[]): Expr[] {
  const required = fn.params.filter((p) => p.defaultValue === undefined).length;
  if (args.length < required || args.length > fn.params.length) {
    const expected = required === fn.params.length ? `${required}` : `${required} to ${fn.params.length}`;
    throw semanticError(SemCode.badArguments, `Function '${name}': expects ${expected} argument(s), got ${args.length}`);
  }
  return fn.params.map((p, i) => args[i] ?? (p.defaultValue as Expr));
}

function substitute(e: Expr, values: ReadonlyMap<string, Expr>): Expr {
  const s = (x: Expr): Expr => substitute(x, values);
  switch (e.kind) {
    case 'column':
      return values.get(e.name) ?? e;
    case 'member':
      return { ...e, target: s(e.target) };
    case 'index':
      return { ...e, target: s(e.target), index: s(e.index) };
    case 'call':
      return { ...e, args: e.args.map(s) };
    case 'unary':
      return { ...e, operand: s(e.operand) };
    case 'binary':
      return { ...e, left: s(e.left), right: s(e.right) };
    case 'inList':
      return { ...e, left: s(e.left), items: e.items.map(s) };
    case 'between':
      return { ...e, left: s(e.left), low: s(e.low), high: s(e.high) };
    default:
      return e;
  }
}

/** Binds a call of a scalar function by binding its body with the arguments in place of the parameters. */
export function bindUserCall(fn: UserFunction, name: string, args: Expr[], scope: Scope, bind: (e: Expr, scope: Scope) => Compiled): Compiled {
  if (fn.body.kind !== 'scalar') throw semanticError(SemCode.badOperand, `'${name}' is a tabular function; call it where a table is expected`);
  const values = argumentsFor(fn, name, args);
  const byName = new Map(fn.params.map((p, i) => [p.name, values[i]]));
  if (expanding >= MAX_EXPANSION) throw semanticError(SemCode.unresolved, `Function '${name}' calls itself`);
  expanding++;
  try {
    return bind(substitute(fn.body.expr, byName), scope);
  } finally {
    expanding--;
  }
}

function compatible(declared: QueryParameter['type'], actual: Compiled['type']): boolean {
  return declared === actual || (isNumericType(declared) && isNumericType(actual)) || (declared === 'guid' && actual === 'string') || actual === 'dynamic';
}

/** The constant values of a tabular function's parameters for one call. */
export function tabularArguments(fn: UserFunction, name: string, args: Expr[], constantScope: Scope, bind: (e: Expr, scope: Scope) => Compiled): Map<string, ScalarBinding> {
  const values = argumentsFor(fn, name, args);
  const out = new Map<string, ScalarBinding>();
  fn.params.forEach((p, i) => {
    const c = bind(values[i], constantScope);
    if (!c.constant) throw semanticError(SemCode.badArguments, `Function '${name}': the argument for '${p.name}' must not depend on a row`);
    if (!compatible(p.type, c.type)) throw semanticError(SemCode.typeMismatch, `Function '${name}': '${p.name}' is declared ${p.type} but the argument is ${c.type}`);
    out.set(p.name, { type: p.type, value: c.eval([]) });
  });
  return out;
}
