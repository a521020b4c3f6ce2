/**
 * Who gave an incident its owner, read from the SecurityIncident audit table: each change writes a
 * record with the then-current owner and `ModifiedBy`, so the record where the owner became the
 * current one names who assigned it and when. ARM's incident has no such field.
 */
import { kqlInt } from '../sentinel/kqlLiterals';
import type { QueryOptions } from '../sentinel/auditLogClient';
import type { QueryTable } from '../sentinel/queryTable';

export interface AuditQuery {
  query(kql: string, options: QueryOptions): Promise<QueryTable>;
}

export interface OwnerStep {
  lastModifiedTime: string;
  modifiedBy: string;
  ownerId: string;
}

export interface OwnerHistory {
  /** The incident's records, oldest first. */
  steps(incidentNumber: number): Promise<OwnerStep[]>;
}

const MAX_RECORDS = 500;

export class AuditOwnerHistory implements OwnerHistory {
  constructor(
    private readonly audit: AuditQuery,
    private readonly lookback: string,
  ) {}

  async steps(incidentNumber: number): Promise<OwnerStep[]> {
    const q = [
      'SecurityIncident',
      `| where IncidentNumber == ${kqlInt(incidentNumber)}`,
      '| project LastModifiedTime, TimeGenerated, ModifiedBy, OwnerId = tostring(Owner.objectId)',
      '| sort by TimeGenerated desc',
      `| take ${MAX_RECORDS}`,
    ].join('\n');
    // The answer must include what was ingested a moment ago: skip the 2-minute result cache.
    const { rows } = await this.audit.query(q, { timespan: this.lookback, fresh: true });
    return rows
      .map((r) => ({ lastModifiedTime: String(r.LastModifiedTime ?? ''), modifiedBy: String(r.ModifiedBy ?? ''), ownerId: String(r.OwnerId ?? '').toLowerCase() }))
      .sort((a, b) => Date.parse(a.lastModifiedTime) - Date.parse(b.lastModifiedTime));
  }
}

/**
 * The record where the owner became `ownerId` for the last time; undefined when the newest
 * record shows another owner (changed again since) or none shows it.
 */
export function assignmentStep(steps: readonly OwnerStep[], ownerId: string): OwnerStep | undefined {
  const last = steps.at(-1);
  if (!last || last.ownerId !== ownerId) return undefined;
  let i = steps.length - 1;
  while (i > 0 && steps[i - 1]!.ownerId === ownerId) i--;
  return steps[i];
}
