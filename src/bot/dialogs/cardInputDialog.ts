/**
 * Shows a card and waits for one of its buttons. botbuilder's prompts only listen to
 * message activities, but Universal Actions arrive as invokes; this dialog accepts both
 * and ignores presses on stale cards (another report's buttons).
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { AdaptiveCardJson } from '../cards/renderCard';
import { readCardAction, type CardAction } from '../cardActions';
import { showCard, showText } from '../replies';

export const CARD_INPUT_DIALOG = 'cardInput';

export interface CardInputOptions {
  card: AdaptiveCardJson;
  /** Only presses carrying this submission id belong to this card. */
  submissionId: string;
  verbs: string[];
  /** What to tell someone who types instead of using the card. */
  reminder: string;
}

export class CardInputDialog extends Dialog<CardInputOptions> {
  constructor() {
    super(CARD_INPUT_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: CardInputOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('CardInputDialog needs options');
    // The card stays in state: a press from an older card of the same report (another
    // window, or a press that lost a race to one) is answered with where the report stands.
    if (dc.activeDialog) dc.activeDialog.state = { options };
    await showCard(dc.context, options.card);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const options = (dc.activeDialog?.state as { options?: Partial<CardInputOptions> & Omit<CardInputOptions, 'card'> } | undefined)?.options;
    if (!options) return dc.endDialog();
    const action: CardAction | undefined = readCardAction(dc.context.activity);
    if (!action) {
      if (dc.context.activity.type === 'message') await showText(dc.context, 'Report in progress', options.reminder);
      return Dialog.EndOfTurn;
    }
    if (action.data.submissionId === options.submissionId && !options.verbs.includes(action.verb) && options.card) {
      await showCard(dc.context, options.card);
      return Dialog.EndOfTurn;
    }
    if (action.data.submissionId !== options.submissionId || !options.verbs.includes(action.verb)) {
      await showText(
        dc.context,
        'This card has expired',
        'This card belongs to an earlier report. Use the latest card, or type "report" to start again.',
      );
      return Dialog.EndOfTurn;
    }
    return dc.endDialog(action);
  }
}
