/**
 * Answers read from the SecurityIncident audit table: an incident's current tasks, a
 * person's queue, the history of an incident's tasks, and closed incidents with loose ends.
 *
 * Log Analytics ingests an audit record some time (seconds to minutes) after the change, so
 * right after a change the table still shows the state before it. Where the answer must be
 * current (an incident's tasks, a person's queue, loose ends) the ARM API, which is never
 * behind, is read alongside (readBack.ts): its state wins where it is newer, and the card
 * says so. The task history is the audit table's alone.
 */
import type { Incident } from '../sentinel/types';
import { kqlInt, kqlString } from '../sentinel/kqlLiterals';
import { UserError } from './errors';
import type { AuditQueryApi, IncidentsApi } from './ports';
import { armIsAhead, ReadBack } from './readBack';
import { isServiceError } from './serviceErrors';
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

export interface AuditViewsOptions {
  /** The ARM side, to read back what the audit table has not ingested yet. */
  live?: IncidentsApi;
  now?: () => Date;
}

export class AuditViews {
  private readonly live?: ReadBack;

  constructor(
    private readonly auditLog: AuditQueryApi,
    private readonly lookback: string,
    options: AuditViewsOptions = {},
  ) {
    this.live = options.live ? new ReadBack(options.live, options.now) : undefined;
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
      '| project IncidentNumber, IncidentName, Title, Severity, Status, Owner, Tasks, LastModifiedTime, TimeGenerated',
    ].join('\n');
    const [audit, live] = await Promise.allSettled([this.auditLog.query(q, { timespan: this.lookback }), this.readLive(incidentNumber)]);
    const row = audit.status === 'fulfilled' ? audit.value.rows[0] : undefined;
    const incident = live.status === 'fulfilled' ? live.value : undefined;
    // Log Analytics failing is reported as such, not hidden behind a second source.
    if (audit.status === 'rejected') throw audit.reason;
    if (incident && this.live && armIsAhead(incident, row?.LastModifiedTime)) return this.live.tasksOf(incident);
    if (!row) {
      if (live.status === 'rejected' && !isServiceError(live.reason, 'NOT_FOUND')) throw live.reason;
      throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber });
    }
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
      source: 'audit',
    };
  }

  private async readLive(incidentNumber: number): Promise<Incident | undefined> {
    return this.live ? this.live.incidentByNumber(incidentNumber) : undefined;
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
    for (const r of rows) {
      items.set(Number(r.IncidentNumber), {
        number: Number(r.IncidentNumber),
        title: String(r.Title ?? ''),
        severity: (str(r.Severity) ?? 'Medium') as Severity,
        status: (str(r.Status) ?? 'New') as Status,
        createdTime: str(r.CreatedTime),
      });
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
      '| project TimeGenerated, Title, ModifiedBy, Tasks',
    ].join('\n');
    // Only the audit table knows the history: skip the service's 2-minute result cache.
    const { rows } = await this.auditLog.query(q, { timespan: this.lookback, fresh: true });
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
      "| project TaskTitle = tostring(Task.title), TaskCreator = tostring(Task.createdBy.name), createdTimeUtc = tostring(Task.createdTimeUtc), IncidentNumber, IncidentTitle = Title, IncidentOwner = tostring(Owner.userPrincipalName), OwnerName = tostring(Owner.assignedTo)",
      '| sort by IncidentNumber desc',
    ].join('\n');
    const [{ rows }, recent] = await Promise.all([this.auditLog.query(q, { timespan: this.lookback }), this.recentlyChanged()]);
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
    await this.live?.correctLooseEnds(byIncident, recent);
    return [...byIncident.values()].sort((a, b) => b.incidentNumber - a.incidentNumber);
  }
}
