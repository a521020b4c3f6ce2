/**
 * Wire types of the Sentinel REST API, api-version 2025-09-01: Incidents.json, its
 * common/IncidentTypes.json and the shared ARM resource types in Azure/azure-rest-api-specs.
 * Only what the bot reads or writes; enum lists are exported for validation elsewhere.
 */

export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export const STATUSES = ['New', 'Active', 'Closed'] as const;
export const CLASSIFICATIONS = ['Undetermined', 'TruePositive', 'BenignPositive', 'FalsePositive'] as const;
export const CLASSIFICATION_REASONS = ['SuspiciousActivity', 'SuspiciousButExpected', 'IncorrectAlertLogic', 'InaccurateData'] as const;
export const TASK_STATUSES = ['New', 'Completed'] as const;
export const OWNER_TYPES = ['Unknown', 'User', 'Group'] as const;
export const LABEL_TYPES = ['User', 'AutoAssigned'] as const;

export type IncidentSeverity = (typeof SEVERITIES)[number];
export type IncidentStatus = (typeof STATUSES)[number];
export type IncidentClassification = (typeof CLASSIFICATIONS)[number];
export type IncidentClassificationReason = (typeof CLASSIFICATION_REASONS)[number];
export type IncidentTaskStatus = (typeof TASK_STATUSES)[number];
export type OwnerType = (typeof OWNER_TYPES)[number];
export type IncidentLabelType = (typeof LABEL_TYPES)[number];

/** ARM `systemData` (common-types v5). */
export interface SystemData {
  createdBy?: string;
  createdByType?: 'User' | 'Application' | 'ManagedIdentity' | 'Key';
  createdAt?: string;
  lastModifiedBy?: string;
  lastModifiedByType?: 'User' | 'Application' | 'ManagedIdentity' | 'Key';
  lastModifiedAt?: string;
}

/** Who did something (task creator, comment author). */
export interface ClientInfo {
  email?: string;
  name?: string;
  objectId?: string;
  userPrincipalName?: string;
}

export interface IncidentOwnerInfo {
  // null clears a field: an incident is unassigned by writing an owner whose fields are all null.
  objectId?: string | null;
  email?: string | null;
  assignedTo?: string | null;
  userPrincipalName?: string | null;
  ownerType?: OwnerType;
}

export interface IncidentLabel {
  labelName: string;
  labelType?: IncidentLabelType;
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

/** Properties the swagger marks readOnly: a PUT must not send them. */
export const INCIDENT_READ_ONLY_PROPERTIES = [
  'incidentNumber',
  'incidentUrl',
  'createdTimeUtc',
  'lastModifiedTimeUtc',
  'providerName',
  'providerIncidentId',
  'relatedAnalyticRuleIds',
  'additionalData',
] as const;

export type IncidentReadOnlyProperty = (typeof INCIDENT_READ_ONLY_PROPERTIES)[number];

/** ResourceWithEtag: what every Sentinel resource carries. */
export interface ArmResource {
  id: string;
  name: string;
  type: string;
  etag?: string;
  systemData?: SystemData;
}

export interface Incident extends ArmResource {
  properties: IncidentProperties;
}

/** The body of an incident PUT: writable properties and, for a conditional update, the etag. */
export interface IncidentInput {
  etag?: string;
  properties: Omit<IncidentProperties, IncidentReadOnlyProperty>;
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

/** What a task PUT sends: the writable task properties. */
export interface IncidentTaskInput {
  title: string;
  description?: string;
  status: IncidentTaskStatus;
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

/** IncidentList, IncidentTaskList, IncidentCommentList. */
export interface ListResult<T> {
  value: T[];
  nextLink?: string;
}
