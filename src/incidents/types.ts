/** Domain types: what the bot talks about, independent of Sentinel's wire format. */

export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export const STATUSES = ['New', 'Active', 'Closed'] as const;
export const CLASSIFICATIONS = ['TruePositive', 'BenignPositive', 'FalsePositive', 'Undetermined'] as const;
export const CLASSIFICATION_REASONS = ['SuspiciousActivity', 'SuspiciousButExpected', 'IncorrectAlertLogic', 'InaccurateData'] as const;

export type Severity = (typeof SEVERITIES)[number];
export type Status = (typeof STATUSES)[number];
export type Classification = (typeof CLASSIFICATIONS)[number];
export type ClassificationReason = (typeof CLASSIFICATION_REASONS)[number];

/** Which reasons Sentinel accepts with each classification (none for Undetermined). */
export const REASONS_BY_CLASSIFICATION: Readonly<Record<Classification, readonly ClassificationReason[]>> = {
  TruePositive: ['SuspiciousActivity'],
  BenignPositive: ['SuspiciousButExpected'],
  FalsePositive: ['IncorrectAlertLogic', 'InaccurateData'],
  Undetermined: [],
};

/** A person as Teams knows them; objectId is their Entra object id. */
export interface Person {
  objectId: string;
  name: string;
  userPrincipalName?: string;
  email?: string;
}

export interface Closure {
  classification: Classification;
  classificationReason?: ClassificationReason;
  classificationComment?: string;
}

/** A validated report, ready to become an incident. */
export interface IncidentDraft {
  title: string;
  description: string;
  severity: Severity;
  status: Status;
  closure?: Closure;
  /** "me" resolves to the reporter; "none" leaves the incident unassigned. */
  owner: 'me' | 'none' | Person;
  tags: string[];
}

export interface IncidentView {
  /** ARM resource name (a GUID). */
  id: string;
  number: number;
  title: string;
  description: string;
  severity: Severity;
  status: Status;
  owner?: { name: string; objectId?: string; userPrincipalName?: string };
  tags: string[];
  url?: string;
  createdTime?: string;
  lastModifiedTime?: string;
  closure?: Closure;
  etag?: string;
}

export type TaskStatus = 'New' | 'Completed';

export interface TaskView {
  taskId: string;
  title: string;
  status: TaskStatus;
  createdBy?: string;
  createdTime?: string;
  completedTime?: string;
  completedBy?: string;
}

export interface IncidentTasks {
  incident: Pick<IncidentView, 'id' | 'number' | 'title' | 'status' | 'severity' | 'owner'>;
  tasks: TaskView[];
  /** When the audit record these tasks come from was written, or (live) when the incident last changed. */
  asOf?: string;
  /** `audit`: the latest SecurityIncident record; `live`: the ARM API, because the audit table had not caught up. */
  source?: 'audit' | 'live';
}
