/** Dates and times as a person reads them: in their own zone, always saying which clock. */
import { incidentCard } from '../../../src/bot/cards/incidentCards';
import { tasksCard } from '../../../src/bot/cards/taskCards';
import { byAt, formatClock, formatTime, timeZoneOf, UTC } from '../../../src/bot/cards/times';
import type { IncidentView } from '../../../src/incidents/types';
import { UserError } from '../../../src/incidents/errors';
import { describeError } from '../../../src/bot/errorText';
import { silentLogger } from '../../../src/logging';

const zone = (name: string): NonNullable<ReturnType<typeof timeZoneOf>> => {
  const z = timeZoneOf(name);
  if (!z) throw new Error(`${name} is not a zone here`);
  return z;
};

describe('times in the reader\'s zone', () => {
  it('shows a person in India their time, with the +05:30 offset', () => {
    expect(formatTime('2026-12-02T09:15:00Z', zone('Asia/Kolkata'))).toBe('2 Dec 2026, 14:45 UTC+05:30');
    // Past midnight there while still the day before in UTC.
    expect(formatTime('2026-12-01T20:00:00Z', zone('Asia/Kolkata'))).toBe('2 Dec 2026, 01:30 UTC+05:30');
  });

  it('follows Los Angeles across the change to summer time (8 March 2026)', () => {
    const la = zone('America/Los_Angeles');
    expect(formatTime('2026-03-08T09:59:00Z', la)).toBe('8 Mar 2026, 01:59 PST');
    expect(formatTime('2026-03-08T10:00:00Z', la)).toBe('8 Mar 2026, 03:00 PDT');
    // And back on 1 November: 01:30 happens twice, the label tells them apart.
    expect(formatTime('2026-11-01T08:30:00Z', la)).toBe('1 Nov 2026, 01:30 PDT');
    expect(formatTime('2026-11-01T09:30:00Z', la)).toBe('1 Nov 2026, 01:30 PST');
  });

  it('labels zones without a common abbreviation by their offset, and UTC as UTC', () => {
    expect(formatTime('2026-07-01T12:00:00Z', zone('Europe/Berlin'))).toBe('1 Jul 2026, 14:00 UTC+02:00');
    expect(formatTime('2026-07-01T12:00:00Z', zone('Asia/Kathmandu'))).toBe('1 Jul 2026, 17:45 UTC+05:45');
    expect(formatTime('2026-07-01T00:00:00Z', UTC)).toBe('1 Jul 2026, 00:00 UTC');
    expect(formatTime('2026-07-01T00:00:00Z', zone('Etc/UTC'))).toBe('1 Jul 2026, 00:00 UTC');
    expect(formatClock('2026-07-01T19:05:00Z', zone('Asia/Kolkata'))).toBe('00:35 UTC+05:30');
    expect(byAt('Ada', '2026-07-01T19:05:00Z', zone('America/New_York'))).toBe('by Ada, 1 Jul 2026, 15:05 EDT');
  });

  it.each([
    ['an unknown zone', 'Mars/Olympus_Mons'],
    ['an offset, which only some Node versions accept', '+05:30'],
    ['markup', '<at>Ada</at>'],
    ['a template expression', '${title}'],
    ['a zone name with a markdown link', 'Europe/Berlin](https://evil.example)'],
    ['path tricks', '../../etc/passwd'],
    ['an empty string', ''],
    ['a number', 5.5],
    ['a very long name', `Europe/${'A'.repeat(200)}`],
  ])('refuses %s as a zone, so times fall back to UTC', (_what, name) => {
    expect(timeZoneOf(name)).toBeUndefined();
  });

  it('never lets a zone string into a card except as a name it resolved', () => {
    const incident: IncidentView = { id: 'x', number: 405211, title: 'T', description: '', severity: 'Low', status: 'New', tags: [], createdTime: '2026-12-02T09:15:00Z' };
    const hostile = timeZoneOf('${title}') ?? UTC;
    const json = JSON.stringify(incidentCard(incident, '', { zone: hostile }));
    expect(json).toContain('2 Dec 2026, 09:15 UTC');
    expect(json).not.toContain('${title}');
  });

  it('puts every time of the tasks card in the reader\'s zone', () => {
    const view = {
      incident: { id: 'x', number: 1, title: 'T', status: 'Active' as const, severity: 'Low' as const },
      tasks: [{ taskId: 't', title: 'Call', status: 'Completed' as const, createdBy: 'Ada', createdTime: '2026-12-02T09:15:00Z', completedBy: 'Grace', completedTime: '2026-12-02T10:00:00Z' }],
      asOf: '2026-12-02T10:05:00Z',
    };
    const json = JSON.stringify(tasksCard(view, { zone: zone('Asia/Kolkata') }));
    expect(json).toContain('by Ada, 2 Dec 2026, 14:45 UTC+05:30');
    expect(json).toContain('by Grace, 2 Dec 2026, 15:30 UTC+05:30');
    expect(json).toContain('2 Dec 2026, 15:35 UTC+05:30');
    expect(json).not.toMatch(/\d\d:\d\d UTC"/);
  });

  it('says when someone else changed the incident in the reader\'s zone, and in UTC without one', () => {
    const conflict = new UserError('CONFLICT', { incidentNumber: 405211, detail: 'it is now assigned to Grace Hopper', changedAt: '2026-12-02T13:35:00Z' });
    expect(describeError(conflict, silentLogger, {}, zone('Asia/Kolkata'))).toContain('it is now assigned to Grace Hopper (changed 19:05 UTC+05:30). I didn\'t overwrite');
    expect(describeError(conflict, silentLogger)).toContain('(changed 13:35 UTC).');
    expect(conflict.userMessage).toContain('(changed 13:35 UTC).');
  });
});
