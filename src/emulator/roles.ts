/**
 * Azure role assignments on the workspace, per principal (the token's `oid`). Sentinel's
 * built-in roles: Reader reads incidents, tasks, comments and queries; Responder also
 * writes incidents, tasks and comments; Contributor manages everything. A caller without
 * an assignment may do nothing, as in Azure: ARM answers 403 AuthorizationFailed and Log
 * Analytics InsufficientAccessError, for reads too.
 */
import { EMULATOR_BOT_IDENTITY } from '../azure/credentials';
import { DEMO_USERS, MEGAN } from '../demo/identities';
import { ArmError } from './arm/errors';
import { EMULATOR_CLIENT_OBJECT_ID } from './identity';
import type { Actor } from './model';

export type SentinelRole = 'Reader' | 'Responder' | 'Contributor';
export const SENTINEL_ROLES: readonly SentinelRole[] = ['Reader', 'Responder', 'Contributor'];

/**
 * The demo tenant: its people respond, Megan Bowen may only read, the bot's app identity
 * responds, and the emulator's own test client (tests' default caller) manages everything.
 */
export const DEMO_ROLE_ASSIGNMENTS: Readonly<Record<string, SentinelRole>> = {
  ...Object.fromEntries(DEMO_USERS.map((u): [string, SentinelRole] => [u.objectId, 'Responder'])),
  [MEGAN.objectId]: 'Reader',
  [EMULATOR_BOT_IDENTITY.oid]: 'Responder',
  [EMULATOR_CLIENT_OBJECT_ID]: 'Contributor',
};

export class RoleAssignments {
  private readonly byObjectId = new Map<string, SentinelRole>();

  constructor(initial: Readonly<Record<string, SentinelRole>> = DEMO_ROLE_ASSIGNMENTS) {
    for (const [oid, role] of Object.entries(initial)) this.byObjectId.set(oid.toLowerCase(), role);
  }

  roleOf(objectId: string | undefined): SentinelRole | undefined {
    return objectId ? this.byObjectId.get(objectId.toLowerCase()) : undefined;
  }

  set(objectId: string, role: SentinelRole): void {
    this.byObjectId.set(objectId.toLowerCase(), role);
  }

  remove(objectId: string): void {
    this.byObjectId.delete(objectId.toLowerCase());
  }

  list(): Record<string, SentinelRole> {
    return Object.fromEntries(this.byObjectId);
  }

  /**
   * A call refused as ARM refuses it: 403 AuthorizationFailed naming the client, its object
   * id, the action and the scope. Every role reads; Reader writes nothing; no role, nothing.
   */
  authorize(actor: Actor, method: string, segments: readonly string[], path: string): void {
    const role = this.roleOf(actor.objectId);
    const reads = method === 'GET' || method === 'HEAD' || method === 'POST';
    if (role === 'Responder' || role === 'Contributor' || (role === 'Reader' && reads)) return;
    const action = actionFor(method, segments);
    const client = actor.userPrincipalName ?? actor.objectId ?? actor.name;
    throw new ArmError(
      403,
      'AuthorizationFailed',
      `The client '${client}' with object id '${actor.objectId ?? ''}' does not have authorization to perform action '${action}' ` +
        `over scope '${path}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }
}

/** `Microsoft.SecurityInsights/incidents/tasks/write` for a PUT of a task, and so on. */
function actionFor(method: string, segments: readonly string[]): string {
  const at = segments.findIndex((s) => s.toLowerCase() === 'microsoft.securityinsights');
  const types = segments.slice(at + 1).filter((_, i) => i % 2 === 0);
  const verb = method === 'DELETE' ? 'delete' : method === 'GET' || method === 'HEAD' ? 'read' : method === 'POST' ? 'action' : 'write';
  return ['Microsoft.SecurityInsights', ...types, verb].join('/');
}

export function isSentinelRole(value: unknown): value is SentinelRole {
  return typeof value === 'string' && (SENTINEL_ROLES as readonly string[]).includes(value);
}
