import { formatTime, UTC } from '../../../src/bot/cards/times';
import { incidentCard } from '../../../src/bot/cards/incidentCards';
import { reportFormCard, reportReviewCard } from '../../../src/bot/cards/reportCards';
import { taskChoiceCard, taskSummary, tasksCard } from '../../../src/bot/cards/taskCards';
import { DEFAULT_VALUES, validateReport } from '../../../src/incidents/reportValidation';
import type { IncidentView } from '../../../src/incidents/types';

/** All text a person would read on the card, in order. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string') out.push(o.title);
    Object.values(o).forEach((v) => texts(v, out));
  }
  return out;
}

function findInput(card: unknown, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.id === id) found = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const incident: IncidentView = {
  id: 'a1b2',
  number: 405212,
  title: '**bold** [link](https://evil.example) ${title}',
  description: '<script>alert(1)</script>',
  severity: 'High',
  status: 'New',
  owner: { name: 'Alex Wilber', objectId: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b' },
  tags: ['phishing', 'email'],
  url: 'https://portal.azure.com/#asset/x',
  createdTime: '2026-11-20T09:15:00Z',
};

describe('cards', () => {
  it('shows the form again with the values kept and an error beside the bad field', () => {
    const r = validateReport({ title: '', severity: 'High', tags: 'phishing, email', description: 'keep me' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const card = reportFormCard('sub-1', r.values, r.errors);
    expect(findInput(card, 'severity')?.value).toBe('High');
    expect(findInput(card, 'tags')?.value).toBe('phishing, email');
    expect(findInput(card, 'description')?.value).toBe('keep me');
    const all = texts(card);
    expect(all).toContain('Give the incident a title.');
    expect(all).toContain('Please fix the fields marked below.');
  });

  it('shows no error text on a fresh form', () => {
    const all = texts(reportFormCard('sub-1', { ...DEFAULT_VALUES, title: 'prefilled' }));
    expect(all).not.toContain('Please fix the fields marked below.');
    expect(findInput(reportFormCard('sub-1', { ...DEFAULT_VALUES, title: 'prefilled' }), 'title')?.value).toBe('prefilled');
  });

  it('carries the submission id on every report button', () => {
    const card = reportFormCard('sub-42', DEFAULT_VALUES) as unknown as { actions: Array<{ verb: string; data: { submissionId: string } }> };
    expect(card.actions.map((a) => [a.verb, a.data.submissionId])).toEqual([
      ['report.submit', 'sub-42'],
      ['report.cancel', 'sub-42'],
    ]);
  });

  it('shows user text literally: no template expansion, no markdown parsing', () => {
    const card = incidentCard(incident, 'Incident 405212 created.');
    const json = JSON.stringify(card);
    expect(texts(card)).toContain('**bold** [link](https://evil.example) ${title}');
    // The title is a TextRun (never parsed as Markdown), not a TextBlock.
    expect(json).toMatch(/"type":"TextRun","text":"\*\*bold\*\*/);
    expect(texts(card)).toContain('<script>alert(1)</script>');
  });

  it('never puts typed task text into a Markdown TextBlock (banners, the choice question)', () => {
    const typed = '**Urgent** [reset here](https://evil.example/x)';
    const textBlocks = (node: unknown, out: string[] = []): string[] => {
      if (Array.isArray(node)) node.forEach((n) => textBlocks(n, out));
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
        Object.values(o).forEach((v) => textBlocks(v, out));
      }
      return out;
    };
    const tasks = { incident: { id: 'x', number: 405211, title: 'T', status: 'New' as const, severity: 'Low' as const }, tasks: [{ taskId: 't1', title: typed, status: 'New' as const }] };
    for (const card of [tasksCard(tasks, { banner: `Added "${typed}".` }), taskChoiceCard(405211, typed, tasks.tasks)]) {
      expect(texts(card).join(' ')).toContain(typed);
      expect(textBlocks(card).join(' ')).not.toContain('evil.example');
    }
  });

  it('review card lists what will be created', () => {
    const r = validateReport({ title: 'USB stick', severity: 'Low', owner: 'me', tags: 'physical' });
    if (!r.ok) throw new Error('invalid');
    const all = texts(reportReviewCard('s', r.draft, { objectId: 'x', name: 'Alex Wilber' }));
    expect(all).toEqual(expect.arrayContaining(['USB stick', '▽ Low', 'New', 'Alex Wilber (you)', 'physical', 'Create incident']));
  });

  it('summarizes tasks and leaves deleted ones out', () => {
    const card = tasksCard({
      incident: { id: 'x', number: 405211, title: 'T', status: 'Active', severity: 'High' },
      tasks: [
        { taskId: '1', title: 'First', status: 'Completed', createdBy: 'Ada Lovelace', createdTime: '2026-11-20T09:15:00Z', completedBy: 'Ada Lovelace', completedTime: '2026-11-20T10:00:00Z' },
        { taskId: '2', title: 'Second', status: 'New', createdBy: 'Ada Lovelace' },
      ],
    });
    const all = texts(card);
    expect(all).toContain('1 task still open, 1 done');
    expect(all).toContain('Created by Ada Lovelace, 20 Nov 2026, 09:15 UTC · Completed by Ada Lovelace, 20 Nov 2026, 10:00 UTC');
    expect(all).toContain('Created by Ada Lovelace · Open');
    expect(taskSummary([])).toBe('No tasks yet');
  });

  it('says so when an incident has no tasks', () => {
    const all = texts(tasksCard({ incident: { id: 'x', number: 1, title: 'T', status: 'New', severity: 'Low' }, tasks: [] }));
    expect(all).toContain('This incident has no tasks yet.');
  });

  it('formats times in UTC and tolerates garbage', () => {
    expect(formatTime('2026-01-02T03:04:05Z', UTC)).toBe('2 Jan 2026, 03:04 UTC');
    expect(formatTime('not a date', UTC)).toBe('');
    expect(formatTime(undefined, UTC)).toBe('');
  });
});
