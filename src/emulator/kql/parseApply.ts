/** Parsers for `mv-apply`, `parse`, `project-reorder` and `render` (read, then dropped). */
import type { ParsePart, TabularOp } from './ast';
import type { Cursor } from './cursor';
import { unsupported } from './errors';
import { parseExpression } from './parseExpr';
import { parseItemIndex, parseMvItems, parseOperatorChain, parsePatterns } from './parseQuery';
import { typeFromName } from './values';

export function parseMvApply(c: Cursor, pos: number): TabularOp {
  const itemIndex = parseItemIndex(c, 'mv-apply');
  const items = parseMvItems(c);
  const limit = c.acceptWord('limit') ? parseExpression(c) : undefined;
  c.expectWord('on', "in 'mv-apply' (mv-apply Item = Array on (subquery))");
  c.expectPunct('(', "after 'on' in 'mv-apply'");
  const subquery = c.nest(() => parseOperatorChain(c));
  c.expectPunct(')', "to close the subquery of 'mv-apply'");
  const op: TabularOp = { op: 'mv-apply', items, subquery, pos };
  if (itemIndex !== undefined) op.itemIndex = itemIndex;
  if (limit !== undefined) op.limit = limit;
  return op;
}

export function parseParse(c: Cursor, pos: number, filter: boolean): TabularOp {
  let kind: 'simple' | 'regex' = 'simple';
  if (c.isWord('kind') && c.isPunct('=', 1)) {
    c.next();
    c.next();
    const k = c.next().text;
    if (k === 'relaxed') throw unsupported("'parse kind=relaxed'");
    if (k !== 'simple' && k !== 'regex') throw c.error(`'${k}' is not a parse kind (simple, regex or relaxed)`, c.peek(-1));
    kind = k;
  }
  if (c.isWord('flags') && c.isPunct('=', 1)) throw unsupported("The 'flags' parameter of 'parse'");
  const source = parseExpression(c);
  c.expectWord('with', "in 'parse' (parse Column with \"text\" Name ...)");
  const pattern: ParsePart[] = [];
  while (!c.atEnd() && !c.isPunct('|') && !c.isPunct(';') && !c.isPunct(')')) {
    const t = c.peek();
    if (t.kind === 'string') {
      c.next();
      pattern.push({ kind: 'text', text: String(t.value) });
    } else if (c.acceptPunct('*')) {
      pattern.push({ kind: 'any' });
    } else if (c.isName()) {
      const name = c.expectName('');
      let type = typeFromName('string')!;
      if (c.acceptPunct(':')) {
        const tt = c.next();
        const declared = typeFromName(tt.text);
        if (declared === undefined) throw c.error(`'${tt.text}' is not a type`, tt);
        type = declared;
      }
      pattern.push({ kind: 'column', name, type });
    } else {
      throw c.error("expected a string, a column name or '*' in the 'parse' pattern");
    }
  }
  if (!pattern.some((p) => p.kind === 'column')) throw c.error("a 'parse' pattern needs at least one column");
  return { op: 'parse', kind, source, pattern, filter, pos };
}

export function parseProjectReorder(c: Cursor, pos: number): TabularOp {
  const items: Array<{ pattern: string; order?: 'asc' | 'desc' }> = [];
  do {
    const [pattern] = parsePatterns(c, true);
    if (c.isWord('granny') || c.peek().text.startsWith('granny')) throw unsupported("'granny-asc'/'granny-desc' in 'project-reorder'");
    if (c.acceptWord('asc')) items.push({ pattern, order: 'asc' });
    else if (c.acceptWord('desc')) items.push({ pattern, order: 'desc' });
    else items.push({ pattern });
  } while (c.acceptPunct(','));
  return { op: 'project-reorder', items, pos };
}

/** `render chart [with (...)]` changes how a client draws the result, not the result: skip it. */
export function skipRender(c: Cursor): void {
  let depth = 0;
  while (!c.atEnd()) {
    if (depth === 0 && (c.isPunct('|') || c.isPunct(';') || c.isPunct(')'))) return;
    if (c.isPunct('(')) depth++;
    if (c.isPunct(')')) depth--;
    c.next();
  }
}
