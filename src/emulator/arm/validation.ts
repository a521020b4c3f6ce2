/**
 * Request bodies checked as Sentinel checks them: types, enums, lengths, and the closing
 * rules (a Closed incident needs a classification, and the classification decides which
 * reason it needs). Read-only properties in a body are ignored, as ARM ignores them.
 */
import {
  CLASSIFICATIONS,
  CLASSIFICATION_REASONS,
  LABEL_TYPES,
  OWNER_TYPES,
  SEVERITIES,
  STATUSES,
  TASK_STATUSES,
  type Classification,
  type ClassificationReason,
  type IncidentFields,
  type Label,
  type OwnerInfo,
  type TaskFields,
} from '../model';
import { badRequest } from './errors';

export const DESCRIPTION_MAX = 5000;
export const COMMENT_MAX = 30000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The reasons each classification accepts; Undetermined takes none. */
export const REASONS_BY_CLASSIFICATION: Readonly<Record<Classification, readonly ClassificationReason[]>> = {
  TruePositive: ['SuspiciousActivity'],
  BenignPositive: ['SuspiciousButExpected'],
  FalsePositive: ['IncorrectAlertLogic', 'InaccurateData'],
  Undetermined: [],
};

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`${what} must be a JSON object.`);
  return value as Json;
}

function optionalString(o: Json, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`${where}.${key} must be a string.`);
  return v;
}

function enumValue<T extends string>(o: Json, key: string, allowed: readonly T[], where: string): T | undefined {
  const v = optionalString(o, key, where);
  if (v === undefined) return undefined;
  // Sentinel reads enums case-insensitively and answers them in their canonical spelling.
  const hit = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
  if (!hit) throw badRequest(`'${v}' is not a valid value for ${where}.${key}. Allowed values: ${allowed.join(', ')}.`);
  return hit;
}

function dateTime(o: Json, key: string, where: string): string | undefined {
  const v = optionalString(o, key, where);
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(Date.parse(v))) throw badRequest(`${where}.${key} must be an ISO 8601 date-time (got '${v}').`);
  return new Date(v).toISOString();
}

function owner(value: unknown): OwnerInfo | undefined {
  if (value === undefined || value === null) return undefined;
  const o = object(value, 'properties.owner');
  const where = 'properties.owner';
  const objectId = optionalString(o, 'objectId', where);
  if (objectId !== undefined && !GUID.test(objectId)) throw badRequest(`properties.owner.objectId must be a GUID (got '${objectId}').`);
  const result: OwnerInfo = {
    objectId: objectId?.toLowerCase(),
    email: optionalString(o, 'email', where),
    assignedTo: optionalString(o, 'assignedTo', where),
    userPrincipalName: optionalString(o, 'userPrincipalName', where),
    ownerType: enumValue(o, 'ownerType', OWNER_TYPES, where),
  };
  const set = Object.entries(result).filter(([, v]) => v !== undefined);
  // `{ownerType: "Unknown"}` alone is how an unassigned incident reads back: still unassigned.
  if (set.length === 0 || (set.length === 1 && result.ownerType === 'Unknown')) return undefined;
  return Object.fromEntries(set) as OwnerInfo;
}

function labels(value: unknown): Label[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest('properties.labels must be an array.');
  return value.map((item, i) => {
    const where = `properties.labels[${i}]`;
    const o = object(item, where);
    const labelName = optionalString(o, 'labelName', where)?.trim();
    if (!labelName) throw badRequest(`${where}.labelName is required and cannot be empty.`);
    return { labelName, labelType: enumValue(o, 'labelType', LABEL_TYPES, where) ?? 'User' };
  });
}

function propertiesOf(body: unknown): Json {
  return object(object(body, 'The request body').properties, 'properties');
}

export function parseIncidentBody(body: unknown): { fields: IncidentFields; etag?: string } {
  const root = object(body, 'The request body');
  const p = propertiesOf(body);
  const title = optionalString(p, 'title', 'properties')?.trim();
  if (!title) throw badRequest('properties.title is required and cannot be blank.');
  const description = optionalString(p, 'description', 'properties');
  if (description !== undefined && description.length > DESCRIPTION_MAX) {
    throw badRequest(`properties.description can have at most ${DESCRIPTION_MAX} characters (got ${description.length}).`);
  }
  const severity = enumValue(p, 'severity', SEVERITIES, 'properties');
  if (!severity) throw badRequest('properties.severity is required.');
  const status = enumValue(p, 'status', STATUSES, 'properties');
  if (!status) throw badRequest('properties.status is required.');
  const classification = enumValue(p, 'classification', CLASSIFICATIONS, 'properties');
  const classificationReason = enumValue(p, 'classificationReason', CLASSIFICATION_REASONS, 'properties');
  const classificationComment = optionalString(p, 'classificationComment', 'properties');
  const closed = status === 'Closed';
  if (closed) {
    if (!classification) throw badRequest('Closing an incident needs properties.classification.');
    const allowed = REASONS_BY_CLASSIFICATION[classification];
    if (allowed.length === 0 && classificationReason) {
      throw badRequest(`With classification ${classification}, properties.classificationReason must not be set (got ${classificationReason}).`);
    }
    if (allowed.length > 0 && (!classificationReason || !allowed.includes(classificationReason))) {
      throw badRequest(`With classification ${classification}, properties.classificationReason must be ${allowed.join(' or ')}.`);
    }
  }
  const etag = optionalString(root, 'etag', 'The request body');
  const fields: IncidentFields = {
    title,
    description,
    severity,
    status,
    // A classification belongs to a closure: reopening an incident clears it.
    classification: closed ? classification : undefined,
    classificationReason: closed ? classificationReason : undefined,
    classificationComment: closed ? classificationComment : undefined,
    owner: owner(p.owner),
    labels: labels(p.labels),
    firstActivityTimeUtc: dateTime(p, 'firstActivityTimeUtc', 'properties'),
    lastActivityTimeUtc: dateTime(p, 'lastActivityTimeUtc', 'properties'),
  };
  return { fields, etag };
}

export function parseTaskBody(body: unknown): { fields: TaskFields; etag?: string } {
  const p = propertiesOf(body);
  const title = optionalString(p, 'title', 'properties')?.trim();
  if (!title) throw badRequest('properties.title is required and cannot be blank.');
  const status = enumValue(p, 'status', TASK_STATUSES, 'properties');
  if (!status) throw badRequest(`properties.status is required (${TASK_STATUSES.join(' or ')}).`);
  const description = optionalString(p, 'description', 'properties');
  return { fields: { title, status, ...(description !== undefined ? { description } : {}) }, etag: optionalString(object(body, 'The request body'), 'etag', 'The request body') };
}

export function parseCommentBody(body: unknown): { message: string; etag?: string } {
  const p = propertiesOf(body);
  const message = optionalString(p, 'message', 'properties');
  if (message === undefined || message.trim() === '') throw badRequest('properties.message is required and cannot be blank.');
  if (message.length > COMMENT_MAX) throw badRequest(`properties.message can have at most ${COMMENT_MAX} characters (got ${message.length}).`);
  return { message, etag: optionalString(object(body, 'The request body'), 'etag', 'The request body') };
}

/** Resource names in paths: what ARM accepts as a name segment, without surprises. */
export function checkName(kind: string, name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,255}$/.test(name)) throw badRequest(`'${name}' is not a valid ${kind} name.`);
  return name;
}
