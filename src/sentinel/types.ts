/**
 * Wire types of the Sentinel REST API, api-version 2025-09-01 (Incidents.json and its
 * common types in Azure/azure-rest-api-specs). Only what the bot reads or writes.
 */

export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export const STATUSES = ['New', 'Active', 'Closed'] as const;
export const CLASSIFICATIONS = ['Undetermined', 'TruePositive', 'BenignPositive', 'FalsePositive'] as const;
export const CLASSIFICATION_REASONS = ['SuspiciousActivity', 'SuspiciousButExpected', 'IncorrectAlertLogic', 'InaccurateData'] as const;
export const TASK_STATUSES = ['New', 'Completed'] as const;

export type IncidentSeverity = (typeof SEVERITIES)[number];
export type IncidentStatus = (typeof STATUSES)[number];
export type IncidentClassification = (typeof CLASSIFICATIONS)[number];
export type IncidentClassificationReason = (typeof CLASSIFICATION_REASONS)[number];
export type IncidentTaskStatus = (typeof TASK_STATUSES)[number];

export interface ClientInfo {
  email?: string;
  name?: string;
  objectId?: string;
  userPrincipalName?: string;
}

export interface IncidentOwnerInfo {
  objectId?: string;
  email?: string;
  assignedTo?: string;
  userPrincipalName?: string;
  ownerType?: 'Unknown' | 'User' | 'Group';
}

export interface IncidentLabel {
  labelName: string;
  labelType?: 'User' | 'AutoAssigned';
}

export interface IncidentAdditionalData {
  alertsCount?: number;
  bookmarksCount?: number;
  commentsCount?: number;
  alertProductNames?: string[];
  tactics?: string[];
  providerIncidentUrl?: string;
}

export interface IncidentProperties {
  title: string;
  description?: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  classification?: IncidentClassification;
  classificationReason?: IncidentClassificationReason;
  classificationComment?: string;
  owner?: IncidentOwnerInfo;
  labels?: IncidentLabel[];
  firstActivityTimeUtc?: string;
  lastActivityTimeUtc?: string;
  // Read-only, set by Sentinel:
  incidentNumber?: number;
  incidentUrl?: string;
  createdTimeUtc?: string;
  lastModifiedTimeUtc?: string;
  providerName?: string;
  providerIncidentId?: string;
  relatedAnalyticRuleIds?: string[];
  additionalData?: IncidentAdditionalData;
}

interface ArmResource {
  id: string;
  name: string;
  type: string;
  etag?: string;
  systemData?: Record<string, unknown>;
}

export interface Incident extends ArmResource {
  properties: IncidentProperties;
}

/** The body of an incident PUT: writable properties and, for a conditional update, the etag. */
export interface IncidentInput {
  etag?: string;
  properties: Omit<
    IncidentProperties,
    'incidentNumber' | 'incidentUrl' | 'createdTimeUtc' | 'lastModifiedTimeUtc' | 'providerName' | 'providerIncidentId' | 'relatedAnalyticRuleIds' | 'additionalData'
  >;
}

export interface IncidentTaskProperties {
  title: string;
  description?: string;
  status: IncidentTaskStatus;
  createdTimeUtc?: string;
  lastModifiedTimeUtc?: string;
  createdBy?: ClientInfo;
  lastModifiedBy?: ClientInfo;
}

export interface IncidentTask extends ArmResource {
  properties: IncidentTaskProperties;
}

export interface IncidentCommentProperties {
  message: string;
  createdTimeUtc?: string;
  lastModifiedTimeUtc?: string;
  author?: ClientInfo;
}

export interface IncidentComment extends ArmResource {
  properties: IncidentCommentProperties;
}

export interface ListResult<T> {
  value: T[];
  nextLink?: string;
}
