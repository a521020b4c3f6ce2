/** The channel feed's cards: one incident as it appeared (the incident card, so its buttons work), and the digest of a burst. */
import type { Incident } from '../../sentinel/types';
import type { Severity } from '../../incidents/types';
import type { DigestRow } from '../../feed/feedStore';
import { pageOf } from './paging';
import { incidentView } from '../../incidents/views';
import { incidentCard } from './incidentCards';
import { SEVERITY_COLOR } from './format';
import { renderCard, type AdaptiveCardJson } from './renderCard';
import { scopeRefresh } from './refreshScope';
import { noticeCard } from './generalCards';
import { providerName, tacticName } from './sentinelNames';

/** Where the incident came from, in words: "From Azure Sentinel · 3 alerts · rule: Brute force". */
export function feedBanner(incident: Incident): string {
  const p = incident.properties;
  const alerts = p.additionalData?.alertsCount;
  const parts = [
    p.providerName ? `From ${providerName(p.providerName)}` : 'New in Sentinel',
    alerts ? `${alerts} alert${alerts === 1 ? '' : 's'}` : '',
    p.additionalData?.tactics?.length ? `tactics: ${p.additionalData.tactics.map(tacticName).join(', ')}` : '',
  ].filter(Boolean);
  return parts.join(' · ');
}

/** Said on a card posted again after a stop: Teams may already show an earlier copy of it. */
export const REPOSTED_NOTE = 'Posted again after the bot restarted: an earlier card for this incident may be above; both stay current once someone presses a button on it.';

export function feedIncidentCard(incident: Incident, options: { reposted?: boolean } = {}): AdaptiveCardJson {
  const banner = options.reposted ? `${feedBanner(incident)} · ${REPOSTED_NOTE}` : feedBanner(incident);
  // Posted in a channel: no one acted yet, so everyone gets the Refresh button.
  return scopeRefresh(incidentCard(incidentView(incident), banner), { group: true, userIds: [] });
}

/**
 * A burst's digest: one row per incident with an Open button, ten at a time; "Show 10 more"
 * pages through the rest, read from the digest's record (no Sentinel call), so every incident
 * of the burst can be opened from the card however many there were.
 */
export function feedDigestCard(rows: readonly DigestRow[], digestKey: string, offset = 0): AdaptiveCardJson {
  const page = pageOf(rows, offset);
  return renderCard('feedDigest', {
    heading: `${rows.length} new incidents in Sentinel`,
    subheading: 'Too many at once for a card each. Open one to act on it, or say "my incidents".',
    digest: digestKey,
    paging: page.paging,
    rows: page.rows.map((r) => ({ number: r.number, severity: r.severity, severityColor: SEVERITY_COLOR[r.severity as Severity] ?? 'Default', title: r.title })),
  });
}

/** In place of the card of an incident deleted in Sentinel: no buttons, nothing left to act on. */
export function feedDeletedCard(incidentNumber: number, title: string): AdaptiveCardJson {
  return noticeCard(`Incident ${incidentNumber} was deleted`, `"${title}" was deleted in Microsoft Sentinel, so there is nothing left to act on. This card is no longer updated.`);
}
