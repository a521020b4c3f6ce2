/**
 * Verbs `task.complete`, `task.add`, `tasks.history` and their commands. Completing by a
 * title that several tasks share answers with a choice card instead of guessing.
 */
import type { TurnContext } from 'botbuilder';
import type { TaskSelector } from '../../incidents/taskService';
import { taskChoiceCard, taskHistoryCard, tasksCard } from '../cards/taskCards';
import { incidentNumberFrom } from '../cardActions';
import { showCard, showTyping } from '../replies';
import { requireIncidentNumber } from './incidentNumber';
import type { BotServices, VerbHandler } from './verbContext';

export async function completeTask(turn: TurnContext, incidentNumber: number, selector: TaskSelector, services: BotServices): Promise<void> {
  const actor = await services.access.requireResponder(turn);
  await showTyping(turn);
  const result = await services.tasks.complete(incidentNumber, selector, actor);
  if (result.kind === 'ambiguous') {
    await showCard(turn, taskChoiceCard(incidentNumber, 'title' in selector ? selector.title : '', result.candidates));
    return;
  }
  const by = result.task.completedBy ? ` by ${result.task.completedBy}` : '';
  const banner = result.alreadyDone ? `"${result.task.title}" was already completed${by}.` : `Completed "${result.task.title}".`;
  await showCard(turn, tasksCard(result.view, banner));
}

export async function addTask(turn: TurnContext, incidentNumber: number, title: string, services: BotServices): Promise<void> {
  const actor = await services.access.requireResponder(turn);
  await showTyping(turn);
  const view = await services.tasks.add(incidentNumber, title, actor);
  await showCard(turn, tasksCard(view, `Added "${view.tasks.at(-1)?.title ?? title}".`));
}

export async function taskHistory(turn: TurnContext, incidentNumber: number, services: BotServices): Promise<void> {
  await showTyping(turn);
  const { title, entries } = await services.audit.taskHistory(incidentNumber);
  await showCard(turn, taskHistoryCard(incidentNumber, title, entries));
}

export const handleCompleteTask: VerbHandler = async ({ turn, data, services }) => {
  const taskId = typeof data.taskId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(data.taskId) ? data.taskId : '';
  return completeTask(turn, requireIncidentNumber(incidentNumberFrom(data)), { taskId }, services);
};

export const handleAddTask: VerbHandler = async ({ turn, data, services }) =>
  addTask(turn, requireIncidentNumber(incidentNumberFrom(data)), typeof data.title === 'string' ? data.title : '', services);

export const handleTaskHistory: VerbHandler = async ({ turn, data, services }) => taskHistory(turn, requireIncidentNumber(incidentNumberFrom(data)), services);
