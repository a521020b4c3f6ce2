/**
 * The state of one Sentinel workspace: incidents, tasks, comments, and the SecurityIncident
 * audit table. Every change is one journal transaction holding the new resource state and
 * the audit record it produces, written before the change is visible or acknowledged.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IncidentProperties, IncidentTaskStatus } from '../../sentinel/types';
import { AuditTable } from '../audit/auditTable';
import { buildAuditRecord, type AuditTask } from '../audit/auditRecord';
import { notFound, preconditionFailed } from '../errors';
import type { Actor, StateOp, StoredComment, StoredIncident, StoredTask, WorkspaceIdentity } from '../model';
import { acquireLock } from './dataDirLock';
import { Journal } from './journal';

export type WritableIncident = Pick<
  IncidentProperties,
  'title' | 'description' | 'severity' | 'status' | 'classification' | 'classificationReason' | 'classificationComment' | 'owner' | 'labels' | 'firstActivityTimeUtc' | 'lastActivityTimeUtc'
>;

export interface ChangeOptions {
  actor: Actor;
  /** When the change happened; seed data sets it, live requests use the clock. */
  at?: Date;
  ifMatch?: string;
  ifNoneMatch?: string;
  bodyEtag?: string;
  /** Bulk loads (benchmarks) skip fsync per change and flush at the end. */
  sync?: boolean;
}

export const newEtag = (): string => `"${randomUUID()}"`;
const bareEtag = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

export class WorkspaceStore {
  readonly auditTable: AuditTable;
  private readonly journal: Journal;
  private readonly release: () => void;
  private readonly incidents = new Map<string, StoredIncident>();
  private readonly tasks = new Map<string, Map<string, StoredTask>>();
  private readonly comments = new Map<string, Map<string, StoredComment>>();
  private lastNumber = 0;
  private lastChangeMs = 0;

  constructor(
    dataDir: string,
    readonly workspace: WorkspaceIdentity,
    private readonly now: () => Date = () => new Date(),
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.release = acquireLock(dataDir);
    try {
      this.auditTable = new AuditTable((loc) => this.journal.readAudit(loc));
      this.journal = Journal.open(path.join(dataDir, 'journal.log'), {
        onState: (op) => this.apply(op),
        onAudit: (loc) => {
          this.auditTable.add(loc);
          this.lastChangeMs = Math.max(this.lastChangeMs, loc.timeMs);
        },
      });
    } catch (err) {
      this.release();
      throw err;
    }
  }

  get isEmpty(): boolean {
    return this.incidents.size === 0 && this.auditTable.size === 0;
  }

  get journalBytes(): number {
    return this.journal.sizeBytes;
  }

  close(): void {
    this.journal.close();
    this.release();
  }

  flush(): void {
    this.journal.flush();
  }

  private apply(op: StateOp): void {
    switch (op.op) {
      case 'putIncident':
        this.incidents.set(op.incident.name, op.incident);
        this.lastNumber = Math.max(this.lastNumber, op.incident.properties.incidentNumber);
        break;
      case 'deleteIncident':
        this.incidents.delete(op.name);
        this.tasks.delete(op.name);
        this.comments.delete(op.name);
        break;
      case 'putTask':
        this.childMap(this.tasks, op.incident).set(op.task.name, op.task);
        break;
      case 'deleteTask':
        this.tasks.get(op.incident)?.delete(op.task);
        break;
      case 'putComment':
        this.childMap(this.comments, op.incident).set(op.comment.name, op.comment);
        break;
      case 'deleteComment':
        this.comments.get(op.incident)?.delete(op.comment);
        break;
      case 'numbering':
        this.lastNumber = Math.max(this.lastNumber, op.last);
        break;
    }
  }

  private childMap<T>(maps: Map<string, Map<string, T>>, incident: string): Map<string, T> {
    let m = maps.get(incident);
    if (!m) maps.set(incident, (m = new Map()));
    return m;
  }

  /** Change times only move forward, so the latest audit record of an incident is unambiguous. */
  private stamp(at?: Date): string {
    const ms = Math.max((at ?? this.now()).getTime(), this.lastChangeMs + 1);
    this.lastChangeMs = ms;
    return new Date(ms).toISOString();
  }

  listIncidents(): StoredIncident[] {
    return [...this.incidents.values()];
  }

  getIncident(name: string): StoredIncident {
    const incident = this.findIncident(name);
    if (!incident) throw notFound(`Incident '${name}'`);
    return incident;
  }

  private findIncident(name: string): StoredIncident | undefined {
    return this.incidents.get(name) ?? [...this.incidents.values()].find((i) => i.name.toLowerCase() === name.toLowerCase());
  }

  listTasks(incident: string): StoredTask[] {
    return [...(this.tasks.get(this.getIncident(incident).name)?.values() ?? [])];
  }

  getTask(incident: string, task: string): StoredTask {
    const found = this.tasks.get(this.getIncident(incident).name)?.get(task);
    if (!found) throw notFound(`Task '${task}'`);
    return found;
  }

  listComments(incident: string): StoredComment[] {
    return [...(this.comments.get(this.getIncident(incident).name)?.values() ?? [])];
  }

  getComment(incident: string, comment: string): StoredComment {
    const found = this.comments.get(this.getIncident(incident).name)?.get(comment);
    if (!found) throw notFound(`Comment '${comment}'`);
    return found;
  }

  private checkPreconditions(existing: { etag: string } | undefined, what: string, options: ChangeOptions): void {
    if (options.ifNoneMatch !== undefined && existing && (options.ifNoneMatch.trim() === '*' || bareEtag(options.ifNoneMatch) === bareEtag(existing.etag))) {
      throw preconditionFailed(`${what} already exists.`);
    }
    if (options.ifMatch !== undefined) {
      if (!existing) throw preconditionFailed(`${what} does not exist.`);
      if (options.ifMatch.trim() !== '*' && bareEtag(options.ifMatch) !== bareEtag(existing.etag)) {
        throw preconditionFailed(`The etag of ${what} does not match: it was changed by someone else. Read it again and retry.`);
      }
    }
    if (options.bodyEtag !== undefined && existing && bareEtag(options.bodyEtag) !== bareEtag(existing.etag)) {
      throw preconditionFailed(`The etag in the body does not match the current etag of ${what}.`);
    }
  }

  /** The audit record for the incident's state after `ops`, optionally showing a deleted task once. */
  private commit(incident: StoredIncident, ops: StateOp[], at: string, options: ChangeOptions, deleted?: AuditTask): void {
    // The state after `ops`, computed before applying them: nothing is visible until it is on disk.
    const tasks = new Map(this.tasks.get(incident.name) ?? []);
    const comments = new Map(this.comments.get(incident.name) ?? []);
    for (const op of ops) {
      if (op.op === 'putTask') tasks.set(op.task.name, op.task);
      if (op.op === 'deleteTask') tasks.delete(op.task);
      if (op.op === 'putComment') comments.set(op.comment.name, op.comment);
      if (op.op === 'deleteComment') comments.delete(op.comment);
    }
    const taskEntries: AuditTask[] = [...tasks.values()].map((task) => ({ task }));
    if (deleted) taskEntries.push(deleted);
    const record = buildAuditRecord(this.workspace, incident, taskEntries, [...comments.values()], { at, by: options.actor });
    const locations = this.journal.append({ ops, audit: [{ incidentNumber: incident.properties.incidentNumber, timeMs: Date.parse(at), record }] }, { sync: options.sync });
    for (const op of ops) this.apply(op);
    for (const loc of locations) this.auditTable.add(loc);
  }

  /** The incident after a change to one of its tasks or comments: modified now, new etag. */
  private touched(incident: StoredIncident, at: string): StoredIncident {
    return {
      ...incident,
      etag: newEtag(),
      firstModifiedTime: incident.firstModifiedTime ?? at,
      properties: { ...incident.properties, lastModifiedTimeUtc: at },
    };
  }

  putIncident(name: string, props: WritableIncident, options: ChangeOptions): { incident: StoredIncident; created: boolean } {
    const existing = this.findIncident(name);
    this.checkPreconditions(existing, `Incident '${name}'`, options);
    const at = this.stamp(options.at);
    const number = existing?.properties.incidentNumber ?? this.lastNumber + 1;
    const closing = props.status === 'Closed' && existing?.properties.status !== 'Closed';
    const incident: StoredIncident = {
      name: existing?.name ?? name,
      etag: newEtag(),
      properties: {
        ...props,
        labels: (props.labels ?? []).map((l) => ({ labelName: l.labelName, labelType: l.labelType ?? 'User' })),
        incidentNumber: number,
        createdTimeUtc: existing?.properties.createdTimeUtc ?? at,
        lastModifiedTimeUtc: at,
        providerName: 'Azure Sentinel',
        providerIncidentId: String(number),
        relatedAnalyticRuleIds: existing?.properties.relatedAnalyticRuleIds ?? [],
      },
      firstModifiedTime: existing ? (existing.firstModifiedTime ?? at) : undefined,
      closedTime: closing ? at : existing?.closedTime,
    };
    this.commit(incident, [{ op: 'putIncident', incident }], at, options);
    return { incident, created: !existing };
  }

  deleteIncident(name: string): boolean {
    const existing = this.findIncident(name);
    if (!existing) return false;
    // Sentinel keeps the audit trail of a deleted incident; no new record is written.
    this.journal.append({ ops: [{ op: 'deleteIncident', name: existing.name }], audit: [] });
    this.apply({ op: 'deleteIncident', name: existing.name });
    return true;
  }

  putTask(
    incidentName: string,
    name: string,
    input: { title: string; description?: string; status: IncidentTaskStatus },
    options: ChangeOptions,
  ): { task: StoredTask; created: boolean } {
    const incident = this.getIncident(incidentName);
    const existing = this.tasks.get(incident.name)?.get(name);
    this.checkPreconditions(existing, `Task '${name}'`, options);
    const at = this.stamp(options.at);
    const completing = input.status === 'Completed' && existing?.status !== 'Completed';
    const task: StoredTask = {
      name,
      etag: newEtag(),
      title: input.title,
      description: input.description,
      status: input.status,
      createdTimeUtc: existing?.createdTimeUtc ?? at,
      lastModifiedTimeUtc: at,
      lastCompletedTimeUtc: completing ? at : existing?.lastCompletedTimeUtc,
      createdBy: existing?.createdBy ?? options.actor,
      lastModifiedBy: options.actor,
    };
    const updated = this.touched(incident, at);
    this.commit(updated, [{ op: 'putIncident', incident: updated }, { op: 'putTask', incident: incident.name, task }], at, options);
    return { task, created: !existing };
  }

  deleteTask(incidentName: string, name: string, options: ChangeOptions): boolean {
    const incident = this.getIncident(incidentName);
    const existing = this.tasks.get(incident.name)?.get(name);
    if (!existing) return false;
    const at = this.stamp(options.at);
    const updated = this.touched(incident, at);
    // The deletion record is the one place the deleted task still appears, as Deleted.
    this.commit(updated, [{ op: 'putIncident', incident: updated }, { op: 'deleteTask', incident: incident.name, task: name }], at, options, {
      task: existing,
      deleted: { at, by: options.actor },
    });
    return true;
  }

  putComment(incidentName: string, name: string, message: string, options: ChangeOptions): { comment: StoredComment; created: boolean } {
    const incident = this.getIncident(incidentName);
    const existing = this.comments.get(incident.name)?.get(name);
    this.checkPreconditions(existing, `Comment '${name}'`, options);
    const at = this.stamp(options.at);
    const comment: StoredComment = {
      name,
      etag: newEtag(),
      message,
      createdTimeUtc: existing?.createdTimeUtc ?? at,
      lastModifiedTimeUtc: at,
      author: existing?.author ?? options.actor,
    };
    const updated = this.touched(incident, at);
    this.commit(updated, [{ op: 'putIncident', incident: updated }, { op: 'putComment', incident: incident.name, comment }], at, options);
    return { comment, created: !existing };
  }

  deleteComment(incidentName: string, name: string, options: ChangeOptions): boolean {
    const incident = this.getIncident(incidentName);
    if (!this.comments.get(incident.name)?.has(name)) return false;
    const at = this.stamp(options.at);
    const updated = this.touched(incident, at);
    this.commit(updated, [{ op: 'putIncident', incident: updated }, { op: 'deleteComment', incident: incident.name, comment: name }], at, options);
    return true;
  }

  /** Numbering continues after `last` (a workspace that already had incidents). */
  setLastIncidentNumber(last: number): void {
    const op: StateOp = { op: 'numbering', last };
    this.journal.append({ ops: [op], audit: [] });
    this.apply(op);
  }

  /** Fault injection: behave as if another writer had just changed the incident. */
  bumpEtag(incidentName: string): void {
    const incident = this.findIncident(incidentName);
    if (!incident) return;
    const bumped = { ...incident, etag: newEtag() };
    this.journal.append({ ops: [{ op: 'putIncident', incident: bumped }], audit: [] });
    this.apply({ op: 'putIncident', incident: bumped });
  }
}
