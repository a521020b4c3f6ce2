/** Runs a typed command. A report in progress stays open while other commands run. */
import type { TurnContext } from 'botbuilder';
import { assignToMe } from './actions/assignToMe';
import { setSeverity, setStatus } from './actions/changeIncident';
import { showCloseForm } from './actions/closeIncident';
import { commentIncident } from './actions/commentIncident';
import { looseEnds } from './actions/looseEnds';
import { myIncidents } from './actions/myIncidents';
import { addTask, completeTask, taskHistory } from './actions/taskActions';
import { startReport } from './actions/reportFlow';
import { showIncident } from './actions/showIncident';
import { showTasks } from './actions/showTasks';
import type { BotServices } from './actions/verbContext';
import { helpCard, noticeCard } from './cards/generalCards';
import type { Command } from './commands';
import { showCard, showText } from './replies';

export async function runCommand(turn: TurnContext, command: Command, services: BotServices): Promise<void> {
  switch (command.kind) {
    case 'report':
      return startReport(turn, services, command.title);
    case 'showTasks':
      return showTasks(turn, command.incidentNumber, services);
    case 'assignToMe':
      return assignToMe(turn, command.incidentNumber, services);
    case 'showIncident':
      return showIncident(turn, command.incidentNumber, services);
    case 'myIncidents':
      return myIncidents(turn, services);
    case 'setSeverity':
      return setSeverity(turn, command.incidentNumber, command.severity, services);
    case 'setStatus':
      return command.status === 'Closed' ? showCloseForm(turn, command.incidentNumber, services) : setStatus(turn, command.incidentNumber, command.status, services);
    case 'close':
      return showCloseForm(turn, command.incidentNumber, services);
    case 'comment':
      return commentIncident(turn, command.incidentNumber, command.text, services);
    case 'completeTask':
      return completeTask(turn, command.incidentNumber, command.task, services);
    case 'addTask':
      return addTask(turn, command.incidentNumber, command.title, services);
    case 'taskHistory':
      return taskHistory(turn, command.incidentNumber, services);
    case 'looseEnds':
      return looseEnds(turn, services);
    case 'needsIncidentNumber':
      return showText(turn, 'Which incident?', `Which incident do you mean? Give its number, for example: ${command.example}`);
    case 'cancel':
    case 'help':
    case 'unknown':
    case 'empty':
      // The report dialog answers these itself (cancel, help, "use the card") while it is open.
      if (await services.dialogs.isActive(turn)) {
        await (await services.dialogs.createContext(turn)).continueDialog();
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
