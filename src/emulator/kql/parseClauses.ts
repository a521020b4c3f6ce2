/**
 * Readers of the clauses tabular operators share: named expressions, column patterns,
 * renames, sort keys, summarize's aggregates and groups, mv-expand's items.
 */
import type { MvExpandItem, NamedExpr, SortKey, TabularOp } from './ast';
import { rejectOperatorParameters, type Cursor } from './cursor';
import { unsupported } from './errors';
import { parseExpression } from './parseExpr';
import { typeFromName } from './values';

export function parseNamedList(c: Cursor): NamedExpr[] {
  const items: NamedExpr[] = [];
  do {
    items.push(parseNamedExpr(c));
  } while (c.acceptPunct(','));
  return items;
}

export function parseNamedExpr(c: Cursor): NamedExpr {
  if (c.isPunct('(') && c.isName(1)) {
    // `(A, B) = expr` destructuring
    const n = c.nameLength(1);
    if (c.isPunct(',', 1 + n)) throw unsupported('Assigning to several columns at once');
  }
  if (c.isName()) {
    const n = c.nameLength();
    if (c.isPunct('=', n)) {
      const name = c.expectName('');
      c.next();
      return { name, expr: parseExpression(c) };
    }
  }
  return { expr: parseExpression(c) };
}

export function parsePatterns(c: Cursor, single = false): string[] {
  const patterns: string[] = [];
  do {
    let p = '';
    const first = c.peek();
    if (c.isPunct('[')) {
      p = c.expectName('');
    } else {
      // Adjacent words and `*` form one wildcard pattern, e.g. `Alert*` or `*Time`.
      while ((c.isWord() || c.isPunct('*')) && (p === '' || c.touches(0))) p += c.next().text;
    }
    if (p === '') throw c.error('expected a column name', first);
    patterns.push(p);
  } while (!single && c.acceptPunct(','));
  return patterns;
}

export function parseRenames(c: Cursor): Array<{ to: string; from: string }> {
  const renames: Array<{ to: string; from: string }> = [];
  do {
    const to = c.expectName("in 'project-rename'");
    c.expectPunct('=', "in 'project-rename' (NewName = ExistingName)");
    renames.push({ to, from: c.expectName("after '=' in 'project-rename'") });
  } while (c.acceptPunct(','));
  return renames;
}

export function parseSortKeys(c: Cursor): SortKey[] {
  const keys: SortKey[] = [];
  do {
    keys.push(parseSortKey(c));
  } while (c.acceptPunct(','));
  return keys;
}

export function parseSortKey(c: Cursor): SortKey {
  const expr = parseExpression(c);
  let desc = true;
  if (c.acceptWord('asc')) desc = false;
  else c.acceptWord('desc');
  const key: SortKey = { expr, desc };
  if (c.acceptWord('nulls')) {
    if (c.acceptWord('first')) key.nullsFirst = true;
    else if (c.acceptWord('last')) key.nullsFirst = false;
    else throw c.error("expected 'first' or 'last' after 'nulls'");
  }
  return key;
}

export function parseSummarize(c: Cursor, pos: number): TabularOp {
  rejectOperatorParameters(c, 'summarize');
  const aggregates = c.isWord('by') ? [] : parseNamedList(c);
  const by = c.acceptWord('by') ? parseNamedList(c) : [];
  return { op: 'summarize', aggregates, by, pos };
}

/** `with_itemindex=Name` before the items of mv-expand and mv-apply. */
export function parseItemIndex(c: Cursor, operator: string): string | undefined {
  let itemIndex: string | undefined;
  for (;;) {
    if (c.isWord('with_itemindex') && c.isPunct('=', 1)) {
      c.next();
      c.next();
      itemIndex = c.expectName("after 'with_itemindex='");
      continue;
    }
    for (const option of ['bagexpansion', 'kind']) {
      if (c.isWord(option) && c.isPunct('=', 1)) throw unsupported(`The '${option}' parameter of '${operator}'`);
    }
    return itemIndex;
  }
}

export function parseMvExpand(c: Cursor, pos: number): TabularOp {
  const itemIndex = parseItemIndex(c, 'mv-expand');
  const items = parseMvItems(c);
  const op: TabularOp = { op: 'mv-expand', items, pos };
  if (itemIndex !== undefined) op.itemIndex = itemIndex;
  if (c.acceptWord('limit')) op.limit = parseExpression(c);
  return op;
}

export function parseMvItems(c: Cursor): MvExpandItem[] {
  const items: MvExpandItem[] = [];
  do {
    const item: MvExpandItem = parseNamedExpr(c);
    if (c.acceptWord('to')) {
      c.expectWord('typeof', "after 'to'");
      c.expectPunct('(', "after 'typeof'");
      const t = c.next();
      const type = typeFromName(t.text);
      if (type === undefined) throw c.error(`'${t.text}' is not a type`, t);
      item.toType = type;
      c.expectPunct(')', 'to close typeof(...)');
    }
    items.push(item);
  } while (c.acceptPunct(','));
  return items;
}
