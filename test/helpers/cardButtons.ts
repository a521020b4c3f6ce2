/** The buttons (Action.Execute) of a card the bot sent, wherever they sit in it, as a person would find them. */
import type { Json } from './botHarness';

export interface CardButton {
  title: string;
  verb: string;
  data: Json;
}

export function cardButtons(card: unknown): CardButton[] {
  const out: CardButton[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Json;
      if (o.type === 'Action.Execute') out.push({ title: String(o.title ?? ''), verb: String(o.verb ?? ''), data: (o.data ?? {}) as Json });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The first button with this title; a card without one fails the test naming the buttons it has. */
export function cardButton(card: unknown, title: string): CardButton {
  const all = cardButtons(card);
  const hit = all.find((b) => b.title === title);
  if (!hit || !hit.verb) throw new Error(`no button "${title}" among ${all.map((b) => b.title).join(', ')}`);
  return hit;
}
