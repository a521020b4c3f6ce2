/**
 * The welcome: said once, when the bot itself joins a conversation (installed in a personal
 * chat, added to a group chat or a team), never when other people join a team it is in. Added
 * to a team, the bot reads the team's channels (the connector's GET /v3/teams/{id}/conversations)
 * and keeps them, so the welcome in General can say how to watch incidents in one of them and
 * `watch incidents in #soc` can find it.
 */
import { TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import type { TeamChannel } from '../feed/feedStore';
import type { BotServices } from './botServices';

/** Listed in the welcome; a team with more is told to pick one. */
const CHANNELS_NAMED = 10;

export function botWasAdded(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return botId !== undefined && (activity.membersAdded ?? []).some((m) => m.id === botId);
}

export function welcomeText(activity: Partial<Activity>, channels?: readonly TeamChannel[]): string {
  const group = activity.conversation?.isGroup === true || (activity.conversation?.conversationType ?? 'personal') !== 'personal';
  const how = group ? 'Mention me with @ and type "help" to see what I can do, or "report" to report something suspicious.' : 'Type "help" to see what I can do, or "report" to report something suspicious.';
  const hello = `Hi! I help your SOC handle Microsoft Sentinel incidents. ${how}`;
  if (!channels?.length) return hello;
  const names = channels.slice(0, CHANNELS_NAMED).map((c) => c.name);
  const listed = channels.length > CHANNELS_NAMED ? `${names.join(', ')} and ${channels.length - CHANNELS_NAMED} more` : names.join(', ');
  const example = channels.find((c) => c.name !== 'General')?.name ?? 'General';
  return `${hello} To get every new Sentinel incident as a card in a channel of this team (${listed}), mention me there with "watch incidents", or here with "watch incidents in #${example}".`;
}

/**
 * The team's channels when the bot was just added to a team, kept in the feed's store; undefined
 * outside a team, with the feed off, or when Teams cannot list them (the welcome is then said
 * without them).
 */
export async function learnTeamChannels(turn: TurnContext, services: Pick<BotServices, 'feed' | 'logger'>): Promise<TeamChannel[] | undefined> {
  const teamId = (turn.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  if (typeof teamId !== 'string' || !teamId || !services.feed) return undefined;
  try {
    const listed = await TeamsInfo.getTeamChannels(turn, teamId);
    // Teams lists the General channel without a name.
    const channels = listed.filter((c) => typeof c.id === 'string' && c.id).map((c) => ({ id: c.id!, name: c.name || 'General' }));
    await services.feed.saveTeam(teamId, channels);
    return channels;
  } catch (err) {
    services.logger.warn({ code: (err as { code?: unknown }).code, statusCode: (err as { statusCode?: unknown }).statusCode }, "could not read the team's channels");
    return undefined;
  }
}
