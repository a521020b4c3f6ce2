/** Stored resources as ARM returns them (ids, names, types, etags, properties). */
import type { Incident, IncidentComment, IncidentTask } from '../../sentinel/types';
import type { StoredComment, StoredIncident, StoredTask, WorkspaceIdentity } from '../model';
import { commentResourceId, incidentPortalUrl, incidentResourceId, taskResourceId } from './resourceIds';

export function incidentJson(ws: WorkspaceIdentity, i: StoredIncident, commentsCount: number): Incident {
  return {
    id: incidentResourceId(ws, i.name),
    name: i.name,
    type: 'Microsoft.SecurityInsights/incidents',
    etag: i.etag,
    properties: {
      ...i.properties,
      labels: i.properties.labels ?? [],
      incidentUrl: incidentPortalUrl(ws, i.name),
      additionalData: { alertsCount: 0, bookmarksCount: 0, commentsCount, alertProductNames: [], tactics: [] },
    },
  };
}

export function taskJson(ws: WorkspaceIdentity, incident: string, t: StoredTask): IncidentTask {
  return {
    id: taskResourceId(ws, incident, t.name),
    name: t.name,
    type: 'Microsoft.SecurityInsights/incidents/tasks',
    etag: t.etag,
    properties: {
      title: t.title,
      ...(t.description !== undefined ? { description: t.description } : {}),
      status: t.status,
      createdTimeUtc: t.createdTimeUtc,
      lastModifiedTimeUtc: t.lastModifiedTimeUtc,
      createdBy: t.createdBy,
      lastModifiedBy: t.lastModifiedBy,
    },
  };
}

export function commentJson(ws: WorkspaceIdentity, incident: string, c: StoredComment): IncidentComment {
  return {
    id: commentResourceId(ws, incident, c.name),
    name: c.name,
    type: 'Microsoft.SecurityInsights/incidents/comments',
    etag: c.etag,
    properties: { message: c.message, createdTimeUtc: c.createdTimeUtc, lastModifiedTimeUtc: c.lastModifiedTimeUtc, author: c.author },
  };
}
