/**
 * The domain rules for incidents: idempotent creation, and read-modify-write changes
 * (owner, severity, status, closing) that never overwrite someone else's change. Every
 * change is followed by an attribution comment naming the person who made it in Teams,
 * written in the background. When a write's answer is lost, the incident is read back and
 * the answer says what Sentinel holds, not what was hoped for. The changes themselves are in
 * incidentChanges.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import type { Incident, IncidentInput, IncidentOwnerInfo } from '../sentinel/types';
import { AttributionQueue, attributionText, signedComment } from './attribution';
import type { AttributionComment } from './taskAttribution';
import { assignChange, closeChange, ownerInfo, severityChange, statusChange, unassignChange, type Change } from './incidentChanges';
import { UserError } from './errors';
import { closerFrom } from './closedBy';
import { incidentIdForSubmission } from './incidentId';
import { IncidentNames } from './incidentNames';
import { RecentChanges } from './recentChanges';
import { describedWithReporter } from './reporterLine';
import { LIMITS } from './limits';
import type { IncidentsApi } from './ports';
import { isConflict, isLostAnswer, isServiceError } from './serviceErrors';
import { cleanText, isBlank, visibleLength } from './text';
import type { Closure, IncidentDraft, IncidentView, Person, Severity, Status } from './types';
import { incidentView, writableInput } from './views';

/** Kept here too: callers built an owner from the service before the changes had their own file. */
export { ownerInfo };

export interface CreateResult {
  incident: IncidentView;
  /** False when this submission had already created the incident (a retry or double click). */
  created: boolean;
}

export interface ChangeResult {
  /** The incident as Sentinel returned it for the write, or as read back. */
  incident: IncidentView;
  changed: boolean;
}

export interface IncidentServiceOptions {
  attribution?: AttributionQueue;
  /** Number -> name mappings kept (default 10,000). */
  maxKnownNames?: number;
  /**
   * What the bot changed lately, shared by the services of everyone it acts for: a change
   * Alex made must make Ada's next view read Sentinel rather than the lagging audit table.
   */
  recent?: RecentChanges;
}

export class IncidentService {
  private readonly logger: Logger;
  readonly attribution: AttributionQueue;
  private readonly names: IncidentNames;
  /** What this bot changed within the audit table's ingestion lag. */
  private readonly recent: RecentChanges;

  constructor(
    private readonly api: IncidentsApi,
    logger?: Logger,
    options: IncidentServiceOptions = {},
  ) {
    this.logger = logger ?? silentLogger;
    this.attribution = options.attribution ?? new AttributionQueue(api, this.logger);
    this.names = new IncidentNames(options.maxKnownNames);
    this.recent = options.recent ?? new RecentChanges();
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
        description: describedWithReporter(draft.description, reporter),
        severity: draft.severity,
        status: draft.status,
        classification: draft.closure?.classification,
        classificationReason: draft.closure?.classificationReason,
        classificationComment: draft.closure?.classificationComment,
        owner,
        labels: draft.tags.map((labelName) => ({ labelName, labelType: 'User' as const })),
      },
    };
    let result: { incident: Incident; created: boolean };
    try {
      // If-None-Match: * makes the PUT create-only: a repeated submission can never
      // overwrite changes made to the incident since it was first created.
      result = await this.api.createOrUpdateIncident(incidentId, input, { ifNoneMatch: '*' });
    } catch (err) {
      if (!isConflict(err) && !isLostAnswer(err)) throw err;
      // Either an earlier submission made it (a double click), or this one did and its answer
      // was lost: a 412 after an unanswered attempt, or no answer at all. Sentinel knows which.
      const existing = await this.readBack(incidentId);
      if (!existing) throw err;
      const ours = isLostAnswer(err) || (err as { afterUnansweredAttempt?: boolean }).afterUnansweredAttempt === true;
      if (!ours) this.logger.info({ incidentId }, 'repeated submission: the incident already exists');
      result = { incident: existing, created: ours };
    }
    const { incident, created } = result;
    this.remember(incident);
    this.recent.note(incident.properties.incidentNumber);
    this.logger.info({ incidentId, incidentNumber: incident.properties.incidentNumber, created }, 'incident created');
    if (created && reporter) this.attribution.add(incident.name, attributionText.reported(reporter), this.api);
    return { incident: incidentView(incident), created };
  }

  /** Looks a submission up without creating anything (a Create press on an expired card). */
  async findSubmitted(submissionKey: string): Promise<IncidentView | undefined> {
    const incident = await this.readBack(incidentIdForSubmission(submissionKey));
    return incident ? incidentView(incident) : undefined;
  }

  async getIncident(incidentNumber: number): Promise<IncidentView> {
    return incidentView(await this.fetchByNumber(incidentNumber));
  }

  /** The incident as Sentinel holds it now (one request). */
  async resolve(incidentNumber: number): Promise<Incident> {
    return this.fetchByNumber(incidentNumber);
  }

  /** The incident's ARM name, for calls addressed by name (tasks, comments); no request once known. */
  async nameOf(incidentNumber: number): Promise<string> {
    return this.names.get(incidentNumber) ?? (await this.fetchByNumber(incidentNumber)).name;
  }

  /** The name if already known, without asking Sentinel. */
  knownName(incidentNumber: number): string | undefined {
    return this.names.get(incidentNumber);
  }

  /** Whether this bot changed the incident recently enough that its audit record may lag. */
  changedRecently(incidentNumber: number): boolean {
    return this.recent.has(incidentNumber);
  }

  recentAttributions(incidentId: string): AttributionComment[] {
    return this.attribution.recentFor(incidentId).map((c) => ({ ...c, author: {}, fromThisBot: true }));
  }

  /** Notes a change made outside this service (tasks) for `changedRecently`. */
  noteChange(incidentNumber: number): void {
    this.recent.note(incidentNumber);
  }

  /** A read addressed by name found nothing: the incident was deleted. */
  forget(incidentNumber: number): void {
    this.names.forget(incidentNumber);
  }

  /** `current`: the incident as just read, whose owner the person agreed to replace. */
  assign(incidentNumber: number, owner: Person, actor: Person = owner, current?: Incident): Promise<ChangeResult> {
    return this.update(incidentNumber, assignChange(owner, actor), { current });
  }

  /** `current`: the incident as just read, whose owner the person agreed to remove. */
  unassign(incidentNumber: number, actor: Person, current?: Incident): Promise<ChangeResult> {
    const o = current?.properties.owner;
    return this.update(incidentNumber, unassignChange(actor, o?.assignedTo || o?.userPrincipalName || o?.objectId || 'its owner'), { current });
  }

  setSeverity(incidentNumber: number, severity: Severity, actor: Person): Promise<ChangeResult> {
    return this.update(incidentNumber, severityChange(severity, actor), { refuseClosed: true });
  }

  /**
   * New or Active; reopening a closed incident clears its classification as Sentinel does.
   * `current`: the incident as just read (the closed incident the person agreed to reopen).
   */
  setStatus(incidentNumber: number, status: Exclude<Status, 'Closed'>, actor: Person, current?: Incident): Promise<ChangeResult> {
    return this.update(incidentNumber, statusChange(status, actor), { current });
  }

  /** `current`: the incident as just read (with its etag), so closing costs no second read. */
  close(incidentNumber: number, closure: Closure, actor: Person, current?: Incident): Promise<ChangeResult> {
    return this.update(incidentNumber, closeChange(closure, actor), { current });
  }

  /** Who closed this closed incident, when the bot did it (best effort: undefined otherwise). */
  async closedBy(incident: Incident): Promise<string | undefined> {
    if (incident.properties.status !== 'Closed' || !this.api.listComments) return undefined;
    const written = await this.api.listComments(incident.name).catch(() => []);
    const comments: AttributionComment[] = [
      ...written.map((c) => ({ message: c.properties.message, createdTime: c.properties.createdTimeUtc, author: c.properties.author ?? {} })),
      ...this.attribution.recentFor(incident.name).map((c) => ({ ...c, author: {}, fromThisBot: true })),
    ];
    return closerFrom(comments, incident.properties.lastModifiedTimeUtc);
  }

  /** A person's comment, signed with their name. The comment is the change: it is awaited. */
  async comment(incidentNumber: number, text: string, actor: Person): Promise<void> {
    const message = cleanText(text, { multiline: true });
    if (isBlank(message)) throw new UserError('INVALID_INPUT', { detail: `What should the comment say? For example: comment ${incidentNumber} Called the user, they confirm the sign-in.` });
    if (visibleLength(message) > LIMITS.commentMax - 200) {
      throw new UserError('INVALID_INPUT', { detail: `A comment can have at most ${LIMITS.commentMax - 200} characters (yours has ${visibleLength(message)}).` });
    }
    const name = await this.nameOf(incidentNumber);
    try {
      // A fixed id: the pipeline's retry after a lost answer rewrites the same comment.
      await this.api.createComment(name, randomUUID(), signedComment(message, actor));
    } catch (err) {
      if (isServiceError(err, 'NOT_FOUND')) {
        this.names.forget(incidentNumber);
        throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber }, { cause: err });
      }
      throw err;
    }
  }

  private remember(incident: Incident): void {
    const n = incident.properties?.incidentNumber;
    if (typeof n === 'number' && incident.name) this.names.set(n, incident.name);
  }

  private async readBack(incidentId: string): Promise<Incident | undefined> {
    try {
      return await this.api.getIncident(incidentId);
    } catch (err) {
      if (isServiceError(err, 'NOT_FOUND')) return undefined;
      throw err;
    }
  }

  private async fetchByNumber(incidentNumber: number): Promise<Incident> {
    const known = this.names.get(incidentNumber);
    try {
      if (known) return await this.api.getIncident(known);
      const incident = await this.api.getIncidentByNumber(incidentNumber);
      this.remember(incident);
      return incident;
    } catch (err) {
      if (isServiceError(err, 'NOT_FOUND')) {
        this.names.forget(incidentNumber);
        throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber }, { cause: err });
      }
      throw err;
    }
  }

  /**
   * Read-modify-write with the etag. When Sentinel refuses the write because the incident
   * changed since it was read (409 Conflict; 412 from an If-Match precondition), or its answer
   * is lost, the incident is read back: if it already holds the change (our own write whose
   * answer was lost), that is the answer; if another writer changed this field, theirs stands
   * and the person is told what it is now; if they changed another field, the change is
   * applied again to the fresh data, once.
   */
  private async update(incidentNumber: number, change: Change, options: { refuseClosed?: boolean; current?: Incident } = {}): Promise<ChangeResult> {
    let current = options.current ?? (await this.fetchByNumber(incidentNumber));
    const fieldBefore = change.fieldOf(current.properties);
    for (let attempt = 0; ; attempt++) {
      if (change.isDone(current.properties)) return { incident: incidentView(current), changed: false };
      if (options.refuseClosed && current.properties.status === 'Closed') throw new UserError('INCIDENT_CLOSED', { incidentNumber });
      try {
        const { incident } = await this.api.createOrUpdateIncident(current.name, change.apply(writableInput(current)), { ifMatch: current.etag });
        this.recent.note(incidentNumber);
        this.attribution.add(incident.name, change.attribution, this.api);
        return { incident: incidentView(incident), changed: true };
      } catch (err) {
        const lost = isLostAnswer(err) || (isConflict(err) && err.afterUnansweredAttempt);
        if (!lost && !isConflict(err)) throw err;
        const fresh = await this.readBack(current.name);
        if (!fresh) throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber }, { cause: err });
        if (change.isDone(fresh.properties)) {
          // Ours if our answer was lost; otherwise someone made the same change first.
          if (lost) this.attribution.add(fresh.name, change.attribution, this.api);
          this.recent.note(incidentNumber);
          return { incident: incidentView(fresh), changed: lost };
        }
        if (change.fieldOf(fresh.properties) !== fieldBefore) {
          this.logger.info({ incidentNumber }, 'concurrent change to the same field: theirs is kept');
          throw new UserError('CONFLICT', { incidentNumber, detail: change.describe(fresh.properties), changedAt: fresh.properties.lastModifiedTimeUtc }, { cause: err });
        }
        if (lost && !isConflict(err)) throw err;
        if (attempt >= 1) throw new UserError('CONFLICT', { incidentNumber }, { cause: err });
        this.logger.info({ incidentNumber }, 'concurrent change to other fields: applying this change again on fresh data');
        current = fresh;
      }
    }
  }
}
