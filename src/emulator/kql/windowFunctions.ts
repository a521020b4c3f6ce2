/**
 * `prev()`, `next()` and `row_number()` over a serialized row set (after sort, order by,
 * serialize, top). The operator that evaluates them (extend, project, serialize) reads its
 * input into an array and moves a cursor along it; these functions look at the cursor.
 */
import type { Expr } from './ast';
import type { Compiled, Row, Scope } from './compiled';
import { semanticError, SemCode } from './errors';
import { unify } from './functions';
import type { Value } from './values';

export interface WindowCursor {
  /** The operator's input rows, in order. */
  inputs: Row[];
  /** Rows already produced, when they carry columns the input lacks (extend). */
  outputs?: Row[];
  index: number;
}

export const WINDOW_FUNCTIONS = new Set(['prev', 'next', 'row_number']);

export function usesWindow(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return WINDOW_FUNCTIONS.has(e.name) || e.args.some(usesWindow);
    case 'member':
      return usesWindow(e.target);
    case 'index':
      return usesWindow(e.target) || usesWindow(e.index);
    case 'unary':
      return usesWindow(e.operand);
    case 'binary':
      return usesWindow(e.left) || usesWindow(e.right);
    case 'inList':
      return usesWindow(e.left) || e.items.some(usesWindow);
    case 'between':
      return usesWindow(e.left) || usesWindow(e.low) || usesWindow(e.high);
    default:
      return false;
  }
}

function constantOffset(c: Compiled | undefined, name: string): number {
  if (c === undefined) return 1;
  const v = c.eval([]);
  if (!c.constant || typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw semanticError(SemCode.badArguments, `Function '${name}': the offset must be a constant whole number`);
  }
  return v;
}

export function bindWindowCall(name: string, args: Expr[], scope: Scope, bind: (e: Expr, s: Scope) => Compiled): Compiled {
  const cursor = scope.window;
  if (cursor === undefined) {
    throw semanticError(SemCode.badOperand, `The function '${name}' needs serialized rows, in extend, project or serialize after sort, order by or serialize`);
  }
  const bound = args.map((a) => bind(a, scope));
  if (name === 'row_number') {
    const [start, restart] = bound;
    if (bound.length > 2) throw semanticError(SemCode.badArguments, "Function 'row_number': expects 0 to 2 argument(s)");
    let lastIndex = -1;
    let value = 0;
    return {
      type: 'long',
      eval: (row) => {
        if (cursor.index === lastIndex) return value;
        const first = Number(start?.eval(row) ?? 1);
        value = cursor.index === 0 || lastIndex !== cursor.index - 1 || restart?.eval(row) === true ? first : value + 1;
        lastIndex = cursor.index;
        return value;
      },
    };
  }
  if (bound.length < 1 || bound.length > 3) throw semanticError(SemCode.badArguments, `Function '${name}': expects 1 to 3 argument(s)`);
  const [e, offsetArg, fallback] = bound;
  const offset = constantOffset(offsetArg, name);
  const type = fallback === undefined ? e.type : unify([e.type, fallback.type], { name, now: scope.now });
  const backwards = name === 'prev';
  return {
    type,
    eval: (row): Value => {
      const j = backwards ? cursor.index - offset : cursor.index + offset;
      const rows = backwards ? (cursor.outputs ?? cursor.inputs) : cursor.inputs;
      if (j < 0 || j >= cursor.inputs.length || rows[j] === undefined) return fallback === undefined ? null : fallback.eval(row);
      return e.eval(rows[j]) ?? null;
    },
  };
}
