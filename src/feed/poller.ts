/**
 * Watches the workspace for incidents created or changed by anyone (analytics rules, Defender,
 * the portal, the bot) and keeps each watching conversation's cards current. One poll: list
 * what changed since the watermark, plan posts / updates / digests, carry them out, then move the
 * watermark. A poll that fails part-way leaves the watermark where it was; the card records make
 * the next poll skip what was already posted.
 *
 * Each post is: write the intent (create-only, so one instance wins), post, record the activity
 * id. A process killed between intent and record leaves the intent; the next poll (this instance
 * or the one that takes the lease over) posts that card again. Teams cannot be asked whether a
 * post arrived, so one window remains: killed after Teams accepted the post and before the
 * activity id was written (one Blob write, a few milliseconds), the channel gets a second card.
 * The same applies to a post that timed out or got a 5xx but was delivered. That second card says
 * it was posted again, and the first copy heals when anyone presses a button on it (the press names
 * its activity id): from then on both are updated. The other choice, never re-posting an intent,
 * would miss the incident whenever the process stops during the much longer post itself.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging';
import type { Incident } from '../sentinel/types';
import type { ListIncidentsOptions } from '../sentinel/sentinelClient';
import { planPoll, type FeedAction, type PolledIncident } from './plan';
import { advance, pollFilter, unseen } from './watermark';
import type { CardRecord, ConversationAddress, DigestRow, FeedStore, PostingIntent, TrackedIncident, Watch } from './feedStore';
import type { OwnerNotices } from './ownerNotices';
import type { DeletionSweep } from './deletions';

/** What the bot does for the feed; the Teams side lives in src/bot/. */
export interface FeedPort {
  post(address: ConversationAddress, card: FeedCard): Promise<string>;
  update(address: ConversationAddress, activityId: string, card: FeedCard): Promise<void>;
}

/** `digestKey`: where the digest's incident list is kept, so its card can open each one. */
/** `reposted`: posted again for an intent whose first post may have arrived (the card says so). */
export type FeedCard =
  | { kind: 'incident'; incident: Incident; reposted?: boolean }
  | { kind: 'digest'; incidents: Incident[]; digestKey: string }
  /** The incident was deleted in Sentinel: its card is replaced by a notice saying so. */
  | { kind: 'deleted'; number: number; title: string };

export interface IncidentLister {
  listIncidents(options: ListIncidentsOptions): Promise<Incident[]>;
}

export interface PollResult {
  changed: number;
  posted: number;
  updated: number;
  digests: number;
  failed: number;
  /** Cards Teams refused for good (a 4xx that retrying cannot change): not held for. */
  refused: number;
  /** Cards another instance is posting right now: the watermark waits for them. */
  deferred: number;
  /** Cards posted again for an intent left behind: the channel may show an earlier copy. */
  reposted: number;
  /** New owners told in a personal message (assigned by someone else outside the bot). */
  ownersTold: number;
  /** Incidents found deleted in Sentinel: their cards now say so. */
  deleted: number;
}

export interface FeedPollerOptions {
  burstThreshold: number;
  logger: Logger;
  /** This process's id in posting intents; random by default. */
  instanceId?: string;
  /** Another instance's intent older than this is taken to be left by a process that stopped. */
  intentStaleMs?: number;
  now?: () => number;
  /** Tells new owners assigned outside the bot; absent: nobody is told. */
  owners?: OwnerNotices;
  /** Finds incidents deleted in Sentinel among those with a card; absent: not looked for. */
  deletions?: DeletionSweep;
}

type StoredCard = { record: CardRecord; eTag: string };

const PAGE = 200;
const MAX_PAGES = 50;

export class FeedPoller {
  constructor(
    private readonly sentinel: IncidentLister,
    private readonly store: FeedStore,
    private readonly port: FeedPort,
    private readonly options: FeedPollerOptions,
  ) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.intentStaleMs = options.intentStaleMs ?? 60000;
    this.now = options.now ?? Date.now;
  }

  private readonly instanceId: string;
  private readonly intentStaleMs: number;
  private readonly now: () => number;

  async poll(): Promise<PollResult> {
    const result: PollResult = { changed: 0, posted: 0, updated: 0, digests: 0, failed: 0, refused: 0, deferred: 0, reposted: 0, ownersTold: 0, deleted: 0 };
    const watches = await this.store.watches();
    // Inert until a conversation watches: no Sentinel calls, no state written.
    if (watches.length === 0) return result;
    const posted: TrackedIncident[] = [];
    await this.pollCards(watches, result, posted);
    // Every poll, changes or not: a notice may have been waiting for its audit record.
    if (this.options.owners) result.ownersTold = await this.options.owners.deliver(watches[0]?.address);
    const deletions = this.options.deletions;
    if (deletions) {
      // Looking for deleted incidents is a courtesy to the cards: it never fails the poll.
      result.deleted = await deletions
        .track(posted)
        .then(() => deletions.sweep(watches))
        .catch((err: unknown) => {
          this.options.logger.warn({ code: (err as { code?: unknown }).code, statusCode: (err as { statusCode?: unknown }).statusCode }, 'could not check the feed\'s incidents for deletions; trying again next poll');
          return 0;
        });
    }
    return result;
  }

  private async pollCards(watches: Watch[], result: PollResult, posted: TrackedIncident[]): Promise<void> {
    const { watermark, eTag } = await this.store.watermark();
    if (!watermark.time) {
      // The first poll starts from now: the backlog is not news.
      const [newest] = await this.sentinel.listIncidents({ orderBy: 'properties/lastModifiedTimeUtc desc', top: 1, maxPages: 1 });
      const start = newest?.properties.lastModifiedTimeUtc ? advance({ ties: [] }, [feedItem(newest)], this.now()) : { ties: [] };
      // No incident yet, or only one dated in the future: start from this machine's now.
      await this.store.saveWatermark(start.time ? start : { ...start, time: new Date(this.now()).toISOString() }, eTag);
      return;
    }
    const listed = await this.sentinel.listIncidents({ filter: pollFilter(watermark), orderBy: 'properties/lastModifiedTimeUtc asc', top: PAGE, maxPages: MAX_PAGES });
    const fresh = unseen(watermark, listed.filter((i) => i.properties.lastModifiedTimeUtc).map((i) => ({ ...feedItem(i), incident: i })));
    result.changed = fresh.length;
    if (fresh.length === 0) return;
    await this.options.owners?.observe(fresh.map((f) => f.incident), watermark.time);

    const byName = new Map(fresh.map((f) => [f.name, f.incident]));
    const records = await this.readRecords(watches, [...byName.keys()]);
    const activityOf = (c: string, i: string): string | undefined => {
      const r = records.get(`${c}|${i}`)?.record;
      // An intent left behind is planned as new: its card is posted (again).
      if (!r || 'posting' in r) return undefined;
      return 'activityId' in r ? r.activityId : 'skip';
    };
    const actions = planPoll(fresh.map((f) => polled(f.incident)), watches, activityOf, this.options.burstThreshold);
    const addressOf = new Map(watches.map((w) => [w.conversationId, w.address]));
    for (const action of actions) {
      const address = addressOf.get(action.conversationId);
      if (!address) continue;
      try {
        await this.carryOut(action, address, byName, records, result, posted);
      } catch (err) {
        const status = (err as { statusCode?: unknown }).statusCode;
        if (status === 403 || status === 404) {
          // The bot was removed from the conversation (or it was deleted): stop watching it, so one
          // gone channel does not hold back the watermark for every other.
          if (await this.store.unwatch(action.conversationId)) this.options.logger.warn({ statusCode: status, conversationId: action.conversationId }, 'a watching conversation is no longer reachable (the bot was removed, or it was deleted): it stopped watching');
          addressOf.delete(action.conversationId);
          continue;
        }
        if (typeof status === 'number' && status >= 400 && status < 500 && ![401, 408, 429].includes(status)) {
          // Teams refused this one card for good (400, 413): trying again would hold the watermark,
          // and every other conversation's cards, back forever. Logged and left; a later change
          // to the incident tries again.
          result.refused++;
          this.options.logger.warn({ kind: action.kind, statusCode: status }, 'Teams refused a feed card; not trying it again');
          continue;
        }
        result.failed++;
        this.options.logger.warn({ kind: action.kind, code: (err as { code?: unknown }).code, statusCode: (err as { statusCode?: unknown }).statusCode }, 'feed card not delivered; the next poll tries again');
      }
    }
    if (result.failed === 0 && result.deferred === 0) {
      await this.store.saveWatermark(advance(watermark, fresh, this.now()), eTag).catch((err: unknown) => {
        // Another instance polled at the same moment (a lease overlap) and moved it first: its
        // watermark stands; the card claims kept every post to one, and a later poll re-reads the rest.
        if ((err as { code?: unknown }).code !== 'STATE_CONFLICT') throw err;
      });
    }
  }

  private async carryOut(action: FeedAction, address: ConversationAddress, byName: Map<string, Incident>, records: Map<string, StoredCard>, result: PollResult, posted: TrackedIncident[]): Promise<void> {
    const c = action.conversationId;
    if (action.kind === 'update') {
      // Incidents covered by a digest, or whose post outcome is unknown, have no card to update.
      if (action.activityId === 'skip') return;
      try {
        const stored = records.get(`${c}|${action.incident}`)?.record;
        const reposted = stored !== undefined && 'reposted' in stored && stored.reposted === true;
        await this.port.update(address, action.activityId, { kind: 'incident', incident: byName.get(action.incident)!, reposted });
        // Earlier copies found since (pressed): kept current too; one deleted meanwhile is skipped.
        const copies = stored !== undefined && 'copies' in stored ? (stored.copies ?? []) : [];
        for (const copy of copies) await this.port.update(address, copy, { kind: 'incident', incident: byName.get(action.incident)!, reposted }).catch((err: unknown) => this.options.logger.info({ statusCode: (err as { statusCode?: unknown }).statusCode }, 'an earlier copy of a feed card could not be updated'));
      } catch (err) {
        // 404 on an update: someone deleted that one card. The conversation still watches (a channel
        // the bot left answers 403, and a post tells); the card is not posted again, as they chose.
        if ((err as { statusCode?: unknown }).statusCode !== 404) throw err;
        const stored = records.get(`${c}|${action.incident}`);
        await this.store.recordCard(c, action.incident, { deleted: action.activityId }, stored?.eTag);
        this.options.logger.info({ statusCode: 404 }, 'a feed card was deleted in Teams: no longer updating it');
        return;
      }
      result.updated++;
      return;
    }
    if (action.kind === 'post') {
      const claim = await this.claim(c, action.incident, records, result);
      if (!claim) return;
      const reposted = takesOver(records.get(`${c}|${action.incident}`));
      const activityId = await this.postOrRelease(c, [action.incident], () => this.port.post(address, { kind: 'incident', incident: byName.get(action.incident)!, reposted }));
      await this.store.recordCard(c, action.incident, reposted ? { activityId, reposted } : { activityId }, claim);
      const { incidentNumber: number, title } = byName.get(action.incident)!.properties;
      if (reposted && number !== undefined) await this.store.noteRepost(c, number, action.incident);
      if (number !== undefined) posted.push({ name: action.incident, number, title });
      result.posted++;
      if (reposted) {
        result.reposted++;
        this.options.logger.warn({ activityId }, 'a feed card was posted again for an intent left behind: the channel may show an earlier copy, which says it is no longer updated once pressed');
      }
      return;
    }
    const claims = new Map<string, string>();
    for (const name of action.incidents) {
      const claim = await this.claim(c, name, records, result);
      if (claim) claims.set(name, claim);
    }
    if (claims.size === 0) return;
    const incidents = [...claims.keys()].map((n) => byName.get(n)!);
    const digestKey = randomUUID();
    await this.store.saveDigest(digestKey, { rows: digestRows(incidents) });
    const digestId = await this.postOrRelease(c, [...claims.keys()], () => this.port.post(address, { kind: 'digest', incidents, digestKey }));
    for (const [name, claim] of claims) await this.store.recordCard(c, name, { digestId, digest: digestKey } satisfies CardRecord, claim);
    result.digests++;
  }

  /**
   * The intent to post; undefined when the card is not this poll's to post: another poll wrote
   * first, or another instance's intent is recent enough that it may be posting it right now
   * (then the watermark waits, and a later poll takes the intent over once it is stale).
   */
  private async claim(conversationId: string, incident: string, records: Map<string, StoredCard>, result: PollResult): Promise<string | undefined> {
    const intent: PostingIntent = { by: this.instanceId, at: new Date(this.now()).toISOString() };
    const existing = records.get(`${conversationId}|${incident}`);
    if (existing && 'posting' in existing.record) {
      const left = existing.record.posting;
      const age = this.now() - Date.parse(left.at);
      if (left.by !== this.instanceId && !(age >= this.intentStaleMs)) {
        result.deferred++;
        return undefined;
      }
      this.options.logger.warn({ ageMs: age, mine: left.by === this.instanceId }, 'a feed card was claimed but its post never recorded: posting it');
      return this.store.claimCard(conversationId, incident, intent, existing.eTag);
    }
    return this.store.claimCard(conversationId, incident, intent);
  }

  /**
   * A post the connector refused (4xx, including 429 once its retries ran out) was not delivered:
   * its claims are freed for the next poll. A timeout or 5xx may have been delivered: the intents stay,
   * and the next poll posts them again (see the top of this file).
   */
  private async postOrRelease(conversationId: string, incidents: string[], post: () => Promise<string>): Promise<string> {
    try {
      return await post();
    } catch (err) {
      const status = (err as { statusCode?: unknown }).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500 && status !== 408) {
        for (const i of incidents) await this.store.releaseCard(conversationId, i);
      }
      throw err;
    }
  }

  private async readRecords(watches: Watch[], names: string[]): Promise<Map<string, StoredCard>> {
    const out = new Map<string, StoredCard>();
    for (const w of watches) {
      for (const n of names) {
        const r = await this.store.card(w.conversationId, n);
        if (r) out.set(`${w.conversationId}|${n}`, r);
      }
    }
    return out;
  }
}

/** A digest's rows, newest incident first. */
export function digestRows(incidents: readonly Incident[]): DigestRow[] {
  return incidents
    .map((i) => ({ number: i.properties.incidentNumber ?? 0, severity: i.properties.severity, title: i.properties.title }))
    .sort((a, b) => b.number - a.number);
}

/** An intent left behind is taken over: its first post may have reached the channel. */
function takesOver(stored: StoredCard | undefined): boolean {
  return stored !== undefined && 'posting' in stored.record;
}

function feedItem(i: Incident): { name: string; lastModifiedTimeUtc: string } {
  return { name: i.name, lastModifiedTimeUtc: i.properties.lastModifiedTimeUtc ?? '' };
}

function polled(i: Incident): PolledIncident {
  const p = i.properties;
  const sources = [p.providerName ?? '', ...(p.additionalData?.alertProductNames ?? [])].filter(Boolean);
  return { name: i.name, severity: p.severity, status: p.status, ownerAssigned: Boolean(p.owner?.objectId || p.owner?.assignedTo), sources };
}
