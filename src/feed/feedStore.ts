/**
 * The feed's state in the shared, conditionally written store: one record for the watermark,
 * one for the watching conversations, and one per conversation and incident for its card.
 * Every write names the version it read, so two instances cannot both advance the watermark
 * or both post the same incident's card.
 */
import type { FeedFilter } from './filter';
import { EMPTY_WATERMARK, type Watermark } from './watermark';

/** The shape of the bot's conditional state store (src/bot/storage.ts), without depending on it. */
export interface ConditionalStore {
  read(key: string): Promise<{ value: Record<string, unknown>; eTag: string } | undefined>;
  /** `eTag` undefined: the key must not exist yet. Throws when the version is no longer current. */
  write(key: string, value: Record<string, unknown>, eTag: string | undefined): Promise<string>;
  delete(key: string): Promise<void>;
}

/** Where a conversation is reached; opaque to the feed (a Bot Framework conversation reference). */
export type ConversationAddress = Record<string, unknown>;

export interface Watch {
  conversationId: string;
  address: ConversationAddress;
  filter: FeedFilter;
}

/**
 * What the feed knows about one incident's card in one conversation.
 * - `activityId`: the card; `reposted`: posted again for an intent left behind, so an earlier copy may
 *   exist; `copies`: earlier copies found since (a press on one), updated along with the card.
 * - `posting`: the intent, written before the post; replaced by `activityId` once Teams answers.
 *   An intent still there later means the process stopped (or the connector failed) in between:
 *   the feed posts again (see FeedPoller for the one window that can leave two cards).
 * - `digestId`: shown in a digest card only; later changes post nothing.
 * - `pending`: written by earlier versions, outcome unknown; left alone (never re-posted).
 * - `deleted`: the card (that activity id) was deleted in Teams, or (`inSentinel`) the incident was
 *   deleted in Sentinel and the card says so; later changes post nothing.
 */
export type CardRecord = { activityId: string; reposted?: true; copies?: string[] } | { digestId: string; digest?: string } | { posting: PostingIntent } | { pending: true } | { deleted: string; inSentinel?: true };

export interface PostingIntent {
  /** The instance that is posting (one process's random id). */
  by: string;
  /** When the intent was written (ISO). */
  at: string;
}

/** One incident of a digest card, as the card lists it. */
export interface DigestRow {
  number: number;
  severity: string;
  title: string;
}

/** A digest card's incidents (newest first), kept so every one can be listed and opened from the card. */
export interface DigestRecord {
  rows: DigestRow[];
}

/** A channel of a team the bot is in; the General channel's id is the team's own id. */
export interface TeamChannel {
  id: string;
  name: string;
}

const WATERMARK = 'feed/watermark';
const teamKey = (teamId: string): string => `feed/teams/${encodeURIComponent(teamId)}`;
const WATCHES = 'feed/watches';
const digestKey = (id: string): string => `feed/digests/${encodeURIComponent(id)}`;
const cardKey = (conversationId: string, incident: string): string => `feed/cards/${encodeURIComponent(conversationId)}/${incident}`;
const ownerKey = (incident: string): string => `feed/owners/${encodeURIComponent(incident)}`;
const OWNER_NOTICES = 'feed/owner-notices';
const TRACKED = 'feed/tracked';

/** An incident with a card, checked now and then for having been deleted in Sentinel. */
export interface TrackedIncident {
  name: string;
  number: number;
  title: string;
}
const repostKey = (conversationId: string, incidentNumber: number): string => `feed/reposts/${encodeURIComponent(conversationId)}/${incidentNumber}`;

/** A new owner the feed saw and has not told yet (waiting for the audit record that names who assigned them). */
export interface OwnerNotice {
  incident: string;
  number: number;
  ownerId: string;
  /** The incident's lastModifiedTimeUtc when the feed saw the new owner. */
  changedAt: string;
  /** Set when the feed knew no earlier owner: an assignment made before this time is not news. */
  after?: string;
  queuedAt: string;
}

export class FeedStore {
  constructor(private readonly store: ConditionalStore) {}

  async watermark(): Promise<{ watermark: Watermark; eTag?: string }> {
    const r = await this.store.read(WATERMARK);
    return r ? { watermark: r.value as unknown as Watermark, eTag: r.eTag } : { watermark: EMPTY_WATERMARK };
  }

  async saveWatermark(watermark: Watermark, eTag: string | undefined): Promise<void> {
    await this.store.write(WATERMARK, { ...watermark }, eTag);
  }

  async watches(): Promise<Watch[]> {
    const r = await this.store.read(WATCHES);
    return ((r?.value.watches as Watch[] | undefined) ?? []).slice();
  }

  /** Adds or replaces a conversation's watch; retried when another instance wrote meanwhile. */
  async watch(w: Watch): Promise<void> {
    await this.editWatches((all) => [...all.filter((x) => x.conversationId !== w.conversationId), w]);
  }

  /** True when the conversation was watching. */
  async unwatch(conversationId: string): Promise<boolean> {
    let found = false;
    await this.editWatches((all) => {
      found = all.some((x) => x.conversationId === conversationId);
      return all.filter((x) => x.conversationId !== conversationId);
    });
    return found;
  }

  async card(conversationId: string, incident: string): Promise<{ record: CardRecord; eTag: string } | undefined> {
    const r = await this.store.read(cardKey(conversationId, incident));
    return r ? { record: r.value as unknown as CardRecord, eTag: r.eTag } : undefined;
  }

  /**
   * Writes the intent to post before posting; undefined when someone else wrote the record first
   * (another poll or instance). `eTag`: the stale intent being taken over; undefined: a new card.
   */
  async claimCard(conversationId: string, incident: string, intent: PostingIntent, eTag?: string): Promise<string | undefined> {
    try {
      return await this.store.write(cardKey(conversationId, incident), { posting: { ...intent } }, eTag);
    } catch (err) {
      if ((err as { code?: unknown }).code === 'STATE_CONFLICT') return undefined;
      throw err;
    }
  }

  async recordCard(conversationId: string, incident: string, record: CardRecord, eTag: string | undefined): Promise<void> {
    await this.store.write(cardKey(conversationId, incident), { ...record }, eTag);
  }

  /** Kept before the digest is posted: the card's "Show all" reads it. Written once, never changed. */
  async saveDigest(id: string, digest: DigestRecord): Promise<void> {
    await this.store.write(digestKey(id), { rows: digest.rows.map((r) => ({ ...r })) }, undefined);
  }

  async digest(id: string): Promise<DigestRecord | undefined> {
    const r = await this.store.read(digestKey(id));
    const rows = r?.value.rows;
    return Array.isArray(rows) ? { rows: rows as DigestRow[] } : undefined;
  }

  /** Frees a claim whose post failed for sure, so the next poll tries again. */
  async releaseCard(conversationId: string, incident: string): Promise<void> {
    await this.store.delete(cardKey(conversationId, incident));
  }

  /** The team's channels as Teams listed them when the bot was added (kept so `watch incidents in #soc` can find one). */
  async saveTeam(teamId: string, channels: TeamChannel[]): Promise<void> {
    const current = await this.store.read(teamKey(teamId));
    await this.store.write(teamKey(teamId), { channels: channels.map((c) => ({ id: c.id, name: c.name })) }, current?.eTag).catch((err: unknown) => {
      // Another instance saved the same team at the same moment: its list is as good as this one.
      if ((err as { code?: unknown }).code !== 'STATE_CONFLICT') throw err;
    });
  }

  async team(teamId: string): Promise<TeamChannel[] | undefined> {
    const channels = (await this.store.read(teamKey(teamId)))?.value.channels;
    return Array.isArray(channels) ? (channels as TeamChannel[]) : undefined;
  }

  async tracked(): Promise<{ incidents: TrackedIncident[]; cursor: number }> {
    const v = (await this.store.read(TRACKED))?.value;
    const incidents = (v?.incidents as TrackedIncident[] | undefined) ?? [];
    const cursor = typeof v?.cursor === 'number' && v.cursor >= 0 ? v.cursor : 0;
    return { incidents, cursor: incidents.length ? cursor % incidents.length : 0 };
  }

  /** `cursor`: where the next check starts; unchanged when undefined. */
  async editTracked(change: (all: TrackedIncident[]) => TrackedIncident[], cursor?: number): Promise<void> {
    await this.edit(TRACKED, (v) => ({ incidents: change((v?.incidents as TrackedIncident[] | undefined) ?? []).map((t) => ({ ...t })), cursor: cursor ?? (typeof v?.cursor === 'number' ? v.cursor : 0) }));
  }

  /** Notes that the card of this incident (by number, as a card's buttons name it) was posted again. */
  async noteRepost(conversationId: string, incidentNumber: number, incident: string): Promise<void> {
    await this.store.write(repostKey(conversationId, incidentNumber), { incident }, (await this.store.read(repostKey(conversationId, incidentNumber)))?.eTag);
  }

  /**
   * A card of a reposted incident was pressed: when it is not the card the feed updates, it is
   * the earlier copy, now found; it is kept up to date from now on as well. True when it was new.
   */
  async adoptCopy(conversationId: string, incidentNumber: number, activityId: string): Promise<boolean> {
    const repost = await this.store.read(repostKey(conversationId, incidentNumber));
    if (!repost || typeof repost.value.incident !== 'string') return false;
    const card = await this.card(conversationId, repost.value.incident);
    if (!card || !('activityId' in card.record) || card.record.activityId === activityId || card.record.copies?.includes(activityId)) return false;
    await this.store.write(cardKey(conversationId, repost.value.incident), { ...card.record, copies: [...(card.record.copies ?? []), activityId].slice(-5) }, card.eTag);
    return true;
  }

  /** The owner the feed (or the bot, when it assigned) last saw on this incident; '' for nobody. */
  async owner(incident: string): Promise<{ ownerId: string; eTag: string } | undefined> {
    const r = await this.store.read(ownerKey(incident));
    return r ? { ownerId: String(r.value.ownerId ?? ''), eTag: r.eTag } : undefined;
  }

  /** Records the owner seen; false when another instance recorded a change first (it tells the owner). */
  async claimOwner(incident: string, ownerId: string, eTag: string | undefined): Promise<boolean> {
    try {
      await this.store.write(ownerKey(incident), { ownerId }, eTag);
      return true;
    } catch (err) {
      if ((err as { code?: unknown }).code === 'STATE_CONFLICT') return false;
      throw err;
    }
  }

  /** The bot is giving the incident this owner and tells them itself: the feed is not to tell them again. */
  async noteOwner(incident: string, ownerId: string): Promise<void> {
    await this.edit(ownerKey(incident), () => ({ ownerId: ownerId.toLowerCase() }));
  }

  async ownerNotices(): Promise<OwnerNotice[]> {
    const r = await this.store.read(OWNER_NOTICES);
    return ((r?.value.notices as OwnerNotice[] | undefined) ?? []).slice();
  }

  async queueOwnerNotice(n: OwnerNotice): Promise<void> {
    await this.edit(OWNER_NOTICES, (v) => ({ notices: [...((v?.notices as OwnerNotice[] | undefined) ?? []).filter((x) => x.incident !== n.incident), { ...n }] }));
  }

  /** True when this call took the notice off the list (so only one instance sends it). */
  async takeOwnerNotice(incident: string, ownerId: string): Promise<boolean> {
    let taken = false;
    await this.edit(OWNER_NOTICES, (v) => {
      const all = (v?.notices as OwnerNotice[] | undefined) ?? [];
      const rest = all.filter((x) => !(x.incident === incident && x.ownerId === ownerId));
      taken = rest.length < all.length;
      return { notices: rest };
    });
    return taken;
  }

  private async edit(key: string, change: (current: Record<string, unknown> | undefined) => Record<string, unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const r = await this.store.read(key);
      try {
        await this.store.write(key, change(r?.value), r?.eTag);
        return;
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'STATE_CONFLICT' || attempt >= 5) throw err;
      }
    }
  }

  private async editWatches(edit: (all: Watch[]) => Watch[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const r = await this.store.read(WATCHES);
      const all = (r?.value.watches as Watch[] | undefined) ?? [];
      try {
        await this.store.write(WATCHES, { watches: edit(all) }, r?.eTag);
        return;
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'STATE_CONFLICT' || attempt >= 5) throw err;
      }
    }
  }
}
