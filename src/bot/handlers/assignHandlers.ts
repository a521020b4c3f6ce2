/**
 * Handing an incident to someone else: "assign 405211 to @Ada", "... to Ada Lovelace", or a
 * person chosen on a card. The person must be in the directory (so the owner written is a real
 * object id); a name that fits several people is asked about with buttons, and taking the
 * incident from another owner is confirmed first, naming the owner the person saw.
 */
import type { DirectoryPerson } from '../../directory/people';
import { UserError } from '../../incidents/errors';
import { PEOPLE_CHOICES, choosePersonCard, confirmCard } from '../cards/generalCards';
import { incidentCard } from '../cards/incidentCards';
import type { Assignee } from '../command';
import { MAX_ASSIGNEE_NAME } from '../parsing/assignee';
import { cardReply, textReply, type Reply } from '../reply';
import { noteOwner, type HandlerContext } from './context';
import { seenBy } from './incidentHandlers';

const CHOICES = PEOPLE_CHOICES;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Found = { person: DirectoryPerson } | { reply: Reply };

async function findAssignee(ctx: HandlerContext, incidentNumber: number, assignee: Assignee, owner: { id: string; name: string }): Promise<Found> {
  const { people } = ctx.services;
  if ('objectId' in assignee || ('mention' in assignee && assignee.mention.objectId && GUID.test(assignee.mention.objectId))) {
    const id = 'objectId' in assignee ? assignee.objectId : (assignee.mention.objectId ?? '');
    const person = GUID.test(id) ? await people.get(id) : undefined;
    if (person) return { person };
    const who = 'mention' in assignee ? assignee.mention.name || 'That person' : 'That person';
    return { reply: textReply('Not in the directory', `${who} is not in your organisation's directory, so I did not assign incident ${incidentNumber}.`) };
  }
  const name = ('mention' in assignee ? assignee.mention.name : assignee.name).trim();
  if (name.length > MAX_ASSIGNEE_NAME) return { reply: textReply('Who?', `That name is longer than ${MAX_ASSIGNEE_NAME} characters. Mention the person (@name) or type their name.`) };
  const found = name.length >= 2 ? await people.search(name, CHOICES + 1) : [];
  if (found.length === 1 && found[0]) return { person: found[0] };
  if (found.length === 0) {
    return { reply: textReply('Who?', `I don't know anyone called "${name}", so I did not assign incident ${incidentNumber}. Mention them (@name) or use their full name, for example: assign ${incidentNumber} to Ada Lovelace`) };
  }
  const shown = found.slice(0, CHOICES);
  const more = found.length > CHOICES ? ` Only the first ${CHOICES} are shown; type more of the name to narrow it down.` : '';
  return {
    reply: cardReply(
      choosePersonCard({
        heading: `Which "${name}"?`,
        message: `Several people fit "${name}". Who should own incident ${incidentNumber}${owner.id === 'none' ? '' : ` instead of ${owner.name}`}?${more}`,
        incidentNumber,
        expectedOwner: owner.id,
        people: shown.map((p) => ({ objectId: p.objectId, name: p.name, detail: p.userPrincipalName ?? p.email ?? p.objectId })),
      }),
    ),
  };
}

/**
 * The incident card's picker: the id the client sent is checked against who the picker offers
 * here (the directory, or this conversation's members), then handed over as every assignment is,
 * taking over from another owner only after a confirmation.
 */
export async function assignPicked(ctx: HandlerContext, incidentNumber: number, objectId: string): Promise<Reply> {
  await ctx.caller.responder();
  if (!(await ctx.caller.mayTriage())) throw new UserError('NOT_RESPONDER');
  await ctx.working();
  const person = await ctx.pickable.get(objectId);
  if (!person) {
    const where = ctx.conversation?.kind === 'personal' || ctx.conversation === undefined ? "in your organisation's directory" : 'a member of this conversation';
    throw new UserError('INVALID_INPUT', { detail: `The person chosen is not ${where}, so I did not assign incident ${incidentNumber}. Choose someone from the list in "Assign to…".` });
  }
  return assignTo(ctx, incidentNumber, { objectId: person.objectId });
}

export async function assignTo(ctx: HandlerContext, incidentNumber: number, assignee: Assignee, expectedOwner?: string): Promise<Reply> {
  const me = await ctx.caller.responder();
  if (!(await ctx.caller.mayTriage())) throw new UserError('NOT_RESPONDER');
  await ctx.working();
  const current = await ctx.services.incidents.resolve(incidentNumber);
  const owner = current.properties.owner;
  const ownerId = owner?.objectId?.toLowerCase() || 'none';
  const ownerName = owner?.assignedTo || owner?.userPrincipalName || 'nobody';
  const found = await findAssignee(ctx, incidentNumber, assignee, { id: expectedOwner ?? ownerId, name: ownerName });
  if ('reply' in found) return found.reply;
  const target = found.person;
  if (ownerId === target.objectId) {
    return cardReply(incidentCard(await ctx.services.incidents.getIncident(incidentNumber), `Incident ${incidentNumber} is already assigned to ${target.name}.`, seenBy(ctx)));
  }
  const fromSomeoneElse = ownerId !== 'none' && ownerId !== me.objectId.toLowerCase();
  // A press names the owner it was shown; anyone else there now means the question is stale.
  const stale = expectedOwner !== undefined && expectedOwner !== ownerId;
  if (stale || (fromSomeoneElse && expectedOwner !== ownerId)) {
    return cardReply(
      confirmCard({
        heading: stale ? `Incident ${incidentNumber} changed hands` : `Take incident ${incidentNumber} from ${ownerName}?`,
        message: stale
          ? `Since you asked, incident ${incidentNumber} is now ${ownerId === 'none' ? 'unassigned' : `assigned to ${ownerName}`}, so I did not change it. Assign it to ${target.name}?`
          : `Incident ${incidentNumber} is assigned to ${ownerName}. Assign it to ${target.name} instead?`,
        confirmTitle: `Assign to ${target.name}`,
        confirmVerb: 'incident.assignTo',
        keepTitle: ownerId === 'none' ? 'Leave it unassigned' : `Keep ${ownerName}`,
        incidentNumber,
        expectedOwner: ownerId,
        assignee: target.objectId,
      }),
    );
  }
  await noteOwner(ctx, current.name, target.objectId);
  const result = await ctx.services.incidents.assign(incidentNumber, { objectId: target.objectId, name: target.name, userPrincipalName: target.userPrincipalName, email: target.email }, me, current);
  const now = result.incident.owner;
  const banner = now?.objectId?.toLowerCase() === target.objectId
    ? `Incident ${incidentNumber} is now assigned to ${target.name}.`
    : `Someone else changed the owner at the same moment: incident ${incidentNumber} is assigned to ${now?.name ?? 'nobody'}.`;
  const by = me.name || 'a responder';
  const notify = result.changed ? [incidentCard(result.incident, `Incident ${incidentNumber} was assigned to ${target.name} by ${by} via Teams.`)] : [];
  const reply = cardReply(incidentCard(result.incident, banner, seenBy(ctx)), notify);
  // The new owner hears it from the bot, with the incident's buttons; assigning yourself tells no one.
  if (result.changed && now?.objectId?.toLowerCase() === target.objectId && target.objectId !== me.objectId.toLowerCase()) {
    reply.personal = [{ objectId: target.objectId, card: incidentCard(result.incident, `${by} assigned incident ${incidentNumber} to you.`, { viewer: target.objectId }) }];
  }
  return reply;
}
