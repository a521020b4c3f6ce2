/**
 * A row of the SecurityIncident audit table, read once into a typed record. The query API
 * is loosely typed (dynamic columns arrive parsed or as text, numbers may be strings) and a
 * workspace's rows come from Sentinel and from elsewhere, so every field is checked here and
 * nowhere else: the views built on top see only typed values.
 */
import type { AttributionComment, ChangeIdentity } from './taskAttribution';
import { SEVERITIES, STATUSES, type Severity, type Status } from './types';

/** One entry of a record's `Tasks` array. */
export interface AuditTask {
  /** The task's resource name (Sentinel writes the full ARM id; the last segment is the name). */
  taskId: string;
  title: string;
  /** As recorded: New, Completed, Deleted, or whatever else a writer put there. */
  status: string;
  createdBy?: string;
  createdTime?: string;
  modifiedBy?: string;
  modifiedTime?: string;
  completedTime?: string;
  /** Who created and last changed it, as recorded (to tell the bot's own identity from a person). */
  creator?: ChangeIdentity;
  modifier?: ChangeIdentity;
}

export interface AuditOwner {
  name: string;
  objectId?: string;
  userPrincipalName?: string;
}

export interface AuditRecord {
  incidentNumber: number;
  /** The incident's ARM resource name. */
  incidentName: string;
  title: string;
  severity: Severity;
  status: Status;
  owner?: AuditOwner;
  createdTime?: string;
  /** When the record was written: the state it shows is as of then. */
  timeGenerated?: string;
  /** When Sentinel last changed the incident, as of this record. */
  lastModifiedTime?: string;
  /** Who made the change this record shows. */
  modifiedBy?: string;
  tasks: AuditTask[];
  /** The incident's comments as of this record, when the query projected them. */
  comments: AttributionComment[];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A person in an audit record (createdBy, lastModifiedBy): their name, else UPN, else email. */
export function identityName(value: unknown): string | undefined {
  const v = record(value);
  return v ? (str(v.name) ?? str(v.userPrincipalName) ?? str(v.email)) : undefined;
}

/**
 * The audit table names a task by its full ARM id when Sentinel wrote it and by its name
 * when the record came from elsewhere; the tasks API and the card buttons want the name.
 */
export function taskName(taskId: string | undefined): string {
  return (taskId ?? '').split('/').filter(Boolean).at(-1) ?? '';
}

function identityOf(value: unknown): ChangeIdentity | undefined {
  const v = record(value);
  return v ? { name: str(v.name), objectId: str(v.objectId), userPrincipalName: str(v.userPrincipalName) } : undefined;
}

function commentOf(value: unknown): AttributionComment | undefined {
  const c = record(value);
  return c && typeof c.message === 'string' ? { message: c.message, createdTime: str(c.createdTimeUtc), author: identityOf(c.author) ?? {} } : undefined;
}

function ownerOf(value: unknown): AuditOwner | undefined {
  const o = record(value);
  if (!o) return undefined;
  const name = str(o.assignedTo) ?? str(o.userPrincipalName) ?? str(o.email);
  return name ? { name, objectId: str(o.objectId), userPrincipalName: str(o.userPrincipalName) } : undefined;
}

function taskOf(value: unknown): AuditTask | undefined {
  const t = record(value);
  if (!t) return undefined;
  return {
    // Empty when the record has none: such a task is shown but cannot be addressed.
    taskId: taskName(str(t.taskId)),
    title: str(t.title) ?? '(untitled task)',
    status: str(t.status) ?? 'New',
    createdBy: identityName(t.createdBy),
    createdTime: str(t.createdTimeUtc),
    modifiedBy: identityName(t.lastModifiedBy),
    modifiedTime: str(t.lastModifiedTimeUtc),
    completedTime: str(t.lastCompletedTimeUtc),
    creator: identityOf(t.createdBy),
    modifier: identityOf(t.lastModifiedBy),
  };
}

function numberOf(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) ? n : 0;
}

/** Reads whichever columns the query projected; absent ones get their neutral value. */
export function readAuditRecord(row: Readonly<Record<string, unknown>>): AuditRecord {
  const tasks = Array.isArray(row.Tasks) ? row.Tasks.map(taskOf).filter((t): t is AuditTask => t !== undefined) : [];
  return {
    incidentNumber: numberOf(row.IncidentNumber),
    incidentName: str(row.IncidentName) ?? '',
    title: typeof row.Title === 'string' ? row.Title : '',
    severity: oneOf(row.Severity, SEVERITIES, 'Medium'),
    status: oneOf(row.Status, STATUSES, 'New'),
    owner: ownerOf(row.Owner),
    createdTime: str(row.CreatedTime),
    timeGenerated: str(row.TimeGenerated),
    lastModifiedTime: str(row.LastModifiedTime),
    modifiedBy: str(row.ModifiedBy),
    tasks,
    comments: Array.isArray(row.Comments) ? row.Comments.map(commentOf).filter((c): c is AttributionComment => c !== undefined) : [],
  };
}

/** A row of the loose-ends query: one open task of a closed incident (projected columns). */
export interface LooseEndRow {
  incidentNumber: number;
  incidentTitle: string;
  owner?: string;
  task: { title: string; createdBy?: string; createdTime?: string };
}

export function readLooseEndRow(row: Readonly<Record<string, unknown>>): LooseEndRow {
  return {
    incidentNumber: numberOf(row.IncidentNumber),
    incidentTitle: typeof row.IncidentTitle === 'string' ? row.IncidentTitle : '',
    owner: str(row.OwnerName) ?? str(row.IncidentOwner),
    task: { title: typeof row.TaskTitle === 'string' ? row.TaskTitle : '', createdBy: str(row.TaskCreator), createdTime: str(row.createdTimeUtc) },
  };
}
