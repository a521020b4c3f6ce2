/**
 * The domain rules for incidents: idempotent creation, and read-modify-write changes
 * (owner, severity, status, closing) that never overwrite someone else's change. Every
 * change is followed by an attribution comment naming the person who made it in Teams.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import type { Incident, IncidentInput, IncidentOwnerInfo } from '../sentinel/types';
import { attribute, attributionText, signedComment } from './attribution';
import { UserError } from './errors';
import { incidentIdForSubmission } from './incidentId';
import { LIMITS } from './limits';
import type { IncidentsApi } from './ports';
import { isServiceError } from './serviceErrors';
import { cleanText, isBlank, visibleLength } from './text';
import type { Closure, IncidentDraft, IncidentView, Person, Severity, Status } from './types';
import { incidentView, writableInput } from './views';

export interface CreateResult {
  incident: IncidentView;
  /** False when this submission had already created the incident (a retry or double click). */
  created: boolean;
}

export interface ChangeResult {
  incident: IncidentView;
  changed: boolean;
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

interface Change {
  isDone(p: Incident['properties']): boolean;
  apply(input: IncidentInput): IncidentInput;
  /** The field this change writes: if another writer changed it meanwhile, theirs wins. */
  fieldOf(p: Incident['properties']): string;
  /** What the field holds now (a clause), for telling the person what someone else did. */
  describe(p: Incident['properties']): string;
  attribution: string;
}

function ownerPhrase(p: Incident['properties']): string {
  const o = p.owner;
  const name = o?.assignedTo || o?.userPrincipalName || o?.email || o?.objectId;
  return name ? `it is now assigned to ${name}` : 'it is now unassigned';
}

function whenChanged(p: Incident['properties']): string {
  const t = p.lastModifiedTimeUtc ? new Date(p.lastModifiedTimeUtc) : undefined;
  return t && !Number.isNaN(t.getTime()) ? ` (changed ${t.toISOString().slice(11, 16)} UTC)` : '';
}

export class IncidentService {
  private readonly logger: Logger;

  constructor(
    private readonly api: IncidentsApi,
    logger?: Logger,
  ) {
    this.logger = logger ?? silentLogger;
  }

  /**
   * Creates the incident for one submission. `submissionKey` identifies the submission
   * (sender and card); the same key always yields the same incident, created once.
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
      // If-None-Match: * makes the PUT create-only: a repeated submission can never
      // overwrite changes made to the incident since it was first created.
      const { incident, created } = await this.api.createOrUpdateIncident(incidentId, input, { ifNoneMatch: '*' });
      this.logger.info({ incidentId, incidentNumber: incident.properties.incidentNumber, created }, 'incident created');
      if (reporter) await attribute(this.api, incident.name, attributionText.reported(reporter), this.logger);
      return { incident: incidentView(incident), created };
    } catch (err) {
      if (!isServiceError(err, 'PRECONDITION_FAILED')) throw err;
      const existing = await this.api.getIncident(incidentId);
      this.logger.info({ incidentId }, 'repeated submission: the incident already exists');
      return { incident: incidentView(existing), created: false };
    }
  }

  /** Looks a submission up without creating anything (a Create press on an expired card). */
  async findSubmitted(submissionKey: string): Promise<IncidentView | undefined> {
    try {
      return incidentView(await this.api.getIncident(incidentIdForSubmission(submissionKey)));
    } catch (err) {
      if (isServiceError(err, 'NOT_FOUND')) return undefined;
      throw err;
    }
  }

  async getIncident(incidentNumber: number): Promise<IncidentView> {
    return incidentView(await this.fetchByNumber(incidentNumber));
  }

  /** The incident's ARM name, for calls addressed by name (tasks, comments). */
  async resolve(incidentNumber: number): Promise<Incident> {
    return this.fetchByNumber(incidentNumber);
  }

  assign(incidentNumber: number, owner: Person, actor: Person = owner): Promise<ChangeResult> {
    return this.update(incidentNumber, {
      isDone: (p) => p.owner?.objectId?.toLowerCase() === owner.objectId.toLowerCase(),
      apply: (input) => ({ ...input, properties: { ...input.properties, owner: ownerInfo(owner) } }),
      fieldOf: (p) => p.owner?.objectId ?? '',
      describe: ownerPhrase,
      attribution: attributionText.assigned(owner, actor),
    });
  }

  setSeverity(incidentNumber: number, severity: Severity, actor: Person): Promise<ChangeResult> {
    return this.update(incidentNumber, {
      isDone: (p) => p.severity === severity,
      apply: (input) => ({ ...input, properties: { ...input.properties, severity } }),
      fieldOf: (p) => p.severity,
      describe: (p) => `its severity is now ${p.severity}`,
      attribution: attributionText.severity(severity, actor),
    }, { refuseClosed: true });
  }

  /** New or Active; reopening a closed incident clears its classification as Sentinel does. */
  setStatus(incidentNumber: number, status: Exclude<Status, 'Closed'>, actor: Person): Promise<ChangeResult> {
    return this.update(incidentNumber, {
      isDone: (p) => p.status === status,
      apply: (input) => ({
        ...input,
        properties: { ...input.properties, status, classification: undefined, classificationReason: undefined, classificationComment: undefined },
      }),
      fieldOf: (p) => p.status,
      describe: (p) => `its status is now ${p.status}`,
      attribution: attributionText.status(status, actor),
    });
  }

  close(incidentNumber: number, closure: Closure, actor: Person): Promise<ChangeResult> {
    const label = closure.classificationReason ? `${closure.classification} (${closure.classificationReason})` : closure.classification;
    return this.update(incidentNumber, {
      isDone: (p) => p.status === 'Closed',
      apply: (input) => ({
        ...input,
        properties: {
          ...input.properties,
          status: 'Closed',
          classification: closure.classification,
          classificationReason: closure.classificationReason,
          classificationComment: closure.classificationComment,
        },
      }),
      fieldOf: (p) => p.status,
      describe: (p) => `its status is now ${p.status}`,
      attribution: attributionText.closed(label, actor),
    });
  }

  /** A person's comment, signed with their name. */
  async comment(incidentNumber: number, text: string, actor: Person): Promise<IncidentView> {
    const message = cleanText(text, { multiline: true });
    if (isBlank(message)) throw new UserError('INVALID_INPUT', { detail: `What should the comment say? For example: comment ${incidentNumber} Called the user, they confirm the sign-in.` });
    if (visibleLength(message) > LIMITS.commentMax - 200) {
      throw new UserError('INVALID_INPUT', { detail: `A comment can have at most ${LIMITS.commentMax - 200} characters (yours has ${visibleLength(message)}).` });
    }
    const incident = await this.fetchByNumber(incidentNumber);
    await this.api.createComment(incident.name, randomUUID(), signedComment(message, actor));
    return incidentView(incident);
  }

  private async fetchByNumber(incidentNumber: number): Promise<Incident> {
    try {
      return await this.api.getIncidentByNumber(incidentNumber);
    } catch (err) {
      if (isServiceError(err, 'NOT_FOUND')) throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber }, { cause: err });
      throw err;
    }
  }

  /**
   * Read-modify-write with the etag. When Sentinel refuses the write because the incident
   * changed since it was read (409 Conflict; 412 from an If-Match precondition), the change
   * is applied again to fresh data, once, but only if the other writer left this field
   * alone; otherwise their change wins and the person is told what it is now.
   */
  private async update(incidentNumber: number, change: Change, options: { refuseClosed?: boolean } = {}): Promise<ChangeResult> {
    let current = await this.fetchByNumber(incidentNumber);
    const fieldBefore = change.fieldOf(current.properties);
    for (let attempt = 0; ; attempt++) {
      if (change.isDone(current.properties)) return { incident: incidentView(current), changed: false };
      if (options.refuseClosed && current.properties.status === 'Closed') throw new UserError('INCIDENT_CLOSED', { incidentNumber });
      try {
        const { incident } = await this.api.createOrUpdateIncident(current.name, change.apply(writableInput(current)), { ifMatch: current.etag });
        await attribute(this.api, incident.name, change.attribution, this.logger);
        return { incident: incidentView(incident), changed: true };
      } catch (err) {
        if (!isServiceError(err, 'CONFLICT') && !isServiceError(err, 'PRECONDITION_FAILED')) throw err;
        if (attempt >= 1) throw new UserError('CONFLICT', { incidentNumber }, { cause: err });
        current = await this.fetchByNumber(incidentNumber);
        if (change.fieldOf(current.properties) !== fieldBefore && !change.isDone(current.properties)) {
          this.logger.info({ incidentNumber }, 'concurrent change to the same field: theirs is kept');
          throw new UserError('CONFLICT', { incidentNumber, detail: `${change.describe(current.properties)}${whenChanged(current.properties)}.` }, { cause: err });
        }
        this.logger.info({ incidentNumber }, 'concurrent change to other fields: applying this change again on fresh data');
      }
    }
  }
}
