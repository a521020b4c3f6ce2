import { parseCommand } from '../../src/bot/commands';
import { JUDGED, holdsRow } from './judgedPhrasings.test';
it('dump', () => {
  const out: string[] = [];
  for (const [text, expect, mentions] of JUDGED) {
    const c = parseCommand(text, mentions ?? []);
    if (!holdsRow(text, expect, mentions ?? [])) out.push(`${JSON.stringify(text.slice(0, 90))}\n    => ${JSON.stringify(c).slice(0, 200)}`);
  }
  console.log(out.join('\n'));
});
