/** What every card-verb handler receives. */
import type { TurnContext } from 'botbuilder';
import type { AuditViews } from '../../incidents/auditViews';
import type { IncidentService } from '../../incidents/incidentService';
import type { TaskService } from '../../incidents/taskService';
import type { Logger } from '../../logging';
import type { AccessPolicy } from '../access';
import type { DialogRunner } from '../dialogs/dialogRunner';
import type { Messenger } from '../messenger';

export interface BotServices {
  incidents: IncidentService;
  tasks: TaskService;
  audit: AuditViews;
  dialogs: DialogRunner;
  access: AccessPolicy;
  messenger: Messenger;
  /** How long a card button may take before the person gets a "working on it" card. */
  invokeDeadlineMs: number;
  logger: Logger;
}

export interface VerbContext {
  turn: TurnContext;
  /** The card's data merged with its inputs, as sent by the client: untrusted. */
  data: Record<string, unknown>;
  services: BotServices;
}

/** Shows its answer with showCard/showText; may throw, the router turns errors into safe cards. */
export type VerbHandler = (ctx: VerbContext) => Promise<void>;
