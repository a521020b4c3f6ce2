/**
 * Messages the bot sends outside the turn that caused them: a card posted to the SOC
 * channel, or a card updated in place once slow work finishes after the invoke was answered.
 */
import { CloudAdapter, TurnContext, type ConversationReference } from 'botbuilder';
import type { Logger } from '../logging';
import type { AdaptiveCardJson } from './cards/renderCard';
import { cardMessage } from './replies';
import { scopeRefresh } from './cards/refreshScope';
import { sendPersonal } from './personalMessage';

export class Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly logger: Logger,
    /** Conversation id of the SOC channel to notify, if configured. */
    private readonly socChannelId?: string,
    /** Counts the bot's own channel posts (telemetry). */
    private readonly posts?: { channelPost(outcome: 'posted' | 'updated' | 'failed'): void },
  ) {}

  referenceOf(turn: TurnContext): Partial<ConversationReference> {
    return TurnContext.getConversationReference(turn.activity);
  }

  async updateCard(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCardJson): Promise<void> {
    await this.proactive(reference, (ctx) => ctx.updateActivity({ ...cardMessage(card), id: activityId }));
    this.posts?.channelPost('updated');
  }

  /** A short text in a conversation outside its turn (a note after a card press was answered). */
  async say(reference: Partial<ConversationReference>, text: string): Promise<void> {
    await this.proactive(reference, (ctx) => ctx.sendActivity(text));
  }

  /**
   * Posts to the SOC channel. The channel is in the same tenant and region as the person
   * who acted, so their service URL reaches it. Best effort: the person's action succeeded.
   */
  async notifySoc(from: TurnContext, card: AdaptiveCardJson): Promise<boolean> {
    if (!this.socChannelId || from.activity.conversation?.id === this.socChannelId) return false;
    const reference: Partial<ConversationReference> = {
      channelId: from.activity.channelId,
      serviceUrl: from.activity.serviceUrl,
      bot: from.activity.recipient,
      conversation: { id: this.socChannelId, isGroup: true, conversationType: 'channel', tenantId: from.activity.conversation?.tenantId, name: '' },
    };
    try {
      // Posted in a channel: the reporter sees it refresh, everyone else gets a Refresh button.
      await this.proactive(reference, (ctx) => ctx.sendActivity(cardMessage(scopeRefresh(card, { group: true, userIds: from.activity.from?.id ? [from.activity.from.id] : [] }))));
      this.posts?.channelPost('posted');
      return true;
    } catch (err) {
      this.posts?.channelPost('failed');
      this.logger.warn({ code: (err as { code?: unknown }).code, statusCode: (err as { statusCode?: unknown }).statusCode }, 'could not post to the SOC channel');
      return false;
    }
  }

  /** A personal message to someone who did not ask (see sendPersonal). Best effort, like notifySoc. */
  async notifyPerson(from: TurnContext, objectId: string, card: AdaptiveCardJson): Promise<boolean> {
    const a = from.activity;
    const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    try {
      await sendPersonal(this.adapter, this.appId, { serviceUrl: a.serviceUrl, channelId: a.channelId, tenantId, bot: a.recipient }, objectId, card);
      return true;
    } catch (failure) {
      this.logger.warn({ code: (failure as { code?: unknown }).code, statusCode: (failure as { statusCode?: unknown }).statusCode }, 'could not send a personal message');
      return false;
    }
  }

  /**
   * Runs proactive work and rethrows its failure: the adapter would otherwise hand it to
   * onTurnError and the caller would take a failed post for a sent one.
   */
  private async proactive(reference: Partial<ConversationReference>, work: (ctx: TurnContext) => Promise<unknown>): Promise<void> {
    let failure: unknown;
    await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
      // botbuilder gives the continuation a random activity id; a message sent as is would be a
      // reply to that nonexistent message (POST .../activities/{id}) instead of a new post.
      // Updates name their own activity, so nothing here depends on it.
      delete (ctx.activity as { id?: string }).id;
      try {
        await work(ctx);
      } catch (err) {
        failure = err;
      }
    });
    if (failure !== undefined) throw failure;
  }
}
