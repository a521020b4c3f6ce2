/**
 * Watches the workspace for incidents created or changed by anyone (analytics rules, Defender,
 * the portal, the bot) and keeps each watching conversation's cards current. One poll: list
 * what changed since the watermark, plan posts / updates / digests, carry them out, then move the
 * watermark. A poll that fails part-way leaves the watermark where it was; the card records make
 * the next poll skip what was already posted, so nothing is lost and nothing is posted twice.
 */
import type { Logger } from '../logging';
import type { Incident } from '../sentinel/types';
import type { ListIncidentsOptions } from '../sentinel/sentinelClient';
import { planPoll, type FeedAction, type PolledIncident } from './plan';
import { advance, pollFilter, unseen } from './watermark';
import type { CardRecord, ConversationAddress, FeedStore, Watch } from './feedStore';

/** What the bot does for the feed; the Teams side lives in src/bot/. */
export interface FeedPort {
  post(address: ConversationAddress, card: FeedCard): Promise<string>;
  update(address: ConversationAddress, activityId: string, card: FeedCard): Promise<void>;
}

export type FeedCard = { kind: 'incident'; incident: Incident } | { kind: 'digest'; incidents: Incident[] };

export interface IncidentLister {
  listIncidents(options: ListIncidentsOptions): Promise<Incident[]>;
}

export interface PollResult {
  changed: number;
  posted: number;
  updated: number;
  digests: number;
  failed: number;
}

const PAGE = 200;
const MAX_PAGES = 50;

export class FeedPoller {
  constructor(
    private readonly sentinel: IncidentLister,
    private readonly store: FeedStore,
    private readonly port: FeedPort,
    private readonly options: { burstThreshold: number; logger: Logger },
  ) {}

  async poll(): Promise<PollResult> {
    const result: PollResult = { changed: 0, posted: 0, updated: 0, digests: 0, failed: 0 };
    const watches = await this.store.watches();
    // Inert until a conversation watches: no Sentinel calls, no state written.
    if (watches.length === 0) return result;
    const { watermark, eTag } = await this.store.watermark();
    if (!watermark.time) {
      // The first poll starts from now: the backlog is not news.
      const [newest] = await this.sentinel.listIncidents({ orderBy: 'properties/lastModifiedTimeUtc desc', top: 1, maxPages: 1 });
      const start = newest?.properties.lastModifiedTimeUtc ? advance({ ties: [] }, [feedItem(newest)]) : { time: new Date().toISOString(), ties: [] };
      await this.store.saveWatermark(start, eTag);
      return result;
    }
    const listed = await this.sentinel.listIncidents({ filter: pollFilter(watermark), orderBy: 'properties/lastModifiedTimeUtc asc', top: PAGE, maxPages: MAX_PAGES });
    const fresh = unseen(watermark, listed.filter((i) => i.properties.lastModifiedTimeUtc).map((i) => ({ ...feedItem(i), incident: i })));
    result.changed = fresh.length;
    if (fresh.length === 0) return result;

    const byName = new Map(fresh.map((f) => [f.name, f.incident]));
    const records = await this.readRecords(watches, [...byName.keys()]);
    const activityOf = (c: string, i: string): string | undefined => {
      const r = records.get(`${c}|${i}`);
      return r ? ('activityId' in r ? r.activityId : 'skip') : undefined;
    };
    const actions = planPoll(fresh.map((f) => polled(f.incident)), watches, activityOf, this.options.burstThreshold);
    const addressOf = new Map(watches.map((w) => [w.conversationId, w.address]));
    for (const action of actions) {
      const address = addressOf.get(action.conversationId);
      if (!address) continue;
      try {
        await this.carryOut(action, address, byName, result);
      } catch (err) {
        const status = (err as { statusCode?: unknown }).statusCode;
        if (status === 403 || status === 404) {
          // The bot was removed from the conversation (or it was deleted): stop watching it, so one
          // gone channel does not hold back the watermark for every other.
          if (await this.store.unwatch(action.conversationId)) this.options.logger.warn({ statusCode: status }, 'a watching conversation is no longer reachable: it stopped watching');
          addressOf.delete(action.conversationId);
          continue;
        }
        result.failed++;
        this.options.logger.warn({ kind: action.kind, code: (err as { code?: unknown }).code, statusCode: (err as { statusCode?: unknown }).statusCode }, 'feed card not delivered; the next poll tries again');
      }
    }
    if (result.failed === 0) await this.store.saveWatermark(advance(watermark, fresh), eTag);
    return result;
  }

  private async carryOut(action: FeedAction, address: ConversationAddress, byName: Map<string, Incident>, result: PollResult): Promise<void> {
    const c = action.conversationId;
    if (action.kind === 'update') {
      // Incidents covered by a digest, or whose post outcome is unknown, have no card to update.
      if (action.activityId === 'skip') return;
      await this.port.update(address, action.activityId, { kind: 'incident', incident: byName.get(action.incident)! });
      result.updated++;
      return;
    }
    if (action.kind === 'post') {
      const claim = await this.store.claimCard(c, action.incident);
      if (!claim) return;
      const activityId = await this.postOrRelease(c, [action.incident], () => this.port.post(address, { kind: 'incident', incident: byName.get(action.incident)! }));
      await this.store.recordCard(c, action.incident, { activityId }, claim);
      result.posted++;
      return;
    }
    const claims = new Map<string, string>();
    for (const name of action.incidents) {
      const claim = await this.store.claimCard(c, name);
      if (claim) claims.set(name, claim);
    }
    if (claims.size === 0) return;
    const incidents = [...claims.keys()].map((n) => byName.get(n)!);
    const digestId = await this.postOrRelease(c, [...claims.keys()], () => this.port.post(address, { kind: 'digest', incidents }));
    for (const [name, claim] of claims) await this.store.recordCard(c, name, { digestId } satisfies CardRecord, claim);
    result.digests++;
  }

  /**
   * A post the connector refused (4xx, including 429 once its retries ran out) was not delivered:
   * its claims are freed for the next poll. A timeout or 5xx may have been delivered: the claims stay.
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

  private async readRecords(watches: Watch[], names: string[]): Promise<Map<string, CardRecord>> {
    const out = new Map<string, CardRecord>();
    for (const w of watches) {
      for (const n of names) {
        const r = await this.store.card(w.conversationId, n);
        if (r) out.set(`${w.conversationId}|${n}`, r);
      }
    }
    return out;
  }
}

function feedItem(i: Incident): { name: string; lastModifiedTimeUtc: string } {
  return { name: i.name, lastModifiedTimeUtc: i.properties.lastModifiedTimeUtc ?? '' };
}

function polled(i: Incident): PolledIncident {
  return { name: i.name, severity: i.properties.severity, status: i.properties.status, ownerAssigned: Boolean(i.properties.owner?.objectId || i.properties.owner?.assignedTo) };
}
