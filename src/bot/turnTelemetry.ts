/**
 * Adapter middleware that puts each turn in a telemetry span and names what it ran, from
 * the bot's own vocabulary only: a command kind, a card verb the bot handles, or a Teams
 * invoke name. Typed text, card data and user ids never leave the turn.
 */
import { TurnContext, type Middleware } from 'botbuilder';
import { currentLogContext } from '../logging';
import type { Telemetry } from '../telemetry/telemetry';
import { readCardAction } from './cardActions';
import { CARD_VERBS } from './cardCommands';
import { parseCommand } from './commands';

const INVOKE_NAME = /^[a-zA-Z]+(\/[a-zA-Z]+)?$/;

/** What a turn runs, as a short name from a closed set. */
export function commandNameOf(context: TurnContext): string | undefined {
  const activity = context.activity;
  const action = readCardAction(activity);
  if (action) return CARD_VERBS.includes(action.verb) ? action.verb : 'unknownVerb';
  if (activity.type === 'message') {
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    return parseCommand(text).kind;
  }
  if (activity.type === 'invoke') return activity.name && activity.name.length <= 64 && INVOKE_NAME.test(activity.name) ? activity.name : 'invoke';
  return undefined;
}

export function turnTelemetry(telemetry: Telemetry): Middleware {
  return {
    onTurn: (context, next) => {
      const a = context.activity;
      // A proactive post (continueConversation) is part of the turn that caused it, not a turn of its own.
      if (a.type === 'event' && a.name === 'ContinueConversation') return next();
      const facts = {
        activityType: a.type ?? 'unknown',
        channelId: a.channelId ?? 'unknown',
        conversationType: conversationTypeOf(context),
        correlationId: currentLogContext()?.correlationId,
      };
      return telemetry.runTurn(facts, async () => {
        const command = commandNameOf(context);
        if (command) telemetry.command(command);
        await next();
      });
    },
  };
}

const CONVERSATION_TYPES = new Set(['personal', 'groupChat', 'channel']);

function conversationTypeOf(context: TurnContext): string {
  const type = context.activity.conversation?.conversationType;
  if (type && CONVERSATION_TYPES.has(type)) return type;
  return context.activity.conversation?.isGroup ? 'group' : 'personal';
}
