/**
 * Parsers for the operators that combine tables: `join`, `lookup` and `union` (as an
 * operator and as a query source). Each takes tabular arguments: a table or `let` name,
 * `Name()` for a parameterless function, or a parenthesized pipeline.
 */
import type { JoinKey, JoinKind, Pipeline, TabularOp, UnionArgs } from './ast';
import type { Cursor } from './cursor';
import { unsupported } from './errors';
import { parseDatatable } from './datatable';
import { parseCallArguments, parsePipelineIn } from './parseQuery';

const JOIN_KINDS = new Set<JoinKind>(['innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi']);
const JOIN_ALIASES: Record<string, JoinKind> = { anti: 'leftanti', leftantisemi: 'leftanti', rightantisemi: 'rightanti', semi: 'leftsemi' };

/** `(pipeline)` or a name; a bare name is a table or a tabular `let`. */
export function parseTabularArgument(c: Cursor, context: string): Pipeline {
  if (c.isPunct('(')) {
    c.next();
    const p = c.nest(() => parsePipelineIn(c));
    c.expectPunct(')', `to close the tabular expression ${context}`);
    return p;
  }
  const t = c.peek();
  if (c.isWord('datatable') && c.isPunct('(', 1)) return { source: parseDatatable(c), ops: [] };
  if (c.isPunct('*')) throw unsupported("'union *' (every table of the workspace)");
  if (!c.isName()) throw c.error(`expected a table name or a parenthesized query ${context}`);
  const name = c.expectName('');
  if (c.isPunct('(')) return { source: { kind: 'table', name, args: parseCallArguments(c), pos: t.start }, ops: [] };
  return { source: { kind: 'table', name, pos: t.start }, ops: [] };
}

/** `name=value` options before the operator's arguments; `hint.*` options only steer the engine, so they are read and dropped. */
function readOptions(c: Cursor, operator: string, known: ReadonlyArray<string>): Map<string, string> {
  const options = new Map<string, string>();
  for (;;) {
    if (c.isWord() && c.peek().text.startsWith('hint') && c.isPunct('.', 1) && c.isWord(undefined, 2) && c.isPunct('=', 3)) {
      c.next();
      c.next();
      c.next();
      c.next();
      c.next();
      continue;
    }
    if (!(c.isWord() && c.isPunct('=', 1))) return options;
    const name = c.peek().text;
    if (!known.includes(name)) throw unsupported(`The '${name}' parameter of '${operator}'`);
    c.next();
    c.next();
    const value = c.next();
    options.set(name, value.kind === 'string' ? String(value.value) : value.text);
  }
}

function parseJoinKeys(c: Cursor, operator: string): JoinKey[] {
  c.expectWord('on', `in '${operator}' (${operator} ... on Key)`);
  const keys: JoinKey[] = [];
  do {
    keys.push(parseJoinKey(c, operator));
  } while (c.acceptPunct(',') || c.acceptWord('and'));
  return keys;
}

function sideColumn(c: Cursor): { side?: 'left' | 'right'; name: string } {
  if ((c.isWord('$left') || c.isWord('$right')) && c.isPunct('.', 1)) {
    const side = c.next().text === '$left' ? 'left' : 'right';
    c.next();
    return { side, name: c.expectName(`after '$${side}.'`) };
  }
  return { name: c.expectName('as a join key') };
}

function parseJoinKey(c: Cursor, operator: string): JoinKey {
  const first = sideColumn(c);
  if (first.side === undefined) {
    if (c.isPunct('==')) throw unsupported(`A '${operator}' condition other than 'Key' or '$left.Key == $right.Key'`);
    return { left: first.name, right: first.name };
  }
  c.expectPunct('==', `in the '${operator}' condition ($left.Key == $right.Key)`);
  const second = sideColumn(c);
  if (second.side === undefined || second.side === first.side) {
    throw c.error(`a '${operator}' condition compares a $left column with a $right column`);
  }
  return first.side === 'left' ? { left: first.name, right: second.name } : { left: second.name, right: first.name };
}

export function parseJoin(c: Cursor, pos: number): TabularOp {
  const options = readOptions(c, 'join', ['kind']);
  const raw = options.get('kind') ?? 'innerunique';
  const kind = JOIN_ALIASES[raw] ?? raw;
  if (!JOIN_KINDS.has(kind as JoinKind)) throw c.error(`'${raw}' is not a join kind`);
  const right = parseTabularArgument(c, "after 'join'");
  return { op: 'join', kind: kind as JoinKind, right, on: parseJoinKeys(c, 'join'), pos };
}

export function parseLookup(c: Cursor, pos: number): TabularOp {
  const options = readOptions(c, 'lookup', ['kind']);
  const kind = options.get('kind') ?? 'leftouter';
  if (kind !== 'leftouter' && kind !== 'inner') throw c.error(`'${kind}' is not a lookup kind (leftouter or inner)`);
  const right = parseTabularArgument(c, "after 'lookup'");
  return { op: 'lookup', kind, right, on: parseJoinKeys(c, 'lookup'), pos };
}

/** The arguments after `union` (the word itself already read). */
export function parseUnionArgs(c: Cursor): UnionArgs {
  const options = readOptions(c, 'union', ['kind', 'withsource', 'isfuzzy']);
  if (options.has('isfuzzy') && options.get('isfuzzy') !== 'false') throw unsupported("The 'isfuzzy' parameter of 'union'");
  const kind = options.get('kind') ?? 'outer';
  if (kind !== 'inner' && kind !== 'outer') throw c.error(`'${kind}' is not a union kind (inner or outer)`);
  const tables: Pipeline[] = [];
  const names: string[] = [];
  do {
    if (c.isWord() && c.isPunct('*', 1) && c.touches(1)) throw unsupported('A wildcard table name in union');
    const name = c.isName() ? c.peek().text : undefined;
    const p = parseTabularArgument(c, "in 'union'");
    // Kusto names a parenthesized argument by its position in the withsource column.
    names.push(name !== undefined && p.ops.length === 0 && p.source.kind === 'table' ? p.source.name : `union_arg${tables.length}`);
    tables.push(p);
  } while (c.acceptPunct(','));
  const args: UnionArgs = { unionKind: kind, tables, names };
  const withSource = options.get('withsource');
  if (withSource !== undefined) args.withSource = withSource;
  return args;
}
