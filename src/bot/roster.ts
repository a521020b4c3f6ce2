/**
 * Who can be picked as an owner where the person is. In a personal chat (and a dialog) Teams
 * lets a bot search the whole organisation, so the picker searches the directory; in a group
 * chat or channel the picker offers the conversation's members only, as Teams' own people
 * picker does there. The roster is read page by page, bounded in pages and time, and kept a
 * minute per conversation, because typeahead asks on each keystroke.
 */
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { nameMatches, type DirectoryPerson, type PeopleDirectory } from '../directory/people';
import { isGuid } from './ids';
import { rosterMember } from './person';

const PAGE_SIZE = 100;
/** A roster beyond this many members is searched in its first part only (Teams pages it in this order every time). */
const MAX_PAGES = 10;
const ROSTER_TIMEOUT_MS = 3000;
const ROSTER_TTL_MS = 60 * 1000;
const ROSTERS_MAX = 500;

function asPerson(m: TeamsChannelAccount): DirectoryPerson | undefined {
  if (!isGuid(m.aadObjectId)) return undefined;
  return { objectId: m.aadObjectId.toLowerCase(), name: m.name || m.userPrincipalName || m.aadObjectId, userPrincipalName: m.userPrincipalName || undefined, email: m.email || undefined };
}

function isPersonal(turn: TurnContext): boolean {
  const c = turn.activity.conversation;
  return (c?.conversationType ?? (c?.isGroup ? 'groupChat' : 'personal')) === 'personal';
}

/** Rosters read lately, per conversation (a team's channels share the team's roster). */
export class ConversationRosters {
  private readonly rosters = new Map<string, { people: Promise<DirectoryPerson[]>; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The people the person can pick from in this conversation. */
  pickable(turn: TurnContext, directory: PeopleDirectory): PeopleDirectory {
    if (isPersonal(turn)) return directory;
    return {
      // One member, asked by object id: exact for rosters of any size.
      get: async (objectId) => {
        if (!isGuid(objectId)) return undefined;
        const member = await rosterMember(turn, objectId);
        const person = member ? asPerson(member) : undefined;
        return person?.objectId === objectId.toLowerCase() ? person : undefined;
      },
      search: async (text, max) => (await this.roster(turn)).filter((p) => nameMatches(text, p)).slice(0, max),
      first: async (max) => (await this.roster(turn)).slice(0, max),
    };
  }

  private roster(turn: TurnContext): Promise<DirectoryPerson[]> {
    const channelData = turn.activity.channelData as { team?: { id?: unknown } } | undefined;
    const key = `${turn.activity.conversation?.tenantId ?? ''}|${typeof channelData?.team?.id === 'string' ? channelData.team.id : (turn.activity.conversation?.id ?? '').split(';')[0]}`;
    const hit = this.rosters.get(key);
    if (hit && hit.until > this.now()) return hit.people;
    const people = readRoster(turn);
    this.rosters.delete(key);
    if (this.rosters.size >= ROSTERS_MAX) this.rosters.delete(this.rosters.keys().next().value as string);
    this.rosters.set(key, { people, until: this.now() + ROSTER_TTL_MS });
    // A failed read is not kept: the next keystroke tries again.
    people.catch(() => this.rosters.delete(key));
    return people;
  }
}

/** A roster call that does not answer in time fails: typeahead must answer while the person types. */
async function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('roster timed out')), Math.max(0, ms));
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

async function readRoster(turn: TurnContext): Promise<DirectoryPerson[]> {
  const deadline = Date.now() + ROSTER_TIMEOUT_MS;
  const people: DirectoryPerson[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES && Date.now() < deadline; page++) {
    const result = await withinTime(TeamsInfo.getPagedMembers(turn, PAGE_SIZE, token), deadline - Date.now());
    for (const m of result.members ?? []) {
      const person = asPerson(m);
      if (person) people.push(person);
    }
    token = result.continuationToken || undefined;
    if (!token) break;
  }
  return people.sort((a, b) => a.name.localeCompare(b.name));
}
