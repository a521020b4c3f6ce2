/** Builds the bot and its dialogs from the services it needs. */
import { ConditionalConversationState } from './conditionalState';
import type { StateStore } from './storage';
import type { BotServices } from './botServices';
import { callerOf } from './caller';
import type { Logger } from '../logging';
import { DialogRunner } from './dialogs/dialogRunner';
import { IncidentBot } from './incidentBot';
import { actingPersonOf, MemberDirectory } from './person';
import { TimeZoneMemory } from './timeZones';
import { ConversationRosters } from './roster';
import type { TurnContext } from 'botbuilder';
import type { IncidentService } from '../incidents/incidentService';
import { personServicesOf, SignInFlow } from './sso/signInFlow';
import { SingleSignOn } from './sso/singleSignOn';

export function createBot(options: Omit<BotServices, 'dialogs' | 'members' | 'timeZones' | 'rosters'> & { storage: StateStore; logger: Logger }): IncidentBot {
  const members = new MemberDirectory();
  const state = new ConditionalConversationState(options.storage);
  const dialogs = new DialogRunner(state, () => {
    // Loaded with botbuilder-dialogs, off the start-up path (see DialogRunner).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ReportIncidentDialog } = require('./dialogs/reportIncidentDialog') as typeof import('./dialogs/reportIncidentDialog');
    const incidentsFor = (turn: TurnContext): IncidentService => {
      const signedIn = personServicesOf(turn);
      if (signedIn) return signedIn.incidents;
      const person = !options.sso && options.actAs && actingPersonOf(turn);
      return person && options.actAs ? options.actAs(person).incidents : options.incidents;
    };
    return [new ReportIncidentDialog(incidentsFor, options.logger, (turn) => callerOf(turn, options.access, members), options.feed)];
  });
  const { storage, ...services } = options;
  const signIn =
    options.sso && options.actAs
      ? new SignInFlow(new SingleSignOn(options.sso.connectionName, storage, options.logger), { actAs: options.actAs, forgetPerson: options.forgetPerson, logger: options.logger })
      : undefined;
  return new IncidentBot({ ...services, dialogs, members, timeZones: new TimeZoneMemory(storage, options.logger), rosters: new ConversationRosters() }, signIn);
}
