/**
 * Builds a SecurityIncident record: the full state of an incident right after a change, as
 * Sentinel writes it. Every column of the schema is present; dynamic columns mirror the ARM
 * incident (Owner, Labels, AdditionalData) and its tasks and comments.
 */
import type { Actor, ClientInfo, StoredComment, StoredIncident, StoredTask, WorkspaceIdentity } from '../model';
import { incidentPortalUrl, taskResourceId } from '../resourceIds';

/** A task as one record shows it; `deletedBy` only in the record written for its deletion. */
export interface AuditTaskEntry {
  task: StoredTask;
  deletedBy?: Actor;
}

export interface AuditChange {
  /** The record's TimeGenerated, also the incident's LastModifiedTime. */
  at: string;
  by: Actor;
}

function clientInfo(c: ClientInfo): ClientInfo {
  const out: ClientInfo = {};
  if (c.email !== undefined) out.email = c.email;
  if (c.name !== undefined) out.name = c.name;
  if (c.objectId !== undefined) out.objectId = c.objectId;
  if (c.userPrincipalName !== undefined) out.userPrincipalName = c.userPrincipalName;
  return out;
}

function taskElement(ws: WorkspaceIdentity, incident: string, entry: AuditTaskEntry, at: string): Record<string, unknown> {
  const t = entry.task;
  const deleted = entry.deletedBy !== undefined;
  const element: Record<string, unknown> = {
    createdBy: clientInfo(t.createdBy),
    createdTimeUtc: t.createdTimeUtc,
  };
  if (t.lastCompletedTimeUtc) element.lastCompletedTimeUtc = t.lastCompletedTimeUtc;
  element.lastModifiedBy = clientInfo(entry.deletedBy ?? t.lastModifiedBy);
  element.lastModifiedTimeUtc = deleted ? at : t.lastModifiedTimeUtc;
  element.status = deleted ? 'Deleted' : t.status;
  element.taskId = taskResourceId(ws, incident, t.name);
  element.title = t.title;
  return element;
}

/** Returns the record serialized, with `_BilledSize` the size of the serialized row. */
export function buildAuditRecord(
  ws: WorkspaceIdentity,
  incident: StoredIncident,
  tasks: readonly AuditTaskEntry[],
  comments: readonly StoredComment[],
  change: AuditChange,
): string {
  const owner = incident.owner ?? {};
  const record = {
    AdditionalData: { alertsCount: 0, bookmarksCount: 0, commentsCount: comments.length, alertProductNames: [], tactics: [] },
    AlertIds: [],
    _BilledSize: 0,
    BookmarkIds: [],
    Classification: incident.classification ?? '',
    ClassificationComment: incident.classificationComment ?? '',
    ClassificationReason: incident.classificationReason ?? '',
    ClosedTime: incident.closedTimeUtc ?? null,
    Comments: comments.map((c) => ({ message: c.message, createdTimeUtc: c.createdTimeUtc, author: clientInfo(c.author) })),
    CreatedTime: incident.createdTimeUtc,
    Description: incident.description ?? '',
    FirstActivityTime: incident.firstActivityTimeUtc ?? null,
    FirstModifiedTime: incident.firstModifiedTimeUtc ?? null,
    IncidentName: incident.name,
    IncidentNumber: incident.incidentNumber,
    IncidentUrl: incidentPortalUrl(ws, incident.name),
    _IsBillable: 'False',
    Labels: incident.labels.map((l) => ({ labelName: l.labelName, labelType: l.labelType })),
    LastActivityTime: incident.lastActivityTimeUtc ?? null,
    LastModifiedTime: incident.lastModifiedTimeUtc,
    ModifiedBy: change.by.name,
    // Unassigned is all nulls in the table, as in Sentinel's own records.
    Owner: {
      objectId: owner.objectId ?? null,
      email: owner.email ?? null,
      assignedTo: owner.assignedTo ?? null,
      userPrincipalName: owner.userPrincipalName ?? null,
      ownerType: owner.ownerType ?? (incident.owner ? null : 'Unknown'),
    },
    ProviderIncidentId: String(incident.incidentNumber),
    ProviderName: 'Azure Sentinel',
    RelatedAnalyticRuleIds: incident.relatedAnalyticRuleIds,
    Severity: incident.severity,
    SourceSystem: 'Azure',
    Status: incident.status,
    Tasks: tasks.map((t) => taskElement(ws, incident.name, t, change.at)),
    TenantId: ws.logAnalyticsWorkspaceId,
    TimeGenerated: change.at,
    Title: incident.title,
    Type: 'SecurityIncident',
  };
  const json = JSON.stringify(record);
  // _BilledSize is 0 above: patch the row's size in rather than serializing twice.
  const size = Buffer.byteLength(json);
  const placeholder = '"_BilledSize":0,';
  const at = json.indexOf(placeholder);
  const sized = `"_BilledSize":${size},`;
  return json.slice(0, at) + sized + json.slice(at + placeholder.length);
}
