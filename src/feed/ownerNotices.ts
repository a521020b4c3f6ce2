/**
 * The new owner of an incident hears about it when someone else assigns them, wherever it was done
 * (the portal, an automation rule, the API). The poller sees the owner change in ARM; whether it was
 * someone else, and who, only the audit table says (`ModifiedBy` of the record where the owner
 * changed), and that record arrives after Log Analytics' ingestion lag, so the notice waits in the
 * shared state until it is queryable.
 *
 * Once: the owner seen is recorded with a conditional write, so of two instances (or a restart
 * re-reading a poll) one queues the notice; the one that takes it off the queue sends it. Taken
 * off before sending: a process killed in between loses that one message rather than sending two.
 * Assignments the bot made record their owner before the change, and the bot tells the owner itself.
 */
import type { Logger } from '../logging';
import type { Incident } from '../sentinel/types';
import type { ConversationAddress, FeedStore, OwnerNotice } from './feedStore';
import { assignmentStep, type OwnerHistory } from './ownerHistory';

export interface OwnerPort {
  /** A personal message to the person with this Entra object id, reached through the address's service. */
  notifyOwner(address: ConversationAddress, ownerId: string, incident: Incident, assignedBy: string | undefined): Promise<void>;
}

export interface IncidentReader {
  getIncident(name: string): Promise<Incident>;
}

export interface OwnerNoticesOptions {
  logger: Logger;
  now: () => number;
  /** How long a notice waits for its audit record before it is sent without naming who assigned. */
  waitForAuditMs?: number;
}

const GIVE_UP_MS = 24 * 60 * 60 * 1000;
const ownerOf = (i: Incident): string => (i.properties.owner?.objectId ?? '').toLowerCase();

export class OwnerNotices {
  private readonly waitForAuditMs: number;

  constructor(
    private readonly store: FeedStore,
    private readonly history: OwnerHistory,
    private readonly sentinel: IncidentReader,
    private readonly port: OwnerPort,
    private readonly options: OwnerNoticesOptions,
  ) {
    this.waitForAuditMs = options.waitForAuditMs ?? 15 * 60 * 1000;
  }

  /** Queues a notice for each incident of this poll whose owner is not the one last seen. `since`: the watermark before the poll. */
  async observe(incidents: readonly Incident[], since: string | undefined): Promise<void> {
    for (const i of incidents) {
      const ownerId = ownerOf(i);
      const seen = await this.store.owner(i.name);
      if ((seen?.ownerId ?? '') === ownerId) continue;
      if (!(await this.store.claimOwner(i.name, ownerId, seen?.eTag))) continue;
      if (!ownerId || i.properties.incidentNumber === undefined) continue;
      const notice: OwnerNotice = { incident: i.name, number: i.properties.incidentNumber, ownerId, changedAt: i.properties.lastModifiedTimeUtc ?? new Date(this.options.now()).toISOString(), queuedAt: new Date(this.options.now()).toISOString() };
      await this.store.queueOwnerNotice(seen || !since ? notice : { ...notice, after: since });
    }
  }

  /** Sends the notices whose audit record has arrived (or waited long enough); returns how many were sent. */
  async deliver(address: ConversationAddress | undefined): Promise<number> {
    if (!address) return 0;
    let sent = 0;
    for (const n of await this.store.ownerNotices()) {
      try {
        const verdict = await this.decide(n);
        if (verdict === 'wait') continue;
        if (!(await this.store.takeOwnerNotice(n.incident, n.ownerId))) continue;
        if (verdict.kind === 'drop') continue;
        await this.port.notifyOwner(address, n.ownerId, verdict.incident, verdict.by);
        sent++;
      } catch (err) {
        // Best effort, like the bot's own notices: a person without the app cannot be reached.
        this.options.logger.warn({ code: (err as { code?: unknown }).code, statusCode: (err as { statusCode?: unknown }).statusCode }, 'could not tell an incident\'s new owner');
      }
    }
    return sent;
  }

  private async decide(n: OwnerNotice): Promise<'wait' | { kind: 'drop' } | { kind: 'send'; incident: Incident; by: string | undefined }> {
    // A notice that could not be decided for a day (the audit query failing all along) is no longer news.
    if (this.options.now() - Date.parse(n.queuedAt) > GIVE_UP_MS) return { kind: 'drop' };
    const steps = await this.history.steps(n.number);
    const newest = steps.at(-1);
    const ingested = newest !== undefined && Date.parse(newest.lastModifiedTime) >= Date.parse(n.changedAt);
    let by: string | undefined;
    if (ingested) {
      const step = assignmentStep(steps, n.ownerId);
      // Given another owner since (that change has its own notice), or assigned before the feed knew the incident.
      if (!step || (n.after && Date.parse(step.lastModifiedTime) <= Date.parse(n.after))) return { kind: 'drop' };
      by = step.modifiedBy || undefined;
    } else if (this.options.now() - Date.parse(n.queuedAt) < this.waitForAuditMs) {
      return 'wait';
    }
    const incident = await this.sentinel.getIncident(n.incident).catch((err: unknown) => {
      if ((err as { statusCode?: unknown }).statusCode === 404) return undefined;
      throw err;
    });
    if (!incident || ownerOf(incident) !== n.ownerId) return { kind: 'drop' };
    if (by && isOwner(by, incident)) return { kind: 'drop' };
    return { kind: 'send', incident, by };
  }
}

/** Whether the audit's `ModifiedBy` (a name, UPN or email) is the owner themselves. */
function isOwner(modifiedBy: string, incident: Incident): boolean {
  const o = incident.properties.owner;
  const who = modifiedBy.trim().toLowerCase();
  return [o?.assignedTo, o?.userPrincipalName, o?.email, o?.objectId].some((v) => v !== undefined && v !== null && v.trim().toLowerCase() === who);
}
