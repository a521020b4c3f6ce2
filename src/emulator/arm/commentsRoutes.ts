/** Incident comments: list (paged, oldest first unless $orderby says otherwise), get, create or update, delete. */
import type { Router } from '../http/router';
import { reply, type EmulatorRequest } from '../http/types';
import type { StoredComment } from '../model';
import { preconditionHeaders, requireBody, requireIncident, type ArmContext } from './armContext';
import { badRequest, notFound, viaStore } from './errors';
import { page } from './paging';
import { commentResource } from './representations';
import { checkName, parseCommentBody } from './validation';

function ordered(req: EmulatorRequest, comments: StoredComment[]): StoredComment[] {
  if (req.query.get('$filter')) throw badRequest('$filter is not supported on comments by the Sentinel emulator.');
  const orderBy = (req.query.get('$orderby') ?? 'properties/createdTimeUtc asc').trim();
  const m = /^properties\/createdTimeUtc(?:\s+(asc|desc))?$/i.exec(orderBy);
  if (!m) throw badRequest(`Invalid $orderby: '${orderBy}' (comments sort by properties/createdTimeUtc asc or desc).`);
  const sign = m[1]?.toLowerCase() === 'desc' ? -1 : 1;
  // Creation order breaks ties between comments made in the same millisecond.
  return comments.map((c, i) => ({ c, i })).sort((a, b) => (Date.parse(a.c.createdTimeUtc) - Date.parse(b.c.createdTimeUtc) || a.i - b.i) * sign).map((x) => x.c);
}

export function addCommentRoutes(router: Router<ArmContext>, base: string): void {
  const one = `${base}/incidents/{incidentId}/comments/{commentId}`;
  router
    .add('GET', `${base}/incidents/{incidentId}/comments`, 'comments', (ctx, { incidentId }) => {
      const incident = requireIncident(ctx, incidentId!);
      const comments = ordered(ctx.req, ctx.store.comments(incident.name));
      return reply(200, page(ctx.req, comments, (c) => c.name, (c) => commentResource(ctx.store.workspace, incident.name, c)));
    })
    .add('GET', one, 'comment', (ctx, { incidentId, commentId }) => {
      const incident = requireIncident(ctx, incidentId!);
      const comment = ctx.store.comment(incident.name, commentId!);
      if (!comment) throw notFound(`Comment '${commentId}' of incident '${incident.name}' was not found.`);
      return reply(200, commentResource(ctx.store.workspace, incident.name, comment));
    })
    .add('PUT', one, 'comment', (ctx, { incidentId, commentId }) => {
      const incident = requireIncident(ctx, incidentId!);
      const name = checkName('comment', commentId!);
      const { message, etag } = parseCommentBody(requireBody(ctx.req));
      const { comment, created } = viaStore(() =>
        ctx.store.putComment(incident.name, name, message, { actor: ctx.actor, bodyEtag: etag, ...preconditionHeaders(ctx.req) }),
      );
      return reply(created ? 201 : 200, commentResource(ctx.store.workspace, incident.name, comment));
    })
    .add('DELETE', one, 'comment', (ctx, { incidentId, commentId }) => {
      const incident = requireIncident(ctx, incidentId!);
      const deleted = viaStore(() => ctx.store.deleteComment(incident.name, commentId!, { actor: ctx.actor, ifMatch: preconditionHeaders(ctx.req).ifMatch }));
      return reply(deleted ? 200 : 204);
    });
}
