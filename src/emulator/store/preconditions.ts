/**
 * Optimistic concurrency as Sentinel does it: etags are quoted opaque strings, compared
 * without their quotes (and without a weak `W/` prefix); `If-Match`, `If-None-Match` and an
 * etag in the request body decide whether a write may go ahead. A stale etag (body or
 * If-Match) is a CONFLICT (Sentinel answers 409 "Newer version of resource exists"); the
 * conditions that are about existence (If-Match on nothing, If-None-Match on something)
 * stay HTTP preconditions (412).
 */
import { randomUUID } from 'node:crypto';

export class StoreError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'PRECONDITION_FAILED' | 'CONFLICT',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  /** The `etag` of the request body: checked like If-Match when the resource exists. */
  bodyEtag?: string;
}

export const newEtag = (): string => `"${randomUUID()}"`;

const bare = (etag: string): string =>
  etag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');

function matchesAny(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => bare(candidate) === bare(etag));
}

export function checkPreconditions(existing: { etag: string } | undefined, what: string, p: Preconditions): void {
  if (p.ifNoneMatch !== undefined && existing && matchesAny(p.ifNoneMatch, existing.etag)) {
    throw new StoreError('PRECONDITION_FAILED', `${what} already exists (If-None-Match).`);
  }
  if (p.ifMatch !== undefined) {
    if (!existing) throw new StoreError('PRECONDITION_FAILED', `${what} does not exist, so If-Match cannot match.`);
    if (!matchesAny(p.ifMatch, existing.etag)) {
      throw new StoreError('CONFLICT', `The etag of ${what} does not match If-Match: it was changed since it was read.`);
    }
  }
  // On create there is nothing to compare with: the swagger's own create example sends an etag.
  if (p.bodyEtag !== undefined && existing && bare(p.bodyEtag) !== bare(existing.etag)) {
    throw new StoreError('CONFLICT', `The etag in the request body does not match the current etag of ${what}: it was changed since it was read.`);
  }
}
