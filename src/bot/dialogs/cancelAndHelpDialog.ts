/**
 * Base for dialogs a person can leave or ask about at any step: "cancel" ends the dialog,
 * "help" shows help and keeps the dialog waiting where it was.
 */
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { helpCard, helpPlaceOf } from '../cards/generalCards';
import { parseCommand } from '../commands';
import { showCard, showText } from '../replies';

export abstract class CancelAndHelpDialog extends ComponentDialog {
  protected abstract readonly cancelledMessage: string;

  override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    return interrupted ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = innerDc.context.activity;
    if (activity.type !== 'message' || typeof activity.text !== 'string' || activity.value) return undefined;
    const command = parseCommand(activity.text);
    if (command.kind === 'cancel') {
      await showText(innerDc.context, 'Cancelled', this.cancelledMessage);
      return innerDc.cancelAllDialogs();
    }
    if (command.kind === 'help') {
      await showCard(innerDc.context, helpCard('Your report is still open above. Type cancel to drop it. Other things I can do:', helpPlaceOf(activity)));
      return Dialog.EndOfTurn;
    }
    return undefined;
  }
}
