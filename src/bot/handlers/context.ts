/** What every handler receives: the domain services, who is asking, and the open report. */
import type { PeopleDirectory } from '../../directory/people';
import type { AuditViews } from '../../incidents/auditViews';
import type { IncidentService } from '../../incidents/incidentService';
import type { TaskService } from '../../incidents/taskService';
import type { Person } from '../../incidents/types';
import type { Logger } from '../../logging';
import type { FeedStore } from '../../feed/feedStore';
import type { HelpPlace } from '../cards/generalCards';
import type { TimeZone } from '../cards/times';
import type { Reply } from '../reply';

/** What is made with the person's own identity when the bot acts as them. */
export type ActingServices = Pick<HandlerServices, 'incidents' | 'tasks' | 'audit'> & {
  /** Gets the person's tokens now: a SIGN_IN_REQUIRED failure before anything is changed. */
  checkSignIn?: () => Promise<void>;
};

export interface HandlerServices {
  incidents: IncidentService;
  tasks: TaskService;
  audit: AuditViews;
  /** Who an incident can be handed to (the organisation's directory). */
  people: PeopleDirectory;
  logger: Logger;
  /** The channel feed's subscriptions; absent when INCIDENT_FEED is off. */
  feed?: FeedStore;
}

/** The conversation a command came from, for commands about the conversation itself (watch). */
export interface ConversationInfo {
  id: string;
  kind: 'personal' | 'groupChat' | 'channel';
  /** How to reach it later (a Bot Framework conversation reference). */
  address: Record<string, unknown>;
  /** The team, for a channel of one (its channels can be watched by name). */
  teamId?: string;
}

/** The person who sent the command, as the bot layer knows them. */
export interface Caller {
  /** A stable key for the sender, also outside Teams: scopes report submissions. */
  readonly key: string;
  /** The sender as an incident owner; INVALID_IDENTITY without a valid Entra object id. */
  person(): Person;
  /** The sender with directory details, if they may change incidents; NOT_RESPONDER otherwise. */
  responder(): Promise<Person>;
  /** The sender with directory details (UPN, email) where the channel offers them. */
  withDetails(person: Person): Promise<Person>;
  /** Whether the sender may set a report's status, classification and someone else as owner. */
  mayTriage(): Promise<boolean>;
}

/** The report conversation (a dialog in the bot layer), as far as commands need it. */
export interface ReportConversation {
  isOpen(): Promise<boolean>;
  /** Starts a report, replacing an unfinished one. */
  start(title?: string): Promise<Reply>;
  /** Hands this turn to the open report; undefined when no report is open. */
  continue(): Promise<Reply | undefined>;
}

export interface HandlerContext {
  services: HandlerServices;
  /** Personal chat, group chat or channel, for help that fits. */
  place?: HelpPlace;
  caller: Caller;
  /**
   * Who the people picker offers here: the directory in a personal chat, the conversation's
   * members in a group chat or channel (as Teams' own picker does).
   */
  pickable: PeopleDirectory;
  /** Whether the client renders the incident card's people picker (Teams itself). */
  peoplePicker: boolean;
  /** The person's time zone, for every date and time on their cards (UTC when unknown). */
  timeZone: TimeZone;
  report: ReportConversation;
  conversation?: ConversationInfo;
  /**
   * Ends the person's sign-in and drops their tokens; absent when the bot acts as itself.
   * `tokensOnly`: the bot no longer holds a token, but the token service did not confirm the end.
   */
  signOut?: () => Promise<'signedOut' | 'tokensOnly'>;
  /** Shows the person that the bot is working (a typing indicator in a chat); call before waiting on Azure. */
  working(): Promise<void>;
}

/**
 * Before the bot gives an incident an owner (and tells them itself): the channel feed, seeing the
 * change in Sentinel, must not tell them a second time. A failed write only risks that second
 * message, so it does not stop the assignment.
 */
export async function noteOwner(ctx: HandlerContext, incidentName: string, objectId: string): Promise<void> {
  await ctx.services.feed?.noteOwner(incidentName, objectId).catch((err: unknown) => ctx.services.logger.warn({ code: (err as { code?: unknown }).code }, 'could not record the new owner for the feed'));
}
