/** What the bot layer is built from (see createBot). */
import type { Logger } from '../logging';
import type { AccessPolicy } from './access';
import type { DialogRunner } from './dialogs/dialogRunner';
import type { ActingPerson } from '../azure/personCredentials';
import type { ActingServices, HandlerServices } from './handlers/context';
import type { Messenger } from './messenger';
import type { MemberDirectory } from './person';
import type { TimeZoneMemory } from './timeZones';
import type { ConversationRosters } from './roster';

export interface BotServices extends HandlerServices {
  dialogs: DialogRunner;
  access: AccessPolicy;
  /** Teams roster details (UPN, email), kept for a while per person. */
  members: MemberDirectory;
  /** Each person's time zone, as their messages last said. */
  timeZones: TimeZoneMemory;
  /** Conversation members, for the people picker in group chats and channels. */
  rosters: ConversationRosters;
  messenger: Messenger;
  /** How long a card button may take before the person gets a "working on it" card. */
  invokeDeadlineMs: number;
  logger: Logger;
  /**
   * The services that make a person's changes with that person's own token (AZURE_IDENTITY=person);
   * absent: everything runs as the bot's app identity.
   */
  actAs?: (person: ActingPerson, assertion?: string) => ActingServices;
  /** Forgets what was built for a person (their cached tokens): they signed out. */
  forgetPerson?: (person: ActingPerson) => void;
  /**
   * Teams single sign-on (Azure, AZURE_IDENTITY=person): the person's Teams token comes from
   * this OAuth connection, and `actAs` needs it.
   */
  sso?: { connectionName: string };
}
