/**
 * What the emulator stores: Sentinel resources as ARM returns them (minus ids, which
 * depend on the URL they are served under) and a few fields ARM does not show.
 */
import type { ClientInfo, IncidentProperties, IncidentTaskStatus } from '../sentinel/types';

export type Actor = Required<Pick<ClientInfo, 'name'>> & ClientInfo;

export interface StoredIncident {
  name: string;
  etag: string;
  properties: IncidentProperties & { incidentNumber: number; createdTimeUtc: string; lastModifiedTimeUtc: string };
  /** Audit-only fields. */
  firstModifiedTime?: string;
  closedTime?: string;
}

export interface StoredTask {
  name: string;
  etag: string;
  title: string;
  description?: string;
  status: IncidentTaskStatus;
  createdTimeUtc: string;
  lastModifiedTimeUtc: string;
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

/** One change to resource state, as written to the journal. */
export type StateOp =
  | { op: 'putIncident'; incident: StoredIncident }
  | { op: 'deleteIncident'; name: string }
  | { op: 'putTask'; incident: string; task: StoredTask }
  | { op: 'deleteTask'; incident: string; task: string }
  | { op: 'putComment'; incident: string; comment: StoredComment }
  | { op: 'deleteComment'; incident: string; comment: string }
  | { op: 'numbering'; last: number };

/** Where the workspace lives: ids used to build resource ids and audit rows. */
export interface WorkspaceIdentity {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  logAnalyticsWorkspaceId: string;
}
