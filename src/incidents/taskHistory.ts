/**
 * Reconstructs what happened to an incident's tasks from its audit records, oldest first.
 * Each record holds the full task list at that moment, so comparing neighbours tells what
 * changed. A deleted task is known only from the one record that shows it as Deleted.
 */
import type { AuditRecord } from './auditRecord';
import { attributedPeople, viaTeams, type AttributionComment, type ChangeIdentity, type TaskChange } from './taskAttribution';

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
  /** Who Sentinel recorded for each entry, to name the person where that is the bot's app. */
  const recorded: Array<ChangeIdentity | undefined> = [];
  const push = (entry: TaskHistoryEntry, who: ChangeIdentity | undefined): void => {
    entries.push(entry);
    recorded.push(who);
  };
  for (const record of records) {
    for (const t of record.tasks) {
      const { taskId: id, title, status } = t;
      if (!id) continue;
      const before = known.get(id);
      const modifiedBy = t.modifiedBy ?? record.modifiedBy;
      const modifiedAt = t.modifiedTime ?? record.timeGenerated;
      if (!before) {
        push({ event: 'created', title, by: t.createdBy ?? record.modifiedBy, at: t.createdTime ?? record.timeGenerated }, t.creator);
        // A task first seen already completed or deleted was also changed in that same record.
        if (status === 'Completed') push({ event: 'completed', title, by: modifiedBy, at: t.completedTime ?? modifiedAt }, t.modifier);
        if (status === 'Deleted') push({ event: 'deleted', title, by: modifiedBy, at: modifiedAt }, t.modifier);
      } else {
        if (before.title !== title) push({ event: 'renamed', title, previousTitle: before.title, by: modifiedBy, at: modifiedAt }, t.modifier);
        if (before.status !== status) {
          if (status === 'Completed') push({ event: 'completed', title, by: modifiedBy, at: t.completedTime ?? modifiedAt }, t.modifier);
          else if (status === 'Deleted') push({ event: 'deleted', title, by: modifiedBy, at: modifiedAt }, t.modifier);
          else if (before.status === 'Completed') push({ event: 'reopened', title, by: modifiedBy, at: modifiedAt }, t.modifier);
        }
      }
      known.set(id, { title, status });
    }
  }
  return withPeople(entries, recorded, allComments(records));
}

/** Created and completed entries the bot's app made, named for the person its attribution comment names. */
function withPeople(entries: TaskHistoryEntry[], recorded: ReadonlyArray<ChangeIdentity | undefined>, comments: AttributionComment[]): TaskHistoryEntry[] {
  if (comments.length === 0) return entries;
  const changes: TaskChange[] = entries.map((e, i) => ({
    kind: e.event === 'created' ? 'added' : 'completed',
    title: e.title,
    at: e.at,
    // Only these two kinds of change have an attribution comment.
    by: e.event === 'created' || e.event === 'completed' ? recorded[i] : undefined,
  }));
  const people = attributedPeople(changes, comments);
  return entries.map((e, i) => (people[i] ? { ...e, by: viaTeams(people[i]) } : e));
}

/** Every comment the records show, once (a deleted comment is in the records before its deletion). */
function allComments(records: readonly AuditRecord[]): AttributionComment[] {
  const seen = new Map<string, AttributionComment>();
  for (const r of records) for (const c of r.comments) seen.set(`${c.createdTime ?? ''}\n${c.author.objectId ?? ''}\n${c.message}`, c);
  return [...seen.values()];
}
