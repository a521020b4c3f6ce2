/**
 * What a watching conversation asked for: `watch incidents`, `watch high incidents`,
 * `watch unassigned new incidents`, `watch incidents from Defender`. The filter is applied to
 * each polled incident here, never sent to Sentinel, so no word of it reaches a `$filter`.
 */
import { SEVERITIES, STATUSES, type IncidentSeverity, type IncidentStatus } from '../sentinel/types';

export interface FeedFilter {
  severities: IncidentSeverity[];
  statuses: IncidentStatus[];
  unassignedOnly: boolean;
  /** `from defender`: words one of which the incident's provider or alert products must name. Absent: every source. */
  sources?: string[];
}

export interface MatchableIncident {
  severity: IncidentSeverity;
  status: IncidentStatus;
  ownerAssigned: boolean;
  /** The provider and alert product names, e.g. "Azure Sentinel", "Microsoft Defender for Endpoint". */
  sources?: string[];
}

/**
 * `unknown`: words that are no filter at all; `notSentinel`: words people use for a severity
 * that Sentinel does not have (critical, P1): both are refused, never guessed.
 */
export type ParsedFilter = { ok: true; filter: FeedFilter } | { ok: false; unknown: string[]; notSentinel?: string[] };

// Words of the sentence around the filter ("subscribe this channel to high severity incidents").
const NOISE = new Set([
  'watch', 'watching', 'incidents', 'incident', 'and', 'or', 'all', 'the', 'only', 'any', 'every', 'each', 'a', 'an',
  'with', 'severity', 'severities', 'sev', 'status', 'statuses', 'priority', 'level', 'of', 'about', 'on', 'for', 'to', 'when', 'that', 'are', 'is', 'which',
  'us', 'me', 'we', 'this', 'channel', 'chat', 'here', 'there', 'please', 'ones', 'one', 'get', 'gets', 'incoming', 'coming', 'in', 'everything',
]);
// Ways of saying nobody owns it: "unassigned", "assigned to nobody", "with no owner", "nobody owns".
const NOBODY = /\b(?:(?:not|un) ?assigned(?: to anyone| to anybody)?|assigned to (?:nobody|no one|noone|none)|(?:with|having) no owners?|without (?:an |any )?owners?|(?:nobody|no one|noone) owns|unowned|ownerless|no owners?)\b/g;
// Shortenings people type for Sentinel's severities.
const SEVERITY_ALIASES: Record<string, IncidentSeverity> = { med: 'Medium', info: 'Informational' };
// Product names that are a source even without "from" ("watch defender incidents").
const PRODUCT_WORDS = new Set(['defender', 'sentinel', 'xdr', 'purview', 'entra', 'm365', 'mde', 'mdi', 'mdo', 'mdca']);
// Severity words of other tools; Sentinel's severities are High, Medium, Low, Informational.
const NOT_SENTINEL = /^(?:critical|crit|urgent|severe|major|minor|blocker|emergency|highest|lowest|sev\d|p\d|s\d)$/;
// Words that name a product an incident can come from (providerName, additionalData.alertProductNames).
const SOURCE_WORDS = new Set(['sentinel', 'defender', 'xdr', 'endpoint', 'identity', 'office', 'cloud', 'apps', 'entra', 'purview', 'azure', 'microsoft', '365', 'm365', 'mde', 'mdi', 'mdo', 'mdca']);
const SOURCE_ALIASES: Record<string, string> = { m365: '365', mde: 'endpoint', mdi: 'identity', mdo: 'office', mdca: 'cloud apps' };
const MAX_WORDS = 30;

/** Reads the words between `watch` and `incidents`; unknown words are reported, never guessed. */
export function parseFilter(text: string): ParsedFilter {
  const f: FeedFilter = { severities: [], statuses: [], unassignedOnly: false };
  const spaced = ` ${text.toLowerCase().split(/[^\p{L}\p{N}]+/u).join(' ')} `;
  const withoutOwner = spaced.replace(NOBODY, () => {
    f.unassignedOnly = true;
    // A boundary: "from defender unassigned high" keeps "defender" one source of its own.
    return ' , ';
  });
  // "and" / "or" end a product name: "from defender and sentinel" is two.
  const words = withoutOwner.split(' ').map((w) => (w === 'and' || w === 'or' ? ',' : w)).filter((w) => w && !NOISE.has(w)).slice(0, MAX_WORDS);
  const sources: string[] = [];
  const unknown: string[] = [];
  const notSentinel: string[] = [];
  let fromSource = false;
  // Consecutive product words are one name ("microsoft defender for endpoint"): all of them must match.
  let phrase: string[] = [];
  const endPhrase = (): void => {
    if (phrase.length) add(sources, phrase.join(' '));
    phrase = [];
  };
  for (const w of words) {
    const sev = SEVERITIES.find((s) => s.toLowerCase() === w) ?? SEVERITY_ALIASES[w];
    const st = STATUSES.find((s) => s.toLowerCase() === w);
    const source = (fromSource && SOURCE_WORDS.has(w)) || PRODUCT_WORDS.has(w);
    if (!source) endPhrase();
    if (w === 'from' || w === 'by' || w === 'via') fromSource = true;
    else if (w === ',') continue;
    else if (sev) add(f.severities, sev);
    else if (st) add(f.statuses, st);
    else if (source) phrase.push(SOURCE_ALIASES[w] ?? w);
    else if (NOT_SENTINEL.test(w)) notSentinel.push(w);
    else unknown.push(w);
  }
  endPhrase();
  if (fromSource && sources.length === 0 && unknown.length === 0 && notSentinel.length === 0) unknown.push('from');
  if (unknown.length || notSentinel.length) return notSentinel.length ? { ok: false, unknown, notSentinel } : { ok: false, unknown };
  return { ok: true, filter: sources.length ? { ...f, sources } : f };
}

function add<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

export function matches(f: FeedFilter, i: MatchableIncident): boolean {
  if (f.severities.length && !f.severities.includes(i.severity)) return false;
  if (f.statuses.length && !f.statuses.includes(i.status)) return false;
  if (f.sources?.length) {
    // Each product name named by every one of its words: "microsoft defender endpoint" is not every Microsoft product.
    const named = (i.sources ?? []).map((s) => s.toLowerCase());
    if (!f.sources.some((phrase) => named.some((n) => phrase.split(' ').every((w) => n.includes(w))))) return false;
  }
  return !(f.unassignedOnly && i.ownerAssigned);
}

const capital = (s: string): string => s.split(' ').map((w) => (/^\d/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(' ');

/** A sentence for `what are you watching?`. */
export function describeFilter(f: FeedFilter): string {
  const parts = [
    f.unassignedOnly ? 'unassigned' : '',
    f.statuses.join('/'),
    f.severities.join('/'),
  ].filter(Boolean);
  const from = f.sources?.length ? ` from ${f.sources.map(capital).join(' or ')}` : '';
  return `${parts.length ? `${parts.join(' ')} incidents` : 'all incidents'}${from}`;
}
