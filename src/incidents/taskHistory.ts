/**
 * Reconstructs what happened to an incident's tasks from its audit records, oldest first.
 * Each record holds the full task list at that moment, so comparing neighbours tells what
 * changed. A deleted task is known only from the one record that shows it as Deleted.
 */

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

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function nameOf(identity: unknown): string | undefined {
  if (typeof identity !== 'object' || identity === null) return undefined;
  const i = identity as Record<string, unknown>;
  return str(i.name) ?? str(i.userPrincipalName) ?? str(i.email);
}

export function historyFromRecords(records: ReadonlyArray<Record<string, unknown>>): TaskHistoryEntry[] {
  const known = new Map<string, TaskState>();
  const entries: TaskHistoryEntry[] = [];
  for (const record of records) {
    const tasks = Array.isArray(record.Tasks) ? (record.Tasks as unknown[]) : [];
    for (const raw of tasks) {
      if (typeof raw !== 'object' || raw === null) continue;
      const t = raw as Record<string, unknown>;
      const id = str(t.taskId);
      const title = str(t.title) ?? '(untitled task)';
      const status = str(t.status) ?? 'New';
      if (!id) continue;
      const before = known.get(id);
      const modifiedBy = nameOf(t.lastModifiedBy) ?? str(record.ModifiedBy);
      const modifiedAt = str(t.lastModifiedTimeUtc) ?? str(record.TimeGenerated);
      if (!before) {
        entries.push({ event: 'created', title, by: nameOf(t.createdBy) ?? str(record.ModifiedBy), at: str(t.createdTimeUtc) ?? str(record.TimeGenerated) });
        // A task first seen already completed or deleted was also changed in that same record.
        if (status === 'Completed') entries.push({ event: 'completed', title, by: modifiedBy, at: str(t.lastCompletedTimeUtc) ?? modifiedAt });
        if (status === 'Deleted') entries.push({ event: 'deleted', title, by: modifiedBy, at: modifiedAt });
      } else {
        if (before.title !== title) entries.push({ event: 'renamed', title, previousTitle: before.title, by: modifiedBy, at: modifiedAt });
        if (before.status !== status) {
          if (status === 'Completed') entries.push({ event: 'completed', title, by: modifiedBy, at: str(t.lastCompletedTimeUtc) ?? modifiedAt });
          else if (status === 'Deleted') entries.push({ event: 'deleted', title, by: modifiedBy, at: modifiedAt });
          else if (before.status === 'Completed') entries.push({ event: 'reopened', title, by: modifiedBy, at: modifiedAt });
        }
      }
      known.set(id, { title, status });
    }
  }
  return entries;
}
