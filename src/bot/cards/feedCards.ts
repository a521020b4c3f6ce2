/** The channel feed's cards: one incident as it appeared (the incident card, so its buttons work), and the digest of a burst. */
import type { Incident } from '../../sentinel/types';
import { incidentView } from '../../incidents/views';
import { incidentCard } from './incidentCards';
import { SEVERITY_COLOR } from './format';
import { renderCard, type AdaptiveCardJson } from './renderCard';
import { scopeRefresh } from './refreshScope';

const DIGEST_ROWS = 40;

/** Where the incident came from, in words: "From Azure Sentinel · 3 alerts · rule: Brute force". */
export function feedBanner(incident: Incident): string {
  const p = incident.properties;
  const alerts = p.additionalData?.alertsCount;
  const parts = [
    p.providerName ? `From ${p.providerName}` : 'New in Sentinel',
    alerts ? `${alerts} alert${alerts === 1 ? '' : 's'}` : '',
    p.additionalData?.tactics?.length ? `tactics: ${p.additionalData.tactics.join(', ')}` : '',
  ].filter(Boolean);
  return parts.join(' · ');
}

export function feedIncidentCard(incident: Incident): AdaptiveCardJson {
  // Posted in a channel: no one acted yet, so everyone gets the Refresh button.
  return scopeRefresh(incidentCard(incidentView(incident), feedBanner(incident)), { group: true, userIds: [] });
}

export function feedDigestCard(incidents: Incident[]): AdaptiveCardJson {
  const views = incidents.map(incidentView).sort((a, b) => b.number - a.number);
  const shown = views.slice(0, DIGEST_ROWS);
  return renderCard('feedDigest', {
    heading: `${incidents.length} new incidents in Sentinel`,
    subheading: 'Too many at once for a card each. Open one to act on it, or say "my incidents".',
    items: shown.map((v) => ({ number: v.number, severity: v.severity, severityColor: SEVERITY_COLOR[v.severity], title: v.title })),
    more: views.length > shown.length ? `and ${views.length - shown.length} more` : '',
  });
}
