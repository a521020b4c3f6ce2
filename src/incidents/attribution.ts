/**
 * Sentinel records the bot's identity as the author of every change it makes. So that the
 * audit trail names the real person, each change is followed by an incident comment
 * saying who did it from Teams. A failed attribution never undoes the change: it is logged.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging';
import { LIMITS } from './limits';
import type { IncidentsApi } from './ports';
import { truncate } from './text';
import type { Person } from './types';

export function byLine(actor: Person): string {
  return `via Teams by ${actor.name || actor.userPrincipalName || actor.objectId}`;
}

export const attributionText = {
  reported: (actor: Person): string => `Reported ${byLine(actor)}.`,
  assigned: (owner: Person, actor: Person): string => `Assigned to ${owner.name || owner.objectId} ${byLine(actor)}.`,
  severity: (severity: string, actor: Person): string => `Severity set to ${severity} ${byLine(actor)}.`,
  status: (status: string, actor: Person): string => `Status set to ${status} ${byLine(actor)}.`,
  closed: (classification: string, actor: Person): string => `Closed as ${classification} ${byLine(actor)}.`,
  taskAdded: (title: string, actor: Person): string => `Task added ${byLine(actor)}: ${title}`,
  taskCompleted: (title: string, actor: Person): string => `Task completed ${byLine(actor)}: ${title}`,
};

/** A person's own comment, signed, within Sentinel's comment limit. */
export function signedComment(text: string, actor: Person): string {
  const signature = `\n\n— ${actor.name || actor.objectId}, ${byLine(actor).replace(/ by .*$/, '')}`;
  return `${truncate(text, LIMITS.commentMax - Array.from(signature).length)}${signature}`;
}

export async function attribute(api: IncidentsApi, incidentId: string, message: string, logger: Logger): Promise<boolean> {
  try {
    await api.createComment(incidentId, randomUUID(), message);
    return true;
  } catch (err) {
    logger.warn({ incidentId, code: (err as { code?: unknown }).code }, 'could not add the attribution comment');
    return false;
  }
}
