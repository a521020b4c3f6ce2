/** Verb `tasks.show` and the command "show tasks for N": the task card from the audit table. */
import type { TurnContext } from 'botbuilder';
import { tasksCard } from '../cards/taskCards';
import { incidentNumberFrom } from '../cardActions';
import { showCard, showTyping } from '../replies';
import type { BotServices, VerbHandler } from './verbContext';
import { requireIncidentNumber } from './incidentNumber';

export async function showTasks(turn: TurnContext, incidentNumber: number, services: BotServices): Promise<void> {
  await showTyping(turn);
  const view = await services.audit.getTasks(incidentNumber);
  await showCard(turn, tasksCard(view));
}

export const handleShowTasks: VerbHandler = async ({ turn, data, services }) =>
  showTasks(turn, requireIncidentNumber(incidentNumberFrom(data)), services);
