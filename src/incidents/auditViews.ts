/**
 * Answers read from the SecurityIncident audit table: an incident's current tasks, a
 * person's queue, the history of an incident's tasks, and closed incidents with loose ends.
 */
import { kqlInt, kqlString } from '../sentinel/kqlLiterals';
import { UserError } from './errors';
import type { AuditQueryApi } from './ports';
import { readAuditRecord, str, type AuditTask } from './auditRecord';
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
export function openAndDoneTasks(tasks: readonly AuditTask[]): TaskView[] {
  return tasks
    .filter((t) => t.status !== 'Deleted')
    .map((t) => {
      const completed = t.status === 'Completed';
      return {
        taskId: t.taskId,
        title: t.title,
        status: completed ? 'Completed' : 'New',
        createdBy: t.createdBy,
        createdTime: t.createdTime,
        completedTime: completed ? (t.completedTime ?? t.modifiedTime) : undefined,
        completedBy: completed ? t.modifiedBy : undefined,
      };
    });
}

export class AuditViews {
  constructor(
    private readonly auditLog: AuditQueryApi,
    private readonly lookback: string,
  ) {}

  /** The latest record of the incident: its tasks as Sentinel last recorded them. */
  async getTasks(incidentNumber: number): Promise<IncidentTasks> {
    const q = [
      'SecurityIncident',
      `| where IncidentNumber == ${kqlInt(incidentNumber)}`,
      '| summarize arg_max(TimeGenerated, *) by IncidentNumber',
      '| project IncidentNumber, IncidentName, Title, Severity, Status, Owner, Tasks, TimeGenerated',
    ].join('\n');
    const row = (await this.auditLog.query(q, { timespan: this.lookback })).rows[0];
    if (!row) throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber });
    const r = readAuditRecord(row);
    return {
      incident: {
        id: r.incidentName,
        number: incidentNumber,
        title: r.title,
        status: r.status,
        severity: r.severity,
        owner: r.owner ? { name: r.owner.name, objectId: r.owner.objectId } : undefined,
      },
      tasks: openAndDoneTasks(r.tasks),
      asOf: r.timeGenerated,
    };
  }

  /** Open incidents owned by this person, newest first. */
  async myIncidents(objectId: string): Promise<QueueItem[]> {
    const q = [
      'SecurityIncident',
      '| summarize arg_max(TimeGenerated, *) by IncidentNumber',
      `| where Status in ('New', 'Active') and tostring(Owner.objectId) =~ ${kqlString(objectId)}`,
      '| sort by CreatedTime desc',
      '| project IncidentNumber, Title, Severity, Status, CreatedTime',
    ].join('\n');
    const { rows } = await this.auditLog.query(q, { timespan: this.lookback });
    return rows.map(readAuditRecord).map((r) => ({ number: r.incidentNumber, title: r.title, severity: r.severity, status: r.status, createdTime: r.createdTime }));
  }

  /** Every record of the incident, oldest first, turned into a timeline of task changes. */
  async taskHistory(incidentNumber: number): Promise<{ title: string; entries: TaskHistoryEntry[] }> {
    const q = [
      'SecurityIncident',
      `| where IncidentNumber == ${kqlInt(incidentNumber)}`,
      '| sort by TimeGenerated asc',
      '| project TimeGenerated, Title, ModifiedBy, Tasks',
    ].join('\n');
    const { rows } = await this.auditLog.query(q, { timespan: this.lookback });
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
      "| project TaskTitle = tostring(Task.title), TaskCreator = tostring(Task.createdBy.name), createdTimeUtc = tostring(Task.createdTimeUtc), IncidentNumber, IncidentTitle = Title, IncidentOwner = tostring(Owner.userPrincipalName), OwnerName = tostring(Owner.assignedTo)",
      '| sort by IncidentNumber desc',
    ].join('\n');
    const { rows } = await this.auditLog.query(q, { timespan: this.lookback });
    const byIncident = new Map<number, LooseEnd>();
    for (const r of rows) {
      const n = Number(r.IncidentNumber);
      let entry = byIncident.get(n);
      if (!entry) {
        entry = { incidentNumber: n, incidentTitle: String(r.IncidentTitle ?? ''), owner: str(r.OwnerName) ?? str(r.IncidentOwner), tasks: [] };
        byIncident.set(n, entry);
      }
      entry.tasks.push({ title: String(r.TaskTitle ?? ''), createdBy: str(r.TaskCreator), createdTime: str(r.createdTimeUtc) });
    }
    return [...byIncident.values()];
  }
}
