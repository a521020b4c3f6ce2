/**
 * Owns the dialog set and where its state lives. Dialog state is per person per
 * conversation (PrivateConversationState): two people reporting in one group chat do not
 * share a draft.
 */
import type { BotState, TurnContext } from 'botbuilder';
import { DialogSet, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { ReportIncidentDialog } from './reportIncidentDialog';

export class DialogRunner {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly state: BotState,
    report: ReportIncidentDialog,
  ) {
    this.dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
    this.dialogs.add(report);
  }

  createContext(context: TurnContext): Promise<DialogContext> {
    return this.dialogs.createContext(context);
  }

  save(context: TurnContext): Promise<void> {
    return this.state.saveChanges(context, false);
  }
}
