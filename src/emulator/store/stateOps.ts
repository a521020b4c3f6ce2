/**
 * Changes to resource state as the journal records them. Replaying them in order rebuilds
 * the workspace; each is small so that a long history loads quickly.
 */
import type { StoredComment, StoredIncident, StoredTask } from '../model';

export type StateOp =
  /** An incident created or updated through its own PUT: its whole new state. */
  | { op: 'incident'; incident: StoredIncident }
  /** A task or comment of the incident changed: the incident was modified too. */
  | { op: 'touch'; incident: string; etag: string; at: string }
  | { op: 'deleteIncident'; incident: string }
  | { op: 'task'; incident: string; task: StoredTask }
  | { op: 'deleteTask'; incident: string; task: string }
  | { op: 'comment'; incident: string; comment: StoredComment }
  | { op: 'deleteComment'; incident: string; comment: string }
  /** A new etag without a change (fault injection playing a concurrent writer). */
  | { op: 'etag'; incident: string; child?: { kind: 'task' | 'comment'; name: string }; etag: string }
  /** Numbering continues after `last` (a workspace that has seen incidents before). */
  | { op: 'numbering'; last: number };
