/**
 * Builds a SecurityIncident row: the full state of an incident at the moment of a change,
 * as Sentinel writes it. Every column of the schema is present in every row.
 */
import type { Actor, StoredComment, StoredIncident, StoredTask, WorkspaceIdentity } from '../model';
import { incidentPortalUrl, taskResourceId } from '../arm/resourceIds';

export interface AuditTask {
  task: StoredTask;
  /** Set only in the record written for the task's deletion. */
  deleted?: { at: string; by: Actor };
}

function identity(c: { email?: string; name?: string; objectId?: string; userPrincipalName?: string }): Record<string, string | null> {
  return { email: c.email ?? null, name: c.name ?? null, objectId: c.objectId ?? null, userPrincipalName: c.userPrincipalName ?? null };
}

function taskElement(ws: WorkspaceIdentity, incident: string, entry: AuditTask): Record<string, unknown> {
  const t = entry.task;
  return {
    createdBy: identity(t.createdBy),
    createdTimeUtc: t.createdTimeUtc,
    lastCompletedTimeUtc: t.lastCompletedTimeUtc ?? null,
    lastModifiedBy: identity(entry.deleted ? entry.deleted.by : t.lastModifiedBy),
    lastModifiedTimeUtc: entry.deleted ? entry.deleted.at : t.lastModifiedTimeUtc,
    status: entry.deleted ? 'Deleted' : t.status,
    taskId: taskResourceId(ws, incident, t.name),
    title: t.title,
  };
}

export function buildAuditRecord(
  ws: WorkspaceIdentity,
  incident: StoredIncident,
  tasks: AuditTask[],
  comments: StoredComment[],
  change: { at: string; by: Actor },
): Record<string, unknown> {
  const p = incident.properties;
  const record: Record<string, unknown> = {
    AdditionalData: { alertsCount: 0, bookmarksCount: 0, commentsCount: comments.length, alertProductNames: [], tactics: [] },
    AlertIds: [],
    _BilledSize: 0,
    BookmarkIds: [],
    Classification: p.classification ?? '',
    ClassificationComment: p.classificationComment ?? '',
    ClassificationReason: p.classificationReason ?? '',
    ClosedTime: incident.closedTime ?? null,
    Comments: comments.map((c) => ({ message: c.message, createdTimeUtc: c.createdTimeUtc, author: identity(c.author) })),
    CreatedTime: p.createdTimeUtc,
    Description: p.description ?? '',
    FirstActivityTime: p.firstActivityTimeUtc ?? null,
    FirstModifiedTime: incident.firstModifiedTime ?? null,
    IncidentName: incident.name,
    IncidentNumber: p.incidentNumber,
    IncidentUrl: incidentPortalUrl(ws, incident.name),
    _IsBillable: 'False',
    Labels: (p.labels ?? []).map((l) => ({ labelName: l.labelName, labelType: l.labelType ?? 'User' })),
    LastActivityTime: p.lastActivityTimeUtc ?? null,
    LastModifiedTime: p.lastModifiedTimeUtc,
    ModifiedBy: change.by.name,
    Owner: {
      objectId: p.owner?.objectId ?? null,
      email: p.owner?.email ?? null,
      assignedTo: p.owner?.assignedTo ?? null,
      userPrincipalName: p.owner?.userPrincipalName ?? null,
      ownerType: p.owner?.ownerType ?? null,
    },
    ProviderIncidentId: p.providerIncidentId ?? String(p.incidentNumber),
    ProviderName: p.providerName ?? 'Azure Sentinel',
    RelatedAnalyticRuleIds: p.relatedAnalyticRuleIds ?? [],
    Severity: p.severity,
    SourceSystem: 'Azure',
    Status: p.status,
    Tasks: tasks.map((t) => taskElement(ws, incident.name, t)),
    TenantId: ws.logAnalyticsWorkspaceId,
    TimeGenerated: change.at,
    Title: p.title,
    Type: 'SecurityIncident',
  };
  // The billed size is the size of the row itself, as Log Analytics measures it.
  record._BilledSize = Buffer.byteLength(JSON.stringify(record));
  return record;
}
