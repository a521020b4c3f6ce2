/**
 * What the emulator keeps about a workspace: Sentinel incidents, tasks and comments in the
 * flat shape the journal stores. ARM adds ids, types and computed fields when it serves them.
 * Enumerations are those of the Sentinel 2025-09-01 swagger (Incidents.json, IncidentTypes.json).
 */

export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export const STATUSES = ['New', 'Active', 'Closed'] as const;
export const CLASSIFICATIONS = ['Undetermined', 'TruePositive', 'BenignPositive', 'FalsePositive'] as const;
export const CLASSIFICATION_REASONS = ['SuspiciousActivity', 'SuspiciousButExpected', 'IncorrectAlertLogic', 'InaccurateData'] as const;
export const OWNER_TYPES = ['Unknown', 'User', 'Group'] as const;
export const LABEL_TYPES = ['User', 'AutoAssigned'] as const;
export const TASK_STATUSES = ['New', 'Completed'] as const;

export type Severity = (typeof SEVERITIES)[number];
export type IncidentStatus = (typeof STATUSES)[number];
export type Classification = (typeof CLASSIFICATIONS)[number];
export type ClassificationReason = (typeof CLASSIFICATION_REASONS)[number];
export type OwnerType = (typeof OWNER_TYPES)[number];
export type LabelType = (typeof LABEL_TYPES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Who did something (swagger `ClientInfo`): task creators, comment authors. */
export interface ClientInfo {
  email?: string;
  name?: string;
  objectId?: string;
  userPrincipalName?: string;
}

/** The caller of a change; its name becomes the audit record's ModifiedBy. */
export type Actor = ClientInfo & { name: string };

export interface OwnerInfo {
  objectId?: string;
  email?: string;
  assignedTo?: string;
  userPrincipalName?: string;
  ownerType?: OwnerType;
}

export interface Label {
  labelName: string;
  labelType: LabelType;
}

/** The writable part of an incident: what a PUT body may set. */
export interface IncidentFields {
  title: string;
  description?: string;
  severity: Severity;
  status: IncidentStatus;
  classification?: Classification;
  classificationReason?: ClassificationReason;
  classificationComment?: string;
  owner?: OwnerInfo;
  labels: Label[];
  firstActivityTimeUtc?: string;
  lastActivityTimeUtc?: string;
}

export interface StoredIncident extends IncidentFields {
  name: string;
  etag: string;
  incidentNumber: number;
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
  /** Audit-only: when the incident was first changed after its creation. */
  firstModifiedTimeUtc?: string;
  /** Audit-only: when the incident was last closed. */
  closedTimeUtc?: string;
  relatedAnalyticRuleIds: string[];
  /** Set for incidents an analytics rule raised (the control API's rule hits): what the rule saw. */
  alerts?: { count: number; tactics: string[]; productNames: string[] };
}

export interface TaskFields {
  title: string;
  description?: string;
  status: TaskStatus;
}

export interface StoredTask extends TaskFields {
  name: string;
  etag: string;
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
  /** Audit-only: when the task was last marked Completed. */
  lastCompletedTimeUtc?: string;
  createdBy: ClientInfo;
  lastModifiedBy: ClientInfo;
}

export interface StoredComment {
  name: string;
  etag: string;
  message: string;
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
  author: ClientInfo;
}

/** Where the workspace lives: the ids in resource ids, portal links and audit rows. */
export interface WorkspaceIdentity {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  logAnalyticsWorkspaceId: string;
}
