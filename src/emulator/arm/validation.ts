/**
 * Request bodies checked as Sentinel checks them: types, enums, lengths, and the closing
 * rules (a Closed incident needs a classification, and most classifications a matching reason).
 */
import {
  CLASSIFICATIONS,
  CLASSIFICATION_REASONS,
  SEVERITIES,
  STATUSES,
  TASK_STATUSES,
  type IncidentClassification,
  type IncidentClassificationReason,
  type IncidentLabel,
  type IncidentOwnerInfo,
  type IncidentTaskStatus,
} from '../../sentinel/types';
import { badRequest } from '../errors';
import type { WritableIncident } from '../store/workspaceStore';

export const DESCRIPTION_MAX = 5000;
export const COMMENT_MAX = 30000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REASONS: Record<IncidentClassification, readonly IncidentClassificationReason[]> = {
  TruePositive: ['SuspiciousActivity'],
  BenignPositive: ['SuspiciousButExpected'],
  FalsePositive: ['IncorrectAlertLogic', 'InaccurateData'],
  Undetermined: [],
};

type Json = Record<string, unknown>;

function obj(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`${what} must be a JSON object.`);
  return value as Json;
}

function optString(o: Json, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`${where}.${key} must be a string.`);
  return v;
}

function enumValue<T extends string>(o: Json, key: string, allowed: readonly T[], where: string): T | undefined {
  const v = optString(o, key, where);
  if (v === undefined) return undefined;
  // ARM enums are modelAsString but Sentinel accepts only its known values, case-insensitively.
  const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (!hit) throw badRequest(`'${v}' is not a valid value for ${where}.${key}. Allowed: ${allowed.join(', ')}.`);
  return hit;
}

function owner(value: unknown): IncidentOwnerInfo | undefined {
  if (value === undefined || value === null) return undefined;
  const o = obj(value, 'properties.owner');
  const objectId = optString(o, 'objectId', 'properties.owner');
  if (objectId !== undefined && !GUID.test(objectId)) throw badRequest(`properties.owner.objectId must be a GUID (got '${objectId}').`);
  const result: IncidentOwnerInfo = {
    objectId: objectId?.toLowerCase(),
    email: optString(o, 'email', 'properties.owner'),
    assignedTo: optString(o, 'assignedTo', 'properties.owner'),
    userPrincipalName: optString(o, 'userPrincipalName', 'properties.owner'),
    ownerType: enumValue(o, 'ownerType', ['Unknown', 'User', 'Group'] as const, 'properties.owner'),
  };
  return Object.values(result).some((v) => v !== undefined) ? result : undefined;
}

function labels(value: unknown): IncidentLabel[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest('properties.labels must be an array.');
  return value.map((l, i) => {
    const o = obj(l, `properties.labels[${i}]`);
    const labelName = optString(o, 'labelName', `properties.labels[${i}]`)?.trim();
    if (!labelName) throw badRequest(`properties.labels[${i}].labelName is required.`);
    return { labelName, labelType: enumValue(o, 'labelType', ['User', 'AutoAssigned'] as const, `properties.labels[${i}]`) ?? 'User' };
  });
}

function datetime(o: Json, key: string): string | undefined {
  const v = optString(o, key, 'properties');
  if (v === undefined) return undefined;
  if (Number.isNaN(Date.parse(v))) throw badRequest(`properties.${key} must be a date-time.`);
  return new Date(v).toISOString();
}

export function parseIncidentBody(body: unknown): { props: WritableIncident; etag?: string } {
  const root = obj(body, 'The request body');
  const p = obj(root.properties, 'properties');
  const title = optString(p, 'title', 'properties')?.trim();
  if (!title) throw badRequest('properties.title is required and cannot be blank.');
  const description = optString(p, 'description', 'properties');
  if (description !== undefined && Array.from(description).length > DESCRIPTION_MAX) {
    throw badRequest(`properties.description can have at most ${DESCRIPTION_MAX} characters.`);
  }
  const severity = enumValue(p, 'severity', SEVERITIES, 'properties');
  if (!severity) throw badRequest('properties.severity is required.');
  const status = enumValue(p, 'status', STATUSES, 'properties');
  if (!status) throw badRequest('properties.status is required.');
  const classification = enumValue(p, 'classification', CLASSIFICATIONS, 'properties');
  const classificationReason = enumValue(p, 'classificationReason', CLASSIFICATION_REASONS, 'properties');
  if (status === 'Closed') {
    if (!classification) throw badRequest('A Closed incident needs properties.classification.');
    const allowed = REASONS[classification];
    if (allowed.length > 0 && (!classificationReason || !allowed.includes(classificationReason))) {
      throw badRequest(`With classification ${classification}, properties.classificationReason must be ${allowed.join(' or ')}.`);
    }
  }
  const etag = optString(root, 'etag', 'body');
  return {
    etag,
    props: {
      title,
      description,
      severity,
      status,
      classification: status === 'Closed' ? classification : undefined,
      classificationReason: status === 'Closed' ? classificationReason : undefined,
      classificationComment: status === 'Closed' ? optString(p, 'classificationComment', 'properties') : undefined,
      owner: owner(p.owner),
      labels: labels(p.labels),
      firstActivityTimeUtc: datetime(p, 'firstActivityTimeUtc'),
      lastActivityTimeUtc: datetime(p, 'lastActivityTimeUtc'),
    },
  };
}

export function parseTaskBody(body: unknown): { title: string; description?: string; status: IncidentTaskStatus } {
  const p = obj(obj(body, 'The request body').properties, 'properties');
  const title = optString(p, 'title', 'properties')?.trim();
  if (!title) throw badRequest('properties.title is required and cannot be blank.');
  const status = enumValue(p, 'status', TASK_STATUSES, 'properties');
  if (!status) throw badRequest('properties.status is required (New or Completed).');
  return { title, description: optString(p, 'description', 'properties'), status };
}

export function parseCommentBody(body: unknown): string {
  const p = obj(obj(body, 'The request body').properties, 'properties');
  const message = optString(p, 'message', 'properties');
  if (!message || !message.trim()) throw badRequest('properties.message is required.');
  if (Array.from(message).length > COMMENT_MAX) throw badRequest(`properties.message can have at most ${COMMENT_MAX} characters.`);
  return message;
}
