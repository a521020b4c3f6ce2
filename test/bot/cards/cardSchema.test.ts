/**
 * Every card the bot sends parses with the Adaptive Cards library without warnings at
 * schema 1.5, and every button is a Universal Action (Action.Execute with a verb) or a link.
 * The one element beyond 1.5 is Teams' people picker (`choices.data` on the Graph users
 * dataset), which Teams documents for its clients and which is only sent to real Teams.
 */
import { UNREADABLE_TEXT_COLORS } from '../../../src/bot/cards/format';
import { pressFailedCard } from '../../../src/bot/cards/pressFailedCard';
import fs from 'node:fs';
import path from 'node:path';
import { CARD_VERBS } from '../../../src/bot/cardCommands';
import { choosePersonCard, confirmCard, confirmValueCard, didYouMeanCard, helpCard, noticeCard } from '../../../src/bot/cards/generalCards';
import { closeIncidentCard, incidentCard, incidentListCard, looseEndsCard } from '../../../src/bot/cards/incidentCards';
import { CARD_NAMES, CARDS_DIR, type AdaptiveCardJson } from '../../../src/bot/cards/renderCard';
import { reportFormCard, reportReviewCard } from '../../../src/bot/cards/reportCards';
import { feedDigestCard } from '../../../src/bot/cards/feedCards';
import { taskChoiceCard, taskHistoryCard, tasksCard } from '../../../src/bot/cards/taskCards';
import { DEFAULT_VALUES, validateReport } from '../../../src/incidents/reportValidation';
import type { IncidentView, TaskView } from '../../../src/incidents/types';

// The UMD bundle runs in Node; the package's ESM entry does not.
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void };
  SerializationContext: new (version?: unknown) => { eventCount: number; getEventAt(i: number): { message: string } };
  Versions: Record<string, unknown>;
};

const incident: IncidentView = { id: 'x', number: 405211, title: 'T', description: 'D', severity: 'High', status: 'Active', owner: { name: 'Ada Lovelace' }, tags: ['a'], url: 'https://portal.azure.com/#x', createdTime: '2026-11-20T09:15:00Z' };
const tasks: TaskView[] = [
  { taskId: 't1', title: 'One', status: 'Completed', createdBy: 'Ada', createdTime: '2026-11-20T09:15:00Z', completedBy: 'Ada', completedTime: '2026-11-20T10:15:00Z' },
  { taskId: 't2', title: 'Two', status: 'New', createdBy: 'Ada' },
];
const draft = validateReport({ title: 'T', status: 'Closed', classification: 'FalsePositive:InaccurateData', owner: 'me', tags: 'a' });
if (!draft.ok) throw new Error('sample draft invalid');

/** The "Report to SOC" task dialog's variant of the report form. */
const TASK_DIALOG_FORM = reportFormCard('s', DEFAULT_VALUES, {}, { variant: 'messageDialog' });

const SAMPLES: Record<string, AdaptiveCardJson[]> = {
  help: [helpCard(), helpCard(undefined, { conversation: 'channel', botName: 'Sentinel Incidents' })],
  notice: [noticeCard('Sorry', 'message', { tone: 'error', showHelp: true }), noticeCard('Done', 'ok')],
  choosePerson: [choosePersonCard({ heading: 'Which "ad"?', message: 'Several people fit "ad".', incidentNumber: 405211, expectedOwner: 'none', people: [{ objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90', name: 'Ada Lovelace', detail: 'ada.lovelace@contoso.com' }, { objectId: '6e7f8a9b-0c1d-4e2f-9a3b-4c5d6e7f8a9b', name: 'Adele Vance', detail: 'adelev@contoso.com' }] })],
  didYouMean: [didYouMeanCard(['history 405211', 'show 405211']), didYouMeanCard([]), didYouMeanCard(['assign 405211 to me', 'show 405211'], { heading: 'Did you mean…', message: 'Assign it to you?' })],
  confirmValue: [
    confirmValueCard({ heading: 'Set severity of 405211 to High?', message: 'Sentinel has no severity "Critical"; the highest is High.', confirmTitle: 'Set severity to High', confirmVerb: 'incident.confirmValue', incidentNumber: 405211, field: 'severity', value: 'High', expected: 'Medium', typed: 'critical' }),
    confirmValueCard({ heading: 'Close incident 405211?', message: 'Sentinel has no status "Resolved".', confirmTitle: 'Close incident 405211…', confirmVerb: 'incident.closeForm', incidentNumber: 405211, field: 'status', value: 'Closed', expected: 'Active', typed: 'resolved' }),
  ],
  pressFailed: [pressFailedCard({ kind: 'looseEnds' }, 'Microsoft Sentinel is not answering.'), pressFailedCard({ kind: 'setSeverity', incidentNumber: 1, severity: 'Low' }, 'Not found.', true)],
  confirm: [confirmCard({ heading: 'Unassign incident 405211?', message: 'Incident 405211 is assigned to Ada Lovelace.', confirmTitle: 'Unassign Ada Lovelace', confirmVerb: 'incident.unassign', keepTitle: 'Keep Ada Lovelace', incidentNumber: 405211, expectedOwner: 'none' })],
  reportForm: [reportFormCard('s', DEFAULT_VALUES), reportFormCard('s', DEFAULT_VALUES, { title: 'Give the incident a title.' }), TASK_DIALOG_FORM],
  reportReview: [reportReviewCard('s', draft.draft, { objectId: 'o', name: 'Alex' }), reportReviewCard('s', draft.draft, { objectId: 'o', name: 'Alex' }, 'error')],
  incident: [incidentCard(incident, 'Created'), incidentCard({ ...incident, status: 'Closed', url: undefined })],
  tasks: [tasksCard({ incident, tasks, asOf: '2026-11-20T10:15:00Z' }, { banner: 'banner' }), tasksCard({ incident, tasks: [] })],
  incidentList: [incidentListCard([{ number: 1, title: 'T', severity: 'Low', status: 'New', createdTime: '2026-11-20T10:15:00Z' }], 1, 'Alex'), incidentListCard([], 1, 'Alex')],
  closeIncident: [closeIncidentCard(incident, tasks.slice(1)), closeIncidentCard(incident, [], { error: 'x' })],
  taskHistory: [taskHistoryCard(1, 'T', [{ event: 'created', title: 'One', by: 'Ada', at: '2026-11-20T10:15:00Z' }, { event: 'deleted', title: 'Two' }]), taskHistoryCard(1, 'T', [])],
  looseEnds: [looseEndsCard([{ incidentNumber: 1, incidentTitle: 'T', owner: 'Ada', tasks: [{ title: 'x' }] }]), looseEndsCard([])],
  taskChoice: [taskChoiceCard(1, 'x', tasks)],
  feedDigest: [
    feedDigestCard(Array.from({ length: 45 }, (_, i) => ({ number: 45 - i, severity: 'High', title: `T${i}` })), '0b6c3f0e-2a4e-4c55-9d8e-3f1a2b3c4d5e', 20),
    feedDigestCard([{ number: 1, severity: 'Low', title: 'Only one' }], '0b6c3f0e-2a4e-4c55-9d8e-3f1a2b3c4d5e'),
  ],
};

const ALLOWED_ELEMENTS = new Set(['TextBlock', 'RichTextBlock', 'TextRun', 'ColumnSet', 'Column', 'Container', 'ActionSet', 'FactSet', 'Image', 'Input.Text', 'Input.ChoiceSet', 'Input.Toggle', 'Input.Number', 'Input.Date', 'Input.Time', 'AdaptiveCard']);
const ALLOWED_ACTIONS = new Set(['Action.Execute', 'Action.OpenUrl', 'Action.ShowCard', 'Action.ToggleVisibility']);

function walk(node: unknown, visit: (o: Record<string, unknown>, key?: string) => void, key?: string): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit, key));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>, key);
    for (const [k, v] of Object.entries(node)) walk(v, visit, k);
  }
}

describe('card templates', () => {
  it('every template in cards/ has samples here', () => {
    const files = fs.readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => path.basename(f, '.json')).sort();
    expect(files).toEqual([...CARD_NAMES].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual(files);
  });

  it.each(Object.entries(SAMPLES))('%s parses at schema 1.5 without warnings', (_name, cards) => {
    for (const card of cards) {
      expect(card.version).toBe('1.5');
      const ctx = new AC.SerializationContext(AC.Versions.v1_5);
      new AC.AdaptiveCard().parse(card, ctx);
      const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
      expect(events).toEqual([]);
    }
  });

  it.each(Object.entries(SAMPLES))('%s uses only 1.5 elements, and its buttons are Universal Actions with known verbs', (_name, cards) => {
    for (const card of cards) {
      walk(card, (o, key) => {
        if (typeof o.type !== 'string') return;
        if (key === 'actions' || key === 'selectAction' || key === 'action') {
          // A message-extension dialog submits with Action.Submit: Teams turns it into composeExtension/submitAction.
          if (card === TASK_DIALOG_FORM) expect(o.type).toBe('Action.Submit');
          else expect(ALLOWED_ACTIONS).toContain(o.type);
          if (o.type === 'Action.Execute') expect(CARD_VERBS).toContain(o.verb);
        } else if (!['Data.Query'].includes(o.type)) {
          expect(ALLOWED_ELEMENTS).toContain(o.type);
        }
      });
      expect(JSON.stringify(card)).not.toMatch(/"\$(when|data)"|\$\{/);
    }
  });

  it.each(Object.entries(SAMPLES))("%s writes no text in Teams' hard-to-read yellow or blue", (_name, cards) => {
    const extra = [incidentCard(incident, 'Incident 405211 is closed as True positive. 1 task was still open.', { tone: 'warning' }), taskHistoryCard(1, 'T', [{ event: 'reopened', title: 'One' }, { event: 'renamed', title: 'Two', previousTitle: 'One' }])];
    for (const card of [...cards, ...extra]) {
      walk(card, (o) => {
        if (typeof o.color === 'string') expect(UNREADABLE_TEXT_COLORS).not.toContain(o.color);
      });
    }
  });

  it.each([
    ['organisation', 'graph.microsoft.com/users'],
    ['conversation', 'graph.microsoft.com/users?scope=currentContext'],
  ] as const)("Teams' people picker (%s) is the one element beyond 1.5, only in the Teams variant of the form", (picker, dataset) => {
    const card = reportFormCard('s', DEFAULT_VALUES, {}, { peoplePicker: picker });
    const ctx = new AC.SerializationContext(AC.Versions.v1_5);
    new AC.AdaptiveCard().parse(card, ctx);
    const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.includes('choices.data'))).toBe(true);
    const owners: Array<Record<string, unknown>> = [];
    walk(card, (o) => {
      if (o.id === 'owner') owners.push(o);
    });
    expect(owners).toHaveLength(1);
    expect(owners[0]!['choices.data']).toEqual({ type: 'Data.Query', dataset });
    expect(JSON.stringify(reportFormCard('s', DEFAULT_VALUES))).not.toContain('choices.data');
    expect(JSON.stringify(reportFormCard('s', DEFAULT_VALUES, {}, { peoplePicker: 'none' }))).not.toContain('choices.data');
  });

  it("the incident card's people picker is Teams' typeahead on the bot's own people search, only where Teams renders it", () => {
    const picked = incidentCard({ ...incident, status: 'Active' }, '', { peoplePicker: true });
    const ctx = new AC.SerializationContext(AC.Versions.v1_5);
    new AC.AdaptiveCard().parse(picked, ctx);
    const events = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.includes('choices.data'))).toBe(true);
    const pickers: Array<Record<string, unknown>> = [];
    walk(picked, (o) => {
      if (o.id === 'assignee') pickers.push(o);
    });
    expect(pickers).toHaveLength(1);
    expect(pickers[0]!['choices.data']).toEqual({ type: 'Data.Query', dataset: 'people', count: 15 });
    expect(JSON.stringify(picked)).toContain('"verb":"incident.assignPicked"');
    expect(JSON.stringify(incidentCard(incident))).not.toContain('choices.data');
  });

  it('the warning check is real: an unknown property is reported', () => {
    const ctx = new AC.SerializationContext(AC.Versions.v1_5);
    new AC.AdaptiveCard().parse({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.ChoiceSet', id: 'x', 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } }] }, ctx);
    expect(ctx.eventCount).toBeGreaterThan(0);
  });
});

describe('the report form, one template for both places', () => {
  const inputs = (card: AdaptiveCardJson): string[] => {
    const ids: string[] = [];
    walk(card, (o) => {
      if (typeof o.id === 'string' && typeof o.type === 'string' && o.type.startsWith('Input.')) ids.push(o.id);
    });
    return ids;
  };

  it('asks for the same fields in the report conversation and in the "Report to SOC" dialog', () => {
    const conversation = reportFormCard('s', DEFAULT_VALUES);
    expect(inputs(TASK_DIALOG_FORM)).toEqual(inputs(conversation));
    expect(inputs(conversation).length).toBeGreaterThan(5);
  });

  it('the dialog has one Create button that submits the dialog; the conversation reviews first or cancels', () => {
    const titles = (card: AdaptiveCardJson): string[] => ((card.actions ?? []) as Array<{ title: string; type: string }>).map((a) => `${a.type}:${a.title}`);
    expect(titles(TASK_DIALOG_FORM)).toEqual(['Action.Submit:Create incident']);
    expect(titles(reportFormCard('s', DEFAULT_VALUES))).toEqual(['Action.Execute:Review', 'Action.Execute:Cancel']);
    expect(JSON.stringify(TASK_DIALOG_FORM)).toContain('Report this message to the SOC');
  });
});
