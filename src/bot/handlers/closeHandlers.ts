/**
 * Closing: `close N` (and the close button) shows the close card, which lists open tasks as
 * a warning; the card's Close button closes with the chosen classification. If tasks were
 * opened after the card was shown, the card comes back with the new list.
 */
import { UserError } from '../../incidents/errors';
import { validateClosure, type ReportErrors } from '../../incidents/reportValidation';
import { countedIs } from '../cards/counts';
import { classificationText } from '../cards/sentinelNames';
import { closeIncidentCard, incidentCard } from '../cards/incidentCards';
import { cardReply, type Reply } from '../reply';
import type { HandlerContext } from './context';
import { seenBy } from './incidentHandlers';

export async function showCloseForm(ctx: HandlerContext, incidentNumber: number): Promise<Reply> {
  await ctx.caller.responder();
  await ctx.working();
  const { incident, tasks } = await ctx.services.tasks.incidentWithTasks(incidentNumber);
  if (incident.status === 'Closed') return cardReply(incidentCard(incident, `Incident ${incidentNumber} is already closed.`, seenBy(ctx)));
  return cardReply(closeIncidentCard(incident, tasks.filter((t) => t.status !== 'Completed')));
}

export interface CloseRequest {
  classification: string;
  classificationComment: string;
  /** How many open tasks the card showed when the person decided. */
  confirmedOpenTasks: number;
}

export async function closeIncident(ctx: HandlerContext, incidentNumber: number, request: CloseRequest): Promise<Reply> {
  const actor = await ctx.caller.responder();
  const values = { classification: request.classification, classificationReason: '', classificationComment: request.classificationComment };
  const errors: ReportErrors = {};
  const closure = validateClosure(values, errors);
  const { incident, tasks, current } = await ctx.services.tasks.incidentWithTasks(incidentNumber);
  const open = tasks.filter((t) => t.status !== 'Completed');
  const again = (error: string): Reply => cardReply(closeIncidentCard(incident, open, { classification: values.classification, comment: values.classificationComment, error }));
  if (!closure || Object.keys(errors).length > 0) return again(Object.values(errors)[0] ?? 'Choose a classification.');
  // More open tasks than the person saw when they decided: ask again with the current list.
  if (open.length > request.confirmedOpenTasks) return again('The open tasks changed since this card was shown. Check them and confirm again.');
  if (incident.status === 'Closed') throw new UserError('INVALID_INPUT', { detail: `Incident ${incidentNumber} is already closed.` });
  const result = await ctx.services.incidents.close(incidentNumber, closure, actor, current);
  if (!result.changed) {
    const as = result.incident.closure ? ` as ${classificationText(result.incident.closure.classification, result.incident.closure.classificationReason)}` : '';
    return cardReply(incidentCard(result.incident, `Someone else closed incident ${incidentNumber}${as} at the same moment.`, seenBy(ctx)));
  }
  const left = open.length ? ` ${countedIs(open.length, 'task', true)} still open.` : '';
  const done = result.incident.closure ?? closure;
  const as = classificationText(done.classification, done.classificationReason);
  return cardReply(incidentCard(result.incident, `Incident ${incidentNumber} is closed as ${as}.${left}`, { tone: open.length ? 'warning' : 'good', ...seenBy(ctx) }));
}
