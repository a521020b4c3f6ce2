/**
 * How the bot answers. A button press (invoke) is answered by replacing its card in
 * place; a typed message gets a new message. Handlers and dialogs call these helpers and
 * do not need to know which kind of turn they are in.
 */
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { toUserError } from '../incidents/serviceErrors';
import type { UserErrorParams } from '../incidents/errors';
import type { Logger } from '../logging';
import { recordTurnFailure } from '../telemetry/turnScope';
import { noticeCard } from './cards/generalCards';
import type { AdaptiveCardJson } from './cards/renderCard';
import { isAdaptiveCardInvoke, readCardAction } from './cardActions';
import { previousRefreshUsers, scopeRefresh, type RefreshAudience } from './cards/refreshScope';

/** In a group chat or channel, the people who acted on the card get its automatic refreshes. */
export function refreshAudienceOf(context: TurnContext): RefreshAudience {
  const conversation = context.activity.conversation;
  const group = conversation?.isGroup === true || (conversation?.conversationType !== undefined && conversation.conversationType !== 'personal');
  const from = context.activity.from?.id;
  const previous = previousRefreshUsers(readCardAction(context.activity)?.data);
  return { group, userIds: [...(from ? [from] : []), ...previous.filter((id) => id !== from)] };
}

const INVOKE_CARD = Symbol('invokeCard');

export function cardMessage(card: AdaptiveCardJson): ReturnType<typeof MessageFactory.attachment> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

export async function showCard(context: TurnContext, shown: AdaptiveCardJson): Promise<void> {
  const card = scopeRefresh(shown, refreshAudienceOf(context));
  if (isAdaptiveCardInvoke(context.activity)) {
    context.turnState.set(INVOKE_CARD, card);
    return;
  }
  await context.sendActivity(cardMessage(card));
}

/** The card an invoke turn answers with, if a handler or dialog produced one. */
export function invokeCard(context: TurnContext): AdaptiveCardJson | undefined {
  return context.turnState.get(INVOKE_CARD) as AdaptiveCardJson | undefined;
}

/** A short sentence; in an invoke turn it becomes a small card in place of the old one. */
export async function showText(context: TurnContext, heading: string, text: string, tone: 'info' | 'error' | 'good' = 'info'): Promise<void> {
  if (isAdaptiveCardInvoke(context.activity)) {
    await showCard(context, noticeCard(heading, text, { tone }));
    return;
  }
  await context.sendActivity(MessageFactory.text(text));
}

/** The safe sentence for a failure; the details go to the log only. */
export function describeError(err: unknown, logger: Logger, params: UserErrorParams = {}): string {
  const userError = toUserError(err, params);
  recordTurnFailure(userError.code);
  const cause = userError.cause ?? err;
  const level = userError.code === 'INTERNAL' ? 'error' : 'warn';
  logger[level](
    { code: userError.code, cause: cause instanceof Error ? { name: cause.name, code: (cause as { code?: unknown }).code } : undefined, err: level === 'error' ? cause : undefined },
    'turn failed',
  );
  return userError.userMessage;
}

export async function showError(context: TurnContext, err: unknown, logger: Logger, params: UserErrorParams = {}): Promise<void> {
  await showText(context, 'Sorry', describeError(err, logger, params), 'error');
}

/** Lets the person see the bot is working while it waits on Azure (message turns only). */
export async function showTyping(context: TurnContext): Promise<void> {
  if (context.activity.type === ActivityTypes.Message) await context.sendActivity({ type: ActivityTypes.Typing });
}
