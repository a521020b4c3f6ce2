import { parseCardAction } from '../../../src/bot/cardCommands';
import { doneSummary } from '../../../src/bot/cards/counts';
import { closeIncidentCard, incidentCard, looseEndsCard } from '../../../src/bot/cards/incidentCards';
import { tasksCard } from '../../../src/bot/cards/taskCards';
import type { IncidentView, TaskView } from '../../../src/incidents/types';

const incident: IncidentView = { id: 'a1', number: 405211, title: 'Phish', description: '', severity: 'Medium', status: 'Active', tags: [] };
const task = (i: number, done: boolean): TaskView => ({ taskId: `t${i}`, title: `Task ${i}`, status: done ? 'Completed' : 'New' });
const json = (c: unknown): string => JSON.stringify(c);

/** The TextBlock/TextRun whose text is exactly `text`, to read its colour. */
function element(card: unknown, text: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.text === text) found = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('natural counts and colours', () => {
  it('says how far the tasks are as a person would', () => {
    expect(doneSummary(0, 0)).toBe('No tasks yet');
    expect(doneSummary(1, 0)).toBe('1 task still open');
    expect(doneSummary(3, 1)).toBe('2 tasks still open, 1 done');
    expect(doneSummary(1, 1)).toBe('Done');
    expect(doneSummary(2, 2)).toBe('Both done');
    expect(doneSummary(3, 3)).toBe('All 3 done');
  });

  it('tasks card: open work never in the success colour nor the hard-to-read yellow, all done in the success colour', () => {
    const open = tasksCard({ incident, tasks: [task(1, false), task(2, true)] });
    expect(element(open, '1 task still open, 1 done')?.color).toBe('Default');
    const both = tasksCard({ incident, tasks: [task(1, true), task(2, true)] });
    expect(element(both, 'Both done')?.color).toBe('Good');
    expect(json(tasksCard({ incident, tasks: [] }))).toContain('No tasks yet');
  });

  it('a closed-with-open-tasks notice is never the success colour, and readable in every theme', () => {
    const card = incidentCard(incident, 'Incident 405211 is closed as True positive. 1 task was still open.', { tone: 'warning' });
    const banner = element(card, 'Incident 405211 is closed as True positive. 1 task was still open.');
    expect(banner?.color).toBe('Default');
    expect(banner?.weight).toBe('Bolder');
    expect(element(incidentCard(incident, 'Done.'), 'Done.')?.color).toBe('Good');
  });

  it('Medium severity is not shown in the hard-to-read yellow', () => {
    expect(element(incidentCard(incident), '◆ Medium')?.color).not.toBe('Warning');
  });

  it('close card and loose ends use singular and plural correctly', () => {
    const one = closeIncidentCard(incident, [task(1, false)]);
    expect(json(one)).toContain('1 task is still open:');
    expect(json(one)).toContain('Close with 1 open task"');
    expect(json(closeIncidentCard(incident, [task(1, false), task(2, false)]))).toContain('2 tasks are still open:');
    const loose = looseEndsCard([{ incidentNumber: 1, incidentTitle: 'A', tasks: [{ title: 'x' }] }]);
    expect(json(loose)).toContain('1 closed incident with 1 open task.');
  });

  it('a warning banner stays a warning when the card refreshes itself', () => {
    const card = incidentCard(incident, 'Incident 405211 is closed as True positive. 1 task was still open.', { tone: 'warning' }) as { refresh?: { action?: { verb: string; data: Record<string, unknown> } } };
    const action = card.refresh?.action;
    expect(action && parseCardAction(action.verb, action.data)).toEqual({ kind: 'refreshIncident', incidentNumber: 405211, banner: 'Incident 405211 is closed as True positive. 1 task was still open.', tone: 'warning' });
  });
});
