/**
 * Incident tasks through the tasks API: the current list, adding one, completing one by
 * its number in the list or by (part of) its title. Answers use the API, not the audit
 * table, because Log Analytics ingests audit records minutes after a change.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging';
import { silentLogger } from '../logging';
import type { IncidentTask } from '../sentinel/types';
import { attribute, attributionText } from './attribution';
import { UserError } from './errors';
import type { IncidentService } from './incidentService';
import { LIMITS } from './limits';
import type { IncidentsApi } from './ports';
import { isServiceError } from './serviceErrors';
import { cleanText, isBlank, visibleLength } from './text';
import type { IncidentTasks, Person, TaskView } from './types';
import { incidentView } from './views';

export type TaskSelector = { index: number } | { title: string } | { taskId: string };

export type CompleteResult =
  | { kind: 'completed'; view: IncidentTasks; task: TaskView; alreadyDone: boolean }
  | { kind: 'ambiguous'; view: IncidentTasks; candidates: TaskView[] };

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
    const incident = await this.incidents.resolve(incidentNumber);
    const tasks = (await this.api.listTasks(incident.name)).sort((a, b) => (a.properties.createdTimeUtc ?? '').localeCompare(b.properties.createdTimeUtc ?? ''));
    const v = incidentView(incident);
    return { incident: { id: v.id, number: v.number, title: v.title, status: v.status, severity: v.severity, owner: v.owner }, tasks: tasks.map(taskView) };
  }

  async add(incidentNumber: number, rawTitle: string, actor: Person): Promise<IncidentTasks> {
    const title = cleanText(rawTitle);
    if (isBlank(title)) throw new UserError('INVALID_INPUT', { detail: `What is the task? For example: add task Call the user's manager to ${incidentNumber}` });
    if (visibleLength(title) > LIMITS.taskTitleMax) throw new UserError('INVALID_INPUT', { detail: `A task title can have at most ${LIMITS.taskTitleMax} characters.` });
    const incident = await this.incidents.resolve(incidentNumber);
    if (incident.properties.status === 'Closed') throw new UserError('INCIDENT_CLOSED', { incidentNumber });
    await this.api.createOrUpdateTask(incident.name, randomUUID(), { title, status: 'New' });
    await attribute(this.api, incident.name, attributionText.taskAdded(title, actor), this.logger);
    return this.list(incidentNumber);
  }

  async complete(incidentNumber: number, selector: TaskSelector, actor: Person): Promise<CompleteResult> {
    const view = await this.list(incidentNumber);
    const matches = select(view.tasks, selector);
    if (matches.length === 0) throw new UserError('TASK_NOT_FOUND', { incidentNumber });
    if (matches.length > 1) return { kind: 'ambiguous', view, candidates: matches };
    const task = matches[0]!;
    if (task.status === 'Completed') return { kind: 'completed', view, task, alreadyDone: true };
    if (view.incident.status === 'Closed') throw new UserError('INCIDENT_CLOSED', { incidentNumber });
    const incidentId = view.incident.id;
    let stored = (await this.api.listTasks(incidentId)).find((t) => t.name === task.taskId);
    if (!stored) throw new UserError('TASK_NOT_FOUND', { incidentNumber });
    // Someone may change the task between the read and the write (Sentinel answers 409, or
    // 412 to If-Match): read it again; if they completed it, say so; else complete it, once more.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.api.createOrUpdateTask(incidentId, task.taskId, { title: stored.properties.title, description: stored.properties.description, status: 'Completed' }, { ifMatch: stored.etag });
        break;
      } catch (err) {
        if (!isServiceError(err, 'CONFLICT') && !isServiceError(err, 'PRECONDITION_FAILED')) throw err;
        if (attempt >= 1) throw new UserError('CONFLICT', { incidentNumber }, { cause: err });
        stored = (await this.api.listTasks(incidentId)).find((t) => t.name === task.taskId);
        if (!stored) throw new UserError('TASK_NOT_FOUND', { incidentNumber });
        if (stored.properties.status === 'Completed') {
          this.logger.info({ incidentNumber }, 'the task was completed by someone else meanwhile');
          const updated = await this.list(incidentNumber);
          return { kind: 'completed', view: updated, task: updated.tasks.find((t) => t.taskId === task.taskId) ?? taskView(stored), alreadyDone: true };
        }
      }
    }
    await attribute(this.api, incidentId, attributionText.taskCompleted(task.title, actor), this.logger);
    const updated = await this.list(incidentNumber);
    return { kind: 'completed', view: updated, task: updated.tasks.find((t) => t.taskId === task.taskId) ?? task, alreadyDone: false };
  }
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
