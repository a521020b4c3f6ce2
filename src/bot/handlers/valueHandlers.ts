/**
 * A value Sentinel does not have ("critical", "in progress", "resolved"), mapped by
 * parsing/valueMap.ts: the answer says the mapping and nothing is written until the person
 * presses the button. The button names the value the card showed; a press after someone else
 * changed it asks again, and a press when the incident already has the value says so.
 * Closed is never written from here: its button opens the close card (classification, open tasks).
 */
import { UserError } from '../../incidents/errors';
import type { IncidentView } from '../../incidents/types';
import { confirmValueCard } from '../cards/generalCards';
import { incidentCard } from '../cards/incidentCards';
import type { ValueChange } from '../parsing/valueMap';
import { mappingSentence } from '../parsing/valueMap';
import { cardReply, type Reply } from '../reply';
import type { HandlerContext } from './context';
import { seenBy, setSeverity, setStatus } from './incidentHandlers';
import { reopenIncident } from './reopenHandlers';

export interface ValueConfirmation {
  incidentNumber: number;
  change: ValueChange;
  typed: string;
  /** On a press: the value the confirm card showed. */
  expected?: string;
}

function currentOf(incident: IncidentView, change: ValueChange): string {
  return change.field === 'severity' ? incident.severity : incident.status;
}

function ask(incident: IncidentView, request: ValueConfirmation, changedTo?: string): Reply {
  const { change, typed } = request;
  const n = incident.number;
  const current = currentOf(incident, change);
  const said = mappingSentence(change.field, typed);
  const since = changedTo !== undefined ? `Since this was asked, the ${change.field} of incident ${n} changed to ${changedTo}, so I changed nothing. ` : '';
  const closing = change.field === 'status' && change.value === 'Closed';
  const Field = change.field === 'severity' ? 'Severity' : 'Status';
  const what = closing
    ? `Close incident ${n}? Closing asks for a classification${current === 'Closed' ? '' : ` (it is ${current} now)`}.`
    : `${Field} of incident ${n} is ${current} now. Set it to ${change.value}?`;
  return cardReply(
    confirmValueCard({
      heading: changedTo !== undefined ? `Incident ${n} changed` : closing ? `Close incident ${n}?` : `Set ${change.field} of ${n} to ${change.value}?`,
      message: `${since}${said} ${what}`,
      confirmTitle: closing ? `Close incident ${n}…` : `Set ${change.field} to ${change.value}`,
      confirmVerb: closing ? 'incident.closeForm' : 'incident.confirmValue',
      incidentNumber: n,
      field: change.field,
      value: change.value,
      expected: current,
      typed: typed.slice(0, 40),
    }),
  );
}

export async function confirmValue(ctx: HandlerContext, request: ValueConfirmation): Promise<Reply> {
  const { incidentNumber, change } = request;
  await ctx.caller.responder();
  await ctx.working();
  const incident = await ctx.services.incidents.getIncident(incidentNumber);
  const current = currentOf(incident, change);
  if (current === change.value) {
    const Field = change.field === 'severity' ? 'Severity' : 'Status';
    const already = `${Field} of incident ${incidentNumber} is already ${current}, so nothing changed.`;
    return cardReply(incidentCard(incident, request.expected === undefined ? `${mappingSentence(change.field, request.typed)} ${already}` : already, seenBy(ctx)));
  }
  if (change.field === 'severity' && incident.status === 'Closed') throw new UserError('INCIDENT_CLOSED', { incidentNumber });
  // A closed incident becomes Active only by reopening, which has its own confirmation (naming how it was closed).
  if (change.field === 'status' && change.value !== 'Closed' && incident.status === 'Closed') return reopenIncident(ctx, incidentNumber, { status: change.value });
  if (request.expected === undefined) return ask(incident, request);
  if (request.expected !== current) return ask(incident, request, current);
  if (change.field === 'severity') return setSeverity(ctx, incidentNumber, change.value);
  // Closed comes from the close card only; a press claiming it here is not ours.
  if (change.value === 'Closed') throw new UserError('INVALID_INPUT', { detail: `To close incident ${incidentNumber}, type "close ${incidentNumber}" and choose a classification.` });
  return setStatus(ctx, incidentNumber, change.value);
}
