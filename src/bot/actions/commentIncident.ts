/** The command "comment N <text>": a comment signed with the sender's name. */
import type { TurnContext } from 'botbuilder';
import { showText, showTyping } from '../replies';
import type { BotServices } from './verbContext';

export async function commentIncident(turn: TurnContext, incidentNumber: number, text: string, services: BotServices): Promise<void> {
  const actor = await services.access.requireResponder(turn);
  await showTyping(turn);
  await services.incidents.comment(incidentNumber, text, actor);
  await showText(turn, 'Comment added', `Added your comment to incident ${incidentNumber}.`, 'good');
}
