/** Who is talking to the bot, as Teams tells us. */
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { UserError } from '../incidents/errors';
import type { Person } from '../incidents/types';
import type { ActingPerson } from '../azure/personCredentials';
import { isGuid } from './ids';

const MEMBER_LOOKUP_TIMEOUT_MS = 1500;

/**
 * The sender as someone the bot can act for in Azure: a valid Entra object id and the tenant
 * the activity came from. Undefined otherwise (e.g. Web Chat), and the bot's identity is used.
 */
export function actingPersonOf(context: TurnContext): ActingPerson | undefined {
  const { from, conversation, channelData } = context.activity;
  const tenantId = conversation?.tenantId ?? (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (!isGuid(from?.aadObjectId) || typeof tenantId !== 'string' || !isGuid(tenantId)) return undefined;
  return { tenantId: tenantId.toLowerCase(), objectId: from.aadObjectId.toLowerCase(), name: (from.name ?? '').trim() };
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

const MEMBER_TTL_MS = 10 * 60 * 1000;
/** A roster that did not answer is not asked again at once: each turn would wait for it. */
const MEMBER_FAILURE_TTL_MS = 60 * 1000;
const MAX_MEMBERS = 5000;

type MemberDetails = Pick<Person, 'name' | 'userPrincipalName' | 'email'>;

/**
 * Adds the UPN and email from the Teams roster. Best effort: outside Teams, or when the
 * roster call is slow or fails, the owner is still set by object id and name. A person's
 * details change rarely, and the lookup is a round trip to Teams before every change they
 * make: answers are kept for ten minutes (bounded).
 */
export class MemberDirectory {
  private readonly members = new Map<string, { details?: MemberDetails; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async withDetails(context: TurnContext, person: Person): Promise<Person> {
    const fromId = context.activity.from?.id;
    if (context.activity.channelId !== 'msteams' || !fromId) return person;
    const key = `${context.activity.conversation?.tenantId ?? ''}|${fromId}`;
    const hit = this.members.get(key);
    let details: MemberDetails | undefined;
    if (hit && hit.until > this.now()) {
      details = hit.details;
    } else {
      details = await lookUpMember(context, fromId);
      if (this.members.size >= MAX_MEMBERS) this.members.delete(this.members.keys().next().value as string);
      this.members.set(key, { details, until: this.now() + (details ? MEMBER_TTL_MS : MEMBER_FAILURE_TTL_MS) });
    }
    if (!details) return person;
    return { ...person, name: person.name || details.name || '', userPrincipalName: details.userPrincipalName, email: details.email };
  }
}

/** The roster's answer, once; undefined when slow or failing. */
async function lookUpMember(context: TurnContext, fromId: string): Promise<MemberDetails | undefined> {
  const member = await rosterMember(context, fromId);
  if (!member) return undefined;
  return { name: member.name || '', userPrincipalName: member.userPrincipalName || undefined, email: member.email || undefined };
}

/**
 * One member from the conversation's roster, bounded in time: the roster is an enrichment,
 * so a slow or failing lookup gives undefined and the turn goes on without it.
 */
export async function rosterMember(context: TurnContext, memberId: string): Promise<TeamsChannelAccount | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      TeamsInfo.getMember(context, memberId),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), MEMBER_LOOKUP_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return undefined;
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
