/**
 * Parser for statements (`let`, `declare query_parameters`, the query) and tabular
 * operators. Scalar expressions are delegated to parseExpr.
 */
import type { Expr, Pipeline, QueryParameter, Source, Statement, TabularOp, UserFunction } from './ast';
import { Cursor } from './cursor';
import { unsupported, unsupportedOperator } from './errors';
import { tokenize } from './lexer';
import { parseMvApply, parseParse, parseProjectReorder, skipRender } from './parseApply';
import { parseJoin, parseLookup, parseUnionArgs } from './parseCombine';
import { parseDatatable } from './datatable';
import { parseEvaluate } from './parseEvaluate';
import { parseExpression } from './parseExpr';
import { parseMvExpand, parseNamedList, parsePatterns, parseRenames, parseSortKey, parseSortKeys, parseSummarize } from './parseClauses';
import { typeFromName } from './values';

/** Kusto tabular operators the emulator does not implement; anything else unknown is a typo. */
const UNSUPPORTED_OPERATORS = new Set([
  'parse-kv', 'make-series', 'as', 'consume', 'facet', 'fork',
  'getschema', 'invoke', 'mvexpand', 'partition', 'reduce', 'sample',
  'sample-distinct', 'scan', 'top-nested', 'top-hitters', 'search', 'find', 'range', 'externaldata',
  'datatable', 'materialize', 'assert-schema', 'macro-expand', 'graph-match', 'make-graph', 'mvapply',
  'graph-shortest-paths', 'graph-to-table', 'graph-mark-components',
]);

/** What a query may start with, named when it starts with something else. */
const SUPPORTED_SOURCES = ['a table name', 'a tabular let', 'print', 'union', 'datatable', '(query)', 'materialize(query)'];

/** Words that start a query source other than a table name. */
const UNSUPPORTED_SOURCES = new Set(['range', 'search', 'find', 'externaldata', 'evaluate', 'view', 'cluster', 'database', 'external_table']);

/**
 * True when a `|` stands at the scanning level before that level closes: from `offset` tokens
 * ahead, brackets opened on the way are skipped whole.
 */
function pipeBeforeClose(c: Cursor, offset: number): boolean {
  let depth = 0;
  for (let k = offset; ; k++) {
    const t = c.peek(k);
    if (t.kind === 'eof') return false;
    if (t.kind !== 'punct') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      if (depth === 0) return false;
      depth--;
    } else if (t.text === '|' && depth === 0) return true;
  }
}

/** True when the `(` at the cursor holds a pipeline rather than a scalar. */
function parenHoldsPipeline(c: Cursor): boolean {
  return pipeBeforeClose(c, 1);
}

/** True when the body at the cursor (after `{`) is a query rather than a scalar expression. */
function bodyIsTabular(c: Cursor, params: ReadonlyArray<QueryParameter>): boolean {
  if (c.isWord('union') || c.isWord('print') || c.isWord('materialize')) return true;
  if (c.isName() && c.isPunct('}', c.nameLength()) && !params.some((p) => p.name === c.peek().text)) return true;
  return pipeBeforeClose(c, 0);
}

/** `let f = [view] (params) { body };` */
function parseFunction(c: Cursor): UserFunction {
  c.acceptWord('view');
  c.expectPunct('(', 'to open the parameter list');
  const params = parseParameterList(c, 'for a function parameter', true);
  c.expectPunct(')', 'to close the parameter list');
  c.expectPunct('{', "to open the function's body");
  if (c.isWord('let')) throw unsupported("'let' inside a function body");
  const tabular = bodyIsTabular(c, params);
  const body: UserFunction['body'] = tabular
    ? { kind: 'tabular', pipeline: c.nest(() => parsePipeline(c)) }
    : { kind: 'scalar', expr: parseExpression(c) };
  c.acceptPunct(';');
  c.expectPunct('}', "to close the function's body");
  return { params, body };
}

export function parseQuery(text: string): Statement[] {
  const c = new Cursor(text, tokenize(text));
  const statements: Statement[] = [];
  while (!c.atEnd()) {
    if (c.acceptPunct(';')) continue;
    statements.push(parseStatement(c));
    if (!c.atEnd() && !c.isPunct(';')) throw c.error("expected ';' or '|' or the end of the query");
  }
  return statements;
}

function parseStatement(c: Cursor): Statement {
  const pos = c.peek().start;
  if (c.isWord('let') && c.isName(1)) {
    c.next();
    const name = c.expectName('after let');
    c.expectPunct('=', `after 'let ${name}'`);
    if ((c.isWord('view') && c.isPunct('(', 1)) || (c.isPunct('(') && (c.isPunct(')', 1) || (c.isName(1) && c.isPunct(':', 1 + c.nameLength(1)))))) {
      const fn = parseFunction(c);
      // Without parameters a tabular function is a tabular let.
      if (fn.params.length === 0 && fn.body.kind === 'tabular') return { kind: 'letTabular', name, value: fn.body.pipeline, pos };
      return { kind: 'letFunction', name, fn, pos };
    }
    const tabularStart =
      (c.isPunct('(') && parenHoldsPipeline(c)) ||
      (c.isWord('materialize') && c.isPunct('(', 1)) ||
      (c.isWord('datatable') && c.isPunct('(', 1)) ||
      (c.isWord('union') && !c.isPunct(';', 1)) ||
      (c.isWord() && (c.isPunct('|', 1) || UNSUPPORTED_SOURCES.has(c.peek().text) || c.isWord('print')));
    if (tabularStart) {
      return { kind: 'letTabular', name, value: parsePipeline(c), pos };
    }
    const value = parseExpression(c);
    if (c.isPunct('|')) {
      if (value.kind !== 'column') throw c.error('a tabular expression must start with a table name');
      return { kind: 'letTabular', name, value: parsePipelineAfterSource(c, { kind: 'table', name: value.name, pos: value.pos }), pos };
    }
    return { kind: 'let', name, value, pos };
  }
  if (c.isWord('declare') && c.isWord('query_parameters', 1)) {
    c.next();
    c.next();
    return { kind: 'declare', parameters: parseParameters(c), pos };
  }
  if (c.isWord('set') && c.isWord(undefined, 1) && !c.isPunct('|', 1)) throw unsupported("The 'set' statement");
  if (c.isWord('alias') || c.isWord('restrict') || c.isWord('pattern')) throw unsupported(`The '${c.peek().text}' statement`);
  return { kind: 'query', pipeline: parsePipeline(c), pos };
}

function parseParameters(c: Cursor): QueryParameter[] {
  c.expectPunct('(', "after 'declare query_parameters'");
  const params = parseParameterList(c, 'for a query parameter', false);
  c.expectPunct(')', 'to close query_parameters');
  return params;
}

/** `name: type [= default], ...` up to (not including) the closing parenthesis. */
function parseParameterList(c: Cursor, nameContext: string, inFunction: boolean): QueryParameter[] {
  const params: QueryParameter[] = [];
  if (c.isPunct(')')) return params;
  do {
    const name = c.expectName(nameContext);
    c.expectPunct(':', `after the parameter name '${name}'`);
    if (inFunction && c.isPunct('(')) throw unsupported('Tabular function parameters');
    const typeToken = c.next();
    const type = typeFromName(typeToken.text);
    if (typeToken.kind !== 'ident' || type === undefined) throw c.error(`'${typeToken.text}' is not a scalar type`, typeToken);
    const param: QueryParameter = { name, type };
    if (c.acceptPunct('=')) param.defaultValue = parseExpression(c);
    params.push(param);
  } while (c.acceptPunct(','));
  return params;
}

function parsePipeline(c: Cursor): Pipeline {
  // `(query) | ...` and `materialize(query) | ...` are the query itself followed by more operators.
  const nested = c.isPunct('(') ? 1 : c.isWord('materialize') && c.isPunct('(', 1) ? 2 : 0;
  if (nested > 0) {
    for (let i = 0; i < nested; i++) c.next();
    const inner = c.nest(() => parsePipeline(c));
    c.expectPunct(')', nested === 2 ? 'to close materialize(...)' : 'to close the parenthesized query');
    const more = parsePipelineAfterSource(c, inner.source);
    return { source: inner.source, ops: [...inner.ops, ...more.ops] };
  }
  return parsePipelineAfterSource(c, parseSource(c));
}

/** A pipeline inside parentheses (a join's right side, a union argument). */
export function parsePipelineIn(c: Cursor): Pipeline {
  return parsePipeline(c);
}

function parsePipelineAfterSource(c: Cursor, source: Source): Pipeline {
  const ops: TabularOp[] = [];
  while (c.acceptPunct('|')) pushOperator(c, ops);
  return { source, ops };
}

function pushOperator(c: Cursor, ops: TabularOp[]): void {
  const op = parseOperator(c);
  if (op !== undefined) ops.push(op);
}

/** Operators with no source, as in `mv-apply ... on (where ... | summarize ...)`. */
export function parseOperatorChain(c: Cursor): TabularOp[] {
  const ops: TabularOp[] = [];
  pushOperator(c, ops);
  while (c.acceptPunct('|')) pushOperator(c, ops);
  return ops;
}

function parseSource(c: Cursor): Source {
  const t = c.peek();
  if (c.isWord('print')) {
    c.next();
    return { kind: 'print', items: parseNamedList(c), pos: t.start };
  }
  if (c.isWord() && UNSUPPORTED_SOURCES.has(t.text) && !c.isPunct('|', 1) && !c.isPunct(';', 1) && c.peek(1).kind !== 'eof') {
    throw unsupportedOperator(t.text, SUPPORTED_SOURCES);
  }
  if (c.isWord('datatable') && c.isPunct('(', 1)) return parseDatatable(c);
  if (c.isWord('union') && !c.isPunct('|', 1) && !c.isPunct(';', 1) && c.peek(1).kind !== 'eof') {
    c.next();
    return { kind: 'union', pos: t.start, ...parseUnionArgs(c) };
  }
  if (!c.isName()) throw c.error('expected a table name');
  const name = c.expectName('');
  // `F()` / `F(1, 'x')` calls a function defined by `let F = (...) { ... }`.
  if (c.isPunct('(')) return { kind: 'table', name, args: parseCallArguments(c), pos: t.start };
  return { kind: 'table', name, pos: t.start };
}

export function parseCallArguments(c: Cursor): Expr[] {
  c.expectPunct('(', 'to open the arguments');
  const args: Expr[] = [];
  if (!c.isPunct(')')) {
    do {
      args.push(parseExpression(c));
    } while (c.acceptPunct(','));
  }
  c.expectPunct(')', 'to close the arguments');
  return args;
}

/** Reads an operator name, joining hyphenated names such as `project-away` (no spaces). */
function readOperatorName(c: Cursor): string {
  if (!c.isWord()) throw c.error("expected a tabular operator after '|'");
  let name = c.next().text;
  while (c.isPunct('-') && c.touches(0) && c.isWord(undefined, 1) && c.touches(1)) {
    c.next();
    name += `-${c.next().text}`;
  }
  return name;
}

function parseOperator(c: Cursor): TabularOp | undefined {
  const pos = c.peek().start;
  const name = readOperatorName(c);
  switch (name) {
    case 'where':
    case 'filter':
      return { op: 'where', predicate: parseExpression(c), pos };
    case 'project':
      return { op: 'project', items: parseNamedList(c), pos };
    case 'project-away':
      return { op: 'project-away', patterns: parsePatterns(c), pos };
    case 'project-keep':
      return { op: 'project-keep', patterns: parsePatterns(c), pos };
    case 'project-rename':
      return { op: 'project-rename', renames: parseRenames(c), pos };
    case 'extend':
      return { op: 'extend', items: parseNamedList(c), pos };
    case 'sort':
    case 'order':
      c.expectWord('by', `after '${name}'`);
      return { op: 'sort', keys: parseSortKeys(c), pos };
    case 'take':
    case 'limit':
      return { op: 'take', count: parseExpression(c), pos };
    case 'top': {
      const count = parseExpression(c);
      c.expectWord('by', "after 'top N'");
      return { op: 'top', count, key: parseSortKey(c), pos };
    }
    case 'summarize':
      return parseSummarize(c, pos);
    case 'mv-expand':
      return parseMvExpand(c, pos);
    case 'evaluate':
      return parseEvaluate(c, pos);
    case 'distinct':
      if (c.acceptPunct('*')) return { op: 'distinct', items: [], pos };
      return { op: 'distinct', items: parseNamedList(c), pos };
    case 'count':
      return { op: 'count', pos };
    case 'join':
      return parseJoin(c, pos);
    case 'lookup':
      return parseLookup(c, pos);
    case 'union':
      return { op: 'union', pos, ...parseUnionArgs(c) };
    case 'mv-apply':
      return parseMvApply(c, pos);
    case 'parse':
    case 'parse-where':
      return parseParse(c, pos, name === 'parse-where');
    case 'project-reorder':
      return parseProjectReorder(c, pos);
    case 'render':
      skipRender(c);
      return undefined;
    case 'serialize':
      // Rows already flow in order here; `serialize Name = row_number()` is an extend.
      if (c.atEnd() || c.isPunct('|') || c.isPunct(';') || c.isPunct(')')) return undefined;
      return { op: 'extend', items: parseNamedList(c), pos };
    default:
      if (UNSUPPORTED_OPERATORS.has(name)) throw unsupportedOperator(name);
      throw c.error(`'${name}' is not a tabular operator`, c.peek(-1));
  }
}

export { parseItemIndex, parseMvItems, parseNamedExpr, parsePatterns } from './parseClauses';
