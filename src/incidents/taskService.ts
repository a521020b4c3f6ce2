/**
 * Incident tasks through the tasks API: the current list, adding one, completing one by
 * its number in the list or by (part of) its title. Answers use the API, not the audit
 * table, because Log Analytics ingests audit records minutes after a change; and they are
 * built from what the write returned, so a change costs no second read.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import type { Incident, IncidentTask } from '../sentinel/types';
import { attributionText } from './attribution';
import { isApp, viaTeams, type RecordedTask } from './taskAttribution';
import { UserError } from './errors';
import type { IncidentService } from './incidentService';
import { LIMITS } from './limits';
import type { IncidentsApi } from './ports';
import { cleanText, isBlank, visibleLength } from './text';
import type { IncidentTasks, IncidentView, Person, TaskView } from './types';
import { isConflict, isLostAnswer, isServiceError } from './serviceErrors';
import { incidentView } from './views';

export type TaskSelector = { index: number } | { title: string } | { taskId: string };

/** An incident with its tasks, and the incident as read (with its etag) for a following write. */
export interface IncidentWithTasks {
  incident: IncidentView;
  tasks: TaskView[];
  current: Incident;
}

export type CompleteResult =
  | { kind: 'completed'; view: IncidentTasks; task: TaskView; alreadyDone: boolean }
  | { kind: 'ambiguous'; view: IncidentTasks; candidates: TaskView[] };

const titleKey = (title: string): string => title.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');

/** The same task added within the same minute gets the same id, so a double click writes one task. */
const SAME_MOMENT_MS = 60_000;
function sameMomentId(incidentName: string, title: string, now: number): string {
  const h = createHash('sha256').update(`${incidentName}\u0000${titleKey(title)}\u0000${Math.floor(now / SAME_MOMENT_MS)}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function taskView(t: IncidentTask): TaskView {
  const p = t.properties;
  const done = p.status === 'Completed';
  return {
    taskId: t.name,
    title: p.title,
    status: done ? 'Completed' : 'New',
    createdBy: p.createdBy?.name ?? p.createdBy?.userPrincipalName,
    createdTime: p.createdTimeUtc,
    completedTime: done ? p.lastModifiedTimeUtc : undefined,
    completedBy: done ? (p.lastModifiedBy?.name ?? p.lastModifiedBy?.userPrincipalName) : undefined,
  };
}

/** The view with the identities the tasks API recorded. */
export function recordedTask(t: IncidentTask): RecordedTask {
  return { view: taskView(t), creator: t.properties.createdBy, modifier: t.properties.lastModifiedBy };
}

/** The task this bot just wrote as `actor`: named for the person when Sentinel recorded the app. */
function asActor(view: TaskView, written: IncidentTask, actor: Person, field: 'createdBy' | 'completedBy'): TaskView {
  const by = field === 'createdBy' ? written.properties.createdBy : written.properties.lastModifiedBy;
  return isApp(by) ? { ...view, [field]: viaTeams(actor.name || actor.userPrincipalName || actor.objectId) } : view;
}

export class TaskService {
  private readonly logger: Logger;

  constructor(
    private readonly api: IncidentsApi,
    private readonly incidents: IncidentService,
    logger?: Logger,
  ) {
    this.logger = logger ?? silentLogger;
  }

  async list(incidentNumber: number): Promise<IncidentTasks> {
    const { incident, tasks } = await this.read(incidentNumber);
    return viewOf(incident, tasks.map(taskView));
  }

  /** Two requests; side by side once the incident's name is known. */
  async incidentWithTasks(incidentNumber: number): Promise<IncidentWithTasks> {
    const { incident, tasks } = await this.read(incidentNumber);
    return { incident: incidentView(incident), tasks: tasks.map(taskView), current: incident };
  }

  async add(incidentNumber: number, rawTitle: string, actor: Person): Promise<{ view: IncidentTasks; task: TaskView; alreadyThere?: boolean }> {
    const title = cleanText(rawTitle);
    if (isBlank(title)) throw new UserError('INVALID_INPUT', { detail: `What is the task? For example: add task Call the user's manager to ${incidentNumber}` });
    if (visibleLength(title) > LIMITS.taskTitleMax) throw new UserError('INVALID_INPUT', { detail: `A task title can have at most ${LIMITS.taskTitleMax} characters.` });
    const { incident, tasks } = await this.read(incidentNumber);
    if (incident.properties.status === 'Closed') throw new UserError('INCIDENT_CLOSED', { incidentNumber });
    // A fixed id: the pipeline's retry after a lost answer writes the same task again, not a second one;
    // and the same task added again within a minute (Add pressed twice, at once or one after the
    // other) names the same task, so it is written once. A same-titled task from elsewhere is not ours.
    const now = Date.now();
    const recent = [sameMomentId(incident.name, title, now), sameMomentId(incident.name, title, now - SAME_MOMENT_MS)];
    const there = tasks.find((t) => recent.includes(t.name) && t.properties.status !== 'Completed');
    if (there) return { view: viewOf(incident, sortTasks(tasks).map(taskView)), task: taskView(there), alreadyThere: true };
    const id = recent[0] ?? randomUUID();
    const created = await this.api.createOrUpdateTask(incident.name, tasks.some((t) => t.name === id) ? randomUUID() : id, { title, status: 'New' });
    this.incidents.noteChange(incidentNumber);
    this.incidents.attribution.add(incident.name, attributionText.taskAdded(title, actor), this.api);
    const all = [...tasks.filter((t) => t.name !== created.name), created];
    const mine = asActor(taskView(created), created, actor, 'createdBy');
    return { view: viewOf(incident, sortTasks(all).map((t) => (t === created ? mine : taskView(t)))), task: mine };
  }

  async complete(incidentNumber: number, selector: TaskSelector, actor: Person): Promise<CompleteResult> {
    const { incident, tasks } = await this.read(incidentNumber);
    const views = tasks.map(taskView);
    const view = viewOf(incident, views);
    const matches = select(views, selector);
    if (matches.length === 0) throw new UserError('TASK_NOT_FOUND', { incidentNumber });
    if (matches.length > 1) return { kind: 'ambiguous', view, candidates: matches };
    const task = matches[0]!;
    if (task.status === 'Completed') return { kind: 'completed', view, task, alreadyDone: true };
    if (view.incident.status === 'Closed') throw new UserError('INCIDENT_CLOSED', { incidentNumber });
    const stored = tasks.find((t) => t.name === task.taskId);
    if (!stored) throw new UserError('TASK_NOT_FOUND', { incidentNumber });
    const { written, ours } = await this.completeStored(incidentNumber, incident.name, stored);
    this.incidents.noteChange(incidentNumber);
    if (ours) this.incidents.attribution.add(incident.name, attributionText.taskCompleted(task.title, actor), this.api);
    const updated = tasks.map((t) => (t.name === written.name ? written : t));
    const named = (t: IncidentTask): TaskView => (t === written && ours ? asActor(taskView(t), t, actor, 'completedBy') : taskView(t));
    const updatedView = viewOf(incident, updated.map(named));
    return { kind: 'completed', view: updatedView, task: updatedView.tasks.find((t) => t.taskId === task.taskId) ?? task, alreadyDone: !ours };
  }

  /**
   * PUT with the task's etag. When the answer is lost or the etag went stale, the task is
   * read back: completed by our lost write, completed by someone else, or changed in another
   * way (then completed on the fresh data, once).
   */
  private async completeStored(incidentNumber: number, incidentId: string, stored: IncidentTask): Promise<{ written: IncidentTask; ours: boolean }> {
    let current = stored;
    for (let attempt = 0; ; attempt++) {
      const input = { title: current.properties.title, description: current.properties.description, status: 'Completed' as const };
      try {
        return { written: await this.api.createOrUpdateTask(incidentId, current.name, input, { ifMatch: current.etag }), ours: true };
      } catch (err) {
        const lost = isLostAnswer(err) || (isConflict(err) && err.afterUnansweredAttempt);
        if (!lost && !isConflict(err)) throw err;
        this.logger.info({ incidentId, taskId: current.name, code: err.code, lost }, 'task write unanswered or stale: reading it back');
        let fresh: IncidentTask;
        try {
          fresh = await this.api.getTask(incidentId, current.name);
        } catch (readErr) {
          if (isServiceError(readErr, 'NOT_FOUND')) throw new UserError('TASK_NOT_FOUND', { incidentNumber }, { cause: err });
          throw readErr;
        }
        if (fresh.properties.status === 'Completed') return { written: fresh, ours: lost };
        if (lost && !isConflict(err)) throw err;
        if (attempt >= 1) throw new UserError('CONFLICT', { incidentNumber }, { cause: err });
        current = fresh;
      }
    }
  }

  private async read(incidentNumber: number): Promise<{ incident: Incident; tasks: IncidentTask[] }> {
    const known = this.incidents.knownName(incidentNumber);
    if (known) {
      const [incident, tasks] = await Promise.all([this.incidents.resolve(incidentNumber), this.listTasks(incidentNumber, known)]);
      return { incident, tasks };
    }
    const incident = await this.incidents.resolve(incidentNumber);
    return { incident, tasks: await this.listTasks(incidentNumber, incident.name) };
  }

  private async listTasks(incidentNumber: number, incidentId: string): Promise<IncidentTask[]> {
    try {
      return sortTasks(await this.api.listTasks(incidentId));
    } catch (err) {
      if (isServiceError(err, 'NOT_FOUND')) {
        this.incidents.forget(incidentNumber);
        throw new UserError('INCIDENT_NOT_FOUND', { incidentNumber }, { cause: err });
      }
      throw err;
    }
  }
}

function sortTasks(tasks: IncidentTask[]): IncidentTask[] {
  return [...tasks].sort((a, b) => (a.properties.createdTimeUtc ?? '').localeCompare(b.properties.createdTimeUtc ?? ''));
}

function viewOf(incident: Incident, tasks: TaskView[]): IncidentTasks {
  const v = incidentView(incident);
  return { incident: { id: v.id, number: v.number, title: v.title, status: v.status, severity: v.severity, owner: v.owner }, tasks };
}

/** By number (1-based, as the task card lists them), id, exact title, then part of a title. */
function select(tasks: TaskView[], selector: TaskSelector): TaskView[] {
  if ('index' in selector) {
    const t = tasks[selector.index - 1];
    return t ? [t] : [];
  }
  if ('taskId' in selector) return tasks.filter((t) => t.taskId === selector.taskId);
  const wanted = selector.title.trim().toLowerCase();
  const exact = tasks.filter((t) => t.title.toLowerCase() === wanted);
  if (exact.length) return exact;
  const partial = tasks.filter((t) => t.title.toLowerCase().includes(wanted));
  // "complete task forwarding" means the open one when a finished task shares the word.
  const open = partial.filter((t) => t.status !== 'Completed');
  return open.length === 1 ? open : partial;
}
