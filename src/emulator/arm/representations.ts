/** Stored resources as ARM returns them: ids, names, types, etags and computed properties. */
import type { ClientInfo, StoredComment, StoredIncident, StoredTask, WorkspaceIdentity } from '../model';
import { commentResourceId, incidentPortalUrl, incidentResourceId, taskResourceId } from '../resourceIds';
import type { CommentResource, IncidentProperties, IncidentResource, TaskResource } from './wireTypes';

/** Copies only the fields that are set: the swagger has no nulls for these. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const clientInfo = (c: ClientInfo): ClientInfo => defined({ email: c.email, name: c.name, objectId: c.objectId, userPrincipalName: c.userPrincipalName });

export function incidentResource(ws: WorkspaceIdentity, i: StoredIncident, commentsCount: number): IncidentResource {
  const properties: IncidentProperties = defined({
    title: i.title,
    description: i.description,
    severity: i.severity,
    status: i.status,
    classification: i.classification,
    classificationReason: i.classificationReason,
    classificationComment: i.classificationComment,
    // Unassigned: Sentinel answers an owner of type Unknown (its other fields are null there).
    owner: i.owner ? defined({ ...i.owner }) : { ownerType: 'Unknown' as const },
    labels: i.labels.map((l) => ({ labelName: l.labelName, labelType: l.labelType })),
    firstActivityTimeUtc: i.firstActivityTimeUtc,
    lastActivityTimeUtc: i.lastActivityTimeUtc,
    incidentNumber: i.incidentNumber,
    incidentUrl: incidentPortalUrl(ws, i.name),
    createdTimeUtc: i.createdTimeUtc,
    lastModifiedTimeUtc: i.lastModifiedTimeUtc,
    providerName: 'Azure Sentinel',
    providerIncidentId: String(i.incidentNumber),
    relatedAnalyticRuleIds: [...i.relatedAnalyticRuleIds],
    additionalData: { alertsCount: i.alerts?.count ?? 0, bookmarksCount: 0, commentsCount, alertProductNames: [...(i.alerts?.productNames ?? [])], tactics: [...(i.alerts?.tactics ?? [])] },
  });
  return { id: incidentResourceId(ws, i.name), name: i.name, type: 'Microsoft.SecurityInsights/incidents', etag: i.etag, properties };
}

export function taskResource(ws: WorkspaceIdentity, incident: string, t: StoredTask): TaskResource {
  return {
    id: taskResourceId(ws, incident, t.name),
    name: t.name,
    type: 'Microsoft.SecurityInsights/incidents/tasks',
    etag: t.etag,
    properties: defined({
      title: t.title,
      description: t.description,
      status: t.status,
      createdTimeUtc: t.createdTimeUtc,
      lastModifiedTimeUtc: t.lastModifiedTimeUtc,
      createdBy: clientInfo(t.createdBy),
      lastModifiedBy: clientInfo(t.lastModifiedBy),
    }),
  };
}

export function commentResource(ws: WorkspaceIdentity, incident: string, c: StoredComment): CommentResource {
  return {
    id: commentResourceId(ws, incident, c.name),
    name: c.name,
    type: 'Microsoft.SecurityInsights/incidents/comments',
    etag: c.etag,
    properties: { message: c.message, createdTimeUtc: c.createdTimeUtc, lastModifiedTimeUtc: c.lastModifiedTimeUtc, author: clientInfo(c.author) },
  };
}
