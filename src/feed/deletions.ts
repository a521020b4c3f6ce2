/**
 * An incident deleted in Sentinel leaves no change to poll: it simply stops being listed. So the
 * feed keeps the incidents it posted a card for (newest few hundred) and, each poll, reads a few of
 * them back from ARM in turn; one that answers 404 has its cards turned into a notice saying it was
 * deleted, updated in place, instead of a card that still looks current.
 */
import type { Logger } from '../logging';
import type { Incident } from '../sentinel/types';
import type { FeedStore, TrackedIncident, Watch } from './feedStore';
import type { FeedCard } from './poller';

export interface DeletionPort {
  update(address: Record<string, unknown>, activityId: string, card: FeedCard): Promise<void>;
}

export interface IncidentGetter {
  getIncident(name: string): Promise<Incident>;
}

const MAX_TRACKED = 500;

export class DeletionSweep {
  constructor(
    private readonly store: FeedStore,
    private readonly sentinel: IncidentGetter,
    private readonly port: DeletionPort,
    private readonly logger: Logger,
    /** Incidents read back per poll: at 30 s polls, 5 go through 500 in under an hour. */
    private readonly perPoll = 5,
  ) {}

  /** After a poll posted cards: these incidents are checked from now on. */
  async track(incidents: readonly TrackedIncident[]): Promise<void> {
    if (incidents.length) await this.store.editTracked((all) => [...all.filter((t) => !incidents.some((i) => i.name === t.name)), ...incidents].slice(-MAX_TRACKED));
  }

  /** Reads the next few tracked incidents back; returns how many were found deleted. */
  async sweep(watches: readonly Watch[]): Promise<number> {
    const { incidents, cursor } = await this.store.tracked();
    if (incidents.length === 0) return 0;
    const batch = Array.from({ length: Math.min(this.perPoll, incidents.length) }, (_, k) => incidents[(cursor + k) % incidents.length]!);
    const gone: TrackedIncident[] = [];
    for (const t of batch) {
      try {
        await this.sentinel.getIncident(t.name);
      } catch (err) {
        if ((err as { statusCode?: unknown }).statusCode === 404) gone.push(t);
        // Anything else (throttled, down): checked again on its next turn.
      }
    }
    for (const t of gone) {
      for (const w of watches) {
        const card = await this.store.card(w.conversationId, t.name);
        if (!card || !('activityId' in card.record)) continue;
        const ids = [card.record.activityId, ...(card.record.copies ?? [])];
        try {
          for (const id of ids) await this.port.update(w.address, id, { kind: 'deleted', number: t.number, title: t.title });
        } catch (err) {
          this.logger.warn({ statusCode: (err as { statusCode?: unknown }).statusCode }, 'could not mark a deleted incident\'s feed card');
          continue;
        }
        await this.store.recordCard(w.conversationId, t.name, { deleted: card.record.activityId, inSentinel: true }, card.eTag);
      }
      this.logger.info({ incidentNumber: t.number }, 'an incident was deleted in Sentinel: its feed cards say so');
    }
    const names = new Set(gone.map((g) => g.name));
    await this.store.editTracked((all) => all.filter((t) => !names.has(t.name)), (cursor + batch.length - gone.length) % Math.max(1, incidents.length - gone.length));
    return gone.length;
  }
}
