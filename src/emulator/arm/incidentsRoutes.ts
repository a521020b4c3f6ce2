/** Incidents: list (with $filter, $orderby, $top, paging), get, create or update, delete. */
import type { Router } from '../http/router';
import { reply } from '../http/types';
import { preconditionHeaders, requireBody, requireIncident, type ArmContext } from './armContext';
import { viaStore } from './errors';
import { parseIncidentFilter, parseIncidentOrderBy } from './odataFilter';
import { page } from './paging';
import { incidentResource } from './representations';
import { checkName, parseIncidentBody } from './validation';

export function addIncidentRoutes(router: Router<ArmContext>, base: string): void {
  const one = `${base}/incidents/{incidentId}`;
  router
    .add('GET', `${base}/incidents`, 'incidents', (ctx) => {
      const { req, store } = ctx;
      const filter = req.query.get('$filter');
      const keep = filter ? parseIncidentFilter(filter) : () => true;
      const order = parseIncidentOrderBy(req.query.get('$orderby'));
      const items = store.incidents().filter(keep).sort(order);
      return reply(200, page(req, items, (i) => i.name, (i) => incidentResource(store.workspace, i, store.commentCount(i.name))));
    })
    .add('GET', one, 'incident', (ctx, { incidentId }) => {
      const incident = requireIncident(ctx, incidentId!);
      return reply(200, incidentResource(ctx.store.workspace, incident, ctx.store.commentCount(incident.name)));
    })
    .add('PUT', one, 'incident', (ctx, { incidentId }) => {
      const name = checkName('incident', incidentId!);
      const parsed = parseIncidentBody(requireBody(ctx.req));
      const fields = { ...parsed.fields, owner: ctx.directory.resolveOwner(parsed.fields.owner) };
      const { etag } = parsed;
      const { store } = ctx;
      const { incident, created } = viaStore(() => store.putIncident(name, fields, { actor: ctx.actor, bodyEtag: etag, ...preconditionHeaders(ctx.req) }));
      return reply(created ? 201 : 200, incidentResource(store.workspace, incident, store.commentCount(incident.name)));
    })
    .add('DELETE', one, 'incident', (ctx, { incidentId }) => {
      const deleted = viaStore(() => ctx.store.deleteIncident(incidentId!, { ifMatch: preconditionHeaders(ctx.req).ifMatch }));
      return reply(deleted ? 200 : 204);
    });
}
