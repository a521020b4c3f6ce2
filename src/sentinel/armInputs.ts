/**
 * What goes into an ARM request, checked and shaped before it is sent: ids that can only
 * be one path segment, positive integers, conditional headers, and PUT bodies without the
 * properties the swagger marks read-only.
 */
import { AzureError } from '../azure/errors';
import { INCIDENT_READ_ONLY_PROPERTIES, type IncidentInput } from './types';

export const DEFAULT_MAX_PAGES = 10;
/** The swagger's maximum for `$top` on Incidents_List. */
export const MAX_TOP = 1000;
/** GUIDs and ARM-style names; nothing that could add a segment, a query or an encoding trick. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export function isSafeResourceId(id: unknown): id is string {
  return typeof id === 'string' && SAFE_ID.test(id);
}

export function segment(kind: 'incident' | 'task' | 'comment', id: string): string {
  if (!isSafeResourceId(id)) throw new AzureError('BAD_REQUEST', `invalid ${kind} id`);
  return encodeURIComponent(id);
}

export function positiveInt(name: string, n: number | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (n === undefined) return undefined;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new AzureError('BAD_REQUEST', `${name} must be an integer from 1 to ${max}`);
  return n;
}

/** PUT replaces the resource: read-only fields are dropped, everything else is sent as given. */
export function writableIncidentBody(input: IncidentInput): IncidentInput {
  const properties: Record<string, unknown> = { ...input.properties };
  for (const key of INCIDENT_READ_ONLY_PROPERTIES) delete properties[key];
  const body: IncidentInput = { properties: properties as IncidentInput['properties'] };
  if (input.etag !== undefined) body.etag = input.etag;
  return body;
}

export function conditionalHeaders(options: { ifMatch?: string; ifNoneMatch?: '*' }): Record<string, string> {
  if (options.ifMatch !== undefined && options.ifNoneMatch !== undefined) {
    throw new AzureError('BAD_REQUEST', 'ifMatch and ifNoneMatch cannot be combined');
  }
  const headers: Record<string, string> = {};
  if (options.ifMatch !== undefined) {
    if (options.ifMatch === '' || /[\r\n]/.test(options.ifMatch)) throw new AzureError('BAD_REQUEST', 'invalid etag');
    headers['If-Match'] = options.ifMatch;
  }
  if (options.ifNoneMatch !== undefined) {
    if (options.ifNoneMatch !== '*') throw new AzureError('BAD_REQUEST', "ifNoneMatch must be '*'");
    headers['If-None-Match'] = '*';
  }
  return headers;
}

export function skipTokenOf(nextLink: string | undefined): string | undefined {
  if (!nextLink) return undefined;
  try {
    const params = new URL(nextLink).searchParams;
    return params.get('$skipToken') ?? params.get('$skiptoken') ?? undefined;
  } catch {
    return undefined;
  }
}
