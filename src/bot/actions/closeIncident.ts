/**
 * Closing: `close N` (and verb `incident.closeForm`) shows the close card, which lists
 * open tasks as a warning; verb `incident.close` closes with the chosen classification.
 * If tasks were opened after the card was shown, the card comes back with the new list.
 */
import type { TurnContext } from 'botbuilder';
import { UserError } from '../../incidents/errors';
import { validateClosure, type ReportErrors } from '../../incidents/reportValidation';
import { closeIncidentCard, incidentCard } from '../cards/incidentCards';
import { incidentNumberFrom } from '../cardActions';
import { showCard, showTyping } from '../replies';
import { requireIncidentNumber } from './incidentNumber';
import type { BotServices, VerbHandler } from './verbContext';

export async function showCloseForm(turn: TurnContext, incidentNumber: number, services: BotServices): Promise<void> {
  await services.access.requireResponder(turn);
  await showTyping(turn);
  const incident = await services.incidents.getIncident(incidentNumber);
  if (incident.status === 'Closed') {
    await showCard(turn, incidentCard(incident, `Incident ${incidentNumber} is already closed.`));
    return;
  }
  const { tasks } = await services.tasks.list(incidentNumber);
  await showCard(turn, closeIncidentCard(incident, tasks.filter((t) => t.status !== 'Completed')));
}

export const handleCloseForm: VerbHandler = async ({ turn, data, services }) => showCloseForm(turn, requireIncidentNumber(incidentNumberFrom(data)), services);

export const handleClose: VerbHandler = async ({ turn, data, services }) => {
  const incidentNumber = requireIncidentNumber(incidentNumberFrom(data));
  const actor = await services.access.requireResponder(turn);
  const text = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 2000) : '');
  const values = { classification: text(data.classification), classificationReason: '', classificationComment: text(data.classificationComment) };
  const errors: ReportErrors = {};
  const closure = validateClosure(values, errors);
  const incident = await services.incidents.getIncident(incidentNumber);
  const open = (await services.tasks.list(incidentNumber)).tasks.filter((t) => t.status !== 'Completed');
  const confirmed = Number(data.confirmedOpenTasks);
  if (!closure || Object.keys(errors).length > 0) {
    const error = Object.values(errors)[0] ?? 'Choose a classification.';
    await showCard(turn, closeIncidentCard(incident, open, { classification: values.classification, comment: values.classificationComment, error }));
    return;
  }
  if (open.length > (Number.isInteger(confirmed) ? confirmed : 0)) {
    // More open tasks than the person saw when they decided: ask again with the current list.
    await showCard(turn, closeIncidentCard(incident, open, { classification: values.classification, comment: values.classificationComment, error: 'The open tasks changed since this card was shown. Check them and confirm again.' }));
    return;
  }
  if (incident.status === 'Closed') throw new UserError('INVALID_INPUT', { detail: `Incident ${incidentNumber} is already closed.` });
  const result = await services.incidents.close(incidentNumber, closure, actor);
  const left = open.length ? ` ${open.length} task${open.length === 1 ? ' was' : 's were'} still open.` : '';
  await showCard(turn, incidentCard(result.incident, `Incident ${incidentNumber} is closed as ${closure.classification}.${left}`));
};
