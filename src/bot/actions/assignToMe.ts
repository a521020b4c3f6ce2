/** Verb `incident.assignToMe` and the command "assign N to me". */
import type { TurnContext } from 'botbuilder';
import { incidentCard } from '../cards/incidentCards';
import { incidentNumberFrom } from '../cardActions';
import { showCard, showTyping } from '../replies';
import { requireIncidentNumber } from './incidentNumber';
import type { BotServices, VerbHandler } from './verbContext';

export async function assignToMe(turn: TurnContext, incidentNumber: number, services: BotServices): Promise<void> {
  const me = await services.access.requireResponder(turn);
  await showTyping(turn);
  const { incident, changed } = await services.incidents.assign(incidentNumber, me);
  const banner = changed ? `Incident ${incident.number} is now assigned to you, ${me.name || 'you'}.` : `You already own incident ${incident.number}.`;
  await showCard(turn, incidentCard(incident, banner));
  if (changed) await services.messenger.notifySoc(turn, incidentCard(incident, `Incident ${incident.number} was taken by ${me.name || 'a responder'} via Teams.`));
}

export const handleAssignToMe: VerbHandler = async ({ turn, data, services }) =>
  assignToMe(turn, requireIncidentNumber(incidentNumberFrom(data)), services);
