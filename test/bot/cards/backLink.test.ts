import { parseCardAction } from '../../../src/bot/cardCommands';
import { incidentCard, incidentListCard, looseEndsCard } from '../../../src/bot/cards/incidentCards';
import { tasksCard } from '../../../src/bot/cards/taskCards';
import type { AdaptiveCardJson } from '../../../src/bot/cards/renderCard';
import type { IncidentView } from '../../../src/incidents/types';

type Node = Record<string, unknown>;
const incident: IncidentView = { id: 'a1', number: 405211, title: 'Phish', description: '', severity: 'High', status: 'Active', tags: [] };

/** Every Action.Execute on the card, with the title it shows (row presses have none). */
function executes(card: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(card)) card.forEach((n) => executes(n, out));
  else if (card && typeof card === 'object') {
    const o = card as Node;
    if (o.type === 'Action.Execute') out.push(o);
    Object.values(o).forEach((v) => executes(v, out));
  }
  return out;
}
const press = (action: Node | undefined) => parseCardAction(String(action?.verb), (action?.data ?? {}) as Node);
const backButton = (card: AdaptiveCardJson): Node | undefined => executes(card).find((a) => String(a.title).startsWith('←'));

describe('a detail card opened from a list has a way back to it', () => {
  it('my incidents (page 2) -> incident -> back to page 2 of my incidents', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ number: 405200 + i, title: `I${i}`, severity: 'Low' as const, status: 'New' as const }));
    const row = executes(incidentListCard(items, 2, 'Ada')).find((a) => a.verb === 'incident.show');
    const command = press(row);
    expect(command).toEqual({ kind: 'showIncident', incidentNumber: 405208, back: { to: 'mine', page: 2 } });
    const back = backButton(incidentCard(incident, '', { back: command.kind === 'showIncident' ? command.back : undefined }));
    expect(back?.title).toBe('← Back to my incidents');
    expect(press(back)).toEqual({ kind: 'myIncidents', page: 2 });
  });

  it('loose ends (second window) -> tasks -> back to the same window', () => {
    const items = Array.from({ length: 15 }, (_, i) => ({ incidentNumber: 1 + i, incidentTitle: `I${i}`, tasks: [{ title: 't' }] }));
    const row = executes(looseEndsCard(items, 10)).find((a) => a.verb === 'tasks.show');
    const command = press(row);
    expect(command).toEqual({ kind: 'showTasks', incidentNumber: 11, back: { to: 'looseEnds', offset: 10 } });
    const back = backButton(tasksCard({ incident, tasks: [] }, { back: command.kind === 'showTasks' ? command.back : undefined }));
    expect(back?.title).toBe('← Back to loose ends');
    expect(press(back)).toEqual({ kind: 'looseEnds', offset: 10 });
  });

  it('a card opened by typing has no back button, and forged back data is ignored', () => {
    expect(backButton(incidentCard(incident))).toBeUndefined();
    expect(parseCardAction('incident.show', { incidentNumber: 1, back: 'elsewhere', backPage: '-3' })).toEqual({ kind: 'showIncident', incidentNumber: 1 });
    expect(parseCardAction('incident.show', { incidentNumber: 1, back: 'mine', backPage: '1e9' })).toEqual({ kind: 'showIncident', incidentNumber: 1, back: { to: 'mine', page: 1 } });
  });
});
