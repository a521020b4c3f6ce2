/** Who is talking to the bot, as Teams tells us. */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { UserError } from '../incidents/errors';
import type { Person } from '../incidents/types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEMBER_LOOKUP_TIMEOUT_MS = 1500;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

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

/** Which people search the report form's Owner field offers. */
export type PeoplePicker = 'none' | 'organisation' | 'conversation';

/** The Data.Query dataset of each kind of people picker. */
export const PEOPLE_DATASETS: Record<Exclude<PeoplePicker, 'none'>, string> = {
  organisation: 'graph.microsoft.com/users',
  conversation: 'graph.microsoft.com/users?scope=currentContext',
};

/**
 * Teams searches the whole directory only in personal chats and dialogs; in group chats and
 * channels its people picker is limited to the conversation's members. Outside Teams
 * itself there is no picker, only the plain choice (me / nobody).
 */
export function peoplePickerFor(context: TurnContext, surface: 'message' | 'dialog'): PeoplePicker {
  if (!isTeamsClient(context)) return 'none';
  if (surface === 'dialog') return 'organisation';
  const conversation = context.activity.conversation;
  const personal = (conversation?.conversationType ?? (conversation?.isGroup ? 'groupChat' : 'personal')) === 'personal';
  return personal ? 'organisation' : 'conversation';
}
