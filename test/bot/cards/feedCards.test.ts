import { feedBanner, feedDigestCard, feedIncidentCard } from '../../../src/bot/cards/feedCards';
import type { Incident } from '../../../src/sentinel/types';
import { cardTexts } from '../../helpers/botHarness';

describe('the feed digest shows titles as typed', () => {
  it('template expressions, mustache, markdown and HTML in a title are text, never expanded', () => {
    const titles = ['${heading}', '${$root.digest} ${foo}', '{{x}} <b>bold</b>', '**bold** [link](https://evil.example)'];
    const rows = titles.map((title, i) => ({ number: 100 + i, severity: 'High', title }));
    const texts = cardTexts(feedDigestCard(rows, 'digest-1'));
    for (const t of titles) expect(texts).toContain(t);
    expect(texts).not.toContain('digest-1');
    expect(JSON.stringify(feedDigestCard(rows, 'digest-1'))).toContain('"type":"TextRun","text":"**bold** [link](https://evil.example)"');
  });
});

describe('the feed card names Sentinel values as a person reads them', () => {
  const incident = (over: Record<string, unknown>): Incident =>
    ({
      name: 'a1',
      properties: { incidentNumber: 405300, title: 'T', severity: 'High', status: 'New', providerName: 'Azure Sentinel', additionalData: { alertsCount: 1, tactics: ['InitialAccess', 'CommandAndControl'] }, ...over },
    }) as unknown as Incident;

  it('the provider by its current name, the tactics in words, one alert in the singular', () => {
    expect(feedBanner(incident({}))).toBe('From Microsoft Sentinel · 1 alert · tactics: Initial access, Command and control');
    expect(feedBanner(incident({ providerName: 'Microsoft 365 Defender' }))).toContain('From Microsoft Defender XDR');
  });

  it('a group that owns an incident is named as a group', () => {
    const card = feedIncidentCard(incident({ owner: { objectId: '11111111-2222-4333-8444-555555555555', assignedTo: 'SOC Tier 1', ownerType: 'Group' } }));
    expect(cardTexts(card)).toContain('SOC Tier 1 (group)');
  });
});
