/** Incident tasks: list, get, create or update, delete. The caller becomes createdBy / lastModifiedBy. */
import type { Router } from '../http/router';
import { reply } from '../http/types';
import { preconditionHeaders, requireBody, requireIncident, type ArmContext } from './armContext';
import { notFound, viaStore } from './errors';
import { page } from './paging';
import { taskResource } from './representations';
import { checkName, parseTaskBody } from './validation';

export function addTaskRoutes(router: Router<ArmContext>, base: string): void {
  const one = `${base}/incidents/{incidentId}/tasks/{taskId}`;
  router
    .add('GET', `${base}/incidents/{incidentId}/tasks`, 'tasks', (ctx, { incidentId }) => {
      const incident = requireIncident(ctx, incidentId!);
      const tasks = ctx.store.tasks(incident.name);
      return reply(200, page(ctx.req, tasks, (t) => t.name, (t) => taskResource(ctx.store.workspace, incident.name, t)));
    })
    .add('GET', one, 'task', (ctx, { incidentId, taskId }) => {
      const incident = requireIncident(ctx, incidentId!);
      const task = ctx.store.task(incident.name, taskId!);
      if (!task) throw notFound(`Task '${taskId}' of incident '${incident.name}' was not found.`);
      return reply(200, taskResource(ctx.store.workspace, incident.name, task));
    })
    .add('PUT', one, 'task', (ctx, { incidentId, taskId }) => {
      const incident = requireIncident(ctx, incidentId!);
      const name = checkName('task', taskId!);
      const { fields, etag } = parseTaskBody(requireBody(ctx.req));
      const { task, created } = viaStore(() => ctx.store.putTask(incident.name, name, fields, { actor: ctx.actor, bodyEtag: etag, ...preconditionHeaders(ctx.req) }));
      return reply(created ? 201 : 200, taskResource(ctx.store.workspace, incident.name, task));
    })
    .add('DELETE', one, 'task', (ctx, { incidentId, taskId }) => {
      const incident = requireIncident(ctx, incidentId!);
      const deleted = viaStore(() => ctx.store.deleteTask(incident.name, taskId!, { actor: ctx.actor, ifMatch: preconditionHeaders(ctx.req).ifMatch }));
      return reply(deleted ? 200 : 204);
    });
}
