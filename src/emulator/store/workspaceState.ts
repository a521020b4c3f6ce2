/**
 * The workspace's resources in memory, rebuilt from the journal's state operations.
 * Names are case-insensitive, as ARM resource names are; each incident keeps its tasks
 * and comments in creation order.
 */
import type { StoredComment, StoredIncident, StoredTask } from '../model';
import { Interner } from './interner';
import type { StateOp } from './stateOps';

/** Tasks and comments are few per incident: arrays, in creation order, are lighter than maps. */
export interface IncidentEntry {
  readonly incident: StoredIncident;
  readonly tasks: readonly StoredTask[];
  readonly comments: readonly StoredComment[];
}

const key = (name: string): string => name.toLowerCase();

/** The child named `name` (case-insensitively), if there is one. */
export function named<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const k = key(name);
  return items.find((i) => key(i.name) === k);
}

/** A copy of `items` with `name` replaced by `value` (appended if new) or removed (undefined). */
function withChild<T extends { name: string }>(items: readonly T[], name: string, value: T | undefined): T[] {
  const k = key(name);
  const at = items.findIndex((i) => key(i.name) === k);
  const next = [...items];
  if (value === undefined) {
    if (at >= 0) next.splice(at, 1);
  } else if (at >= 0) next[at] = value;
  else next.push(value);
  return next;
}

/**
 * The entry after `op`, without changing `entry`: the store builds the audit record from
 * the state a change produces before that change is on disk and visible.
 */
export function applyToEntry(entry: IncidentEntry | undefined, op: StateOp): IncidentEntry | undefined {
  switch (op.op) {
    case 'incident':
      return { incident: op.incident, tasks: entry?.tasks ?? [], comments: entry?.comments ?? [] };
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
      return { ...entry, tasks: withChild(entry.tasks, op.task.name, op.task) };
    case 'deleteTask':
      return { ...entry, tasks: withChild(entry.tasks, op.task, undefined) };
    case 'comment':
      return { ...entry, comments: withChild(entry.comments, op.comment.name, op.comment) };
    case 'deleteComment':
      return { ...entry, comments: withChild(entry.comments, op.comment, undefined) };
    case 'etag': {
      if (!op.child) return { ...entry, incident: { ...entry.incident, etag: op.etag } };
      if (op.child.kind === 'task') {
        const t = named(entry.tasks, op.child.name);
        return t ? { ...entry, tasks: withChild(entry.tasks, t.name, { ...t, etag: op.etag }) } : entry;
      }
      const c = named(entry.comments, op.child.name);
      return c ? { ...entry, comments: withChild(entry.comments, c.name, { ...c, etag: op.etag }) } : entry;
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
  private readonly interner = new Interner();
  /** The highest incident number ever used: numbers are never reused, even after a delete. */
  private highestNumber = 0;

  get lastIncidentNumber(): number {
    return this.highestNumber;
  }

  get incidentCount(): number {
    return this.entries.size;
  }

  /** The operation with its people and labels shared with the rest of the state. */
  intern(op: StateOp): StateOp {
    return this.interner.op(op);
  }

  apply(op: StateOp): void {
    if (op.op === 'numbering') {
      this.highestNumber = Math.max(this.highestNumber, op.last);
      return;
    }
    const name = incidentOf(op)!;
    this.put(name, applyToEntry(this.entries.get(key(name)), this.intern(op)));
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
    const entry = this.entries.get(key(incident));
    return entry && named(entry.tasks, name);
  }

  comment(incident: string, name: string): StoredComment | undefined {
    const entry = this.entries.get(key(incident));
    return entry && named(entry.comments, name);
  }
}
