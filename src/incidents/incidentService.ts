/**
 * The domain rules the bot relies on: idempotent creation, read-modify-write updates that
 * never overwrite someone else's change, and task status from the audit table.
 */
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import type { Incident, IncidentInput, IncidentOwnerInfo } from '../sentinel/types';
import { latestRecordQuery } from './auditQueries';
import { UserError } from './errors';
import { isServiceError } from './serviceErrors';
import { incidentIdForSubmission } from './incidentId';
import type { AuditQueryApi, IncidentsApi } from './ports';
import type { IncidentDraft, IncidentTasks, IncidentView, Person } from './types';
import { incidentView, tasksFromAudit, writableInput } from './views';

export interface IncidentServiceOptions {
  incidents: IncidentsApi;
  auditLog: AuditQueryApi;
  /** ISO 8601 duration: how far back the audit table is searched. */
  auditLookback: string;
  logger?: Logger;
}

export interface CreateResult {
  incident: IncidentView;
  /** False when this submission had already created the incident (a retry or double click). */
  created: boolean;
}

export function ownerInfo(person: Person): IncidentOwnerInfo {
  return {
    objectId: person.objectId,
    assignedTo: person.name || undefined,
    userPrincipalName: person.userPrincipalName,
    email: person.email,
    ownerType: 'User',
  };
}

export class IncidentService {
  private readonly incidents: IncidentsApi;
  private readonly auditLog: AuditQueryApi;
  private readonly auditLookback: string;
  private readonly logger: Logger;

  constructor(options: IncidentServiceOptions) {
    this.incidents = options.incidents;
    this.auditLog = options.auditLog;
    this.auditLookback = options.auditLookback;
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Creates the incident for one submission. `submissionKey` identifies the submission
   * (sender and card); the same key always yields the same incident, created once.
   * `reporter` is needed only when the draft assigns the incident to "me".
   */
  async createIncident(draft: IncidentDraft, submissionKey: string, reporter?: Person): Promise<CreateResult> {
    const incidentId = incidentIdForSubmission(submissionKey);
    let owner: IncidentOwnerInfo | undefined;
    if (draft.owner === 'me') {
      if (!reporter) throw new UserError('INVALID_IDENTITY');
      owner = ownerInfo(reporter);
    } else if (draft.owner !== 'none') {
      owner = ownerInfo(draft.owner);
    }
    const input: IncidentInput = {
      properties: {
        title: draft.title,
        description: draft.description || undefined,
        severity: draft.severity,
        status: draft.status,
        classification: draft.closure?.classification,
        classificationReason: draft.closure?.classificationReason,
        classificationComment: draft.closure?.classificationComment,
        owner,
        labels: draft.tags.map((labelName) => ({ labelName, labelType: 'User' as const })),
      },
    };
    try {
      // If-None-Match: * makes the PUT create-only, so a repeated submission cannot
      // overwrite changes made to the incident since it was first created.
      const { incident, created } = await this.incidents.createOrUpdateIncident(incidentId, input, { ifNoneMatch: '*' });
      this.logger.info({ incidentId, incidentNumber: incident.properties.incidentNumber, created }, 'incident created');
      return { incident: incidentView(incident), created };
    } catch (err) {
      if (!isServiceError(err, 'PRECONDITION_FAILED')) throw err;
      const existing = await this.incidents.getIncident(incidentId);
      this.logger.info({ incidentId }, 'repeated submission: incident already exists');
      return { incident: incidentView(existing), created: false };
    }
  }

  /** Looks a submission up without creating anything (for a Create click on an expired card). */
  async findSubmitted(submissionKey: string): Promise<IncidentView | undefined> {
    try {
      return incidentView(await this.incidents.getIncident(incidentIdForSubmission(submissionKey)));
    } catch (err) {
      if (isServiceError(err, 'NOT_FOUND')) return undefined;
      throw err;
    }
  }

  async getIncident(incidentNumber: number): Promise<IncidentView> {
    return incidentView(await this.fetchByNumber(incidentNumber));
  }

  async assign(incidentNumber: number, person: Person): Promise<{ incident: IncidentView; changed: boolean }> {
    return this.update(incidentNumber, {
      isDone: (p) => p.owner?.objectId?.toLowerCase() === person.objectId.toLowerCase(),
      apply: (input) => ({ ...input, properties: { ...input.properties, owner: ownerInfo(person) } }),
      fieldOf: (p) => p.owner?.objectId ?? '',
    });
  }

  async getTasks(incidentNumber: number): Promise<IncidentTasks> {
    const table = await this.auditLog.query(latestRecordQuery(incidentNumber), { timespan: this.auditLookback });
    const row = table.rows[0];
    if (!row) throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber });
    const owner = typeof row.Owner === 'object' && row.Owner !== null ? (row.Owner as Record<string, unknown>) : {};
    const ownerName = [owner.assignedTo, owner.userPrincipalName, owner.email].find((v): v is string => typeof v === 'string' && v !== '');
    const view = incidentView({
      id: '',
      name: String(row.IncidentName ?? ''),
      type: 'Microsoft.SecurityInsights/incidents',
      properties: {
        title: String(row.Title ?? ''),
        severity: row.Severity as IncidentView['severity'],
        status: row.Status as IncidentView['status'],
        incidentNumber,
        owner: ownerName ? { assignedTo: ownerName, objectId: typeof owner.objectId === 'string' ? owner.objectId : undefined } : undefined,
      },
    });
    return {
      incident: { id: view.id, number: incidentNumber, title: view.title, status: view.status, severity: view.severity, owner: view.owner },
      tasks: tasksFromAudit(row.Tasks),
      asOf: typeof row.TimeGenerated === 'string' ? row.TimeGenerated : undefined,
    };
  }

  private async fetchByNumber(incidentNumber: number): Promise<Incident> {
    try {
      return await this.incidents.getIncidentByNumber(incidentNumber);
    } catch (err) {
      if (isServiceError(err, 'NOT_FOUND')) throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber }, { cause: err });
      throw err;
    }
  }

  /**
   * Read-modify-write with the etag. On a 412 the change is re-applied to fresh data once,
   * but only if the other writer did not touch the same field: then their change wins and
   * the person is told, rather than silently overwriting it.
   */
  private async update(
    incidentNumber: number,
    change: {
      isDone: (p: Incident['properties']) => boolean;
      apply: (input: IncidentInput) => IncidentInput;
      fieldOf: (p: Incident['properties']) => string;
    },
  ): Promise<{ incident: IncidentView; changed: boolean }> {
    let current = await this.fetchByNumber(incidentNumber);
    const fieldBefore = change.fieldOf(current.properties);
    for (let attempt = 0; ; attempt++) {
      if (change.isDone(current.properties)) return { incident: incidentView(current), changed: false };
      try {
        const input = change.apply(writableInput(current));
        const { incident } = await this.incidents.createOrUpdateIncident(current.name, input, { ifMatch: current.etag });
        return { incident: incidentView(incident), changed: true };
      } catch (err) {
        if (!isServiceError(err, 'PRECONDITION_FAILED') || attempt >= 1) {
          if (isServiceError(err, 'PRECONDITION_FAILED')) throw new UserError('CONFLICT', { incidentNumber }, { cause: err });
          throw err;
        }
        current = await this.fetchByNumber(incidentNumber);
        if (change.fieldOf(current.properties) !== fieldBefore && !change.isDone(current.properties)) {
          throw new UserError('CONFLICT', { incidentNumber }, { cause: err });
        }
      }
    }
  }
}
