/**
 * Who may talk to the bot and who may change incidents. Tenants: only the configured ones
 * (any, when none is configured). Changes: responders only, by object id or group
 * membership; with no responders configured, everyone in an allowed tenant is one.
 * Refusals are logged and change nothing.
 */
import type { TurnContext } from 'botbuilder';
import type { AccessConfig } from '../config';
import type { GroupMembership } from '../directory/groupMembership';
import { UserError } from '../incidents/errors';
import type { Person } from '../incidents/types';
import type { Logger } from '../logging';
import { senderAsPerson } from './person';

export class AccessPolicy {
  constructor(
    private readonly config: AccessConfig,
    private readonly logger: Logger,
    private readonly groups?: GroupMembership,
  ) {}

  tenantOf(turn: TurnContext): string | undefined {
    const a = turn.activity;
    const fromChannelData = (a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
    const id = a.conversation?.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined);
    return id?.toLowerCase();
  }

  isTenantAllowed(turn: TurnContext): boolean {
    if (this.config.allowedTenantIds.length === 0) return true;
    const tenant = this.tenantOf(turn);
    const ok = tenant !== undefined && this.config.allowedTenantIds.includes(tenant);
    if (!ok) this.logger.warn({ tenant, activityType: turn.activity.type }, 'refused: tenant not allowed');
    return ok;
  }

  get restrictsChanges(): boolean {
    return this.config.responderObjectIds.length > 0 || this.config.responderGroupIds.length > 0;
  }

  /** Whether the sender may set a report's status, classification and someone else as owner. */
  async mayTriage(turn: TurnContext): Promise<boolean> {
    if (!this.restrictsChanges) return true;
    const objectId = turn.activity.from?.aadObjectId;
    return typeof objectId === 'string' && (await this.isResponder(objectId));
  }

  /** The sender, if they may change incidents; otherwise a NOT_RESPONDER refusal. Directory details: caller.ts. */
  async requireResponder(turn: TurnContext): Promise<Person> {
    const person = senderAsPerson(turn);
    if (this.restrictsChanges && !(await this.isResponder(person.objectId))) {
      this.logger.warn({ objectId: person.objectId, conversationId: turn.activity.conversation?.id }, 'refused: not a responder');
      throw new UserError('NOT_RESPONDER');
    }
    return person;
  }

  private async isResponder(objectId: string): Promise<boolean> {
    if (this.config.responderObjectIds.includes(objectId.toLowerCase())) return true;
    if (this.config.responderGroupIds.length === 0 || !this.groups) return false;
    try {
      return await this.groups.isMemberOfAny(objectId, this.config.responderGroupIds);
    } catch (err) {
      // Fail closed: when membership cannot be checked, the change is refused.
      this.logger.warn({ objectId, code: (err as { code?: unknown }).code }, 'group membership check failed');
      return false;
    }
  }
}
