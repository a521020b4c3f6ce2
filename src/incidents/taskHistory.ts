/**
 * Reconstructs what happened to an incident's tasks from its audit records, oldest first.
 * Each record holds the full task list at that moment, so comparing neighbours tells what
 * changed. A deleted task is known only from the one record that shows it as Deleted.
 */
import type { AuditRecord } from './auditRecord';

export type TaskEvent = 'created' | 'completed' | 'reopened' | 'renamed' | 'deleted';

export interface TaskHistoryEntry {
  event: TaskEvent;
  title: string;
  /** The earlier title, for "renamed". */
  previousTitle?: string;
  by?: string;
  at?: string;
}

interface TaskState {
  title: string;
  status: string;
}

export function historyFromRecords(records: readonly AuditRecord[]): TaskHistoryEntry[] {
  const known = new Map<string, TaskState>();
  const entries: TaskHistoryEntry[] = [];
  for (const record of records) {
    for (const t of record.tasks) {
      const { taskId: id, title, status } = t;
      if (!id) continue;
      const before = known.get(id);
      const modifiedBy = t.modifiedBy ?? record.modifiedBy;
      const modifiedAt = t.modifiedTime ?? record.timeGenerated;
      if (!before) {
        entries.push({ event: 'created', title, by: t.createdBy ?? record.modifiedBy, at: t.createdTime ?? record.timeGenerated });
        // A task first seen already completed or deleted was also changed in that same record.
        if (status === 'Completed') entries.push({ event: 'completed', title, by: modifiedBy, at: t.completedTime ?? modifiedAt });
        if (status === 'Deleted') entries.push({ event: 'deleted', title, by: modifiedBy, at: modifiedAt });
      } else {
        if (before.title !== title) entries.push({ event: 'renamed', title, previousTitle: before.title, by: modifiedBy, at: modifiedAt });
        if (before.status !== status) {
          if (status === 'Completed') entries.push({ event: 'completed', title, by: modifiedBy, at: t.completedTime ?? modifiedAt });
          else if (status === 'Deleted') entries.push({ event: 'deleted', title, by: modifiedBy, at: modifiedAt });
          else if (before.status === 'Completed') entries.push({ event: 'reopened', title, by: modifiedBy, at: modifiedAt });
        }
      }
      known.set(id, { title, status });
    }
  }
  return entries;
}
