import { attributedPeople, type AttributionComment, type ChangeIdentity, type TaskChange } from '../../src/incidents/taskAttribution';

const BOT = { name: 'Sentinel Teams Bot', objectId: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', userPrincipalName: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' };
const OTHER_APP = { name: 'Playbook', objectId: '11111111-1111-4111-8111-111111111111' };
const PERSON = { name: 'Adele Vance', objectId: '6e7f8a9b-0c1d-4e2f-9a3b-4c5d6e7f8a9b', userPrincipalName: 'adelev@contoso.com' };

const added = (title: string, at: string, by: ChangeIdentity = BOT): TaskChange => ({ kind: 'added', title, at, by });
const comment = (message: string, createdTime: string, author: ChangeIdentity = BOT): AttributionComment => ({ message, createdTime, author });

describe('attributedPeople', () => {
  it('gives each of two same-titled tasks the nearest comment after its own change', () => {
    const people = attributedPeople(
      [added('Call', '2026-12-01T10:05:00Z'), added('Call', '2026-12-01T10:00:00Z')],
      [comment('Task added via Teams by Ada Lovelace: Call', '2026-12-01T10:05:01Z'), comment('Task added via Teams by Alex Wilber: Call', '2026-12-01T10:00:01Z')],
    );
    expect(people).toEqual(['Ada Lovelace', 'Alex Wilber']);
  });

  it('keeps the recorded name without a comment of its own, rather than borrowing another task\'s', () => {
    const people = attributedPeople([added('Call', '2026-12-01T10:00:00Z'), added('Call', '2026-12-01T10:05:00Z')], [comment('Task added via Teams by Alex Wilber: Call', '2026-12-01T10:00:01Z')]);
    expect(people).toEqual(['Alex Wilber', undefined]);
  });

  it('counts only a comment by the same app, written after the change, of the same kind and title', () => {
    const change = [added('Call', '2026-12-01T10:00:00Z')];
    expect(attributedPeople(change, [comment('Task added via Teams by Mallory: Call', '2026-12-01T10:00:01Z', PERSON)])).toEqual([undefined]);
    expect(attributedPeople(change, [comment('Task added via Teams by Mallory: Call', '2026-12-01T10:00:01Z', OTHER_APP)])).toEqual([undefined]);
    expect(attributedPeople(change, [comment('Task added via Teams by Alex Wilber: Call', '2026-12-01T09:59:59Z')])).toEqual([undefined]);
    expect(attributedPeople(change, [comment('Task completed via Teams by Alex Wilber: Call', '2026-12-01T10:00:01Z')])).toEqual([undefined]);
    expect(attributedPeople(change, [comment('Task added via Teams by Alex Wilber: Call him', '2026-12-01T10:00:01Z')])).toEqual([undefined]);
  });

  it('never renames a change a person made', () => {
    expect(attributedPeople([added('Call', '2026-12-01T10:00:00Z', PERSON)], [comment('Task added via Teams by Alex Wilber: Call', '2026-12-01T10:00:01Z')])).toEqual([undefined]);
  });

  it('trusts what this process queued even before Sentinel records its author, once', () => {
    const remembered: AttributionComment = { message: 'Task added via Teams by Alex Wilber: Call', createdTime: '2026-12-01T10:00:01Z', author: {}, fromThisBot: true };
    expect(attributedPeople([added('Call', '2026-12-01T10:00:00Z')], [remembered])).toEqual(['Alex Wilber']);
    expect(attributedPeople([added('Call', '2026-12-01T10:00:00Z'), added('Call', '2026-12-01T10:05:00Z')], [comment(remembered.message, '2026-12-01T10:00:01Z'), { ...remembered, createdTime: '2026-12-01T10:00:02Z' }])).toEqual(['Alex Wilber', undefined]);
  });
});
