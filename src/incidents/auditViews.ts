/**
 * Answers read from the SecurityIncident audit table: an incident's current tasks, a
 * person's queue, the history of an incident's tasks, and closed incidents with loose ends.
 */
import { kqlInt, kqlString } from '../sentinel/kqlLiterals';
import { UserError } from './errors';
import type { AuditQueryApi } from './ports';
import { historyFromRecords, type TaskHistoryEntry } from './taskHistory';
import type { IncidentTasks, Severity, Status } from './types';
import { tasksFromAudit } from './views';

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

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function ownerName(owner: unknown): string | undefined {
  if (typeof owner !== 'object' || owner === null) return undefined;
  const o = owner as Record<string, unknown>;
  return str(o.assignedTo) ?? str(o.userPrincipalName) ?? str(o.email);
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
    const owner = typeof row.Owner === 'object' && row.Owner !== null ? (row.Owner as Record<string, unknown>) : {};
    const name = ownerName(owner);
    return {
      incident: {
        id: String(row.IncidentName ?? ''),
        number: incidentNumber,
        title: String(row.Title ?? ''),
        status: (str(row.Status) ?? 'New') as Status,
        severity: (str(row.Severity) ?? 'Medium') as Severity,
        owner: name ? { name, objectId: str(owner.objectId) } : undefined,
      },
      tasks: tasksFromAudit(row.Tasks),
      asOf: str(row.TimeGenerated),
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
    return rows.map((r) => ({
      number: Number(r.IncidentNumber),
      title: String(r.Title ?? ''),
      severity: (str(r.Severity) ?? 'Medium') as Severity,
      status: (str(r.Status) ?? 'New') as Status,
      createdTime: str(r.CreatedTime),
    }));
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
    return { title: String(rows.at(-1)?.Title ?? ''), entries: historyFromRecords(rows) };
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
