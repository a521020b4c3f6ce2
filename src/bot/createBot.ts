/** Builds the bot and its dialogs from the services it needs. */
import { PrivateConversationState, type Storage } from 'botbuilder';
import type { IncidentService } from '../incidents/incidentService';
import type { Logger } from '../logging';
import { DialogRunner } from './dialogs/dialogRunner';
import { ReportIncidentDialog } from './dialogs/reportIncidentDialog';
import { IncidentBot } from './incidentBot';

export function createBot(options: { incidents: IncidentService; storage: Storage; logger: Logger }): IncidentBot {
  const state = new PrivateConversationState(options.storage);
  const dialogs = new DialogRunner(state, new ReportIncidentDialog(options.incidents, options.logger));
  return new IncidentBot({ incidents: options.incidents, dialogs, logger: options.logger });
}
