/**
 * The feed's way into Teams: posts and updates cards proactively through the connector. Teams
 * throttles bots per conversation and answers 429 with Retry-After; those are waited out and
 * retried (a few times), anything else is the poller's to handle.
 */
import { CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging';
import { digestRows, type FeedCard, type FeedPort } from '../feed/poller';
import type { ConversationAddress } from '../feed/feedStore';
import { feedDeletedCard, feedDigestCard, feedIncidentCard } from './cards/feedCards';
import type { AdaptiveCardJson } from './cards/renderCard';
import { cardMessage } from './replies';
import type { OwnerPort } from '../feed/ownerNotices';
import type { Incident } from '../sentinel/types';
import { incidentView } from '../incidents/views';
import { incidentCard } from './cards/incidentCards';
import { sendPersonal } from './personalMessage';

export interface FeedChannelOptions {
  attempts?: number;
  /** Longest wait honoured from one Retry-After, so a poll cannot hang on one conversation. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FeedChannel implements FeedPort, OwnerPort {
  private readonly attempts: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly logger: Logger,
    options: FeedChannelOptions = {},
  ) {
    this.attempts = options.attempts ?? 4;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30000;
    this.sleep = options.sleep ?? sleepFor;
  }

  async post(address: ConversationAddress, card: FeedCard): Promise<string> {
    const json = render(card);
    let id = '';
    await this.withRetry(address, async (send) => {
      id = (await send.sendActivity(cardMessage(json)))?.id ?? '';
    });
    return id;
  }

  async update(address: ConversationAddress, activityId: string, card: FeedCard): Promise<void> {
    const json = render(card);
    await this.withRetry(address, async (send) => {
      await send.updateActivity({ ...cardMessage(json), id: activityId });
    });
  }

  /** The personal message to an incident's new owner, through the service a watching conversation is reached by. */
  async notifyOwner(address: ConversationAddress, ownerId: string, incident: Incident, assignedBy: string | undefined): Promise<void> {
    const ref = address as Partial<ConversationReference>;
    const n = incident.properties.incidentNumber;
    const banner = assignedBy ? `${assignedBy} assigned incident ${n} to you in Sentinel.` : `Incident ${n} was assigned to you in Sentinel.`;
    const card = incidentCard(incidentView(incident), banner, { viewer: ownerId });
    const route = { serviceUrl: ref.serviceUrl, channelId: ref.channelId, tenantId: ref.conversation?.tenantId, bot: ref.bot };
    for (let attempt = 1; ; attempt++) {
      try {
        await sendPersonal(this.adapter, this.appId, route, ownerId, card);
        return;
      } catch (err) {
        const wait = throttledFor(err);
        if (wait === undefined || attempt >= this.attempts) throw err;
        await this.sleep(Math.min(wait, this.maxRetryAfterMs));
      }
    }
  }

  private async withRetry(address: ConversationAddress, work: (ctx: TurnContext) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      await this.adapter.continueConversationAsync(this.appId, address as Partial<ConversationReference>, async (ctx) => {
        // The continuation carries an invented activity id; sent as is, the card would be a reply
        // to that (nonexistent) message instead of a new post in the channel.
        delete (ctx.activity as { id?: string }).id;
        try {
          await work(ctx);
        } catch (err) {
          failure = err;
        }
      });
      if (failure === undefined) return;
      const wait = throttledFor(failure);
      if (wait === undefined || attempt >= this.attempts) throw failure;
      const ms = Math.min(wait, this.maxRetryAfterMs);
      this.logger.info({ attempt, waitMs: ms }, 'Teams throttled the feed: waiting as it asked');
      await this.sleep(ms);
    }
  }
}

function render(card: FeedCard): AdaptiveCardJson {
  if (card.kind === 'incident') return feedIncidentCard(card.incident, { reposted: card.reposted });
  if (card.kind === 'deleted') return feedDeletedCard(card.number, card.title);
  return feedDigestCard(digestRows(card.incidents), card.digestKey);
}

/** For a 429: how long Teams asked to wait (ms), 1 s when it did not say; undefined for other failures. */
export function throttledFor(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown; headers?: unknown } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : e.response?.status;
  if (status !== 429) return undefined;
  const headers = e.response?.headers as { get?: (n: string) => string | undefined } | Record<string, string> | undefined;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = Number(raw);
  if (raw && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = raw ? Date.parse(raw) : NaN;
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : 1000;
}
