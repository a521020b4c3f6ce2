/**
 * Which table columns a query can observe. Converting a stored row costs a datetime parse
 * per datetime column, and a full scan of a large table converts every row, so the scan
 * only converts the columns this analysis says are needed.
 *
 * The answer errs towards "more": every name and string literal anywhere in the operators
 * counts as a reference (column_ifexists and ['x'] name columns by string), and as long as
 * the table's columns can still reach the output unprojected, all of them are needed.
 */
import type { Expr, NamedExpr, TabularOp } from './ast';

/** Undefined means every column is needed. */
export function neededColumns(ops: ReadonlyArray<TabularOp>): ReadonlySet<string> | undefined {
  const names = new Set<string>();
  return walk(ops, names) === 'pruned' ? names : undefined;
}

/** 'all': every column is needed; 'flow': all columns still reach the output; 'pruned': only `names` matter. */
function walk(ops: ReadonlyArray<TabularOp>, names: Set<string>): 'all' | 'flow' | 'pruned' {
  const add = (e: Expr | undefined): void => collect(e, names);
  const addAll = (items: ReadonlyArray<NamedExpr>): void => items.forEach((i) => add(i.expr));
  // True while every column of the table is still in the schema and so can reach the output.
  let allFlow = true;
  for (const op of ops) {
    switch (op.op) {
      case 'where':
        // `where * has "x"` reads every column in scope.
        if (allFlow && searchesEveryColumn(op.predicate)) return 'all';
        add(op.predicate);
        break;
      case 'extend':
        addAll(op.items);
        break;
      case 'sort':
        op.keys.forEach((k) => add(k.expr));
        break;
      case 'top':
        add(op.count);
        add(op.key.expr);
        break;
      case 'take':
        add(op.count);
        break;
      case 'mv-expand':
        addAll(op.items);
        add(op.limit);
        break;
      case 'project-rename':
        op.renames.forEach((r) => names.add(r.from));
        break;
      case 'project-away':
        break;
      case 'bag_unpack':
        add(op.column);
        op.schema?.columns.forEach((c) => names.add(c.name));
        if (op.schema !== undefined && !op.schema.wildcard) allFlow = false;
        break;
      case 'project':
        addAll(op.items);
        allFlow = false;
        break;
      case 'distinct':
        // `distinct *` compares every column it is given.
        if (op.items.length === 0 && allFlow) return 'all';
        addAll(op.items);
        allFlow = false;
        break;
      case 'summarize':
        addAll(op.aggregates);
        addAll(op.by);
        // `arg_max(x, *)` carries every column on.
        if (!op.aggregates.some((a) => containsStar(a.expr))) allFlow = false;
        break;
      case 'count':
        allFlow = false;
        break;
      case 'join':
        op.on.forEach((k) => names.add(k.left));
        // Semi and anti joins on the right side return only the right side's columns.
        if (op.kind === 'rightsemi' || op.kind === 'rightanti') allFlow = false;
        break;
      case 'lookup':
        op.on.forEach((k) => names.add(k.left));
        break;
      case 'union':
      case 'project-reorder':
      // Patterns name columns the analysis cannot list: every column stays needed.
      case 'project-keep':
        break;
      case 'mv-apply':
        addAll(op.items);
        add(op.limit);
        // The subquery sees every column of the row; what it reads is needed.
        if (walk(op.subquery, names) === 'all' && allFlow) return 'all';
        break;
      case 'parse':
        add(op.source);
        op.pattern.forEach((p) => p.kind === 'column' && names.add(p.name));
        break;
      default: {
        // A new operator must say how it uses columns before it can run.
        const unhandled: never = op;
        return unhandled;
      }
    }
  }
  return allFlow ? 'flow' : 'pruned';
}

function searchesEveryColumn(e: Expr): boolean {
  if (e.kind === 'binary') return e.left.kind === 'star' || searchesEveryColumn(e.left) || searchesEveryColumn(e.right);
  if (e.kind === 'unary') return searchesEveryColumn(e.operand);
  if (e.kind === 'call') return e.args.some(searchesEveryColumn);
  return false;
}

function containsStar(e: Expr): boolean {
  return e.kind === 'call' && e.args.some((a) => a.kind === 'star');
}

function collect(e: Expr | undefined, names: Set<string>): void {
  if (e === undefined) return;
  switch (e.kind) {
    case 'literal':
      if (typeof e.value === 'string') names.add(e.value);
      break;
    case 'column':
      names.add(e.name);
      break;
    case 'member':
      collect(e.target, names);
      break;
    case 'index':
      collect(e.target, names);
      collect(e.index, names);
      break;
    case 'call':
      e.args.forEach((a) => collect(a, names));
      break;
    case 'unary':
      collect(e.operand, names);
      break;
    case 'binary':
      collect(e.left, names);
      collect(e.right, names);
      break;
    case 'inList':
      collect(e.left, names);
      e.items.forEach((i) => collect(i, names));
      break;
    case 'between':
      collect(e.left, names);
      collect(e.low, names);
      collect(e.high, names);
      break;
    case 'star':
      break;
  }
}
