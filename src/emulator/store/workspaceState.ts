/**
 * The workspace's resources in memory, rebuilt from the journal's state operations.
 * Names are case-insensitive, as ARM resource names are; each incident keeps its tasks
 * and comments in creation order.
 */
import type { StoredComment, StoredIncident, StoredTask } from '../model';
import type { StateOp } from './stateOps';

export interface IncidentEntry {
  readonly incident: StoredIncident;
  readonly tasks: ReadonlyMap<string, StoredTask>;
  readonly comments: ReadonlyMap<string, StoredComment>;
}

const key = (name: string): string => name.toLowerCase();

function withEntry<T>(map: ReadonlyMap<string, T>, name: string, value: T | undefined): Map<string, T> {
  const next = new Map(map);
  if (value === undefined) next.delete(key(name));
  else next.set(key(name), value);
  return next;
}

/**
 * The entry after `op`, without changing `entry`: the store builds the audit record from
 * the state a change produces before that change is on disk and visible.
 */
export function applyToEntry(entry: IncidentEntry | undefined, op: StateOp): IncidentEntry | undefined {
  switch (op.op) {
    case 'incident':
      return { incident: op.incident, tasks: entry?.tasks ?? new Map(), comments: entry?.comments ?? new Map() };
    case 'deleteIncident':
      return undefined;
    case 'numbering':
      return entry;
  }
  if (!entry) return undefined;
  switch (op.op) {
    case 'touch': {
      const i = entry.incident;
      return { ...entry, incident: { ...i, etag: op.etag, lastModifiedTimeUtc: op.at, firstModifiedTimeUtc: i.firstModifiedTimeUtc ?? op.at } };
    }
    case 'task':
      return { ...entry, tasks: withEntry(entry.tasks, op.task.name, op.task) };
    case 'deleteTask':
      return { ...entry, tasks: withEntry(entry.tasks, op.task, undefined) };
    case 'comment':
      return { ...entry, comments: withEntry(entry.comments, op.comment.name, op.comment) };
    case 'deleteComment':
      return { ...entry, comments: withEntry(entry.comments, op.comment, undefined) };
    case 'etag': {
      if (!op.child) return { ...entry, incident: { ...entry.incident, etag: op.etag } };
      if (op.child.kind === 'task') {
        const t = entry.tasks.get(key(op.child.name));
        return t ? { ...entry, tasks: withEntry(entry.tasks, t.name, { ...t, etag: op.etag }) } : entry;
      }
      const c = entry.comments.get(key(op.child.name));
      return c ? { ...entry, comments: withEntry(entry.comments, c.name, { ...c, etag: op.etag }) } : entry;
    }
  }
}

/** The incident an operation is about (undefined for workspace-wide operations). */
export function incidentOf(op: StateOp): string | undefined {
  switch (op.op) {
    case 'incident':
      return op.incident.name;
    case 'numbering':
      return undefined;
    default:
      return op.incident;
  }
}

export class WorkspaceState {
  private readonly entries = new Map<string, IncidentEntry>();
  /** The highest incident number ever used: numbers are never reused, even after a delete. */
  private highestNumber = 0;

  get lastIncidentNumber(): number {
    return this.highestNumber;
  }

  get incidentCount(): number {
    return this.entries.size;
  }

  apply(op: StateOp): void {
    if (op.op === 'numbering') {
      this.highestNumber = Math.max(this.highestNumber, op.last);
      return;
    }
    const name = incidentOf(op)!;
    this.put(name, applyToEntry(this.entries.get(key(name)), op));
  }

  put(name: string, entry: IncidentEntry | undefined): void {
    if (!entry) {
      this.entries.delete(key(name));
      return;
    }
    this.entries.set(key(name), entry);
    this.highestNumber = Math.max(this.highestNumber, entry.incident.incidentNumber);
  }

  entry(name: string): IncidentEntry | undefined {
    return this.entries.get(key(name));
  }

  incidents(): StoredIncident[] {
    return [...this.entries.values()].map((e) => e.incident);
  }

  task(incident: string, name: string): StoredTask | undefined {
    return this.entries.get(key(incident))?.tasks.get(key(name));
  }

  comment(incident: string, name: string): StoredComment | undefined {
    return this.entries.get(key(incident))?.comments.get(key(name));
  }
}
