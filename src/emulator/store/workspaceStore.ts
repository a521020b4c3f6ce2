/**
 * One Sentinel workspace on disk: incidents, tasks, comments and the SecurityIncident audit
 * table. Every change is one journal transaction holding the new resource state and the
 * audit record it produces; it is on disk before it is visible or acknowledged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AuditIndex } from '../audit/auditIndex';
import { buildAuditRecord, type AuditTaskEntry } from '../audit/auditRecord';
import { AuditTable } from '../audit/auditTable';
import type { Actor, IncidentFields, StoredComment, StoredIncident, StoredTask, TaskFields, WorkspaceIdentity } from '../model';
import { Journal } from './journal';
import { acquireDataDirLock } from './lock';
import { checkPreconditions, newEtag, StoreError, type Preconditions } from './preconditions';
import type { StateOp } from './stateOps';
import { applyToEntry, named, WorkspaceState, type IncidentEntry } from './workspaceState';

export const JOURNAL_FILE = 'sentinel-emulator.journal';

export interface ChangeOptions extends Preconditions {
  actor: Actor;
  /** When the change happened: seed data sets it; live requests use the clock. */
  at?: Date;
  /** false for bulk loads (benchmarks): no fsync per change; call flush() at the end. */
  sync?: boolean;
}

export interface StoreOptions {
  dataDir: string;
  workspace: WorkspaceIdentity;
  now?: () => Date;
}

export class WorkspaceStore {
  readonly workspace: WorkspaceIdentity;
  readonly auditTable: AuditTable;
  private readonly index = new AuditIndex();
  private readonly state = new WorkspaceState();
  private readonly journal: Journal;
  private readonly release: () => void;
  private readonly now: () => Date;
  /** Change times only move forward, so the latest record of an incident is unambiguous. */
  private lastChangeMs = 0;

  constructor(options: StoreOptions) {
    this.workspace = options.workspace;
    this.now = options.now ?? (() => new Date());
    fs.mkdirSync(options.dataDir, { recursive: true });
    this.release = acquireDataDirLock(options.dataDir);
    try {
      this.journal = Journal.open(path.join(options.dataDir, JOURNAL_FILE), {
        onState: (op) => this.state.apply(op),
        onAudit: (location) => {
          this.index.add(location);
          if (location.timeMs > this.lastChangeMs) this.lastChangeMs = location.timeMs;
        },
      });
    } catch (err) {
      this.release();
      throw err;
    }
    this.auditTable = new AuditTable(this.index, (offset, length) => this.journal.read(offset, length));
  }

  /** Nothing was ever written: the moment to seed. */
  get isEmpty(): boolean {
    return this.state.incidentCount === 0 && this.index.size === 0 && this.state.lastIncidentNumber === 0;
  }

  get journalBytes(): number {
    return this.journal.sizeBytes;
  }

  get lastIncidentNumber(): number {
    return this.state.lastIncidentNumber;
  }

  flush(): void {
    this.journal.flush();
  }

  close(): void {
    try {
      this.journal.close();
    } finally {
      this.release();
    }
  }

  incidents(): StoredIncident[] {
    return this.state.incidents();
  }

  incident(name: string): StoredIncident | undefined {
    return this.state.entry(name)?.incident;
  }

  tasks(incident: string): StoredTask[] {
    return [...(this.state.entry(incident)?.tasks ?? [])];
  }

  task(incident: string, name: string): StoredTask | undefined {
    return this.state.task(incident, name);
  }

  comments(incident: string): StoredComment[] {
    return [...(this.state.entry(incident)?.comments ?? [])];
  }

  comment(incident: string, name: string): StoredComment | undefined {
    return this.state.comment(incident, name);
  }

  commentCount(incident: string): number {
    return this.state.entry(incident)?.comments.length ?? 0;
  }

  private stamp(at?: Date): string {
    const ms = Math.max((at ?? this.now()).getTime(), this.lastChangeMs + 1);
    this.lastChangeMs = ms;
    return new Date(ms).toISOString();
  }

  private existing(incident: string): IncidentEntry {
    const entry = this.state.entry(incident);
    if (!entry) throw new StoreError('NOT_FOUND', `Incident '${incident}' was not found.`);
    return entry;
  }

  /**
   * Writes `ops` and the audit record of the state they produce as one transaction, then
   * makes them visible. `deleted` is the task whose deletion this is: the one record that
   * still shows it, as Deleted.
   */
  private commit(before: IncidentEntry | undefined, ops: StateOp[], at: string, options: ChangeOptions, deleted?: StoredTask): IncidentEntry {
    let after = before;
    for (const op of ops) after = applyToEntry(after, this.state.intern(op));
    if (!after) throw new Error('a change must leave the incident in place');
    const shown = deleted ? before!.tasks : after.tasks;
    const tasks: AuditTaskEntry[] = shown.map((task) => (task === deleted ? { task, deletedBy: options.actor } : { task }));
    const json = buildAuditRecord(this.workspace, after.incident, tasks, after.comments, { at, by: options.actor });
    const number = after.incident.incidentNumber;
    const [location] = this.journal.append({ ops, audit: [{ incidentNumber: number, timeMs: Date.parse(at), json }] }, { sync: options.sync !== false });
    this.state.put(after.incident.name, after);
    this.index.add(location!);
    return after;
  }

  /** `rule`: set when an analytics rule raises the incident; kept on later changes, as Sentinel keeps its alerts. */
  putIncident(name: string, fields: IncidentFields, options: ChangeOptions, rule?: { ruleId: string; alerts: NonNullable<StoredIncident['alerts']> }): { incident: StoredIncident; created: boolean } {
    const before = this.state.entry(name);
    const existing = before?.incident;
    checkPreconditions(existing, `incident '${name}'`, options);
    const at = this.stamp(options.at);
    const number = existing?.incidentNumber ?? this.state.lastIncidentNumber + 1;
    const closing = fields.status === 'Closed' && existing?.status !== 'Closed';
    const incident: StoredIncident = {
      ...fields,
      name: existing?.name ?? name,
      etag: newEtag(),
      incidentNumber: number,
      createdTimeUtc: existing?.createdTimeUtc ?? at,
      lastModifiedTimeUtc: at,
      firstModifiedTimeUtc: existing ? (existing.firstModifiedTimeUtc ?? at) : undefined,
      closedTimeUtc: closing ? at : existing?.closedTimeUtc,
      relatedAnalyticRuleIds: existing?.relatedAnalyticRuleIds ?? (rule ? [rule.ruleId] : []),
      alerts: existing ? existing.alerts : rule?.alerts,
    };
    const after = this.commit(before, [{ op: 'incident', incident }], at, options);
    return { incident: after.incident, created: !existing };
  }

  /** Deletes an incident with its tasks and comments; false when there was none. */
  deleteIncident(name: string, options: Pick<ChangeOptions, 'ifMatch'> = {}): boolean {
    const existing = this.state.entry(name)?.incident;
    if (!existing) return false;
    checkPreconditions(existing, `incident '${name}'`, options);
    // No audit record: the table keeps the incident's history, and has no state "deleted".
    this.journal.append({ ops: [{ op: 'deleteIncident', incident: existing.name }], audit: [] }, { sync: true });
    this.state.apply({ op: 'deleteIncident', incident: existing.name });
    return true;
  }

  putTask(incident: string, name: string, fields: TaskFields, options: ChangeOptions): { task: StoredTask; created: boolean } {
    const before = this.existing(incident);
    const existing = named(before.tasks, name);
    checkPreconditions(existing, `task '${name}'`, options);
    const at = this.stamp(options.at);
    const completing = fields.status === 'Completed' && existing?.status !== 'Completed';
    const task: StoredTask = {
      ...fields,
      name: existing?.name ?? name,
      etag: newEtag(),
      createdTimeUtc: existing?.createdTimeUtc ?? at,
      lastModifiedTimeUtc: at,
      lastCompletedTimeUtc: completing ? at : existing?.lastCompletedTimeUtc,
      createdBy: existing?.createdBy ?? options.actor,
      lastModifiedBy: options.actor,
    };
    const owner = before.incident.name;
    this.commit(before, [{ op: 'task', incident: owner, task }, { op: 'touch', incident: owner, etag: newEtag(), at }], at, options);
    return { task, created: !existing };
  }

  deleteTask(incident: string, name: string, options: ChangeOptions): boolean {
    const before = this.existing(incident);
    const existing = named(before.tasks, name);
    if (!existing) return false;
    checkPreconditions(existing, `task '${name}'`, options);
    const at = this.stamp(options.at);
    const owner = before.incident.name;
    const ops: StateOp[] = [
      { op: 'deleteTask', incident: owner, task: existing.name },
      { op: 'touch', incident: owner, etag: newEtag(), at },
    ];
    this.commit(before, ops, at, options, existing);
    return true;
  }

  putComment(incident: string, name: string, message: string, options: ChangeOptions): { comment: StoredComment; created: boolean } {
    const before = this.existing(incident);
    const existing = named(before.comments, name);
    checkPreconditions(existing, `comment '${name}'`, options);
    const at = this.stamp(options.at);
    const comment: StoredComment = {
      name: existing?.name ?? name,
      etag: newEtag(),
      message,
      createdTimeUtc: existing?.createdTimeUtc ?? at,
      lastModifiedTimeUtc: at,
      author: existing?.author ?? options.actor,
    };
    const owner = before.incident.name;
    this.commit(before, [{ op: 'comment', incident: owner, comment }, { op: 'touch', incident: owner, etag: newEtag(), at }], at, options);
    return { comment, created: !existing };
  }

  deleteComment(incident: string, name: string, options: ChangeOptions): boolean {
    const before = this.existing(incident);
    const existing = named(before.comments, name);
    if (!existing) return false;
    checkPreconditions(existing, `comment '${name}'`, options);
    const at = this.stamp(options.at);
    const owner = before.incident.name;
    const ops: StateOp[] = [
      { op: 'deleteComment', incident: owner, comment: existing.name },
      { op: 'touch', incident: owner, etag: newEtag(), at },
    ];
    this.commit(before, ops, at, options);
    return true;
  }

  /** Numbering continues after `last`, as in a workspace that has had incidents before. */
  setLastIncidentNumber(last: number, options: Pick<ChangeOptions, 'sync'> = {}): void {
    const op: StateOp = { op: 'numbering', last };
    this.journal.append({ ops: [op], audit: [] }, { sync: options.sync !== false });
    this.state.apply(op);
  }

  /**
   * Fault injection: a new etag, as if another writer had just saved the resource, so that
   * a request carrying the etag it read gets 412. Returns false when there is no such resource.
   */
  simulateConcurrentWrite(incident: string, child?: { kind: 'task' | 'comment'; name: string }): boolean {
    const entry = this.state.entry(incident);
    if (!entry) return false;
    if (child && !(child.kind === 'task' ? this.task(incident, child.name) : this.comment(incident, child.name))) return false;
    const op: StateOp = { op: 'etag', incident: entry.incident.name, child, etag: newEtag() };
    this.journal.append({ ops: [op], audit: [] }, { sync: true });
    this.state.apply(op);
    return true;
  }
}
