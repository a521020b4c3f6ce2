/** Turns Sentinel's ARM resources into the views the bot shows (audit rows: auditRecord.ts). */
import type { Incident, IncidentInput } from '../sentinel/types';
import {
  CLASSIFICATIONS,
  CLASSIFICATION_REASONS,
  SEVERITIES,
  STATUSES,
  type Classification,
  type ClassificationReason,
  type IncidentView,
  type Severity,
  type Status,
} from './types';

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function ownerView(owner: unknown): IncidentView['owner'] {
  if (typeof owner !== 'object' || owner === null) return undefined;
  const o = owner as Record<string, unknown>;
  const objectId = str(o.objectId);
  const upn = str(o.userPrincipalName);
  // Only an object id (assigned through the API): a bare GUID means nothing to a reader.
  const name = str(o.assignedTo) ?? upn ?? str(o.email) ?? (objectId ? `someone Sentinel does not name (object id ${objectId.slice(0, 8)}…)` : undefined);
  if (!name) return undefined;
  // A group owns the incident (Sentinel's ownerType): said so, or it reads as a person.
  return { name: o.ownerType === 'Group' && str(o.assignedTo) ? `${name} (group)` : name, objectId, userPrincipalName: upn };
}

export function incidentView(incident: Incident): IncidentView {
  const p = incident.properties;
  const classification = p.classification ? oneOf<Classification>(p.classification, CLASSIFICATIONS, 'Undetermined') : undefined;
  return {
    id: incident.name,
    number: p.incidentNumber ?? 0,
    title: p.title,
    description: p.description ?? '',
    severity: oneOf<Severity>(p.severity, SEVERITIES, 'Medium'),
    status: oneOf<Status>(p.status, STATUSES, 'New'),
    owner: ownerView(p.owner),
    tags: (p.labels ?? []).map((l) => l.labelName).filter((l): l is string => typeof l === 'string'),
    url: p.incidentUrl,
    createdTime: p.createdTimeUtc,
    lastModifiedTime: p.lastModifiedTimeUtc,
    closure: classification
      ? {
          classification,
          classificationReason: p.classificationReason
            ? oneOf<ClassificationReason>(p.classificationReason, CLASSIFICATION_REASONS, 'SuspiciousActivity')
            : undefined,
          classificationComment: p.classificationComment,
        }
      : undefined,
    etag: incident.etag,
  };
}

/** The writable part of an incident, for a read-modify-write PUT that keeps everything else. */
export function writableInput(incident: Incident): IncidentInput {
  const p = incident.properties;
  return {
    etag: incident.etag,
    properties: {
      title: p.title,
      description: p.description,
      severity: p.severity,
      status: p.status,
      classification: p.classification,
      classificationReason: p.classificationReason,
      classificationComment: p.classificationComment,
      owner: p.owner,
      labels: p.labels,
      firstActivityTimeUtc: p.firstActivityTimeUtc,
      lastActivityTimeUtc: p.lastActivityTimeUtc,
    },
  };
}
