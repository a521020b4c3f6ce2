/** Who is talking to the bot, as Teams tells us. */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { UserError } from '../incidents/errors';
import type { Person } from '../incidents/types';
import { isGuid } from './ids';

const MEMBER_LOOKUP_TIMEOUT_MS = 1500;

export { isGuid };

/**
 * A stable key for the sender even outside Teams (Web Chat has no aadObjectId): used to
 * scope idempotency keys, never as an incident owner.
 */
export function senderKey(context: TurnContext): string {
  const from = context.activity.from;
  return (isGuid(from?.aadObjectId) ? from.aadObjectId : from?.id ?? 'anonymous').toLowerCase();
}

/** The sender as an incident owner; their Entra object id must be a real GUID. */
export function senderAsPerson(context: TurnContext): Person {
  const from = context.activity.from;
  if (!isGuid(from?.aadObjectId)) throw new UserError('INVALID_IDENTITY');
  return { objectId: from.aadObjectId.toLowerCase(), name: (from.name ?? '').trim() };
}

/**
 * Adds the UPN and email from the Teams roster. Best effort: outside Teams, or when the
 * roster call is slow or fails, the owner is still set by object id and name.
 */
export async function withDirectoryDetails(context: TurnContext, person: Person): Promise<Person> {
  if (context.activity.channelId !== 'msteams' || !context.activity.from?.id) return person;
  let timer: NodeJS.Timeout | undefined;
  try {
    const member = await Promise.race([
      TeamsInfo.getMember(context, context.activity.from.id),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), MEMBER_LOOKUP_TIMEOUT_MS);
      }),
    ]);
    if (!member) return person;
    return {
      ...person,
      name: person.name || member.name || '',
      userPrincipalName: member.userPrincipalName || undefined,
      email: member.email || undefined,
    };
  } catch {
    return person;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * Teams itself, as opposed to a Teams-like client (the Agents Playground also says
 * "msteams"): only Teams' own service URLs can render the people picker.
 */
export function isTeamsClient(context: TurnContext): boolean {
  if (context.activity.channelId !== 'msteams') return false;
  try {
    const host = new URL(context.activity.serviceUrl ?? '').hostname;
    return host.endsWith('.trafficmanager.net') || host.endsWith('.teams.microsoft.com') || host.endsWith('.teams.microsoft.us');
  } catch {
    return false;
  }
}
