/**
 * Routing only: typed messages become Commands, card buttons go to their verb handler,
 * and every failure becomes a safe sentence. Behaviour lives in actions/ and dialogs/.
 */
import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
} from 'botbuilder';
import { UserError, userMessageFor } from '../incidents/errors';
import { VERB_HANDLERS } from './actions';
import type { BotServices } from './actions/verbContext';
import { incidentNumberFrom, readCardAction, type CardAction } from './cardActions';
import { noticeCard } from './cards/generalCards';
import { parseCommand } from './commands';
import { runCommand } from './commandRouter';
import { fetchReportTask, REPORT_TO_SOC, submitReportTask } from './messageExtension/reportToSoc';
import { invokeCard, showError, showText } from './replies';
import { StateConflictError } from './storage';
import { botWasAdded, welcomeText } from './welcome';

/** A turn that lost a state race re-reads and runs again; after this many tries it says so. */
const STATE_ATTEMPTS = 3;
const CHANGED_ELSEWHERE = 'Your report was changed in another window at the same moment, so this step was not saved. Use the latest card, or type "report" to start again.';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

function cardResponse(card: Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

export class IncidentBot extends TeamsActivityHandler {
  constructor(private readonly services: BotServices) {
    super();
    this.onMessage(async (turn, next) => {
      await this.handleMessage(turn);
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      if (botWasAdded(turn.activity)) await turn.sendActivity(welcomeText(turn.activity));
      await next();
    });
  }

  override async run(turn: TurnContext): Promise<void> {
    if (!this.services.access.isTenantAllowed(turn)) {
      await this.refuseTenant(turn);
      return;
    }
    await super.run(turn);
    try {
      await this.services.dialogs.save(turn);
    } catch (err) {
      if (!(err instanceof StateConflictError)) throw err;
      // What this turn said is already on its way; it must not stand as if it were saved.
      this.services.logger.info({ code: err.code }, 'dialog state changed elsewhere during a message turn');
      await this.services.dialogs.reload(turn);
      // Replies still held for the answer (expectReplies) describe the unsaved step: drop them.
      if (turn.activity.deliveryMode === 'expectReplies') turn.bufferedReplyActivities.length = 0;
      await turn.sendActivity(CHANGED_ELSEWHERE);
    }
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

  /**
   * Teams gives a card button a few seconds. The work runs on a copy of the turn context
   * that outlives the turn; if it is not done by the deadline the person gets a "working
   * on it" card at once, and the real answer replaces it when the work finishes.
   */
  protected override async onAdaptiveCardInvoke(turn: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = readCardAction(turn.activity);
    if (!action) {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'The card action has no valid verb.' } };
    }
    const work = new TurnContext(turn);
    const done = this.runInvoke(work, action);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.services.invokeDeadlineMs);
    });
    const first = await Promise.race([done.then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (first === 'done') return cardResponse(invokeCard(work) ?? noticeCard('Done', 'Done.'));

    const reference = this.services.messenger.referenceOf(turn);
    const cardId = turn.activity.replyToId;
    void done
      .then(async () => {
        const card = invokeCard(work);
        if (card && cardId) await this.services.messenger.updateCard(reference, cardId, card);
      })
      .catch((err: unknown) => this.services.logger.warn({ code: (err as { code?: unknown }).code }, 'could not update the card after slow work'));
    return cardResponse(noticeCard('Working on it…', 'Microsoft Sentinel is slow to answer. This card will update as soon as it is done.'));
  }

  protected override async handleTeamsMessagingExtensionFetchTask(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== REPORT_TO_SOC) return { task: { type: 'message', value: 'This command is not supported.' } };
    return fetchReportTask(turn, action, this.services);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== REPORT_TO_SOC) return { task: { type: 'message', value: 'This command is not supported.' } };
    return submitReportTask(turn, action, this.services);
  }

  /**
   * A press whose state write loses to another turn (another window, a double click landing
   * on two instances) runs again on the state that won, so the card it answers with shows
   * what is really stored. Its side effects are safe to repeat: creating is idempotent per
   * submission, and the other verbs change no dialog state.
   */
  private async runInvoke(work: TurnContext, action: CardAction): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handleAction(work, action);
      } catch (err) {
        await showError(work, err, this.services.logger, { incidentNumber: incidentNumberFrom(action.data) });
      }
      try {
        await this.services.dialogs.save(work);
        return;
      } catch (err) {
        if (!(err instanceof StateConflictError)) throw err;
        this.services.logger.info({ code: err.code, attempt }, 'dialog state changed elsewhere: re-reading and running the press again');
        await this.services.dialogs.reload(work);
        if (attempt >= STATE_ATTEMPTS) {
          await showText(work, 'Changed elsewhere', CHANGED_ELSEWHERE, 'error');
          return;
        }
      }
    }
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
