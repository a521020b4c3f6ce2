/**
 * Tasks: the list (from the audit table), completing one by number, title or id, adding one,
 * and the history. Completing by a title that several tasks share answers with a choice card
 * instead of guessing.
 */
import type { Back } from '../cards/backLink';
import { lastPageOffset, PAGE_SIZE } from '../cards/paging';
import { taskChoiceCard, taskHistoryCard, tasksCard } from '../cards/taskCards';
import type { TaskChoice } from '../command';
import { cardReply, type Reply } from '../reply';
import type { HandlerContext } from './context';

export async function showTasks(ctx: HandlerContext, incidentNumber: number, offset = 0, back?: Back): Promise<Reply> {
  await ctx.working();
  return cardReply(tasksCard(await ctx.services.audit.getTasks(incidentNumber), { offset, back, zone: ctx.timeZone }));
}

/** `offset`: the window of the card pressed, so the list stays where the person was. */
export async function completeTask(ctx: HandlerContext, incidentNumber: number, task: TaskChoice, offset = 0): Promise<Reply> {
  const actor = await ctx.caller.responder();
  await ctx.working();
  const result = await ctx.services.tasks.complete(incidentNumber, task, actor);
  if (result.kind === 'ambiguous') return cardReply(taskChoiceCard(incidentNumber, 'title' in task ? task.title : '', result.candidates));
  const by = result.task.completedBy ? ` by ${result.task.completedBy}` : '';
  const banner = result.alreadyDone ? `"${result.task.title}" was already completed${by}.` : `Completed "${result.task.title}".`;
  return cardReply(tasksCard(result.view, { banner, offset, zone: ctx.timeZone }));
}

export async function addTask(ctx: HandlerContext, incidentNumber: number, title: string): Promise<Reply> {
  const actor = await ctx.caller.responder();
  await ctx.working();
  const { view, task, alreadyThere } = await ctx.services.tasks.add(incidentNumber, title, actor);
  // The new task is last: show the window it is in.
  const banner = alreadyThere ? `"${task.title}" is already an open task, so I did not add it again.` : `Added "${task.title}".`;
  return cardReply(tasksCard(view, { banner, offset: alreadyThere ? windowOf(view, task) : lastPageOffset(view.tasks.length), zone: ctx.timeZone }));
}

/** The window of the list that shows `task`. */
function windowOf(view: { tasks: Array<{ taskId: string }> }, task: { taskId: string }): number {
  const at = Math.max(0, view.tasks.findIndex((t) => t.taskId === task.taskId));
  return Math.floor(at / PAGE_SIZE) * PAGE_SIZE;
}

export async function taskHistory(ctx: HandlerContext, incidentNumber: number, offset = 0): Promise<Reply> {
  await ctx.working();
  const { title, entries } = await ctx.services.audit.taskHistory(incidentNumber);
  return cardReply(taskHistoryCard(incidentNumber, title, entries, offset, ctx.timeZone));
}
