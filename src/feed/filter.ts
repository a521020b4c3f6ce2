/** What a watching conversation asked for: `watch incidents`, `watch high incidents`, `watch unassigned new incidents`. */
import { SEVERITIES, STATUSES, type IncidentSeverity, type IncidentStatus } from '../sentinel/types';

export interface FeedFilter {
  severities: IncidentSeverity[];
  statuses: IncidentStatus[];
  unassignedOnly: boolean;
}

export interface MatchableIncident {
  severity: IncidentSeverity;
  status: IncidentStatus;
  ownerAssigned: boolean;
}

export type ParsedFilter = { ok: true; filter: FeedFilter } | { ok: false; unknown: string[] };

const NOISE = new Set(['watch', 'incidents', 'incident', 'and', 'or', 'all', 'the', 'only', ',']);

/** Reads the words between `watch` and `incidents`; unknown words are reported, never guessed. */
export function parseFilter(text: string): ParsedFilter {
  const words = text.toLowerCase().split(/[\s,]+/).filter((w) => w && !NOISE.has(w));
  const f: FeedFilter = { severities: [], statuses: [], unassignedOnly: false };
  const unknown: string[] = [];
  for (const w of words) {
    const sev = SEVERITIES.find((s) => s.toLowerCase() === w);
    const st = STATUSES.find((s) => s.toLowerCase() === w);
    if (sev) f.severities.push(sev);
    else if (st) f.statuses.push(st);
    else if (w === 'unassigned' || w === 'ownerless') f.unassignedOnly = true;
    else unknown.push(w);
  }
  return unknown.length ? { ok: false, unknown } : { ok: true, filter: f };
}

export function matches(f: FeedFilter, i: MatchableIncident): boolean {
  if (f.severities.length && !f.severities.includes(i.severity)) return false;
  if (f.statuses.length && !f.statuses.includes(i.status)) return false;
  return !(f.unassignedOnly && i.ownerAssigned);
}

/** A sentence for `what are you watching?`. */
export function describeFilter(f: FeedFilter): string {
  const parts = [
    f.unassignedOnly ? 'unassigned' : '',
    f.statuses.join('/'),
    f.severities.join('/'),
  ].filter(Boolean);
  return parts.length ? `${parts.join(' ')} incidents` : 'all incidents';
}
