/**
 * Routing only: typed messages become Commands, card buttons go to their verb handler,
 * and every failure becomes a safe sentence. Behaviour lives in actions/ and dialogs/.
 */
import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { UserError, userMessageFor } from '../incidents/errors';
import { VERB_HANDLERS } from './actions';
import type { BotServices } from './actions/verbContext';
import { incidentNumberFrom, readCardAction, type CardAction } from './cardActions';
import { noticeCard } from './cards/generalCards';
import { parseCommand } from './commands';
import { runCommand } from './commandRouter';
import { invokeCard, showError } from './replies';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export class IncidentBot extends TeamsActivityHandler {
  constructor(private readonly services: BotServices) {
    super();
    this.onMessage(async (turn, next) => {
      await this.handleMessage(turn);
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      const botId = turn.activity.recipient?.id;
      if ((turn.activity.membersAdded ?? []).some((m) => m.id !== botId)) {
        await turn.sendActivity('Hi! I help your SOC handle Microsoft Sentinel incidents. Type "help" to see what I can do, or "report" to report something suspicious.');
      }
      await next();
    });
  }

  override async run(turn: TurnContext): Promise<void> {
    if (!this.services.access.isTenantAllowed(turn)) {
      await this.refuseTenant(turn);
      return;
    }
    await super.run(turn);
    await this.services.dialogs.save(turn);
  }

  /** Other tenants get one clear sentence and nothing else: no state, no Azure call. */
  private async refuseTenant(turn: TurnContext): Promise<void> {
    const message = userMessageFor('TENANT_NOT_ALLOWED');
    if (turn.activity.type === 'message') {
      await turn.sendActivity(message);
    } else if (turn.activity.type === 'invoke') {
      await turn.sendActivity({ type: 'invokeResponse', value: { status: 403, body: { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message } } } });
    }
  }

  private async handleMessage(turn: TurnContext): Promise<void> {
    const action = readCardAction(turn.activity);
    if (action) {
      try {
        await this.handleAction(turn, action);
      } catch (err) {
        await showError(turn, err, this.services.logger, { incidentNumber: incidentNumberFrom(action.data) });
      }
      return;
    }
    // In channels and group chats the text starts with "<at>Bot</at>"; parse what follows.
    const text = TurnContext.removeRecipientMention(turn.activity) ?? turn.activity.text ?? '';
    const command = parseCommand(text);
    try {
      await runCommand(turn, command, this.services);
    } catch (err) {
      await showError(turn, err, this.services.logger, { incidentNumber: 'incidentNumber' in command ? command.incidentNumber : undefined });
    }
  }

  protected override async onAdaptiveCardInvoke(turn: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = readCardAction(turn.activity);
    if (!action) {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'The card action has no valid verb.' } };
    }
    try {
      await this.handleAction(turn, action);
    } catch (err) {
      await showError(turn, err, this.services.logger, { incidentNumber: incidentNumberFrom(action.data) });
    }
    const card = invokeCard(turn) ?? noticeCard('Done', 'Done.');
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
  }

  private async handleAction(turn: TurnContext, action: CardAction): Promise<void> {
    const handler = VERB_HANDLERS[action.verb];
    if (!handler) {
      this.services.logger.warn({ verb: action.verb }, 'unknown card verb');
      throw new UserError('INVALID_INPUT', { detail: 'That button is not supported any more. Type "help" to see what I can do.' });
    }
    await handler({ turn, data: action.data, services: this.services });
  }
}
