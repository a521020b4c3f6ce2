/**
 * Delivering a Reply. A typed message gets new messages (cards, or plain text for a
 * sentence); a button press (invoke) is answered by the reply's last card, built in
 * incidentBot. Dialogs, which only see the turn, add to the reply of the turn they run in.
 */
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { readCardAction } from './cardActions';
import { previousRefreshUsers, scopeRefresh, type RefreshAudience } from './cards/refreshScope';
import type { AdaptiveCardJson } from './cards/renderCard';
import { emptyReply, type Reply, type ReplyItem, type Tone } from './reply';

/** In a group chat or channel, the people who acted on the card get its automatic refreshes. */
export function refreshAudienceOf(context: TurnContext): RefreshAudience {
  const conversation = context.activity.conversation;
  const group = conversation?.isGroup === true || (conversation?.conversationType !== undefined && conversation.conversationType !== 'personal');
  const from = context.activity.from?.id;
  const previous = previousRefreshUsers(readCardAction(context.activity)?.data);
  return { group, userIds: [...(from ? [from] : []), ...previous.filter((id) => id !== from)] };
}

/** A card as this turn's conversation should get it (refresh scoped to who acted, in groups). */
export function cardFor(context: TurnContext, card: AdaptiveCardJson): AdaptiveCardJson {
  return scopeRefresh(card, refreshAudienceOf(context));
}

export function cardMessage(card: AdaptiveCardJson): ReturnType<typeof MessageFactory.attachment> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** Sends a reply's items as messages, in order. */
export async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
  for (const item of reply.items) await context.sendActivity(messageFor(context, item));
}

function messageFor(context: TurnContext, item: ReplyItem): Partial<import('botbuilder').Activity> {
  return item.kind === 'card' ? cardMessage(cardFor(context, item.card)) : MessageFactory.text(item.text);
}

/**
 * Lets the person see the bot is working while it waits on Azure (message turns only). Not
 * when every reply returns at once in the HTTP answer (expectReplies): it would arrive with
 * the answer it announces.
 */
export async function showTyping(context: TurnContext): Promise<void> {
  if (context.activity.type === ActivityTypes.Message && context.activity.deliveryMode !== 'expectReplies') await context.sendActivity({ type: ActivityTypes.Typing });
}

const TURN_REPLY = Symbol('turnReply');

/** Runs `work` (a dialog turn) and returns what it said. */
export async function collectReply(context: TurnContext, work: () => Promise<unknown>): Promise<Reply> {
  const reply = emptyReply();
  const outer = context.turnState.get(TURN_REPLY) as Reply | undefined;
  context.turnState.set(TURN_REPLY, reply);
  try {
    await work();
  } finally {
    context.turnState.set(TURN_REPLY, outer);
  }
  return reply;
}

async function say(context: TurnContext, item: ReplyItem): Promise<void> {
  const reply = context.turnState.get(TURN_REPLY) as Reply | undefined;
  // A dialog driven on its own (a dialog test client) has no reply being built: send directly.
  if (reply) reply.items.push(item);
  else await context.sendActivity(messageFor(context, item));
}

/** For dialogs: a card in this turn's reply. */
export function showCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  return say(context, { kind: 'card', card });
}

/** For dialogs: a sentence in this turn's reply. */
export function showText(context: TurnContext, heading: string, text: string, tone: Tone = 'info'): Promise<void> {
  return say(context, { kind: 'text', heading, text, tone });
}

/** For dialogs: a card for the SOC channel, posted after the person has their answer. */
export function notifySoc(context: TurnContext, card: AdaptiveCardJson): void {
  (context.turnState.get(TURN_REPLY) as Reply | undefined)?.notify.push(card);
}
