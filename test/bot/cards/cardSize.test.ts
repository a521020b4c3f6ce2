/**
 * Teams refuses a bot message over 100 KB, counted over the whole activity encoded as UTF-16
 * (Microsoft Learn, "Format your bot messages", which advises staying within 80 KB). Each card
 * is built at its worst case (every text at its limit, in characters that cost the most bytes
 * and need JSON escaping, every list full) and sent through the same message factory the bot
 * uses; the serialized activity must stay within 80 KB as UTF-16 (and so also as UTF-8).
 */
import { cardMessage } from '../../../src/bot/replies';
import { choosePersonCard, confirmCard, confirmValueCard, didYouMeanCard, helpCard, noticeCard } from '../../../src/bot/cards/generalCards';
import { feedDigestCard } from '../../../src/bot/cards/feedCards';
import { pressFailedCard } from '../../../src/bot/cards/pressFailedCard';
import { closeIncidentCard, incidentCard, incidentListCard, looseEndsCard, QUEUE_PAGE_SIZE } from '../../../src/bot/cards/incidentCards';
import { scopeRefresh, MAX_REFRESH_USERS } from '../../../src/bot/cards/refreshScope';
import { reportFormCard, reportReviewCard } from '../../../src/bot/cards/reportCards';
import { taskChoiceCard, taskHistoryCard, tasksCard } from '../../../src/bot/cards/taskCards';
import type { AdaptiveCardJson } from '../../../src/bot/cards/renderCard';
import { timeZoneOf, UTC } from '../../../src/bot/cards/times';
import { DEFAULT_VALUES, REPORT_FIELDS, validateReport } from '../../../src/incidents/reportValidation';
import { LIMITS } from '../../../src/incidents/limits';
import type { IncidentView, TaskView } from '../../../src/incidents/types';
import type { TaskHistoryEntry } from '../../../src/incidents/taskHistory';

/** `n` UTF-16 code units of the costliest text: quotes and backslashes (escaped), CJK, astral. */
function worst(n: number, seed = ''): string {
  const unit = `${seed}"\\漢𝔄<`;
  let s = '';
  while (s.length < n) s += unit;
  return s.slice(0, n);
}

const ROWS = 5000;
const NAME = worst(256, 'N');
const TIME = '2026-11-20T09:15:00.1234567Z';
const incident: IncidentView = {
  id: 'a1b2c3d4-0000-4000-8000-000000000000',
  number: 2147483647,
  title: worst(LIMITS.titleMax, 'T'),
  description: worst(LIMITS.descriptionMax, 'D'),
  severity: 'Informational',
  status: 'Closed',
  closure: { classification: 'BenignPositive', classificationReason: 'SuspiciousButExpected', classificationComment: worst(LIMITS.classificationCommentMax) },
  owner: { name: NAME, objectId: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b' },
  tags: Array.from({ length: LIMITS.tagsMax }, (_, i) => worst(LIMITS.tagMax, String(i))),
  url: `https://portal.azure.com/#asset/${'x'.repeat(400)}`,
  createdTime: TIME,
};
const task = (i: number): TaskView => ({ taskId: `${'f'.repeat(36)}-${i}`.slice(0, 64), title: worst(LIMITS.taskTitleMax, String(i)), status: i % 2 ? 'Completed' : 'New', createdBy: NAME, createdTime: TIME, completedBy: NAME, completedTime: TIME });
const tasks = Array.from({ length: ROWS }, (_, i) => task(i));
const history: TaskHistoryEntry[] = Array.from({ length: ROWS }, () => ({ event: 'renamed', title: worst(LIMITS.taskTitleMax, 'a'), previousTitle: worst(LIMITS.taskTitleMax, 'b'), by: NAME, at: TIME }));
// What validation keeps of a forged payload with megabytes in every field.
const report = validateReport(Object.fromEntries(REPORT_FIELDS.map((f) => [f, worst(1_000_000, f)])));
const values = report.ok ? DEFAULT_VALUES : report.values;
const errors = Object.fromEntries(REPORT_FIELDS.map((f) => [f, worst(300, f)]));
const banner = worst(200, 'B');
/** The longest zone label: an offset ("UTC+05:45") is longer than any abbreviation. */
const LONGEST_ZONE = timeZoneOf('Asia/Kathmandu') ?? UTC;

const CARDS: Record<string, () => AdaptiveCardJson> = {
  incident: () => incidentCard({ ...incident, status: 'Active' }, banner, { tone: 'warning', inputs: { severity: 'Low', status: 'New' }, back: { to: 'mine', page: 9999 }, viewer: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b', zone: LONGEST_ZONE, peoplePicker: true }),
  closedIncident: () => incidentCard(incident, banner),
  incidentList: () => incidentListCard(Array.from({ length: ROWS }, (_, i) => ({ number: 2147483647 - i, title: worst(LIMITS.titleMax, String(i)), severity: 'Informational' as const, status: 'Active' as const, createdTime: TIME })), 2, NAME, TIME, LONGEST_ZONE),
  closeIncident: () => closeIncidentCard(incident, tasks, { classification: worst(2000), comment: worst(2000), error: worst(300) }),
  looseEnds: () => looseEndsCard(Array.from({ length: ROWS }, (_, i) => ({ incidentNumber: 2147483647 - i, incidentTitle: worst(LIMITS.titleMax, String(i)), owner: NAME, tasks: tasks.slice(0, 50) })), 10, LONGEST_ZONE),
  tasks: () => tasksCard({ incident, tasks, asOf: TIME, source: 'live' }, { banner, offset: 20, back: { to: 'looseEnds', offset: 999_990 }, zone: LONGEST_ZONE }),
  taskHistory: () => taskHistoryCard(incident.number, incident.title, history, 20, LONGEST_ZONE),
  taskChoice: () => taskChoiceCard(incident.number, worst(LIMITS.taskTitleMax), tasks),
  reportForm: () => reportFormCard(worst(64), values, errors, { variant: 'messageDialog', peoplePicker: 'organisation', mayTriage: true }),
  reportReview: () => reportReviewCard(worst(64), { title: incident.title, description: incident.description, severity: 'Informational', status: 'Closed', closure: incident.closure, owner: { name: NAME, objectId: 'x' }, tags: incident.tags }, { name: NAME, objectId: 'x' }, worst(300)),
  help: () => helpCard(),
  helpInChannel: () => helpCard(undefined, { conversation: 'channel', botName: worst(80) }),
  confirmValue: () => confirmValueCard({ heading: worst(200), message: worst(1000), confirmTitle: worst(60), confirmVerb: 'incident.confirmValue', incidentNumber: 2147483647, field: 'severity', value: 'Informational', expected: 'Informational', typed: worst(40) }),
  didYouMean: () => didYouMeanCard(Array.from({ length: 5 }, (_, i) => worst(200, String(i))), { heading: worst(200), message: worst(1000) }),
  notice: () => noticeCard(worst(200), worst(4000), { tone: 'error', showHelp: true }),
  confirm: () => confirmCard({ heading: worst(300), message: worst(1500), confirmTitle: worst(300), confirmVerb: 'incident.assignTo', keepTitle: worst(300), incidentNumber: 2147483647, expectedOwner: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b', assignee: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b' }),
  // The handler offers five people; the card itself keeps to that however many it is given.
  choosePerson: () => choosePersonCard({ heading: worst(300), message: worst(1500), incidentNumber: 2147483647, expectedOwner: 'none', people: Array.from({ length: ROWS }, (_, i) => ({ objectId: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b', name: worst(256, String(i)), detail: worst(256, 'u') })) }),
  feedDigest: () => feedDigestCard(Array.from({ length: ROWS }, (_, i) => ({ number: 2147483647 - i, severity: 'Informational', title: worst(LIMITS.titleMax, String(i)) })), 'f'.repeat(36), 20),
  pressFailed: () => pressFailedCard({ kind: 'feedDigest', digest: 'f'.repeat(36), offset: 999_990 }, worst(2000)),
};

/** The activity as sent: the card in the bot's message, refresh scoped to the most people, routing fields filled. */
function activityBytes(card: AdaptiveCardJson): { utf16: number; utf8: number } {
  const userIds = Array.from({ length: MAX_REFRESH_USERS }, (_, i) => `29:${'u'.repeat(120)}${i}`);
  const activity = {
    ...cardMessage(scopeRefresh(card, { group: true, userIds })),
    id: '1'.repeat(40),
    timestamp: TIME,
    serviceUrl: 'https://smba.trafficmanager.net/emea/' + 'x'.repeat(60),
    channelId: 'msteams',
    from: { id: `28:${'b'.repeat(64)}`, name: 'Sentinel Incidents' },
    recipient: { id: `29:${'u'.repeat(200)}`, name: NAME, aadObjectId: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b' },
    conversation: { id: `19:${'c'.repeat(200)}@thread.tacv2;messageid=1234567890123`, conversationType: 'channel', isGroup: true, tenantId: '3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b' },
    replyToId: '1'.repeat(40),
  };
  const json = JSON.stringify(activity);
  return { utf16: json.length * 2, utf8: Buffer.byteLength(json, 'utf8') };
}

const LIMIT = 100 * 1024;
const TARGET = 80 * 1024;
const sizes: Record<string, { utf16: number; utf8: number }> = {};

describe('every card fits in one Teams message at its worst case', () => {
  afterAll(() => {
    // The figures a reader of the test output wants: how close each card comes.
    const lines = Object.entries(sizes).map(([name, s]) => `${name.padEnd(15)} ${(s.utf16 / 1024).toFixed(1).padStart(6)} KB UTF-16  ${(s.utf8 / 1024).toFixed(1).padStart(6)} KB UTF-8`);
    process.stdout.write(`Worst-case card activity sizes (Teams limit ${LIMIT / 1024} KB, target ${TARGET / 1024} KB):\n${lines.join('\n')}\n`);
  });

  it.each(Object.keys(CARDS))('%s', (name) => {
    const card = CARDS[name]!();
    const size = activityBytes(card);
    sizes[name] = size;
    expect(size.utf8).toBeLessThanOrEqual(TARGET);
    expect(size.utf16).toBeLessThanOrEqual(TARGET);
  });

  it('a list card shows one window of rows and offers the next by its offset', () => {
    const card = JSON.stringify(tasksCard({ incident, tasks: tasks.slice(0, 25) }, { offset: 10 }));
    expect(card).toContain('11. ');
    expect(card).toContain('20. ');
    expect(card).not.toContain('"21. ');
    expect(card).toContain('Show 5 more');
    expect(card).toContain('Showing 11–20 of 25');
    expect(card).toContain('"offset":20');
  });

  it('every list stays at QUEUE or PAGE size however long the list is', () => {
    expect(QUEUE_PAGE_SIZE).toBeLessThanOrEqual(10);
    const count = (card: AdaptiveCardJson, text: string): number => JSON.stringify(card).split(text).length - 1;
    expect(count(looseEndsCard(Array.from({ length: 40 }, (_, i) => ({ incidentNumber: i + 1, incidentTitle: 'x', tasks: [] }))), '"Incident ')).toBeLessThanOrEqual(10);
    expect(count(taskHistoryCard(1, 't', history.slice(0, 40)), '→')).toBe(10);
  });
});
