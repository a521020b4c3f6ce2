import { closingText } from '../../../src/bot/cards/format';
import { classificationText, providerName, severityName, statusName, taskStatusName } from '../../../src/bot/cards/sentinelNames';
import { incidentCard, incidentListCard } from '../../../src/bot/cards/incidentCards';
import { reportReviewCard } from '../../../src/bot/cards/reportCards';
import { tasksCard } from '../../../src/bot/cards/taskCards';
import type { IncidentView } from '../../../src/incidents/types';

describe('Sentinel values in words', () => {
  it('reads a classification and its reason as a sentence, not as codes', () => {
    expect(classificationText('BenignPositive', 'SuspiciousButExpected')).toBe('Benign positive: suspicious but expected');
    expect(classificationText('FalsePositive', 'IncorrectAlertLogic')).toBe('False positive: incorrect alert logic');
    expect(classificationText('Undetermined')).toBe('Undetermined');
  });

  it('shows a code it does not know as sent rather than dropping it', () => {
    expect(classificationText('SomethingNew', 'NewReason')).toBe('SomethingNew: NewReason');
  });

  it('closing text on an incident card uses the words and keeps the comment', () => {
    expect(closingText({ classification: 'TruePositive', classificationReason: 'SuspiciousActivity', classificationComment: 'phishing confirmed' }))
      .toBe('True positive: suspicious activity (phishing confirmed)');
  });
});

describe('every card shows Sentinel values through the one mapping', () => {
  const incident: IncidentView = {
    id: 'a1', number: 405211, title: 'Phish', description: '', severity: 'Medium', status: 'Active', tags: [], createdTime: '2026-11-20T09:15:00Z',
  };
  const words = (card: unknown): string => JSON.stringify(card);

  it('names task statuses and providers as people say them', () => {
    expect(taskStatusName('New')).toBe('Open');
    expect(taskStatusName('Completed')).toBe('Completed');
    expect(providerName('Azure Sentinel')).toBe('Microsoft Sentinel');
    expect(providerName('Microsoft 365 Defender')).toBe('Microsoft Defender XDR');
    expect(statusName('SomethingNew')).toBe('SomethingNew');
    expect(severityName('Informational')).toBe('Informational');
  });

  it('incident card: severity with its marker, status in words, closing as a sentence', () => {
    const closed = incidentCard({ ...incident, status: 'Closed', closure: { classification: 'BenignPositive', classificationReason: 'SuspiciousButExpected' } });
    expect(words(closed)).toContain('◆ Medium');
    expect(words(closed)).toContain('Benign positive: suspicious but expected');
    expect(words(closed)).not.toContain('BenignPositive');
  });

  it('my incidents list: severity marker and status words on each row', () => {
    const card = incidentListCard([{ number: 1, title: 'A', severity: 'Low', status: 'New', createdTime: '2026-11-20T09:15:00Z' }], 1, 'Ada');
    expect(words(card)).toContain('▽ Low');
    expect(words(card)).toContain('New · created');
  });

  it('report review: severity marker', () => {
    const card = reportReviewCard('s', { title: 't', description: '', severity: 'High', status: 'New', tags: [], owner: 'none' }, { name: 'Ada', objectId: 'x' });
    expect(words(card)).toContain('▲ High');
  });

  it('tasks card: a task not done reads "Open", not Sentinel\'s "New"', () => {
    const card = tasksCard({ incident: { ...incident, number: 1 }, tasks: [{ taskId: 't1', title: 'Call', status: 'New' }], source: 'audit' });
    expect(words(card)).toContain('· Open');
    expect(words(card)).not.toMatch(/· New/);
  });
});
