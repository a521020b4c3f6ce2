/**
 * `evaluate <plugin>(...)`: only bag_unpack is evaluated. Its arguments may be positional
 * or named (`columnsConflict='keep_source'`), and an output schema may follow.
 */
import type { BagUnpackArgs, ColumnsConflict, Expr, TabularOp } from './ast';
import { rejectOperatorParameters, type Cursor } from './cursor';
import { unsupported } from './errors';
import { parseExpression } from './parseExpr';
import { typeFromName } from './values';

const PARAMETERS = ['Column', 'OutputColumnPrefix', 'columnsConflict', 'ignoredProperties'];
const CONFLICTS: ReadonlyArray<ColumnsConflict> = ['error', 'replace_source', 'keep_source'];

export function parseEvaluate(c: Cursor, pos: number): TabularOp {
  rejectOperatorParameters(c, 'evaluate');
  if (!c.isWord()) throw c.error("expected a plugin name after 'evaluate'");
  const nameToken = c.next();
  if (nameToken.text !== 'bag_unpack') throw unsupported(`The evaluate plugin '${nameToken.text}'`, ['bag_unpack']);
  const args = parseArguments(c);
  const column = args.get('Column');
  if (column === undefined) throw c.error("'bag_unpack' expects the dynamic column to unpack", nameToken);
  const op: BagUnpackArgs = {
    column,
    prefix: stringArgument(args.get('OutputColumnPrefix'), 'OutputColumnPrefix') ?? '',
    conflict: conflictArgument(c, args.get('columnsConflict')),
    ignored: ignoredArgument(args.get('ignoredProperties')),
  };
  if (c.acceptPunct(':')) op.schema = parseSchema(c);
  return { op: 'bag_unpack', pos, ...op };
}

function parseArguments(c: Cursor): Map<string, Expr> {
  c.expectPunct('(', "after 'bag_unpack'");
  const args = new Map<string, Expr>();
  let position = 0;
  if (!c.isPunct(')')) {
    do {
      let name = PARAMETERS[position];
      if (c.isWord() && c.isPunct('=', 1)) {
        const t = c.next();
        c.next();
        if (!PARAMETERS.includes(t.text)) throw c.error(`'bag_unpack' has no parameter '${t.text}' (it has ${PARAMETERS.join(', ')})`, t);
        name = t.text;
      } else if (name === undefined) {
        throw c.error(`'bag_unpack' takes at most ${PARAMETERS.length} arguments`);
      }
      args.set(name, parseExpression(c));
      position++;
    } while (c.acceptPunct(','));
  }
  c.expectPunct(')', "to close 'bag_unpack(...)'");
  return args;
}

function stringArgument(e: Expr | undefined, name: string): string | undefined {
  if (e === undefined) return undefined;
  if (e.kind !== 'literal' || e.type !== 'string') throw unsupported(`A 'bag_unpack' ${name} that is not a string literal`);
  return String(e.value);
}

function conflictArgument(c: Cursor, e: Expr | undefined): ColumnsConflict {
  const text = stringArgument(e, 'columnsConflict');
  if (text === undefined) return 'error';
  const found = CONFLICTS.find((k) => k === text);
  if (found === undefined) throw c.error(`columnsConflict must be one of ${CONFLICTS.map((k) => `'${k}'`).join(', ')}`, c.peek(-1));
  return found;
}

function ignoredArgument(e: Expr | undefined): string[] {
  if (e === undefined) return [];
  const value = e.kind === 'literal' && e.type === 'dynamic' ? e.value : undefined;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw unsupported("A 'bag_unpack' ignoredProperties that is not a dynamic array of strings");
  }
  return value;
}

/** `(*, Name:type, ...)` or `(Name:type, ...)`. */
function parseSchema(c: Cursor): NonNullable<BagUnpackArgs['schema']> {
  c.expectPunct('(', "to start the output schema after ':'");
  const schema: NonNullable<BagUnpackArgs['schema']> = { wildcard: false, columns: [] };
  if (c.acceptPunct('*')) {
    schema.wildcard = true;
    if (!c.acceptPunct(',')) {
      c.expectPunct(')', 'to close the output schema');
      return schema;
    }
  }
  do {
    const name = c.expectName('in the output schema');
    c.expectPunct(':', `after '${name}' in the output schema`);
    const t = c.next();
    const type = t.kind === 'ident' ? typeFromName(t.text) : undefined;
    if (type === undefined) throw c.error(`'${t.text}' is not a scalar type`, t);
    schema.columns.push({ name, type });
  } while (c.acceptPunct(','));
  c.expectPunct(')', 'to close the output schema');
  return schema;
}
