import { describeFilter, matches, parseFilter, type FeedFilter } from '../../src/feed/filter';
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
    expect(parseFilter('watch banana incidents')).toEqual({ ok: false, unknown: ['banana'] });
    expect(parseFilter('watch hihg incidents')).toEqual({ ok: false, unknown: ['hihg'] });
    expect(parseFilter('incidents from mars')).toEqual({ ok: false, unknown: ['mars'] });
    expect(parseFilter("high' or 1 eq 1")).toEqual({ ok: false, unknown: ['1', 'eq', '1'] });
  });

  it('severities other tools have (critical, P1) are refused as not Sentinel\'s, never mapped', () => {
    expect(parseFilter('watch urgent incidents')).toEqual({ ok: false, unknown: [], notSentinel: ['urgent'] });
    expect(parseFilter('critical or p1 incidents')).toEqual({ ok: false, unknown: [], notSentinel: ['critical', 'p1'] });
  });

  it.each([
    ['high severity incidents', ['High']],
    ['incidents with severity high', ['High']],
    ['high-severity incidents', ['High']],
    ['high and medium incidents', ['High', 'Medium']],
    ['sev high, sev high', ['High']],
    ['high priority incidents here', ['High']],
  ])('reads the sentence around the filter: "%s"', (text, severities) => {
    expect(parseFilter(text)).toEqual({ ok: true, filter: { ...all, severities } });
  });

  it('"from defender" watches incidents whose provider or alert products name it', () => {
    const r = parseFilter('high incidents from Defender');
    expect(r.ok && describeFilter(r.filter)).toBe('High incidents from Defender');
    const f = r.ok ? r.filter : all;
    expect(matches(f, { severity: 'High', status: 'New', ownerAssigned: false, sources: ['Azure Sentinel', 'Microsoft Defender for Endpoint'] })).toBe(true);
    expect(matches(f, { severity: 'High', status: 'New', ownerAssigned: false, sources: ['Azure Sentinel'] })).toBe(false);
    expect(parseFilter('incidents from')).toEqual({ ok: false, unknown: ['from'] });
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

describe('filters people say in other words', () => {
  const unassigned = { ...all, unassignedOnly: true };
  it.each([
    ['incidents assigned to nobody', unassigned],
    ['incidents assigned to no one', unassigned],
    ['unowned incidents', unassigned],
    ['incidents with no owner', unassigned],
    ['incidents without an owner', unassigned],
    ['incidents nobody owns', unassigned],
    ['incidents not assigned', unassigned],
    ['everything', all],
    ['med and info incidents', { ...all, severities: ['Medium', 'Informational'] }],
    ['defender incidents', { ...all, sources: ['defender'] }],
    ['incidents from defender and sentinel', { ...all, sources: ['defender', 'sentinel'] }],
    ['new high incidents assigned to nobody from defender', { severities: ['High'], statuses: ['New'], unassignedOnly: true, sources: ['defender'] }],
  ])('"%s"', (text, filter) => {
    expect(parseFilter(text)).toEqual({ ok: true, filter });
  });

  it('"with an owner" is not taken for "without": asked about, not watched as unassigned', () => {
    expect(parseFilter('incidents with an owner')).toEqual({ ok: false, unknown: ['owner'] });
  });

  it('a product name of several words matches that product only, not every Microsoft one', () => {
    const r = parseFilter('incidents from Microsoft Defender for Endpoint');
    const f = r.ok ? r.filter : all;
    expect(r.ok && describeFilter(f)).toBe('all incidents from Microsoft Defender Endpoint');
    expect(matches(f, { severity: 'High', status: 'New', ownerAssigned: false, sources: ['Azure Sentinel', 'Microsoft Entra ID Protection'] })).toBe(false);
    expect(matches(f, { severity: 'High', status: 'New', ownerAssigned: false, sources: ['Microsoft Defender for Cloud'] })).toBe(false);
    expect(matches(f, { severity: 'High', status: 'New', ownerAssigned: false, sources: ['Microsoft 365 Defender', 'Microsoft Defender for Endpoint'] })).toBe(true);
  });
});

describe('a poll at the edges', () => {
  const subs = [{ conversationId: 'soc', filter: all }];
  it('exactly the threshold (25) gives 25 cards; one more (26) gives one digest', () => {
    const of = (n: number) => Array.from({ length: n }, (_, k) => inc(`i${k}`));
    expect(planPoll(of(25), subs, () => undefined, 25).map((a) => a.kind)).toEqual(Array(25).fill('post'));
    expect(planPoll(of(26), subs, () => undefined, 25).map((a) => a.kind)).toEqual(['digest']);
  });

  it('a change to a carded incident and a new incident in the same poll: one update and one post', () => {
    const actions = planPoll([inc('old'), inc('new')], subs, (_c, i) => (i === 'old' ? 'act-1' : undefined), 25);
    expect(actions).toEqual([
      { kind: 'update', conversationId: 'soc', incident: 'old', activityId: 'act-1' },
      { kind: 'post', conversationId: 'soc', incident: 'new' },
    ]);
  });
});
