/**
 * Changing who owns an incident beyond "assign to me": unassigning. Removing someone else is
 * asked about first, and the confirmation names the owner the person saw, so a press after
 * the incident changed hands asks again instead of removing the new owner.
 */
import type { IncidentOwnerInfo } from '../../sentinel/types';
import { confirmCard } from '../cards/generalCards';
import { incidentCard } from '../cards/incidentCards';
import { cardReply, type Reply } from '../reply';
import type { HandlerContext } from './context';
import { seenBy } from './incidentHandlers';

function ownerName(owner: IncidentOwnerInfo | undefined): string {
  return owner?.assignedTo || owner?.userPrincipalName || owner?.email || 'someone else';
}

export async function unassign(ctx: HandlerContext, incidentNumber: number, expectedOwner?: string): Promise<Reply> {
  const me = await ctx.caller.responder();
  await ctx.working();
  const current = await ctx.services.incidents.resolve(incidentNumber);
  const owner = current.properties.owner;
  const ownerId = owner?.objectId?.toLowerCase() || 'none';
  if (ownerId === 'none') {
    return cardReply(incidentCard(await ctx.services.incidents.getIncident(incidentNumber), `Incident ${incidentNumber} is not assigned to anyone.`, seenBy(ctx)));
  }
  const mine = ownerId === me.objectId.toLowerCase();
  if (!mine && expectedOwner !== ownerId) {
    const name = ownerName(owner);
    const changed = expectedOwner !== undefined;
    return cardReply(
      confirmCard({
        heading: changed ? `Incident ${incidentNumber} changed hands` : `Unassign incident ${incidentNumber}?`,
        message: changed
          ? `Since you asked, incident ${incidentNumber} was assigned to ${name}, so I did not unassign it. Remove ${name} as its owner?`
          : `Incident ${incidentNumber} is assigned to ${name}. Remove ${name} as its owner? It will then be unassigned.`,
        confirmTitle: `Unassign ${name}`,
        confirmVerb: 'incident.unassign',
        keepTitle: `Keep ${name}`,
        incidentNumber,
        expectedOwner: ownerId,
      }),
    );
  }
  const result = await ctx.services.incidents.unassign(incidentNumber, me, current);
  const banner = !result.changed
    ? `Incident ${incidentNumber} is not assigned to anyone.`
    : mine
      ? `You are no longer the owner of incident ${incidentNumber}; it is unassigned.`
      : `Incident ${incidentNumber} is no longer assigned to ${ownerName(owner)}; it is unassigned.`;
  const notify = result.changed ? [incidentCard(result.incident, `Incident ${incidentNumber} was unassigned by ${me.name || 'a responder'} via Teams.`)] : [];
  return cardReply(incidentCard(result.incident, banner, seenBy(ctx)), notify);
}
