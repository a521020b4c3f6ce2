import { describeFilter, parseFilter, type FeedFilter } from '../../src/feed/filter';
import { planPoll, type PolledIncident } from '../../src/feed/plan';

const all: FeedFilter = { severities: [], statuses: [], unassignedOnly: false };
const inc = (name: string, severity: PolledIncident['severity'] = 'High', ownerAssigned = false): PolledIncident => ({
  name,
  severity,
  status: 'New',
  ownerAssigned,
});

describe('feed filters', () => {
  it('reads "watch high incidents" and "watch unassigned new medium incidents"', () => {
    expect(parseFilter('watch high incidents')).toEqual({ ok: true, filter: { ...all, severities: ['High'] } });
    const r = parseFilter('watch unassigned new medium incidents');
    expect(r.ok && describeFilter(r.filter)).toBe('unassigned New Medium incidents');
  });

  it('reports words it does not understand instead of watching everything', () => {
    expect(parseFilter('watch urgent incidents')).toEqual({ ok: false, unknown: ['urgent'] });
  });
});

describe('planning one poll', () => {
  it('one card per new matching incident per watching conversation', () => {
    const subs = [{ conversationId: 'soc', filter: all }, { conversationId: 'tier2', filter: { ...all, severities: ['High' as const] } }];
    const actions = planPoll([inc('a'), inc('b', 'Low')], subs, () => undefined, 25);
    expect(actions).toEqual([
      { kind: 'post', conversationId: 'soc', incident: 'a' },
      { kind: 'post', conversationId: 'soc', incident: 'b' },
      { kind: 'post', conversationId: 'tier2', incident: 'a' },
    ]);
  });

  it('an incident that already has a card is updated in place, even when it stops matching', () => {
    const subs = [{ conversationId: 'soc', filter: { ...all, unassignedOnly: true } }];
    const actions = planPoll([inc('a', 'High', true)], subs, () => 'act-1', 25);
    expect(actions).toEqual([{ kind: 'update', conversationId: 'soc', incident: 'a', activityId: 'act-1' }]);
  });

  it('above the burst threshold one digest replaces the new cards, updates still go out', () => {
    const many = Array.from({ length: 26 }, (_, n) => inc(`n${n}`));
    const actions = planPoll([...many, inc('old')], [{ conversationId: 'soc', filter: all }], (_c, i) => (i === 'old' ? 'act-9' : undefined), 25);
    expect(actions.filter((a) => a.kind === 'post')).toHaveLength(0);
    expect(actions.filter((a) => a.kind === 'update')).toHaveLength(1);
    const digest = actions.find((a) => a.kind === 'digest');
    expect(digest?.kind === 'digest' && digest.incidents).toHaveLength(26);
    expect(planPoll(many.slice(0, 25), [{ conversationId: 'soc', filter: all }], () => undefined, 25).every((a) => a.kind === 'post')).toBe(true);
  });
});
