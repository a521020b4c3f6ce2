/** Verb `incidents.looseEnds` and the command "loose ends". */
import type { TurnContext } from 'botbuilder';
import { looseEndsCard } from '../cards/incidentCards';
import { showCard, showTyping } from '../replies';
import type { BotServices, VerbHandler } from './verbContext';

export async function looseEnds(turn: TurnContext, services: BotServices): Promise<void> {
  await showTyping(turn);
  await showCard(turn, looseEndsCard(await services.audit.looseEnds()));
}

export const handleLooseEnds: VerbHandler = async ({ turn, services }) => looseEnds(turn, services);
