/** What an ARM route handler gets: the request, the workspace store and the caller. */
import { header, type EmulatorRequest } from '../http/types';
import type { Actor, StoredIncident } from '../model';
import type { Preconditions } from '../store/preconditions';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { Directory } from './directory';
import { badRequest, notFound } from './errors';

export interface ArmContext {
  req: EmulatorRequest;
  store: WorkspaceStore;
  actor: Actor;
  /** Resolves owners' object ids as Entra ID does for Sentinel. */
  directory: Directory;
}

export function preconditionHeaders(req: EmulatorRequest): Preconditions {
  return { ifMatch: header(req, 'if-match'), ifNoneMatch: header(req, 'if-none-match') };
}

export function requireBody(req: EmulatorRequest): unknown {
  if (req.body === undefined) throw badRequest('The request body is required.');
  return req.body;
}

export function requireIncident(ctx: ArmContext, incidentId: string): StoredIncident {
  const incident = ctx.store.incident(incidentId);
  if (!incident) throw notFound(`Incident '${incidentId}' was not found.`);
  return incident;
}
