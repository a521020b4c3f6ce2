/**
 * The incidents this bot changed within Log Analytics' ingestion lag. Their audit records may
 * not be queryable yet, so answers about them are checked against ARM; every other incident's
 * latest audit record is its state (one query, no ARM call). Bounded and expiring.
 */
import { INGESTION_LAG_WINDOW_MS } from './readBack';

const MAX_ENTRIES = 10_000;

export class RecentChanges {
  private readonly changed = new Map<number, number>();

  constructor(
    private readonly windowMs = INGESTION_LAG_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  note(incidentNumber: number | undefined): void {
    if (incidentNumber === undefined) return;
    this.changed.delete(incidentNumber);
    this.changed.set(incidentNumber, this.now() + this.windowMs);
    if (this.changed.size > MAX_ENTRIES) this.changed.delete(this.changed.keys().next().value as number);
  }

  has(incidentNumber: number): boolean {
    const until = this.changed.get(incidentNumber);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.changed.delete(incidentNumber);
    return false;
  }
}
