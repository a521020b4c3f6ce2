/**
 * The welcome: said once, when the bot itself joins a conversation (installed in a personal
 * chat, added to a group chat or a team), never when other people join a team it is in.
 */
import type { Activity } from 'botbuilder';

export function botWasAdded(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return botId !== undefined && (activity.membersAdded ?? []).some((m) => m.id === botId);
}

export function welcomeText(activity: Partial<Activity>): string {
  const group = activity.conversation?.isGroup === true || (activity.conversation?.conversationType ?? 'personal') !== 'personal';
  const how = group ? 'Mention me with @ and type "help" to see what I can do, or "report" to report something suspicious.' : 'Type "help" to see what I can do, or "report" to report something suspicious.';
  return `Hi! I help your SOC handle Microsoft Sentinel incidents. ${how}`;
}
