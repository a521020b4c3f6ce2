/** One incident: show, refresh, assign, severity, status, comment. */
import type { ChangeResult } from '../../incidents/incidentService';
import type { Severity, Status } from '../../incidents/types';
import type { Back } from '../cards/backLink';
import { confirmCard } from '../cards/generalCards';
import { incidentCard, type IncidentInputs } from '../cards/incidentCards';
import { cardReply, textReply, type Reply } from '../reply';
import { noteOwner, type HandlerContext } from './context';
import { reopenIncident } from './reopenHandlers';

export async function showIncident(ctx: HandlerContext, incidentNumber: number, back?: Back): Promise<Reply> {
  await ctx.working();
  return cardReply(incidentCard(await ctx.services.incidents.getIncident(incidentNumber), '', { back, ...seenBy(ctx) }));
}

/** Who the card answers, when Teams says (a card for nobody in particular offers every button). */
export function viewerOf(ctx: HandlerContext): string | undefined {
  try {
    return ctx.caller.person().objectId;
  } catch {
    return undefined;
  }
}

/** An incident card as the person reading it sees it: their buttons, their time zone, their picker. */
export function seenBy(ctx: HandlerContext): { viewer: string | undefined; zone: HandlerContext['timeZone']; peoplePicker: boolean } {
  return { viewer: viewerOf(ctx), zone: ctx.timeZone, peoplePicker: ctx.peoplePicker };
}

/** Universal Actions' refresh: a person who opens an incident card later sees its current state. */
export async function refreshIncident(ctx: HandlerContext, incidentNumber: number, banner: string, tone: 'good' | 'warning' = 'good'): Promise<Reply> {
  return cardReply(incidentCard(await ctx.services.incidents.getIncident(incidentNumber), banner, { tone, ...seenBy(ctx) }));
}

/** A press the card could not use: the same card, current, with the sentence and the person's choices. */
export async function incidentCardError(ctx: HandlerContext, incidentNumber: number, detail: string, inputs: IncidentInputs = {}): Promise<Reply> {
  return cardReply(incidentCard(await ctx.services.incidents.getIncident(incidentNumber), detail, { tone: 'attention', inputs, ...seenBy(ctx) }));
}

/**
 * Taking an incident someone else owns is confirmed first ("Take it"); the button names the
 * owner the person saw, so a press after it changed hands asks again.
 */
export async function assignToMe(ctx: HandlerContext, incidentNumber: number, expectedOwner?: string): Promise<Reply> {
  const me = await ctx.caller.responder();
  await ctx.working();
  const current = await ctx.services.incidents.resolve(incidentNumber);
  const o = current.properties.owner;
  const ownerId = o?.objectId?.toLowerCase() || 'none';
  const meId = me.objectId.toLowerCase();
  if (ownerId !== meId && (expectedOwner !== undefined ? expectedOwner !== ownerId : ownerId !== 'none')) {
    const ownerName = o?.assignedTo || o?.userPrincipalName || 'someone else';
    const stale = expectedOwner !== undefined;
    return cardReply(
      confirmCard({
        heading: stale ? `Incident ${incidentNumber} changed hands` : `Take incident ${incidentNumber} from ${ownerName}?`,
        message: stale
          ? `Since you asked, incident ${incidentNumber} is now ${ownerId === 'none' ? 'unassigned' : `assigned to ${ownerName}`}, so I did not change it. Take it?`
          : `Incident ${incidentNumber} is assigned to ${ownerName}. Take it over? ${ownerName} will no longer own it.`,
        confirmTitle: 'Take it',
        confirmVerb: 'incident.takeOver',
        keepTitle: ownerId === 'none' ? 'Leave it' : `Keep ${ownerName}`,
        incidentNumber,
        expectedOwner: ownerId,
      }),
    );
  }
  await noteOwner(ctx, current.name, me.objectId);
  const result = await ctx.services.incidents.assign(incidentNumber, me, me, current);
  const { incident } = result;
  // Said from the incident Sentinel returned, so only the writer whose change stands hears "you".
  const owner = incident.owner;
  const mine = owner?.objectId?.toLowerCase() === meId;
  let banner: string;
  if (!mine) banner = `Someone else took incident ${incident.number} at the same moment: it is assigned to ${owner?.name ?? 'nobody'}.`;
  else if (result.changed) banner = `Incident ${incident.number} is now assigned to you, ${me.name || 'you'}.`;
  else banner = `You already own incident ${incident.number}.`;
  const notify = result.changed && mine ? [incidentCard(incident, `Incident ${incident.number} was taken by ${me.name || 'a responder'} via Teams.`)] : [];
  return cardReply(incidentCard(incident, banner, seenBy(ctx)), notify);
}

function changeReply(ctx: HandlerContext, result: ChangeResult, what: 'Severity' | 'Status', viewer: string): Reply {
  const value = what === 'Severity' ? result.incident.severity : result.incident.status;
  const n = result.incident.number;
  let banner: string;
  if (result.changed) banner = `${what} of incident ${n} is now ${value}.`;
  else banner = `${what} of incident ${n} was already ${value}.`;
  return cardReply(incidentCard(result.incident, banner, { ...seenBy(ctx), viewer }));
}

export async function setSeverity(ctx: HandlerContext, incidentNumber: number, severity: Severity): Promise<Reply> {
  const actor = await ctx.caller.responder();
  await ctx.working();
  return changeReply(ctx, await ctx.services.incidents.setSeverity(incidentNumber, severity, actor), 'Severity', actor.objectId);
}

/** On a closed incident this is a reopen, which is confirmed first (reopenHandlers). */
export async function setStatus(ctx: HandlerContext, incidentNumber: number, status: Exclude<Status, 'Closed'>): Promise<Reply> {
  const actor = await ctx.caller.responder();
  await ctx.working();
  const current = await ctx.services.incidents.resolve(incidentNumber);
  if (current.properties.status === 'Closed') return reopenIncident(ctx, incidentNumber, { status });
  return changeReply(ctx, await ctx.services.incidents.setStatus(incidentNumber, status, actor, current), 'Status', actor.objectId);
}

/** A comment signed with the sender's name. */
export async function commentIncident(ctx: HandlerContext, incidentNumber: number, text: string): Promise<Reply> {
  const actor = await ctx.caller.responder();
  await ctx.working();
  await ctx.services.incidents.comment(incidentNumber, text, actor);
  return textReply('Comment added', `Added your comment to incident ${incidentNumber}.`, 'good');
}
