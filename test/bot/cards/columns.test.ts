/**
 * Labels never wrap mid-word ("Descriptio/n"): a column sized in pixels or by weight squeezes
 * its text on a narrow screen (Teams mobile, a side panel), while "auto" sizes a column to
 * its longest word and "stretch" gives the rest to the value. Every template's columns must be
 * one of the two, and a column holding a fixed label must be "auto".
 */
import fs from 'node:fs';
import path from 'node:path';
import { CARDS_DIR } from '../../../src/bot/cards/renderCard';

type Node = Record<string, unknown>;

function columns(node: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((n) => columns(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Node;
    if (o.type === 'Column') out.push(o);
    Object.values(o).forEach((v) => columns(v, out));
  }
  return out;
}

/** A column whose only content is fixed text (no data binding): a label. */
function isLabel(column: Node): boolean {
  const items = Array.isArray(column.items) ? (column.items as Node[]) : [];
  return items.length > 0 && items.every((i) => i.type === 'TextBlock' && typeof i.text === 'string' && !i.text.includes('${'));
}

const templates = fs.readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'));

describe('card columns', () => {
  it.each(templates)('%s: columns are "auto" or "stretch", labels "auto"', (file) => {
    const card: unknown = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, file), 'utf8'));
    for (const column of columns(card)) {
      expect(['auto', 'stretch']).toContain(column.width);
      if (isLabel(column)) expect(column.width).toBe('auto');
    }
  });

  it('the incident card has its labels in auto columns beside stretching values', () => {
    const card: unknown = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, 'incident.json'), 'utf8'));
    const labels = columns(card).filter(isLabel).map((c) => ((c.items as Node[])[0] as Node).text);
    expect(labels).toEqual(expect.arrayContaining(['Status', 'Owner', 'Description']));
  });
});
