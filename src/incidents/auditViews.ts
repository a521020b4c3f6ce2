/**
 * Answers read from the SecurityIncident audit table: an incident's current tasks, a
 * person's queue, the history of an incident's tasks, and closed incidents with loose ends.
 *
 * Log Analytics ingests an audit record some time (seconds to minutes) after the change, so
 * right after a change the table still shows the state before it. Where the answer must be
 * current (an incident's tasks, a person's queue, loose ends) the ARM API, which is never
 * behind, is consulted too (readBack.ts): its state wins where it is newer, and the card
 * says so. An incident's tasks cost one query: ARM is asked only about an incident this bot
 * changed within the ingestion lag, or one the table does not know yet. The task history is
 * the audit table's alone.
 */
import type { Incident } from '../sentinel/types';
import { kqlInt, kqlString } from '../sentinel/kqlLiterals';
import { UserError } from './errors';
import { readAuditRecord, readLooseEndRow, type AuditTask } from './auditRecord';
import type { AuditQueryApi, IncidentsApi } from './ports';
import { armIsAhead, ReadBack } from './readBack';
import { isServiceError } from './serviceErrors';
import { namePeople, type AttributionComment } from './taskAttribution';
import { historyFromRecords, type TaskHistoryEntry } from './taskHistory';
import type { IncidentTasks, Severity, Status, TaskView } from './types';

export interface QueueItem {
  number: number;
  title: string;
  severity: Severity;
  status: Status;
  createdTime?: string;
}

export interface LooseEnd {
  incidentNumber: number;
  incidentTitle: string;
  owner?: string;
  tasks: Array<{ title: string; createdBy?: string; createdTime?: string }>;
}

/** Tasks of one audit record; deleted tasks are history, not work, so they are left out. */
export function openAndDoneTasks(tasks: readonly AuditTask[], comments: readonly AttributionComment[] = []): TaskView[] {
  const recorded = tasks
    .filter((t) => t.status !== 'Deleted')
    .map((t) => {
      const completed = t.status === 'Completed';
      const view: TaskView = {
        taskId: t.taskId,
        title: t.title,
        status: completed ? 'Completed' : 'New',
        createdBy: t.createdBy,
        createdTime: t.createdTime,
        completedTime: completed ? (t.completedTime ?? t.modifiedTime) : undefined,
        completedBy: completed ? t.modifiedBy : undefined,
      };
      return { view, creator: t.creator, modifier: t.modifier };
    });
  return namePeople(recorded, comments);
}

/** What the incidents service knows: the incident by number (name kept), and what this bot just changed. */
export interface KnownIncidents {
  resolve(incidentNumber: number): Promise<Incident>;
  changedRecently(incidentNumber: number): boolean;
  /** Attribution comments this bot queued lately for the incident (by its name). */
  recentAttributions?(incidentId: string): AttributionComment[];
}

export interface AuditViewsOptions {
  /** The ARM side, to read back what the audit table has not ingested yet. */
  live?: IncidentsApi;
  /** Which incidents this bot changed lately, and their names; without it ARM is asked every time. */
  known?: KnownIncidents;
  now?: () => Date;
}

export class AuditViews {
  private readonly live?: ReadBack;
  private readonly known?: KnownIncidents;

  constructor(
    private readonly auditLog: AuditQueryApi,
    private readonly lookback: string,
    options: AuditViewsOptions = {},
  ) {
    this.live = options.live ? new ReadBack(options.live, options.now) : undefined;
    this.known = options.known;
  }

  /**
   * The incident's current tasks: from its latest audit record, or from the ARM API when
   * Sentinel has changed the incident since that record (or there is no record yet).
   */
  async getTasks(incidentNumber: number): Promise<IncidentTasks> {
    const q = [
      'SecurityIncident',
      `| where IncidentNumber == ${kqlInt(incidentNumber)}`,
      '| summarize arg_max(TimeGenerated, *) by IncidentNumber',
      // Comments in the same query: they name the person behind a task change the bot's app identity made.
      '| project IncidentNumber, IncidentName, Title, Severity, Status, Owner, Tasks, Comments, LastModifiedTime, TimeGenerated',
    ].join('\n');
    const row = (await this.auditLog.query(q, { timespan: this.lookback })).rows[0];
    const record = row ? readAuditRecord(row) : undefined;
    if (this.live && (!record || !this.known || this.known.changedRecently(incidentNumber))) {
      const incident = await this.readLive(incidentNumber, record !== undefined);
      if (incident && armIsAhead(incident, record?.lastModifiedTime)) {
        // The record is older than ARM: the comments naming the latest changes are likely in this process's memory only.
        const remembered = this.known?.recentAttributions?.(incident.name) ?? [];
        return this.live.tasksOf(incident, [...(record?.comments ?? []), ...remembered]);
      }
    }
    if (!record) throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber });
    return {
      incident: {
        id: record.incidentName,
        number: incidentNumber,
        title: record.title,
        status: record.status,
        severity: record.severity,
        owner: record.owner ? { name: record.owner.name, objectId: record.owner.objectId } : undefined,
      },
      tasks: openAndDoneTasks(record.tasks, record.comments),
      asOf: record.timeGenerated,
      source: 'audit',
    };
  }

  /** The incident from ARM; undefined when ARM does not know it. With an audit record, ARM failing does not fail the answer. */
  private async readLive(incidentNumber: number, haveRecord: boolean): Promise<Incident | undefined> {
    try {
      return this.known ? await this.known.resolve(incidentNumber) : await this.live?.incidentByNumber(incidentNumber);
    } catch (err) {
      if (haveRecord || isServiceError(err, 'NOT_FOUND') || (err instanceof UserError && err.code === 'INCIDENT_NOT_FOUND')) return undefined;
      throw err;
    }
  }

  /**
   * Open incidents owned by this person, newest first: the audit table's answer, corrected
   * by what ARM says of the incidents changed within the ingestion lag (an incident just
   * assigned to them is in; one just closed or handed on is out).
   */
  async myIncidents(objectId: string): Promise<QueueItem[]> {
    const q = [
      'SecurityIncident',
      '| summarize arg_max(TimeGenerated, *) by IncidentNumber',
      `| where Status in ('New', 'Active') and tostring(Owner.objectId) =~ ${kqlString(objectId)}`,
      '| sort by CreatedTime desc',
      '| project IncidentNumber, Title, Severity, Status, CreatedTime',
    ].join('\n');
    const [{ rows }, recent] = await Promise.all([this.auditLog.query(q, { timespan: this.lookback }), this.recentlyChanged()]);
    const items = new Map<number, QueueItem>();
    for (const r of rows.map(readAuditRecord)) {
      items.set(r.incidentNumber, { number: r.incidentNumber, title: r.title, severity: r.severity, status: r.status, createdTime: r.createdTime });
    }
    this.live?.correctQueue(items, recent, objectId);
    return [...items.values()].sort((a, b) => (b.createdTime ?? '').localeCompare(a.createdTime ?? '') || b.number - a.number);
  }

  private async recentlyChanged(): Promise<Incident[]> {
    return this.live ? this.live.recentlyChanged() : [];
  }

  /** Every record of the incident, oldest first, turned into a timeline of task changes. */
  async taskHistory(incidentNumber: number): Promise<{ title: string; entries: TaskHistoryEntry[] }> {
    const q = [
      'SecurityIncident',
      `| where IncidentNumber == ${kqlInt(incidentNumber)}`,
      '| sort by TimeGenerated asc',
      '| project TimeGenerated, Title, ModifiedBy, Tasks, Comments',
    ].join('\n');
    // Only the audit table knows the history: skip the service's 2-minute result cache.
    const { rows } = await this.auditLog.query(q, { timespan: this.lookback, fresh: true });
    if (rows.length === 0) throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber });
    const records = rows.map(readAuditRecord);
    return { title: records.at(-1)?.title ?? '', entries: historyFromRecords(records) };
  }

  /**
   * Closed incidents whose tasks are not all Completed or Deleted: the question the last
   * query of Microsoft's "audit and track incident tasks" article answers.
   */
  async looseEnds(): Promise<LooseEnd[]> {
    const q = [
      'SecurityIncident',
      '| summarize arg_max(TimeGenerated, *) by IncidentNumber',
      "| where Status == 'Closed'",
      '| mv-expand Task = Tasks',
      // Typed columns instead of the article's bag_unpack: bag_unpack takes its columns from the
      // data, so with no closed incident holding tasks `taskId` would not resolve and Log
      // Analytics (and the emulator) would refuse the whole query.
      '| extend taskId = tostring(Task.taskId), TaskStatus = tostring(Task.status), lastModifiedTimeUtc = todatetime(Task.lastModifiedTimeUtc)',
      '| where isnotempty(taskId)',
      '| summarize arg_max(lastModifiedTimeUtc, *) by taskId',
      "| where TaskStatus !in ('Completed', 'Deleted')",
      "| project TaskTitle = tostring(Task['title']), TaskCreator = tostring(Task.createdBy.name), createdTimeUtc = tostring(Task.createdTimeUtc), IncidentNumber, IncidentTitle = Title, IncidentOwner = tostring(Owner.userPrincipalName), OwnerName = tostring(Owner.assignedTo)",
      '| sort by IncidentNumber desc',
    ].join('\n');
    const [{ rows }, recent] = await Promise.all([this.auditLog.query(q, { timespan: this.lookback }), this.recentlyChanged()]);
    const byIncident = new Map<number, LooseEnd>();
    for (const r of rows.map(readLooseEndRow)) {
      let entry = byIncident.get(r.incidentNumber);
      if (!entry) {
        entry = { incidentNumber: r.incidentNumber, incidentTitle: r.incidentTitle, owner: r.owner, tasks: [] };
        byIncident.set(r.incidentNumber, entry);
      }
      entry.tasks.push(r.task);
    }
    await this.live?.correctLooseEnds(byIncident, recent);
    return [...byIncident.values()].sort((a, b) => b.incidentNumber - a.incidentNumber);
  }
}
