/** The report dialog behind the ReportConversation port the handlers use. */
import type { TurnContext } from 'botbuilder';
import type { ReportConversation } from '../handlers/context';
import { collectReply } from '../replies';
import type { DialogRunner } from './dialogRunner';
import { REPORT_INCIDENT_DIALOG, type ReportOptions } from './reportOptions';

export function reportConversation(turn: TurnContext, dialogs: DialogRunner): ReportConversation {
  return {
    isOpen: () => dialogs.isActive(turn),
    start: (title) =>
      collectReply(turn, async () => {
        const dc = await dialogs.createContext(turn);
        // A new report replaces an unfinished one: its card's buttons then answer "expired".
        if (dc.activeDialog) await dc.cancelAllDialogs();
        const options: ReportOptions = title ? { title } : {};
        await dc.beginDialog(REPORT_INCIDENT_DIALOG, options);
      }),
    continue: async () => {
      // Read from state first: most turns have no report open and need not load the dialogs.
      if (!(await dialogs.isActive(turn))) return undefined;
      return collectReply(turn, async () => (await dialogs.createContext(turn)).continueDialog());
    },
  };
}
