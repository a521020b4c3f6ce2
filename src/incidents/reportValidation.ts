/**
 * Validates a report as the card submits it. The card is only a convenience: a forged
 * or stale payload reaches this function too, so every field is checked for type,
 * length and allowed values, and extra fields are ignored.
 */
import { LIMITS } from './limits';
import { cleanText, isBlank, visibleLength } from './text';
import {
  CLASSIFICATIONS,
  REASONS_BY_CLASSIFICATION,
  SEVERITIES,
  STATUSES,
  type Classification,
  type ClassificationReason,
  type IncidentDraft,
  type Severity,
  type Status,
} from './types';

export const REPORT_FIELDS = [
  'title',
  'description',
  'severity',
  'status',
  'classification',
  'classificationReason',
  'classificationComment',
  'owner',
  'tags',
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

/** What the person typed, as strings, so an invalid card can be shown again unchanged. */
export type ReportValues = Record<ReportField, string>;
export type ReportErrors = Partial<Record<ReportField, string>>;

export type ReportValidation =
  | { ok: true; draft: IncidentDraft; values: ReportValues }
  | { ok: false; errors: ReportErrors; values: ReportValues };

export const DEFAULT_VALUES: ReportValues = {
  title: '',
  description: '',
  severity: 'Medium',
  status: 'New',
  classification: '',
  classificationReason: '',
  classificationComment: '',
  owner: 'none',
  tags: '',
};

// A forged payload may carry megabytes; we keep enough to show the person their text back,
// several times each field's limit, yet so that the form shown again with every field at its
// cap still fits in one Teams message (100 KB, counted as UTF-16; see the card size test).
const REDISPLAY_MAX: Record<ReportField, number> = {
  title: 2000,
  description: 10000,
  classificationComment: 3000,
  tags: 3000,
  severity: 100,
  status: 100,
  classification: 100,
  classificationReason: 100,
  owner: 300,
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readField(data: Readonly<Record<string, unknown>>, field: ReportField, errors: ReportErrors): string {
  const raw = data[field];
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw.slice(0, REDISPLAY_MAX[field]);
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  errors[field] = 'This field must be text.';
  return '';
}

function pick<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
}

export function parseTags(field: string): { tags: string[]; error?: string } {
  if (field.length > LIMITS.tagsFieldMax) return { tags: [], error: `Tags are limited to ${LIMITS.tagsFieldMax} characters in all.` };
  const seen = new Map<string, string>();
  for (const part of field.split(/[,;\n]/)) {
    const tag = cleanText(part);
    if (isBlank(tag)) continue;
    if (visibleLength(tag) > LIMITS.tagMax) return { tags: [], error: `Each tag can have at most ${LIMITS.tagMax} characters.` };
    // Sentinel labels are case-sensitive, but "Phishing" and "phishing" are one tag to a person.
    const key = tag.toLowerCase();
    if (!seen.has(key)) seen.set(key, tag);
  }
  const tags = [...seen.values()];
  if (tags.length > LIMITS.tagsMax) return { tags: [], error: `At most ${LIMITS.tagsMax} tags, please (you gave ${tags.length}).` };
  return { tags };
}

/**
 * What the reporter may decide. Anyone may report; only responders triage: a report from
 * anyone else is created New, owned by nobody or by the reporter, unclassified.
 */
export interface ReportRights {
  mayTriage: boolean;
}

export const RESPONDER_ONLY = {
  status: 'Only SOC responders can set the status: your report is created as New. Choose New.',
  classification: 'Only SOC responders can classify or close an incident. Leave the classification empty.',
  owner: 'Only SOC responders can assign a report to someone else. Choose "Assign to me" or "Nobody for now".',
} as const;

/** The fields only a responder may set, refused (not silently dropped) when anyone else sets them. */
function checkRights(values: ReportValues, owner: IncidentDraft['owner'], errors: ReportErrors): void {
  const status = values.status.trim();
  if (status !== '' && status.toLowerCase() !== 'new') errors.status = RESPONDER_ONLY.status;
  const classifying = [values.classification, values.classificationReason, values.classificationComment].some((v) => v.trim() !== '');
  if (classifying) errors.classification = RESPONDER_ONLY.classification;
  if (typeof owner === 'object') errors.owner = RESPONDER_ONLY.owner;
}

export function validateReport(input: unknown, rights: ReportRights = { mayTriage: true }): ReportValidation {
  const errors: ReportErrors = {};
  const data = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const values = { ...DEFAULT_VALUES };
  for (const field of REPORT_FIELDS) {
    const v = readField(data, field, errors);
    if (v !== '' || data[field] !== undefined) values[field] = v;
  }

  const title = cleanText(values.title);
  if (!errors.title) {
    if (isBlank(title)) errors.title = 'Give the incident a title.';
    else if (visibleLength(title) > LIMITS.titleMax) errors.title = `The title can have at most ${LIMITS.titleMax} characters (it has ${visibleLength(title)}).`;
  }
  const description = cleanText(values.description, { multiline: true });
  if (!errors.description && visibleLength(description) > LIMITS.descriptionMax) {
    errors.description = `The description can have at most ${LIMITS.descriptionMax} characters (it has ${visibleLength(description)}).`;
  }
  const severity = pick<Severity>(values.severity, SEVERITIES);
  if (!severity && !errors.severity) errors.severity = `Choose a severity: ${SEVERITIES.join(', ')}.`;
  const status = pick<Status>(values.status, STATUSES);
  if (!status && !errors.status) errors.status = `Choose a status: ${STATUSES.join(', ')}.`;

  let closure: IncidentDraft['closure'];
  if (status === 'Closed') closure = validateClosure(values, errors);

  const ownerRaw = values.owner.trim();
  let owner: IncidentDraft['owner'] = 'none';
  if (ownerRaw === '' || ownerRaw.toLowerCase() === 'none') owner = 'none';
  else if (ownerRaw.toLowerCase() === 'me') owner = 'me';
  else if (GUID.test(ownerRaw)) owner = { objectId: ownerRaw.toLowerCase(), name: '' };
  else if (!errors.owner) errors.owner = 'Choose "Assign to me" or "Nobody for now".';

  const { tags, error: tagsError } = parseTags(values.tags);
  if (tagsError && !errors.tags) errors.tags = tagsError;
  if (!rights.mayTriage) {
    // Only the refusals of responder-only fields count: other messages about them would be beside the point.
    delete errors.classification;
    delete errors.classificationReason;
    delete errors.classificationComment;
    checkRights(values, owner, errors);
  }

  if (Object.keys(errors).length > 0 || !severity || !status) return { ok: false, errors, values };
  return { ok: true, values, draft: { title, description, severity, status, closure, owner, tags } };
}

/** Sentinel refuses to close without a classification, and most classifications need a matching reason. */
export function validateClosure(
  values: Pick<ReportValues, 'classification' | 'classificationReason' | 'classificationComment'>,
  errors: ReportErrors,
): IncidentDraft['closure'] {
  // The card offers Sentinel's combined choices ("FalsePositive:InaccurateData") in one list.
  const [classPart = '', reasonPart] = values.classification.split(':', 2);
  const reasonValue = values.classificationReason.trim() || reasonPart || '';
  const classification = pick<Classification>(classPart, CLASSIFICATIONS);
  if (!classification) {
    errors.classification = 'To close the incident, choose a classification.';
    return undefined;
  }
  const allowed = REASONS_BY_CLASSIFICATION[classification];
  const reason = pick<ClassificationReason>(reasonValue, allowed);
  if (allowed.length > 0 && !reason) {
    errors.classificationReason = `With ${classification}, choose a reason: ${allowed.join(' or ')}.`;
  }
  const comment = cleanText(values.classificationComment, { multiline: true });
  if (visibleLength(comment) > LIMITS.classificationCommentMax) {
    errors.classificationComment = `The closing comment can have at most ${LIMITS.classificationCommentMax} characters.`;
  }
  return { classification, classificationReason: allowed.length > 0 ? reason : undefined, classificationComment: comment || undefined };
}
