/** Runs a typed command. A report in progress stays open while other commands run. */
import type { TurnContext } from 'botbuilder';
import { assignToMe } from './actions/assignToMe';
import { startReport } from './actions/reportFlow';
import { showIncident } from './actions/showIncident';
import { showTasks } from './actions/showTasks';
import type { BotServices } from './actions/verbContext';
import { helpCard, noticeCard } from './cards/cardData';
import type { Command } from './commands';
import { showCard, showText } from './replies';

export async function runCommand(turn: TurnContext, command: Command, services: BotServices): Promise<void> {
  const dc = await services.dialogs.createContext(turn);
  switch (command.kind) {
    case 'report':
      return startReport(turn, services, command.title);
    case 'showTasks':
      return showTasks(turn, command.incidentNumber, services);
    case 'assignToMe':
      return assignToMe(turn, command.incidentNumber, services);
    case 'showIncident':
      return showIncident(turn, command.incidentNumber, services);
    case 'needsIncidentNumber':
      return showText(turn, 'Which incident?', `Which incident do you mean? Give its number, for example: ${command.example}`);
    case 'cancel':
    case 'help':
    case 'unknown':
    case 'empty':
      // The report dialog answers these itself (cancel, help, "use the card") while it is open.
      if (dc.activeDialog) {
        await dc.continueDialog();
        return;
      }
      if (command.kind === 'cancel') return showText(turn, 'Nothing to cancel', "There's nothing to cancel right now.");
      if (command.kind === 'help') return showCard(turn, helpCard());
      return showCard(
        turn,
        noticeCard("I didn't catch that", 'Try "show tasks for 405211", "assign 405211 to me" or "report". Here is everything I can do:', { showHelp: true }),
      );
  }
}
