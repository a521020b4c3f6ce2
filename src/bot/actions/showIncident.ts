/** Verb `incident.show` and the command "show N": the incident card, read from Sentinel. */
import type { TurnContext } from 'botbuilder';
import { incidentCard } from '../cards/incidentCards';
import { incidentNumberFrom } from '../cardActions';
import { showCard, showTyping } from '../replies';
import { requireIncidentNumber } from './incidentNumber';
import type { BotServices, VerbHandler } from './verbContext';

export async function showIncident(turn: TurnContext, incidentNumber: number, services: BotServices): Promise<void> {
  await showTyping(turn);
  const incident = await services.incidents.getIncident(incidentNumber);
  await showCard(turn, incidentCard(incident));
}

export const handleShowIncident: VerbHandler = async ({ turn, data, services }) =>
  showIncident(turn, requireIncidentNumber(incidentNumberFrom(data)), services);
