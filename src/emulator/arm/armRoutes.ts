/**
 * Microsoft.SecurityInsights incidents, tasks and comments under one workspace, as ARM
 * serves them: api-version checked, names case-insensitive, CloudError on failure.
 */
import { EmulatorError, notFound } from '../errors';
import type { WorkspaceIdentity } from '../model';
import type { WorkspaceStore } from '../store/workspaceStore';
import { json, type EmulatorRequest, type EmulatorResponse } from '../http/types';
import { parseODataFilter, parseOrderBy } from './odataFilter';
import { commentJson, incidentJson, taskJson } from './representations';
import { parseCommentBody, parseIncidentBody, parseTaskBody } from './validation';

export const API_VERSION = '2025-09-01';
const PAGE_SIZE = 50;
const TOP_MAX = 1000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function checkApiVersion(query: URLSearchParams): void {
  const version = query.get('api-version');
  if (!version) throw new EmulatorError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  if (version !== API_VERSION) {
    throw new EmulatorError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location 'local' and API version '${version}' for type 'incidents'. The supported api-versions are '${API_VERSION}'.`,
    );
  }
}

/** Matches .../providers/Microsoft.SecurityInsights/ and returns what follows, or undefined. */
export function securityInsightsTail(segments: string[], ws: WorkspaceIdentity): string[] | undefined {
  const expected = ['subscriptions', ws.subscriptionId, 'resourcegroups', ws.resourceGroup, 'providers', 'microsoft.operationalinsights', 'workspaces', ws.workspaceName, 'providers', 'microsoft.securityinsights'];
  if (segments.length < expected.length) return undefined;
  const fixed = [0, 2, 4, 5, 6, 8, 9];
  if (!fixed.every((i) => segments[i]!.toLowerCase() === expected[i])) return undefined;
  if (segments[1]!.toLowerCase() !== ws.subscriptionId.toLowerCase()) throw new EmulatorError(404, 'SubscriptionNotFound', `The subscription '${segments[1]}' could not be found.`);
  if (segments[3]!.toLowerCase() !== ws.resourceGroup.toLowerCase()) throw new EmulatorError(404, 'ResourceGroupNotFound', `Resource group '${segments[3]}' could not be found.`);
  if (segments[7]!.toLowerCase() !== ws.workspaceName.toLowerCase()) throw new EmulatorError(404, 'ResourceNotFound', `The workspace '${segments[7]}' was not found.`);
  return segments.slice(expected.length);
}

function checkName(kind: string, name: string): string {
  if (!NAME.test(name)) throw new EmulatorError(400, 'InvalidResourceName', `'${name}' is not a valid ${kind} name.`);
  return name;
}

function page<T>(req: EmulatorRequest, items: T[], defaultTop?: number): { value: T[]; nextLink?: string } {
  const topRaw = req.query.get('$top');
  let top = defaultTop ?? items.length;
  if (topRaw !== null) {
    top = Number(topRaw);
    if (!Number.isInteger(top) || top < 1 || top > TOP_MAX) throw new EmulatorError(400, 'BadRequest', `$top must be an integer between 1 and ${TOP_MAX}.`);
  }
  const skipRaw = req.query.get('$skipToken');
  const skip = skipRaw === null ? 0 : Number(Buffer.from(skipRaw, 'base64url').toString('utf8'));
  if (!Number.isInteger(skip) || skip < 0) throw new EmulatorError(400, 'BadRequest', 'Invalid $skipToken.');
  const limit = Math.min(items.length, top);
  const end = Math.min(limit, skip + PAGE_SIZE);
  const value = items.slice(skip, end);
  if (end >= limit) return { value };
  const next = new URLSearchParams(req.query);
  next.set('$skipToken', Buffer.from(String(end)).toString('base64url'));
  // ARM writes OData names with a literal '$' in nextLinks.
  return { value, nextLink: `${req.baseUrl}${req.path}?${next.toString().replace(/%24/g, '$')}` };
}

function conditions(req: EmulatorRequest): { ifMatch?: string; ifNoneMatch?: string } {
  const h = (name: string): string | undefined => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  return { ifMatch: h('if-match'), ifNoneMatch: h('if-none-match') };
}

export function handleArm(req: EmulatorRequest, tail: string[], store: WorkspaceStore): EmulatorResponse {
  const ws = store.workspace;
  const [collection, incidentName, child, childName, ...rest] = tail;
  if (collection?.toLowerCase() !== 'incidents' || rest.length) throw notFound('The resource type');
  const m = req.method;

  if (incidentName === undefined) {
    if (m !== 'GET') throw new EmulatorError(405, 'MethodNotAllowed', `${m} is not supported on incidents.`);
    let items = store.listIncidents().map((i) => incidentJson(ws, i, store.listComments(i.name).length));
    const filter = req.query.get('$filter');
    if (filter) {
      const keep = parseODataFilter(filter);
      items = items.filter((i) => keep(i));
    }
    const orderBy = req.query.get('$orderby');
    items.sort(orderBy ? parseOrderBy(orderBy) : (a, b) => (b.properties.incidentNumber ?? 0) - (a.properties.incidentNumber ?? 0));
    return json(200, page(req, items));
  }

  const name = checkName('incident', incidentName);
  if (child === undefined) {
    if (m === 'GET') {
      const i = store.getIncident(name);
      return json(200, incidentJson(ws, i, store.listComments(i.name).length));
    }
    if (m === 'PUT') {
      const { props, etag } = parseIncidentBody(req.body);
      const { incident, created } = store.putIncident(name, props, { actor: req.actor, bodyEtag: etag, ...conditions(req) });
      return json(created ? 201 : 200, incidentJson(ws, incident, store.listComments(incident.name).length));
    }
    if (m === 'DELETE') return json(store.deleteIncident(name) ? 200 : 204);
    throw new EmulatorError(405, 'MethodNotAllowed', `${m} is not supported on an incident.`);
  }

  const kind = child.toLowerCase();
  if (kind === 'tasks') {
    if (childName === undefined) {
      if (m !== 'GET') throw new EmulatorError(405, 'MethodNotAllowed', `${m} is not supported on tasks.`);
      return json(200, page(req, store.listTasks(name).map((t) => taskJson(ws, store.getIncident(name).name, t))));
    }
    const task = checkName('task', childName);
    const incident = store.getIncident(name).name;
    if (m === 'GET') return json(200, taskJson(ws, incident, store.getTask(name, task)));
    if (m === 'PUT') {
      const result = store.putTask(name, task, parseTaskBody(req.body), { actor: req.actor, ...conditions(req) });
      return json(result.created ? 201 : 200, taskJson(ws, incident, result.task));
    }
    if (m === 'DELETE') return json(store.deleteTask(name, task, { actor: req.actor }) ? 200 : 204);
  } else if (kind === 'comments') {
    if (childName === undefined) {
      if (m !== 'GET') throw new EmulatorError(405, 'MethodNotAllowed', `${m} is not supported on comments.`);
      const incident = store.getIncident(name).name;
      return json(200, page(req, store.listComments(name).map((c) => commentJson(ws, incident, c))));
    }
    const comment = checkName('comment', childName);
    const incident = store.getIncident(name).name;
    if (m === 'GET') return json(200, commentJson(ws, incident, store.getComment(name, comment)));
    if (m === 'PUT') {
      const result = store.putComment(name, comment, parseCommentBody(req.body), { actor: req.actor, ...conditions(req) });
      return json(result.created ? 201 : 200, commentJson(ws, incident, result.comment));
    }
    if (m === 'DELETE') return json(store.deleteComment(name, comment, { actor: req.actor }) ? 200 : 204);
  } else {
    throw notFound(`The resource type '${child}'`);
  }
  throw new EmulatorError(405, 'MethodNotAllowed', `${m} is not supported here.`);
}
