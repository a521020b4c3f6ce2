/**
 * How the bot answers a card press (Universal Actions' invoke response), and the turn context a
 * press's work runs on when it outlives the invoke.
 */
import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export const KEEP_CARD: AdaptiveCardInvokeResponse = { statusCode: 503, type: 'application/vnd.microsoft.error', value: { code: 'ServiceUnavailable', message: 'Microsoft Sentinel did not answer; the card is kept as it was.' } };

export function cardResponse(card: Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

/** Universal Actions' answer that shows a message and leaves the card unchanged. */
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

/**
 * A message, not a card: Teams shows it and keeps the pressed card as it is, with what the person
 * typed into it. botbuilder's type names only the card answer, though the schema has both.
 */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: MESSAGE_RESPONSE, value: text } as unknown as AdaptiveCardInvokeResponse;
}

/**
 * A turn context that outlives the invoke. botbuilder's copy starts with empty turn state, so
 * the adapter's connector client and identity are carried over: without them a press could not
 * ask Teams for the roster (the sender's details, the people picker's members).
 */
export function workingCopy(turn: TurnContext): TurnContext {
  const work = new TurnContext(turn);
  const { adapter } = turn;
  for (const key of [adapter.ConnectorClientKey, adapter.BotIdentityKey, adapter.OAuthScopeKey]) {
    if (turn.turnState.has(key)) work.turnState.set(key, turn.turnState.get(key));
  }
  return work;
}
