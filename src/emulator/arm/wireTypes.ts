/**
 * What the ARM routes send, shaped as the Sentinel 2025-09-01 swagger defines it
 * (Incident, IncidentTask, IncidentComment and their lists).
 */
import type { ClientInfo, Label, OwnerInfo } from '../model';

interface ArmResource<P> {
  id: string;
  name: string;
  type: string;
  etag: string;
  properties: P;
}

export interface IncidentProperties {
  title: string;
  description?: string;
  severity: string;
  status: string;
  classification?: string;
  classificationReason?: string;
  classificationComment?: string;
  owner: OwnerInfo;
  labels: Label[];
  firstActivityTimeUtc?: string;
  lastActivityTimeUtc?: string;
  incidentNumber: number;
  incidentUrl: string;
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
  providerName: string;
  providerIncidentId: string;
  relatedAnalyticRuleIds: string[];
  additionalData: {
    alertsCount: number;
    bookmarksCount: number;
    commentsCount: number;
    alertProductNames: string[];
    tactics: string[];
  };
}

export interface TaskProperties {
  title: string;
  description?: string;
  status: string;
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
  createdBy: ClientInfo;
  lastModifiedBy: ClientInfo;
}

export interface CommentProperties {
  message: string;
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
  author: ClientInfo;
}

export type IncidentResource = ArmResource<IncidentProperties>;
export type TaskResource = ArmResource<TaskProperties>;
export type CommentResource = ArmResource<CommentProperties>;

export interface ListPage<T> {
  value: T[];
  nextLink?: string;
}
