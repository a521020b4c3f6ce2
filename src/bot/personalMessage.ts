/**
 * A personal message to someone who did not ask (the new owner of an incident). The 1:1 chat is
 * created by their Entra object id in the tenant the bot was reached from, as Teams' proactive
 * messaging does; Teams answers with the existing chat when there is one. It reaches people who
 * have the app installed (personally or in a team they are in).
 */
import type { CloudAdapter, ChannelAccount, ConversationParameters } from 'botbuilder';
import type { AdaptiveCardJson } from './cards/renderCard';
import { cardMessage } from './replies';

export interface PersonalRoute {
  serviceUrl?: string;
  channelId?: string;
  tenantId?: string;
  bot?: ChannelAccount;
}

/** Throws what the connector answered when the message was not sent. */
export async function sendPersonal(adapter: CloudAdapter, appId: string, route: PersonalRoute, objectId: string, card: AdaptiveCardJson): Promise<void> {
  if (!route.serviceUrl || !route.channelId) throw Object.assign(new Error('no route to Teams'), { code: 'NO_ROUTE' });
  const parameters: ConversationParameters = {
    isGroup: false,
    bot: route.bot as ChannelAccount,
    members: [{ id: objectId, aadObjectId: objectId, name: '' }],
    tenantId: route.tenantId,
    channelData: { tenant: { id: route.tenantId } },
    activity: undefined as unknown as ConversationParameters['activity'],
  };
  let failure: unknown;
  // No audience: the connector's default scope, as continueConversationAsync uses.
  await adapter.createConversationAsync(appId, route.channelId, route.serviceUrl, undefined as unknown as string, parameters, async (ctx) => {
    // The creation event carries the conversation's id as its own: sent as is, a reply to it.
    delete (ctx.activity as { id?: string }).id;
    try {
      await ctx.sendActivity(cardMessage(card));
    } catch (err) {
      failure = err;
    }
  });
  if (failure !== undefined) throw failure;
}
