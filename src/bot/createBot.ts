/** Builds the bot and its dialogs from the services it needs. */
import type { TurnContext } from 'botbuilder';
import { ConditionalConversationState } from './conditionalState';
import type { StateStore } from './storage';
import type { IncidentView } from '../incidents/types';
import { incidentCard } from './cards/incidentCards';
import type { BotServices } from './actions/verbContext';
import type { Logger } from '../logging';
import { DialogRunner } from './dialogs/dialogRunner';
import { IncidentBot } from './incidentBot';

export function createBot(options: Omit<BotServices, 'dialogs'> & { storage: StateStore; logger: Logger }): IncidentBot {
  const state = new ConditionalConversationState(options.storage);
  const notify = (turn: TurnContext, incident: IncidentView): Promise<unknown> => options.messenger.notifySoc(turn, incidentCard(incident, `New incident ${incident.number} reported via Teams.`));
  const dialogs = new DialogRunner(state, () => {
    // Loaded with botbuilder-dialogs, off the start-up path (see DialogRunner).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ReportIncidentDialog } = require('./dialogs/reportIncidentDialog') as typeof import('./dialogs/reportIncidentDialog');
    return [new ReportIncidentDialog(options.incidents, options.logger, (turn) => options.access.mayTriage(turn), notify)];
  });
  const { storage: _storage, ...services } = options;
  return new IncidentBot({ ...services, dialogs });
}
