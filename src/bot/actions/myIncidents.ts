/** Verb `incidents.mine` and the command "my incidents": the sender's open incidents. */
import type { TurnContext } from 'botbuilder';
import { incidentListCard } from '../cards/incidentCards';
import { senderAsPerson } from '../person';
import { showCard, showTyping } from '../replies';
import type { BotServices, VerbHandler } from './verbContext';

export async function myIncidents(turn: TurnContext, services: BotServices, page = 1): Promise<void> {
  const me = senderAsPerson(turn);
  await showTyping(turn);
  const asOf = new Date().toISOString();
  const items = await services.audit.myIncidents(me.objectId);
  await showCard(turn, incidentListCard(items, page, me.name || 'you', asOf));
}

export const handleMyIncidents: VerbHandler = async ({ turn, data, services }) => {
  const page = Number(data.page);
  return myIncidents(turn, services, Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1);
};
